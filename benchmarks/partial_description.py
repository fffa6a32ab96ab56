"""How well the tabular API prices a house from a partial description, on real data.

    PYTHONPATH=PROJECT/src python benchmarks/partial_description.py --project PROJECT [--houses 200]

PROJECT is a generated tabular project trained on the real Kaggle data (train.csv as
data/raw/house_prices.csv, then `make all`). The first N houses of its held-out test
split are described by four fields only (GrLivArea, OverallQual, YearBuilt,
Neighborhood) and completed exactly as the API does (features.complete_house with the
typical values saved in the model bundle); the same houses are also priced from their
full rows, and with the left-out fields treated as missing ("none"), the behaviour
before issue 16. Prints median absolute error and mean ratio of predicted to actual
price for each; exits 1 when the partial description misses the targets (median
absolute error <= 20 %, mean ratio in [0.9, 1.1]).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

GIVEN = ("GrLivArea", "OverallQual", "YearBuilt", "Neighborhood")
MAX_MEDIAN_ERROR = 0.20
MEAN_RATIO = (0.9, 1.1)


def summary(predicted: np.ndarray, actual: np.ndarray) -> tuple[float, float]:
    """(median absolute relative error, mean of predicted / actual)."""
    ratio = predicted / actual
    return float(np.median(np.abs(ratio - 1))), float(ratio.mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True)
    parser.add_argument("--houses", type=int, default=200)
    args = parser.parse_args(argv)
    root = args.project.resolve()
    package = next(p.name for p in (root / "src").iterdir() if (p / "__init__.py").exists())
    config = importlib.import_module(f"{package}.config")
    pipeline = importlib.import_module(f"{package}.pipeline")
    features = importlib.import_module(f"{package}.features")
    paths = config.Paths(root)
    bundle = pipeline.load_model(paths.model)
    if bundle["data"].get("synthetic"):
        print("error: the model was trained on the synthetic sample; train it on the real data first", file=sys.stderr)
        return 1
    X_test, y_test = pipeline.test_split(paths, bundle)  # noqa: N806
    X_test, actual = X_test.head(args.houses), y_test.head(args.houses).to_numpy()  # noqa: N806
    columns = bundle["columns"]

    completed = [
        features.complete_house({k: row[k] for k in GIVEN}, bundle["typical"], columns)[0]
        for _, row in X_test.iterrows()
    ]
    as_none = pd.DataFrame([{k: row[k] for k in GIVEN} for _, row in X_test.iterrows()], columns=columns)
    for column in bundle["numeric"]:
        as_none[column] = pd.to_numeric(as_none[column])
    results = {
        "full rows": bundle["pipeline"].predict(X_test[columns]),
        "four fields, rest typical (API now)": bundle["pipeline"].predict(pd.DataFrame(completed, columns=columns)),
        "four fields, rest missing (API before)": bundle["pipeline"].predict(as_none),
    }
    print(f"{len(actual)} houses of the test split of {bundle['data']['name']}, model {bundle['name']}")
    print(f"{'request':<40} {'median abs error':>16} {'mean ratio':>10}")
    for name, predicted in results.items():
        error, ratio = summary(predicted, actual)
        print(f"{name:<40} {error:>15.1%} {ratio:>10.3f}")
    error, ratio = summary(results["four fields, rest typical (API now)"], actual)
    ok = error <= MAX_MEDIAN_ERROR and MEAN_RATIO[0] <= ratio <= MEAN_RATIO[1]
    target = f"median abs error <= {MAX_MEDIAN_ERROR:.0%}, mean ratio in {MEAN_RATIO}"
    print(f"target {'met' if ok else 'missed'} ({target})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
