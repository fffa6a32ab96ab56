"""The README results section of this project: a table per model and the figures (`make report`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from {{ cookiecutter.package_name }} import readme
from {{ cookiecutter.package_name }}.config import Paths
from {{ cookiecutter.package_name }}.data import DataError

FIGURES = (
    ("Predicted vs actual", "model_performance.png"),
    ("What moves the price (Spearman correlations)", "eda_correlations.png"),
    ("Residuals", "residuals.png"),
    ("Feature importance", "feature_importance.png"),
    ("Model comparison", "model_comparison.png"),
)


def results_markdown(metrics: dict[str, Any], results_dir: Path) -> str:
    """The results section: one table row per model, the baseline, then the figures."""
    lines = [
        f"{metrics['train_rows']} rows to train, {metrics['test_rows']} to test. "
        f"Selected by {len(metrics['models'])}-model cross-validation: **{metrics['selected']}**.",
        "",
        "| Model | CV RMSLE | Test RMSE ($) | Test MAE ($) | Test R² | Test RMSLE |",
        "|---|---|---|---|---|---|",
    ]
    ranked = sorted(metrics["models"].items(), key=lambda item: item[1]["cv_rmsle_mean"])
    for name, model in ranked:
        test = model["test"]
        label = f"**{name}** (selected)" if name == metrics["selected"] else name
        lines.append(
            f"| {label} | {model['cv_rmsle_mean']:.4f} ± {model['cv_rmsle_std']:.4f} | {test['rmse']:,.0f} "
            f"| {test['mae']:,.0f} | {test['r2']:.3f} | {test['rmsle']:.4f} |"
        )
    base = metrics["baseline"]
    lines.append(
        f"| mean-price baseline | – | {base['rmse']:,.0f} | {base['mae']:,.0f} "
        f"| {base['r2']:.3f} | {base['rmsle']:.4f} |"
    )
    shown = [(title, name) for title, name in FIGURES if (results_dir / name).exists()]
    if shown:
        lines.append("")
        lines += [f"![{title}](results/{name})" for title, name in shown]
    return "\n".join(lines)


def fill_readme(paths: Paths) -> Path:
    """Replace the README's results section with the latest metrics."""
    if not paths.metrics.exists():
        raise DataError(f"no {paths.metrics.relative_to(paths.root)}: run `make evaluate` first")
    metrics = json.loads(paths.metrics.read_text("utf-8"))
    try:
        return readme.write_results(paths.readme, metrics, results_markdown(metrics, paths.results))
    except readme.MarkerError as error:
        raise DataError(str(error)) from error
