"""The steps behind `make folds`, `make train`{% if cookiecutter.data_source == "kaggle" %}, `make submission`, `make submit`, `make leaderboard`{% endif %} and `make report`.

Each step reads what the previous one wrote (folds, predictions, metrics.json,
models/model.joblib), so any of them can be rerun alone.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd

from {{ cookiecutter.package_name }} import data, experiments, models, plots
from {{ cookiecutter.package_name }}.atomic import atomic_path, update_json, write_json
from {{ cookiecutter.package_name }}.config import ID, N_FOLDS, TARGET, TASK, DataError, Paths
from {{ cookiecutter.package_name }}.ensemble import blend, stack
from {{ cookiecutter.package_name }}.folds import ensure_folds, read_folds, write_folds
from {{ cookiecutter.package_name }}.metrics import best, get_metric
from {{ cookiecutter.package_name }}.report import fill_readme
{%- if cookiecutter.data_source == "kaggle" %}
from {{ cookiecutter.package_name }}.submission import (
    as_submitted,
    make_submission,
    validate_submission,
)
{%- endif %}
from {{ cookiecutter.package_name }}.training import (
    TargetCoder,
    constant_baseline,
    cross_fit,
    save_predictions,
)

SCHEMA_VERSION = 1


def make_folds(paths: Paths, scheme: str = "auto", column: str | None = None, force: bool = False) -> Path:
    """Write data/processed/folds.csv, unless it exists and still fits the data (then keep it)."""
    competition = data.load(paths)
    if paths.folds.exists() and not force:
        read_folds(paths, competition.train)  # raises if it was made for other data
        return paths.folds
    write_folds(paths, competition.train, scheme, column)
    return paths.folds


def train(
    paths: Paths, names: list[str] | None = None, feature_set: str = "full", log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Cross-validate every candidate and the ensembles; save predictions, the model, the log and metrics.json
    (nothing in them depends on the clock), and the timings apart, in results/timings.json."""
    started = time.perf_counter()
    competition = data.load(paths)
    metric = get_metric()
    folds = ensure_folds(paths, competition.train)
    frame, y = competition.train[competition.features], competition.train[TARGET]
    test = None if competition.test is None else competition.test[competition.features]
    if metric.name == "rmsle" and (y < 0).any():
        raise DataError(f"rmsle needs a non-negative {TARGET!r}: choose rmse or mae in config.py")
    coder = TargetCoder.fit(y, TASK, metric)
    results = []
    for name in models.choose(names):
        make = partial(models.make, name, TASK)
        cache = paths.processed / "features"
        results.append(cross_fit(name, make, frame, y, folds, coder, metric, test, feature_set, cache))
        log(f"{name:>9}: {metric.name} {results[-1].cv_mean:.4f} ± {results[-1].cv_std:.4f}")
    if len(results) >= 2:
        for combine in (blend, stack):
            results.append(combine(results[: len(results) - (combine is stack)], y, folds, coder, metric))
            log(f"{results[-1].name:>9}: {metric.name} {results[-1].cv_mean:.4f} ± {results[-1].cv_std:.4f}")
    baseline = constant_baseline(y, folds, coder, metric)
    by_name = {result.name: result for result in results}
    selected = best({name: result.cv_mean for name, result in by_name.items()}, metric)
    singles = {name: r.cv_mean for name, r in by_name.items() if name not in ("blend", "stack")}
    best_single = best(singles, metric)

    test_ids = None if competition.test is None else competition.test[ID]
    for result in results:
        save_predictions(result, competition.train[ID], folds, test_ids, paths.predictions)
    numeric = list(frame.select_dtypes("number").columns)
    bundle = {"name": selected, "task": TASK, "columns": competition.features, "numeric": numeric}
    with atomic_path(paths.model) as temporary:
        joblib.dump({**bundle, "predictor": by_name[selected].predictor, "coder": coder}, temporary)

    commit = experiments.git_commit(paths.root)
    rows = [
        experiments.as_row(
            {
                "git_commit": commit,
                "dataset": competition.name,
                "model": result.name,
                "feature_set": result.feature_set,
                "metric": metric.name,
                "cv_mean": round(result.cv_mean, 6),
                "cv_std": round(result.cv_std, 6),
                "fold_scores": ";".join(f"{value:.6f}" for value in result.fold_scores),
                "params": result.params,
            }
        )
        for result in results
    ]
    experiments.append(paths.experiments, rows)
    metrics = {
        "schema_version": SCHEMA_VERSION,
        "kind": "kaggle",
        "dataset": {
            "name": competition.name,
            "path": competition.folder.relative_to(paths.root).as_posix(),
            "synthetic": competition.synthetic,
            "rows": len(competition.train),
        },
        "task": TASK,
        "classes": None if coder.classes is None else coder.classes.tolist(),
        "metric": {"name": metric.name, "direction": metric.direction, "sklearn_scorer": metric.sklearn_scorer},
        "folds": {"n": N_FOLDS, "file": paths.folds.relative_to(paths.root).as_posix()},
        "feature_set": feature_set,
        "models": {
            name: {
                "cv_mean": result.cv_mean,
                "cv_std": result.cv_std,
                "fold_scores": result.fold_scores,
            }
            for name, result in by_name.items()
        },
        "baseline": {"name": "constant", "cv_mean": float(np.mean(baseline)), "fold_scores": baseline},
        "selected": selected,
        "best_single": best_single,
        "ensemble_beats_best_single": selected in ("blend", "stack"),
        "experiment": next(row["experiment"] for row in rows if row["model"] == selected),
        "headline": {
            "name": metric.name,
            "value": by_name[selected].cv_mean,
            "direction": metric.direction,
            "split": f"{N_FOLDS}-fold out-of-fold CV",
        },
    }
    write_metrics(paths, metrics)
    write_timings(paths, time.perf_counter() - started, {result.name: result.seconds for result in results})
    return metrics


