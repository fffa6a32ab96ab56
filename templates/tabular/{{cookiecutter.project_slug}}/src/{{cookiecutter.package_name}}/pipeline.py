"""The steps behind `make train` and `make evaluate`, and the files they leave.

train:    tune every candidate on the training split, average the best ones, keep the best by CV score
evaluate: score every tuned model once on the held-out test split
Both read the same data file and the same fixed split; evaluate refuses to run
if the data changed since training, so the reported numbers always belong to
the saved model. Nothing the clock gives reaches the tracked results: a rerun
rewrites them byte for byte, and the wall times go to results/timings.json.
"""

from __future__ import annotations

import json
import pickle
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from {{ cookiecutter.package_name }} import __version__
from {{ cookiecutter.package_name }}.atomic import atomic_path, read_json_object, update_json, write_json
from {{ cookiecutter.package_name }}.config import BUDGETS, ID_COLUMN, Paths
from {{ cookiecutter.package_name }}.data import (
    DataError,
    drop_training_outliers,
    load_csv,
    split_features_target,
    train_test,
)
from {{ cookiecutter.package_name }}.download import sha256
from {{ cookiecutter.package_name }}.evaluate import regression_metrics
from {{ cookiecutter.package_name }}.features import typical_house
from {{ cookiecutter.package_name }}.models import BLEND, blend, candidates, select, tune

SCHEMA_VERSION = 1
SAMPLE_NAME = "synthetic sample (bundled, not real sales)"
SOURCE_NAMES = {"openml": "OpenML 42165", "kaggle": "Kaggle train.csv", "url": "a CSV download"}
# Files recognised by their SHA-256 when no provenance record came with them.
KNOWN_FILES = {
    "1e18addf81e5e4d347cc17ee6075bbe4a42b7fa26b9e5b063e8f692a5f929d41": "Ames house prices (Kaggle train.csv)",
}


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def describe_dataset(paths: Paths, data_path: Path, rows: int) -> dict[str, Any]:
    """Name, location, size and checksum of the data, and whether it is the synthetic sample."""
    synthetic = data_path.resolve() == paths.sample_data.resolve()
    digest = sha256(data_path)
    if synthetic:
        name = SAMPLE_NAME
    elif data_path.resolve() == paths.raw_data.resolve() and paths.raw_provenance.exists():
        source = json.loads(paths.raw_provenance.read_text("utf-8")).get("source", "")
        name = f"Ames house prices ({SOURCE_NAMES.get(source, source)})"
    else:
        name = KNOWN_FILES.get(digest, f"{data_path.name} (source not recorded)")
    path = _relative(data_path, paths.root)
    return {"name": name, "path": path, "synthetic": synthetic, "rows": rows, "sha256": digest}


