"""Result figures; every figure made from the bundled sample says "synthetic sample" in its title."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from {{ cookiecutter.package_name }}.atomic import atomic_path  # noqa: E402


def _title(text: str, synthetic: bool) -> str:
    return f"{text} (synthetic sample)" if synthetic else text


def _save(figure: Any, path: Path) -> Path:
    figure.tight_layout()
    with atomic_path(path) as temporary:
        figure.savefig(temporary, dpi=110)
    plt.close(figure)
    return path


def model_performance(metrics: dict[str, Any], path: Path) -> Path:
    """CV score of every model and ensemble (mean ± std over folds), the constant baseline and the pick."""
    names = list(metrics["models"])
    means = [metrics["models"][name]["cv_mean"] for name in names]
    stds = [metrics["models"][name]["cv_std"] for name in names]
    colours = ["tab:orange" if name == metrics["selected"] else "tab:blue" for name in names]
    figure, axis = plt.subplots(figsize=(7, 4))
    axis.barh(names, means, xerr=stds, color=colours, capsize=3)
    axis.axvline(metrics["baseline"]["cv_mean"], color="grey", linestyle="--", label="constant prediction")
    metric = metrics["metric"]
    axis.set_xlabel(f"{metric['name']} ({metric['direction']} is better), 5-fold out-of-fold")
    axis.legend(loc="lower right")
    axis.set_title(_title(f"CV score by model; selected: {metrics['selected']}", metrics["dataset"]["synthetic"]))
    return _save(figure, path)


def oof_diagnostics(y: np.ndarray, predicted: np.ndarray, classes: Any, synthetic: bool, path: Path) -> Path:
    """Out-of-fold predictions against the truth: a scatter for values, class probabilities otherwise."""
    figure, axis = plt.subplots(figsize=(5.5, 4.5))
    if classes is None:
        axis.scatter(y, predicted, s=8, alpha=0.5)
        low, high = float(np.min(y)), float(np.max(y))
        axis.plot([low, high], [low, high], color="grey", linestyle="--")
        axis.set_xlabel("actual")
        axis.set_ylabel("out-of-fold prediction")
    else:
        truth = np.searchsorted(classes, y)
        given = predicted[np.arange(len(y)), truth]
        for index, label in enumerate(classes):
            axis.hist(given[truth == index], bins=20, range=(0, 1), alpha=0.5, label=f"true class {label}")
        axis.set_xlabel("out-of-fold probability given to the true class")
        axis.legend()
    axis.set_title(_title("Selected model, out-of-fold", synthetic))
    return _save(figure, path)
{%- if cookiecutter.data_source == "kaggle" %}


def cv_vs_leaderboard(log: Any, path: Path) -> Path:
    """CV score against public leaderboard score of every submitted experiment."""
    scored = log.dropna(subset=["public_score"])
    figure, axis = plt.subplots(figsize=(5, 4.5))
    axis.scatter(scored["cv_mean"], scored["public_score"])
    for _, row in scored.iterrows():
        axis.annotate(str(row["model"]), (row["cv_mean"], row["public_score"]), fontsize=8)
    axis.set_xlabel("CV score (out-of-fold)")
    axis.set_ylabel("public leaderboard score")
    axis.set_title("Does CV track the leaderboard?")
    return _save(figure, path)
{%- endif %}
