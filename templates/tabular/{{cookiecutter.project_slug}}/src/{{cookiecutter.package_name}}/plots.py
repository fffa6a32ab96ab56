"""Figures of the trained model, written to results/ (`make figures`).

Each function builds a matplotlib Figure without pyplot, so it works in scripts,
tests and servers without a display, and returns it for notebooks to show.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
from sklearn.inspection import permutation_importance

from {{ cookiecutter.package_name }}.config import RANDOM_STATE
from {{ cookiecutter.package_name }}.models import RMSLE_SCORER

THOUSANDS = FuncFormatter(lambda value, _: f"${value / 1000:,.0f}k")


def save_figure(figure: Figure, path: Path | None) -> Figure:
    """Write the figure to ``path`` (when given) and return it for notebooks to display."""
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path, dpi=120, bbox_inches="tight")
    return figure


def predicted_vs_actual(actual: pd.Series, predicted: pd.Series, title: str, path: Path | None = None) -> Figure:
    """Points on the diagonal are perfect predictions; the spread is the error."""
    figure = Figure(figsize=(6, 6))
    axes = figure.subplots()
    axes.scatter(actual, predicted, s=14, alpha=0.6)
    low, high = float(min(actual.min(), predicted.min())), float(max(actual.max(), predicted.max()))
    axes.plot([low, high], [low, high], color="black", linewidth=1, label="perfect prediction")
    axes.set(xlabel="actual sale price", ylabel="predicted sale price", title=title)
    axes.xaxis.set_major_formatter(THOUSANDS)
    axes.yaxis.set_major_formatter(THOUSANDS)
    axes.legend(loc="upper left")
    return save_figure(figure, path)


def residuals(actual: pd.Series, predicted: pd.Series, path: Path | None = None) -> Figure:
    """Residuals against the prediction (look for funnels and curves) and their spread."""
    errors = actual - predicted
    figure = Figure(figsize=(11, 4.5))
    left, right = figure.subplots(1, 2)
    left.scatter(predicted, errors, s=14, alpha=0.6)
    left.axhline(0, color="black", linewidth=1)
    left.set(xlabel="predicted sale price", ylabel="actual − predicted", title="Residuals")
    left.xaxis.set_major_formatter(THOUSANDS)
    left.yaxis.set_major_formatter(THOUSANDS)
    right.hist(errors, bins=30)
    right.set(xlabel="actual − predicted", ylabel="houses", title="Residual distribution")
    right.xaxis.set_major_formatter(THOUSANDS)
    return save_figure(figure, path)


def feature_importance(
    pipeline: Any,
    features: pd.DataFrame,
    target: pd.Series,
    top: int = 15,
    path: Path | None = None,
) -> Figure:
    """Permutation importance on held-out rows: how much RMSLE worsens when a column is shuffled.

    It works for every model type and measures the original columns, which is
    what a reader of the data understands.
    """
    result = permutation_importance(
        pipeline, features, target, scoring=RMSLE_SCORER, n_repeats=3, random_state=RANDOM_STATE, n_jobs=1
    )
    order = np.argsort(result.importances_mean)[::-1][:top][::-1]
    figure = Figure(figsize=(7, 0.35 * len(order) + 1.5))
    axes = figure.subplots()
    axes.barh(np.asarray(features.columns)[order], result.importances_mean[order], xerr=result.importances_std[order])
    axes.set(xlabel="increase in RMSLE when shuffled", title="Permutation importance (test split)")
    return save_figure(figure, path)


def model_comparison(models: dict[str, dict[str, Any]], path: Path | None = None) -> Figure:
    """Cross-validated RMSLE of each tuned model (error bars: ± one fold std), with test RMSLE."""
    names = sorted(models, key=lambda name: models[name]["cv_rmsle_mean"])
    positions = np.arange(len(names))
    figure = Figure(figsize=(7, 4))
    axes = figure.subplots()
    axes.bar(
        positions - 0.2,
        [models[n]["cv_rmsle_mean"] for n in names],
        width=0.4,
        yerr=[models[n]["cv_rmsle_std"] for n in names],
        label="cross-validation",
    )
    if all("test" in models[n] for n in names):
        axes.bar(positions + 0.2, [models[n]["test"]["rmsle"] for n in names], width=0.4, label="test split")
    axes.set_xticks(positions, names, rotation=20, ha="right")
    axes.set(ylabel="RMSLE (lower is better)", title="Model comparison")
    axes.legend()
    return save_figure(figure, path)