def train(
    paths: Paths,
    budget: str = "quick",
    only: list[str] | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Tune the candidates and their average, save the best by CV as models/model.pkl, all as candidates."""
    started = time.perf_counter()
    if budget not in BUDGETS:
        raise DataError(f"unknown budget {budget!r}: choose one of {', '.join(BUDGETS)}")
    known = [c.name for c in candidates()]
    unknown = sorted(set(only or []) - {*known, BLEND})
    named = set(only or []) - {BLEND}
    pool = [c for c in candidates() if not named or c.name in named]
    if unknown or not pool:
        raise DataError(f"no candidate model matches {unknown or only}: choose among {', '.join([*known, BLEND])}")
    data_path = paths.training_data()
    if data_path == paths.sample_data:
        log(f"using the bundled synthetic sample {_relative(data_path, paths.root)} (run `make data` for real data)")
    frame = load_csv(data_path)
    train_rows, test_rows = train_test(frame)
    train_rows = drop_training_outliers(train_rows)
    X, y = split_features_target(train_rows)  # noqa: N806

    tuned = tune(pool, X, y, n_iter=BUDGETS[budget])
    for model in tuned:
        score = f"CV RMSLE {model.cv_rmsle_mean:.4f} ± {model.cv_rmsle_std:.4f}"
        log(f"{model.name:<24} {score} ({model.seconds:.1f}s of fitting)")
    if len(tuned) > 1 and (only is None or BLEND in only):
        average = blend(tuned, y)
        members = " + ".join(average.best_params["members"])
        log(f"{average.name:<24} CV RMSLE {average.cv_rmsle_mean:.4f} ± {average.cv_rmsle_std:.4f} ({members})")
        tuned.append(average)
    best = select(tuned)
    log(f"selected {best.name}")

    dataset = describe_dataset(paths, data_path, len(frame))
    bundle = {
        "name": best.name,
        "pipeline": best.pipeline,
        "columns": list(X.columns),
        "numeric": [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])],
        "typical": typical_house(X),
        "data": dataset,
        "train_ids": _ids(train_rows),
        "test_ids": _ids(test_rows),
        "train_target_mean": float(y.mean()),
        "trained_at": datetime.now().astimezone().isoformat(timespec="seconds"),  # models/ is not tracked
        "version": __version__,
    }
    save_model(bundle, paths.model)
    save_model({model.name: model.pipeline for model in tuned}, paths.candidates)
    summary = {
        "selected": best.name,
        "budget": budget,
        "dataset": dataset,
        "train_rows": len(train_rows),
        "models": {
            model.name: {
                "cv_rmsle_mean": round(model.cv_rmsle_mean, 4),
                "cv_rmsle_std": round(model.cv_rmsle_std, 4),
                "best_params": model.best_params,
            }
            for model in tuned
        },
    }
    write_json(paths.cv_results, summary)
    fitting = {model.name: round(model.seconds, 1) for model in tuned}
    write_json(paths.timings, {"seconds": round(time.perf_counter() - started, 1), "fitting_seconds": fitting})
    return summary


def _ids(rows: pd.DataFrame) -> list[int]:
    """The identifiers of ``rows`` (their position when the table has no Id column)."""
    return [int(i) for i in rows[ID_COLUMN]] if ID_COLUMN in rows.columns else []


# Models are pickled, not saved with joblib: the boosted trees hold hundreds of
# small arrays, and joblib's per-array framing made each save or load of the real
# data's models take 0.6 s instead of 0.1 s, paid by every step and the API.
def save_model(model: dict[str, Any], path: Path) -> None:
    """Write ``model`` to ``path`` whole or not at all."""
    with atomic_path(path) as partial, partial.open("wb") as file:
        pickle.dump(model, file, protocol=pickle.HIGHEST_PROTOCOL)


def load_model(path: Path) -> dict[str, Any]:
    """The saved model bundle, with a clear error when training has not run."""
    if not Path(path).exists():
        raise DataError(f"no trained model at {path}: run `make train` first")
    with Path(path).open("rb") as file:
        return pickle.load(file)


def held_out_rows(paths: Paths, bundle: dict[str, Any]) -> pd.DataFrame:
    """The test rows (ids, features, prices) of the very data the model was trained on."""
    data_path = paths.root / bundle["data"]["path"]
    if not data_path.exists() or sha256(data_path) != bundle["data"]["sha256"]:
        raise DataError(f"{bundle['data']['path']} changed or vanished since training: run `make train` again")
    _, test_rows = train_test(load_csv(data_path))
    return test_rows


def test_split(paths: Paths, bundle: dict[str, Any]) -> tuple[pd.DataFrame, pd.Series]:
    """The held-out features and prices, as the models see them."""
    return split_features_target(held_out_rows(paths, bundle))


def evaluate(paths: Paths) -> dict[str, Any]:
    """Score every tuned model and a mean-price baseline on the test split."""
    started = time.perf_counter()
    bundle = load_model(paths.model)
    pipelines = load_model(paths.candidates)
    summary = json.loads(paths.cv_results.read_text("utf-8"))
    rows = held_out_rows(paths, bundle)
    X_test, y_test = split_features_target(rows)  # noqa: N806
    predictions = {name: pipeline.predict(X_test) for name, pipeline in pipelines.items()}
    models = {
        name: {**summary["models"][name], "test": regression_metrics(y_test, predicted)}
        for name, predicted in predictions.items()
    }
    chosen = models[bundle["name"]]["test"]
    label = "Test RMSLE" + (" (synthetic sample)" if bundle["data"]["synthetic"] else "")
    metrics = {
        "schema_version": SCHEMA_VERSION,
        "kind": "tabular",
        "dataset": bundle["data"],
        "models": models,
        "selected": bundle["name"],
        "headline": {"name": "rmsle", "label": label, "value": chosen["rmsle"], "direction": "lower", "split": "test"},
        "selected_metrics": chosen,
        "baseline": regression_metrics(y_test, [bundle["train_target_mean"]] * len(y_test)),
        "train_rows": summary["train_rows"],
        "test_rows": len(y_test),
        "budget": summary["budget"],
    }
    write_json(paths.metrics, metrics)
    evaluate_seconds = round(time.perf_counter() - started, 1)
    total = round(read_json_object(paths.timings).get("seconds", 0.0) + evaluate_seconds, 1)
    update_json(paths.timings, {"seconds": total, "evaluate_seconds": evaluate_seconds})
    table = pd.DataFrame(
        {
            ID_COLUMN: _ids(rows) or range(len(rows)),
            "actual": y_test,
            "predicted": predictions[bundle["name"]].round(2),
        }
    )
    table["residual"] = table["actual"] - table["predicted"]
    with atomic_path(paths.predictions) as partial:
        table.to_csv(partial, index=False)
    return metrics


def figures(paths: Paths) -> list[Path]:
    """Draw the selected model's figures and the EDA figures into results/ (needs `evaluate` first)."""
    from {{ cookiecutter.package_name }} import eda, plots

    if not paths.metrics.exists() or not paths.predictions.exists():
        raise DataError("no test results yet: run `make evaluate` first")
    bundle = load_model(paths.model)
    metrics = json.loads(paths.metrics.read_text("utf-8"))
    table = pd.read_csv(paths.predictions)
    X_test, y_test = test_split(paths, bundle)  # noqa: N806
    source = "synthetic sample" if bundle["data"]["synthetic"] else bundle["data"]["name"]
    frame = load_csv(paths.root / bundle["data"]["path"])
    actual, predicted = table["actual"], table["predicted"]
    written = {
        "model_performance.png": lambda path: plots.predicted_vs_actual(
            actual, predicted, f"{bundle['name']} on the test split", path, source
        ),
        "residuals.png": lambda path: plots.residuals(actual, predicted, path, source),
        "feature_importance.png": lambda path: plots.feature_importance(
            bundle["pipeline"], X_test, y_test, path=path, source=source
        ),
        "model_comparison.png": lambda path: plots.model_comparison(metrics["models"], path, source),
        # The EDA notebook's figures too, so the README can show them without running it.
        "eda_target.png": lambda path: eda.plot_target(frame, path, source),
        "eda_missing.png": lambda path: eda.plot_missing(frame, path, source),
        "eda_correlations.png": lambda path: eda.plot_correlations(frame, path=path, source=source),
        "eda_outliers.png": lambda path: eda.plot_outliers(frame, path=path, source=source),
    }
    for name, draw in written.items():
        draw(paths.results / name)
    return [paths.results / name for name in written]