def write_metrics(paths: Paths, metrics: dict[str, Any]) -> Path:
    return write_json(paths.metrics, metrics)


def write_timings(paths: Paths, seconds: float, models: dict[str, float] | None = None) -> dict[str, Any]:
    """results/timings.json, which git ignores: the clock readings kept out of every tracked result.

    ``seconds`` is the wall time of the run and ``models`` each candidate's cross-validation seconds
    (None: keep those of the last training, for `all` rewriting the wall time once it is done).
    """
    timings: dict[str, Any] = {"seconds": round(seconds, 3), "finished": time.strftime("%Y-%m-%dT%H:%M:%S")}
    if models is not None:
        timings["models"] = {name: round(value, 3) for name, value in models.items()}
    return update_json(paths.timings, timings)


def read_metrics(paths: Paths) -> dict[str, Any]:
    if not paths.metrics.exists():
        raise DataError(f"{paths.metrics} not found: run `make train` (or `make all`) first")
    try:
        return json.loads(paths.metrics.read_text("utf-8"))
    except ValueError as error:
        raise DataError(f"{paths.metrics} is not valid JSON ({error}): run `make train` again") from error


def load_bundle(paths: Paths) -> dict[str, Any]:
    if not paths.model.exists():
        raise DataError(f"{paths.model} not found: run `make train` (or `make all`) first")
    return joblib.load(paths.model)


def oof_of(paths: Paths, name: str) -> pd.DataFrame:
    """The saved out-of-fold predictions of one model (id, fold, p0...)."""
    return pd.read_csv(paths.predictions / f"{name}_oof.csv")
{%- if cookiecutter.data_source == "kaggle" %}


def submission(paths: Paths) -> Path:
    """results/submission.csv from the selected model's test predictions, validated against the sample."""
    metrics, bundle = read_metrics(paths), load_bundle(paths)
    competition = data.load(paths)
    predicted = pd.read_csv(paths.predictions / f"{metrics['selected']}_test.csv")
    coder = bundle["coder"]
    values = as_submitted(coder.decode(predicted.filter(regex=r"^p\d+$").to_numpy()), coder.classes, get_metric())
    made = make_submission(competition.sample_submission, predicted["id"], values)
    probabilities = coder.classes is not None and len(coder.classes) == 2 and not get_metric().needs_labels
    validate_submission(made, competition.sample_submission, probabilities)
    with atomic_path(paths.submission) as temporary:
        made.to_csv(temporary, index=False)
    return paths.submission


def submit(paths: Paths, note: str = "") -> str:
    """Upload results/submission.csv; the message names the experiment and its CV score."""
    from {{ cookiecutter.package_name }} import kaggle_cli

    metrics = read_metrics(paths)
    if metrics["dataset"]["synthetic"]:
        raise DataError("the submission was made from the synthetic sample: run `make data`, then `make all`")
    headline = metrics["headline"]
    message = f"{metrics['experiment']} cv {headline['name']}={headline['value']:.5f} {note}".strip()
    return kaggle_cli.submit(paths.submission, message)


def leaderboard(paths: Paths) -> int:
    """Copy the public scores of your submissions into results/experiments.csv; return how many."""
    from {{ cookiecutter.package_name }} import kaggle_cli

    recorded = 0
    for row in kaggle_cli.submissions():
        experiment = (row.get("description") or "").split(" ")[0]
        public = row.get("publicScore") or ""
        try:
            experiments.record_public_score(paths.experiments, experiment, float(public))
        except (KeyError, ValueError):
            continue  # not one of this project's experiments, or not scored yet
        recorded += 1
    if recorded:
        plots.cv_vs_leaderboard(experiments.read(paths.experiments), paths.results / "cv_vs_leaderboard.png")
    return recorded
{%- endif %}


def figures(paths: Paths) -> list[Path]:
    """The headline figure and the out-of-fold diagnostics of the selected model."""
    metrics = read_metrics(paths)
    competition = data.load(paths)
    oof = oof_of(paths, metrics["selected"])
    rows = oof["fold"].to_numpy() >= 0
    coder = load_bundle(paths)["coder"]
    predicted = coder.decode(oof.filter(regex=r"^p\d+$").to_numpy()[rows])
    y = competition.train[TARGET].to_numpy()[rows]
    synthetic = metrics["dataset"]["synthetic"]
    return [
        plots.model_performance(metrics, paths.results / "model_performance.png"),
        plots.oof_diagnostics(y, predicted, coder.classes, synthetic, paths.results / "oof_diagnostics.png"),
    ]


def report(paths: Paths) -> list[Path]:
    """Figures and the README results section."""
    return [*figures(paths), fill_readme(paths)]
