"""The competition metric as a scikit-learn scorer, with the direction that decides every choice.

Each metric is scored on predictions in the competition's own terms: values for
regression, probabilities for classification (labels are derived from them for
accuracy and F1). ``higher_is_better`` is what model selection and the headline
read; getting it backwards silently picks the worst model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from sklearn import metrics as skm

from {{ cookiecutter.package_name }}.config import METRIC, TASK, DataError


@dataclass(frozen=True)
class Metric:
    name: str
    sklearn_scorer: str  # the name to pass to scikit-learn's `scoring=`
    higher_is_better: bool
    tasks: tuple[str, ...]
    function: Callable[[np.ndarray, np.ndarray], float]
    needs_labels: bool = False  # scored on predicted classes rather than probabilities

    @property
    def direction(self) -> str:
        return "higher" if self.higher_is_better else "lower"


def _rmse(y: np.ndarray, p: np.ndarray) -> float:
{%- if cookiecutter.flavor == "starter" %}
    raise NotImplementedError(
        "Exercise (metrics._rmse): the root mean squared error of predictions p against targets y. "
        "tests/test_metrics.py checks it."
    )
{%- else %}
    return float(np.sqrt(skm.mean_squared_error(y, p)))
{%- endif %}


def _rmsle(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.sqrt(skm.mean_squared_error(np.log1p(y), np.log1p(np.clip(p, 0, None)))))


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    return float(skm.roc_auc_score(y, p))


METRICS: dict[str, Metric] = {
    "rmse": Metric("rmse", "neg_root_mean_squared_error", False, ("regression",), _rmse),
    "rmsle": Metric("rmsle", "neg_root_mean_squared_log_error", False, ("regression",), _rmsle),
    "mae": Metric("mae", "neg_mean_absolute_error", False, ("regression",), skm.mean_absolute_error),
    "r2": Metric("r2", "r2", True, ("regression",), skm.r2_score),
    "roc_auc": Metric("roc_auc", "roc_auc", True, ("binary",), _auc),
    "log_loss": Metric("log_loss", "neg_log_loss", False, ("binary",), skm.log_loss),
    "accuracy": Metric("accuracy", "accuracy", True, ("binary", "multiclass"), skm.accuracy_score, True),
    "f1": Metric("f1", "f1", True, ("binary",), skm.f1_score, True),
    "f1_macro": Metric(
        "f1_macro", "f1_macro", True, ("multiclass",), lambda y, p: skm.f1_score(y, p, average="macro"), True
    ),
}
DEFAULTS = {"regression": "rmse", "binary": "roc_auc", "multiclass": "accuracy"}


def get_metric(name: str = METRIC, task: str = TASK) -> Metric:
    """The metric called ``name`` (``auto``: the task's usual one), checked against the task."""
    name = DEFAULTS[task] if name == "auto" else name
    if name not in METRICS:
        raise DataError(f"unknown metric {name!r}: choose one of {', '.join(METRICS)}")
    metric = METRICS[name]
    if task not in metric.tasks:
        fitting = [other for other, candidate in METRICS.items() if task in candidate.tasks]
        raise DataError(f"metric {name!r} does not fit a {task} task: set METRIC in config.py to one of {fitting}")
    return metric


def score(metric: Metric, y: np.ndarray, predicted: np.ndarray, classes: np.ndarray | None = None) -> float:
    """``metric`` of predictions in competition terms (values, or class probabilities)."""
    if classes is None:
        return float(metric.function(y, predicted))
    if metric.needs_labels:
        labels = classes[np.argmax(predicted, axis=1)]
        if len(classes) == 2:
            return float(metric.function((y == classes[1]).astype(int), (labels == classes[1]).astype(int)))
        return float(metric.function(y, labels))
    positive = predicted[:, 1] if predicted.ndim == 2 and len(classes) == 2 else predicted
    return float(metric.function((y == classes[1]).astype(int) if len(classes) == 2 else y, positive))


def best(scores: dict[str, float], metric: Metric) -> str:
    """The name with the best score in the metric's direction."""
    better = max if metric.higher_is_better else min
    return better(scores, key=scores.get)
