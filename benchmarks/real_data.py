"""The tabular kind on the real Kaggle house-price data (../shared/data/house-prices), per tuning budget."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.generation import clean_clone, commands
from benchmarks.timing import run

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "house-prices" / "train.csv"


def measure(budgets: tuple[str, ...] = ("quick", "standard")) -> dict[str, object]:
    """`make all BUDGET=...` on the real train.csv: selected model, CV and hold-out log-RMSE, wall time."""
    if not TRAIN.exists():
        return {"skipped": f"{TRAIN} is not here"}
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        template = clean_clone(folder / "ml-portfolio")
        out = folder / "out"
        out.mkdir()
        run(commands(template, out, "tabular")["cookiecutter"], folder)
        (project,) = out.iterdir()
        shutil.copy(TRAIN, project / "data" / "raw" / "house_prices.csv")
        venv = folder / "venv"
        run([sys.executable, "-m", "venv", venv], folder)
        python = venv / "bin" / "python"
        env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
        run([python, "-m", "pip", "install", "--quiet", "-e", ".[dev]"], project, env)
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
