"""The README results section, written from results/metrics.json through the shared readme.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from {{ cookiecutter.package_name }}.config import Paths
from {{ cookiecutter.package_name }}.readme import write_results


def results_body(metrics: dict[str, Any]) -> str:
    """The CV table (every model and ensemble, the constant baseline) and the headline figure; no timings,
    which change on every run (they are in results/timings.json), so a rerun rewrites it byte for byte."""
    metric = metrics["metric"]
    lines = [
        f"CV {metric['name']} ({metric['direction']} is better; scikit-learn scorer `{metric['sklearn_scorer']}`),"
        f" {metrics['headline']['split']} on the fixed folds in `{metrics['folds']['file']}`:",
        "",
        f"| model | CV {metric['name']} | ± std over folds |",
        "|---|---:|---:|",
    ]
    for name, scores in metrics["models"].items():
        label = f"**{name}** (selected)" if name == metrics["selected"] else name
        lines.append(f"| {label} | {scores['cv_mean']:.4f} | {scores['cv_std']:.4f} |")
    lines.append(f"| constant prediction | {metrics['baseline']['cv_mean']:.4f} | |")
    verdict = (
        f"The {metrics['selected']} ensemble beats the best single model ({metrics['best_single']})."
        if metrics["ensemble_beats_best_single"]
        else f"No ensemble beats the best single model ({metrics['best_single']})."
    )
    logged = " Every distinct experiment is logged in `results/experiments.csv` (run times: `results/timings.json`)."
    lines += ["", verdict + logged, ""]
    lines.append("![CV score by model](results/model_performance.png)")
    return "\n".join(lines)


def fill_readme(paths: Paths) -> Path:
    metrics = json.loads(paths.metrics.read_text("utf-8"))
    return write_results(paths.readme, metrics, results_body(metrics))
