"""Exploratory analysis used by notebooks/01_eda.ipynb: summaries and figures.

The notebook tells the story; these functions do the work, so the analysis is
tested and reusable rather than copied between cells.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from {{ cookiecutter.package_name }}.config import TARGET
from {{ cookiecutter.package_name }}.data import ID_COLUMNS
from {{ cookiecutter.package_name }}.plots import save_figure


def missing_values(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns with missing values, most missing first, with counts and shares."""
    counts = frame.isna().sum()
    counts = counts[counts > 0].sort_values(ascending=False)
    return pd.DataFrame({"missing": counts, "share": (counts / len(frame)).round(3)})


def target_skew(frame: pd.DataFrame) -> dict[str, float]:
    """Skewness of the price before and after the log: why the models learn log prices."""
    prices = frame[TARGET].astype(float)
    return {"skew": round(float(prices.skew()), 3), "log_skew": round(float(np.log(prices).skew()), 3)}


def correlations(frame: pd.DataFrame, top: int = 10) -> pd.Series:
    """Numeric columns most correlated with the price (Spearman: robust to outliers)."""
    numeric = frame.select_dtypes("number").drop(columns=[c for c in ID_COLUMNS if c in frame.columns])
    values = numeric.corr(method="spearman")[TARGET].drop(TARGET)
    return values.reindex(values.abs().sort_values(ascending=False).index).head(top).round(3)


def outliers(frame: pd.DataFrame, column: str = "GrLivArea", factor: float = 3.0) -> pd.DataFrame:
    """Rows whose ``column`` lies more than ``factor`` IQRs beyond the quartiles."""
    values = frame[column].astype(float)
    q1, q3 = values.quantile([0.25, 0.75])
    spread = factor * (q3 - q1)
    return frame.loc[(values < q1 - spread) | (values > q3 + spread), [column, TARGET]]


def plot_target(frame: pd.DataFrame, path: Path | None = None, source: str | None = None) -> Figure:
    """Price distribution, raw and logged, side by side."""
    figure = Figure(figsize=(11, 4))
    raw, logged = figure.subplots(1, 2)
    raw.hist(frame[TARGET], bins=40)
    raw.set(title=f"{TARGET}", xlabel="price ($)", ylabel="houses")
    logged.hist(np.log(frame[TARGET]), bins=40, color="tab:green")
    logged.set(title=f"log({TARGET})", xlabel="log price", ylabel="houses")
    return save_figure(figure, path, source)


def plot_missing(frame: pd.DataFrame, path: Path | None = None, source: str | None = None) -> Figure:
    """Share of missing values per column (only columns with any)."""
    table = missing_values(frame)
    figure = Figure(figsize=(7, 0.3 * max(len(table), 1) + 1.5))
    axes = figure.subplots()
    axes.barh(table.index[::-1], table["share"][::-1])
    axes.set(xlabel="share missing", title="Missing values")
    return save_figure(figure, path, source)


def plot_correlations(
    frame: pd.DataFrame, top: int = 10, path: Path | None = None, source: str | None = None
) -> Figure:
    """Spearman correlation matrix of the price and its most related columns."""
    columns = [TARGET, *correlations(frame, top).index]
    matrix = frame[columns].corr(method="spearman")
    figure = Figure(figsize=(8, 7))
    axes = figure.subplots()
    image = axes.imshow(matrix, cmap="coolwarm", vmin=-1, vmax=1)
    axes.set_xticks(range(len(columns)), columns, rotation=60, ha="right")
    axes.set_yticks(range(len(columns)), columns)
    figure.colorbar(image, ax=axes, shrink=0.8)
    axes.set_title("Spearman correlations")
    return save_figure(figure, path, source)


def plot_outliers(
    frame: pd.DataFrame, column: str = "GrLivArea", path: Path | None = None, source: str | None = None
) -> Figure:
    """Price against ``column``, with the IQR outliers circled."""
    flagged = outliers(frame, column)
    figure = Figure(figsize=(6, 5))
    axes = figure.subplots()
    axes.scatter(frame[column], frame[TARGET], s=12, alpha=0.6, label="houses")
    axes.scatter(flagged[column], flagged[TARGET], s=80, facecolors="none", edgecolors="red", label="outliers")
    axes.set(xlabel=column, ylabel=TARGET, title=f"{TARGET} against {column}")
    axes.legend()
    return save_figure(figure, path, source)
