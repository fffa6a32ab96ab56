"""Regression metrics on prices: RMSE, MAE, R² and RMSE of log prices."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score


def rmsle(y_true, y_pred) -> float:
    """RMSE between log prices: Kaggle's metric, fair to cheap and dear houses alike."""
{%- if cookiecutter.flavor == "starter" %}
    raise NotImplementedError(
        "Exercise (evaluate.rmsle): the root mean squared error between the logs of true and predicted "
        "prices (clip predictions to at least 1 first). tests/test_pipeline.py checks it."
    )
{%- else %}
    y_pred = np.clip(np.asarray(y_pred, dtype=float), 1.0, None)
    return float(np.sqrt(mean_squared_error(np.log(np.asarray(y_true, dtype=float)), np.log(y_pred))))
{%- endif %}


def regression_metrics(y_true, y_pred) -> dict[str, float]:
    """Every metric the README reports, rounded for reading."""
    return {
        "rmse": round(float(np.sqrt(mean_squared_error(y_true, y_pred))), 2),
        "mae": round(float(mean_absolute_error(y_true, y_pred)), 2),
        "r2": round(float(r2_score(y_true, y_pred)), 4),
        "rmsle": round(rmsle(y_true, y_pred), 4),
    }
