"""The steps behind `make train` and `make evaluate`, and the files they leave.

train:    tune every candidate on the training split, keep the best by CV score
evaluate: score every tuned model once on the held-out test split
Both read the same data file and the same fixed split; evaluate refuses to run
if the data changed since training, so the reported numbers always belong to
the saved model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import joblib
import pandas as pd

from {{ cookiecutter.package_name }} import __version__
from {{ cookiecutter.package_name }}.config import BUDGETS, Paths
from {{ cookiecutter.package_name }}.data import (
    DataError,
    drop_training_outliers,
    load_csv,
    split_features_target,
    train_test,
)
from {{ cookiecutter.package_name }}.download import sha256
from {{ cookiecutter.package_name }}.evaluate import regression_metrics
from {{ cookiecutter.package_name }}.models import candidates, select, tune


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _write_json(path: Path, content: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")


def train(
    paths: Paths,
    budget: str = "quick",
    only: list[str] | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Tune the candidates, save the best as models/model.joblib and all as candidates.joblib."""
    if budget not in BUDGETS:
        raise DataError(f"unknown budget {budget!r}: choose one of {', '.join(BUDGETS)}")
    pool = [c for c in candidates() if only is None or c.name in only]
    if not pool:
        names = ", ".join(c.name for c in candidates())
        raise DataError(f"no candidate model matches {only}: choose among {names}")
    data_path = paths.training_data()
    if data_path == paths.sample_data:
        log(f"using the bundled sample {_relative(data_path, paths.root)} (run `make data` for the real data)")
    frame = load_csv(data_path)
    train_rows, _ = train_test(frame)
    train_rows = drop_training_outliers(train_rows)
    X, y = split_features_target(train_rows)  # noqa: N806

    tuned = []
    for candidate in pool:
        model = tune(candidate, X, y, n_iter=BUDGETS[budget])
        log(f"{model.name:<24} CV RMSLE {model.cv_rmsle_mean:.4f} ± {model.cv_rmsle_std:.4f} ({model.seconds:.1f}s)")
        tuned.append(model)
    best = select(tuned)
    log(f"selected {best.name}")

    data = {"path": _relative(data_path, paths.root), "sha256": sha256(data_path), "rows": len(frame)}
    bundle = {
        "name": best.name,
        "pipeline": best.pipeline,
        "columns": list(X.columns),
        "numeric": [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])],
        "data": data,
        "train_target_mean": float(y.mean()),
        "trained_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "version": __version__,
    }
    paths.model.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(bundle, paths.model)
    joblib.dump({model.name: model.pipeline for model in tuned}, paths.candidates)
    summary = {
        "selected": best.name,
        "budget": budget,
        "data": data,
        "train_rows": len(train_rows),
        "models": {
            model.name: {
                "cv_rmsle_mean": round(model.cv_rmsle_mean, 4),
                "cv_rmsle_std": round(model.cv_rmsle_std, 4),
                "best_params": model.best_params,
                "seconds": round(model.seconds, 2),
            }
            for model in tuned
        },
    }
    _write_json(paths.cv_results, summary)
    return summary


def load_model(path: Path) -> dict[str, Any]:
    """The saved model bundle, with a clear error when training has not run."""
    if not Path(path).exists():
        raise DataError(f"no trained model at {path}: run `make train` first")
    return joblib.load(path)


def test_split(paths: Paths, bundle: dict[str, Any]) -> tuple[pd.DataFrame, pd.Series]:
    """The held-out rows of the very data the model was trained on."""
    data_path = paths.root / bundle["data"]["path"]
    if not data_path.exists() or sha256(data_path) != bundle["data"]["sha256"]:
        raise DataError(f"{bundle['data']['path']} changed or vanished since training: run `make train` again")
    _, test_rows = train_test(load_csv(data_path))
    return split_features_target(test_rows)


def evaluate(paths: Paths) -> dict[str, Any]:
    """Score every tuned model and a mean-price baseline on the test split."""
    bundle = load_model(paths.model)
    pipelines = load_model(paths.candidates)
    summary = json.loads(paths.cv_results.read_text("utf-8"))
    X_test, y_test = test_split(paths, bundle)  # noqa: N806
    predictions = {name: pipeline.predict(X_test) for name, pipeline in pipelines.items()}
    models = {
        name: {**summary["models"][name], "test": regression_metrics(y_test, predicted)}
        for name, predicted in predictions.items()
    }
    baseline = [bundle["train_target_mean"]] * len(y_test)
    metrics = {
        "selected": bundle["name"],
        "selected_metrics": models[bundle["name"]]["test"],
        "baseline": regression_metrics(y_test, baseline),
        "data": bundle["data"],
        "train_rows": summary["train_rows"],
        "test_rows": len(y_test),
        "budget": summary["budget"],
        "models": models,
    }
    _write_json(paths.metrics, metrics)
    table = pd.DataFrame({"actual": y_test, "predicted": predictions[bundle["name"]].round(0)})
    table["residual"] = table["actual"] - table["predicted"]
    paths.predictions.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(paths.predictions, index=False)
    return metrics


def figures(paths: Paths) -> list[Path]:
    """Draw the selected model's figures into results/ (needs `evaluate` first)."""
    from {{ cookiecutter.package_name }} import plots

    if not paths.metrics.exists() or not paths.predictions.exists():
        raise DataError("no test results yet: run `make evaluate` first")
    bundle = load_model(paths.model)
    metrics = json.loads(paths.metrics.read_text("utf-8"))
    table = pd.read_csv(paths.predictions)
    X_test, y_test = test_split(paths, bundle)  # noqa: N806
    written = {
        "model_performance.png": lambda path: plots.predicted_vs_actual(
            table["actual"], table["predicted"], f"{bundle['name']} on the test split", path
        ),
        "residuals.png": lambda path: plots.residuals(table["actual"], table["predicted"], path),
        "feature_importance.png": lambda path: plots.feature_importance(bundle["pipeline"], X_test, y_test, path=path),
        "model_comparison.png": lambda path: plots.model_comparison(metrics["models"], path),
    }
    for name, draw in written.items():
        draw(paths.results / name)
    return [paths.results / name for name in written]
