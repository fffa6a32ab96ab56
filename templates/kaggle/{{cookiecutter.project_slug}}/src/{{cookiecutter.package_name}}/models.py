"""The candidate models: a linear model and HistGradientBoosting always; LightGBM, XGBoost, CatBoost when installed.

Each candidate is a factory so every fold trains a fresh, unfitted model. All
of them see the same feature matrix; the linear model standardises it first.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from {{ cookiecutter.package_name }}.config import SEED, DataError

ROUNDS, RATE = 300, 0.05


def _linear(regression: bool) -> Any:
    model = Ridge(alpha=10.0) if regression else LogisticRegression(C=0.5, max_iter=2000)
    return make_pipeline(StandardScaler(), model)


def _hgb(regression: bool) -> Any:
    """Stops when 20 rounds bring no gain on an inner 15 % of the training folds: no fixed round count to overfit."""
    kind = HistGradientBoostingRegressor if regression else HistGradientBoostingClassifier
    return kind(
        max_iter=3 * ROUNDS,
        learning_rate=RATE,
        max_leaf_nodes=15,
        min_samples_leaf=20,
        l2_regularization=1.0,
        early_stopping=True,
        validation_fraction=0.15,
        n_iter_no_change=20,
        random_state=SEED,
    )


def _lightgbm(regression: bool) -> Any:
    import lightgbm

    kind = lightgbm.LGBMRegressor if regression else lightgbm.LGBMClassifier
    return kind(n_estimators=ROUNDS, learning_rate=RATE, num_leaves=15, random_state=SEED, verbose=-1)


def _xgboost(regression: bool) -> Any:
    import xgboost

    kind = xgboost.XGBRegressor if regression else xgboost.XGBClassifier
    return kind(n_estimators=ROUNDS, learning_rate=RATE, max_depth=4, random_state=SEED)


def _catboost(regression: bool) -> Any:
    import catboost

    kind = catboost.CatBoostRegressor if regression else catboost.CatBoostClassifier
    return kind(iterations=ROUNDS, learning_rate=RATE, depth=4, random_seed=SEED, verbose=0)


FACTORIES: dict[str, Callable[[bool], Any]] = {
    "linear": _linear,
    "hgb": _hgb,
    "lightgbm": _lightgbm,
    "xgboost": _xgboost,
    "catboost": _catboost,
}
OPTIONAL = ("lightgbm", "xgboost", "catboost")


def available() -> list[str]:
    """The candidates this environment can run: the scikit-learn ones, plus each optional library installed."""
    return [name for name in FACTORIES if name not in OPTIONAL or importlib.util.find_spec(name) is not None]


def choose(names: list[str] | None) -> list[str]:
    """The candidates asked for (all available ones by default), with a clear error for the rest."""
    if not names:
        return available()
    unknown = [name for name in names if name not in FACTORIES]
    if unknown:
        raise DataError(f"unknown model(s) {unknown}: choose from {', '.join(FACTORIES)}")
    missing = [name for name in names if name not in available()]
    if missing:
        raise DataError(f"{', '.join(missing)} not installed: pip install {' '.join(missing)}")
    return names


def make(name: str, task: str) -> Any:
    return FACTORIES[name](task == "regression")


def predict(model: Any, features: Any, task: str) -> np.ndarray:
    """Predictions in model terms, always 2-D: (rows, 1) values or (rows, classes) probabilities."""
    if task == "regression":
        return np.asarray(model.predict(features), dtype=float).reshape(-1, 1)
    return np.asarray(model.predict_proba(features), dtype=float)


def parameters(model: Any) -> dict[str, Any]:
    """The model's non-default-looking settings, for the experiment log."""
    return {key: value for key, value in model.get_params().items() if isinstance(value, int | float | str | bool)}
