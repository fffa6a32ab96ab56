"""Fill the README results table from results/metrics.json (`make report`).

Only the text between the two markers changes, so the rest of the README stays
the author's own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from {{ cookiecutter.package_name }}.config import Paths
from {{ cookiecutter.package_name }}.data import DataError

START = "<!-- results:start -->"
END = "<!-- results:end -->"
FIGURES = (
    ("Predicted vs actual", "model_performance.png"),
    ("Residuals", "residuals.png"),
    ("Feature importance", "feature_importance.png"),
    ("Model comparison", "model_comparison.png"),
)


def results_markdown(metrics: dict[str, Any], results_dir: Path) -> str:
    """The results section: one table row per model, the baseline, then the figures."""
    lines = [
        f"Data: `{metrics['data']['path']}` ({metrics['data']['rows']} rows; "
        f"{metrics['train_rows']} train, {metrics['test_rows']} test). "
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
    text = paths.readme.read_text("utf-8")
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise DataError(f"README.md needs exactly one {START} ... {END} pair to hold the results")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    body = results_markdown(metrics, paths.results)
    paths.readme.write_text(f"{head}{START}\n{body}\n{END}{tail}", encoding="utf-8")
    return paths.readme
