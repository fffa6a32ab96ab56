"""The metric's direction decides the selected model: check it for every metric."""

from __future__ import annotations

import json

import pytest

from {{ cookiecutter.package_name }}.config import DataError
from {{ cookiecutter.package_name }}.metrics import DEFAULTS, METRICS, best, get_metric

LOWER_IS_BETTER = {"rmse", "rmsle", "mae", "log_loss"}


@pytest.mark.parametrize("name", list(METRICS))
def test_every_metric_has_the_right_direction(name):
    assert METRICS[name].direction == ("lower" if name in LOWER_IS_BETTER else "higher")
    assert METRICS[name].sklearn_scorer.startswith("neg_") == (name in LOWER_IS_BETTER)


def test_selection_follows_the_direction():
    scores = {"a": 0.30, "b": 0.10, "c": 0.20}
    assert best(scores, METRICS["rmse"]) == "b"
    assert best(scores, METRICS["roc_auc"]) == "a"


def test_the_selected_model_is_the_best_in_metrics_json(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    means = {name: scores["cv_mean"] for name, scores in metrics["models"].items()}
    pick = max if metrics["metric"]["direction"] == "higher" else min
    assert means[metrics["selected"]] == pick(means.values())


def test_auto_picks_the_task_default_and_a_wrong_metric_is_refused():
    assert get_metric("auto", "binary").name == DEFAULTS["binary"]
    with pytest.raises(DataError, match="does not fit a regression task"):
        get_metric("roc_auc", "regression")
