"""The tabular kind on the real Kaggle house-price data (../shared/data/house-prices), per tuning budget."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from benchmarks.first_result import installed_project
from benchmarks.timing import run

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "house-prices" / "train.csv"


def measure(budgets: tuple[str, ...] = ("quick", "standard")) -> dict[str, object]:
    """`make all BUDGET=...` on the real train.csv: selected model, CV and hold-out log-RMSE, wall time."""
    if not TRAIN.exists():
        return {"skipped": f"{TRAIN} is not here"}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        setup = installed_project(Path(scratch), "tabular")
        project, python, env = setup.project, setup.python, setup.env
        shutil.copy(TRAIN, project / "data" / "raw" / "house_prices.csv")
        for budget in budgets:
            seconds = run(["make", f"PYTHON={python}", "all", f"BUDGET={budget}"], project, env)
            metrics = json.loads((project / "results" / "metrics.json").read_text("utf-8"))
            chosen = metrics["models"][metrics["selected"]]
            rows.append(
                {
                    "budget": budget,
                    "dataset": metrics["dataset"]["name"],
                    "selected": metrics["selected"],
                    "cv_rmsle": chosen["cv_rmsle_mean"],
                    "cv_rmsle_std": chosen["cv_rmsle_std"],
                    "holdout_rmsle": metrics["headline"]["value"],
                    "make_all_s": round(seconds, 1),
                }
            )
    return {"rows": rows}
