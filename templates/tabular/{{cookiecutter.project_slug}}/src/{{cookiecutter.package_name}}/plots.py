"""Figures of the trained model, written to results/ (`make figures`).

Each function builds a matplotlib Figure without pyplot, so it works in scripts,
tests and servers without a display, and returns it for notebooks to show.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed, effective_n_jobs
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from {{ cookiecutter.package_name }}.atomic import atomic_path
from {{ cookiecutter.package_name }}.config import RANDOM_STATE
from {{ cookiecutter.package_name }}.evaluate import rmsle

THOUSANDS = FuncFormatter(lambda value, _: f"${value / 1000:,.0f}k")


def save_figure(figure: Figure, path: Path | None, source: str | None = None) -> Figure:
    """Write the figure to ``path`` (when given) and return it for notebooks to display.

    ``source`` names the data in the figure's title, so a figure copied out of
    the README still says whether it shows real sales or the synthetic sample.
    """
    if source:
        figure.set_layout_engine("constrained")
        figure.suptitle(f"Data: {source}", fontsize=9, color="firebrick" if "synthetic" in source else "dimgray")
    if path is not None:
        with atomic_path(Path(path)) as partial:
            # A layout engine already fits the figure; "tight" would lay it out a second time.
            figure.savefig(partial, dpi=110, bbox_inches=None if figure.get_layout_engine() else "tight")
    return figure


def predicted_vs_actual(
    actual: pd.Series, predicted: pd.Series, title: str, path: Path | None = None, source: str | None = None
) -> Figure:
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
    return save_figure(figure, path, source)


def residuals(actual: pd.Series, predicted: pd.Series, path: Path | None = None, source: str | None = None) -> Figure:
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
    return save_figure(figure, path, source)


def permutation_importance(
    pipeline: Any, features: pd.DataFrame, target: pd.Series, n_repeats: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Mean and std over repeats of how much RMSLE worsens when one column is shuffled.

    Every shuffled copy of the table is stacked into one frame and predicted in a
    single call: the same numbers as scikit-learn's function, at a fraction of
    the cost for pipelines whose every call has a fixed overhead. The frame is
    built column by column from arrays, not from a copy of the table per shuffle.
    """
    rng = np.random.default_rng(RANDOM_STATE)
    rows, columns = len(features), list(features.columns)
    stacked = {}
    for position, column in enumerate(columns):
        # Block 0 is the table as it is; block 1 + position × n_repeats + repeat shuffles this column.
        original = features[column].to_numpy()
        values = np.tile(original, 1 + len(columns) * n_repeats)
        for repeat in range(n_repeats):
            start = rows * (1 + position * n_repeats + repeat)
            values[start : start + rows] = rng.permutation(original)
        stacked[column] = values
    frame = pd.DataFrame(stacked, columns=columns).astype(features.dtypes.to_dict())
    # Predicted in one slice per core, on threads: much of the work (kernel sums,
    # tree traversal) runs outside the GIL, 1.5x faster on two cores for the real
    # data's blend, and threads need no copy of the model.
    bounds = np.linspace(0, len(frame), effective_n_jobs(-1) + 1).astype(int)
    slices = Parallel(n_jobs=-1, prefer="threads")(
        delayed(pipeline.predict)(frame.iloc[start:end]) for start, end in zip(bounds[:-1], bounds[1:], strict=True)
    )
    predicted = np.concatenate([np.asarray(part) for part in slices]).reshape(1 + len(columns) * n_repeats, rows)
    base = rmsle(target, predicted[0])
    scores = np.array([rmsle(target, block) for block in predicted[1:]])
    increase = scores.reshape(len(columns), n_repeats) - base
    return increase.mean(axis=1), increase.std(axis=1)


def feature_importance(
    pipeline: Any,
    features: pd.DataFrame,
    target: pd.Series,
    top: int = 15,
    path: Path | None = None,
    source: str | None = None,
) -> Figure:
    """Permutation importance on held-out rows: how much RMSLE worsens when a column is shuffled.

    It works for every model type, averages included, and measures the original
    columns, which is what a reader of the data understands.
    """
    mean, std = permutation_importance(pipeline, features, target)
    order = np.argsort(mean)[::-1][:top][::-1]
    figure = Figure(figsize=(7, 0.35 * len(order) + 1.5))
    axes = figure.subplots()
    axes.barh(np.asarray(features.columns)[order], mean[order], xerr=std[order])
    axes.set(xlabel="increase in RMSLE when shuffled", title="Permutation importance (test split)")
    return save_figure(figure, path, source)


def model_comparison(models: dict[str, dict[str, Any]], path: Path | None = None, source: str | None = None) -> Figure:
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
    return save_figure(figure, path, source)
