"""The README results section of this project: the headline, per-class accuracy and the figures (`make report`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from {{ cookiecutter.package_name }} import readme
from {{ cookiecutter.package_name }}.config import Paths
from {{ cookiecutter.package_name }}.data import DataError

FIGURES = (
    ("Per-class accuracy and confusion matrix", "model_performance.png"),
    ("Training curves", "training_curves.png"),
    ("First-layer filters", "filters.png"),
    ("Grad-CAM attention maps", "gradcam.png"),
    ("Most confident mistakes", "misclassified.png"),
    ("Architecture comparison", "comparison.png"),
)


def comparison_table(summary: dict[str, Any]) -> str:
    """The comparison as a Markdown table."""
    lines = [
        f"{summary['dataset']}, on {summary['device']}:",
        "",
        "| Model | Width | Parameters | Epochs | Test accuracy | Training time (s) | Images/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in summary["rows"]:
        lines.append(
            f"| {row['model']} | {row['width']} | {row['parameters']:,} | {row['epochs']} | {row['test_accuracy']:.1%} "
            f"| {row['train_seconds']:.1f} | {row['images_per_second']:,.0f} |"
        )
    return "\n".join(lines)


def results_markdown(metrics: dict[str, Any], results_dir: Path) -> str:
    """The results section: one row per model, per-class accuracy, the comparison if run, the figures."""
    data = metrics["dataset"]
    lines = [
        f"{data['train_rows']:,} images to train, {data['test_rows']:,} to test; recipe `{metrics['recipe']}` "
        f"on {metrics['device']}. Selected model: **{metrics['selected']}**.",
        "",
        "| Model | Parameters | Epochs | Test accuracy |",
        "|---|---|---|---|",
    ]
    for name, model in metrics["models"].items():
        lines.append(f"| {name} | {model['parameters']:,} | {model['epochs']} | {model['test_accuracy']:.1%} |")
    per_class = metrics["test"]["per_class_accuracy"]
    lines += ["", "| " + " | ".join(per_class) + " |", "|" + "---|" * len(per_class)]
    lines.append("| " + " | ".join(f"{value:.0%}" for value in per_class.values()) + " |")
    comparison = results_dir / "comparison.json"
    if comparison.exists():
        summary = json.loads(comparison.read_text("utf-8"))
        lines += ["", "Architectures under one budget (`make compare`), " + comparison_table(summary)]
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
