"""Candidate models, their search spaces, and selection by cross-validation.

Every candidate is the same preprocessing pipeline with a different regressor,
fitted on log prices (prices are right-skewed and errors are relative: $10k
matters more on a $100k house than on a $600k one). All candidates are tuned and
scored on the same folds, so their scores compare like with like.
"""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import loguniform, randint, uniform
from sklearn.base import RegressorMixin, clone
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics import make_scorer
from sklearn.model_selection import KFold, RandomizedSearchCV
from sklearn.pipeline import Pipeline

from {{ cookiecutter.package_name }}.config import CV_FOLDS, RANDOM_STATE
from {{ cookiecutter.package_name }}.evaluate import rmsle
from {{ cookiecutter.package_name }}.preprocessing import build_preprocessor


@dataclass(frozen=True)
class Candidate:
    """A regressor and the hyperparameters worth searching for it."""

    name: str
    estimator: RegressorMixin
    space: dict[str, Any] = field(default_factory=dict)


def candidates() -> list[Candidate]:
    """Linear, random forest and gradient boosting models (LightGBM/XGBoost if installed)."""
    found = [
        Candidate("ridge", Ridge(), {"alpha": loguniform(1e-1, 1e3)}),
        Candidate("lasso", Lasso(max_iter=50_000), {"alpha": loguniform(1e-4, 1e-1)}),
        Candidate(
            "random_forest",
            RandomForestRegressor(n_estimators=200, n_jobs=-1, random_state=RANDOM_STATE),
            {"max_features": uniform(0.2, 0.6), "min_samples_leaf": randint(1, 6), "max_depth": [None, 12, 20]},
        ),
        Candidate(
            "hist_gradient_boosting",
            HistGradientBoostingRegressor(random_state=RANDOM_STATE),
            {
                "learning_rate": loguniform(0.02, 0.2),
                "max_leaf_nodes": randint(8, 48),
                "min_samples_leaf": randint(5, 30),
                "l2_regularization": loguniform(1e-3, 10),
            },
        ),
    ]
    if importlib.util.find_spec("lightgbm"):
        from lightgbm import LGBMRegressor

        found.append(
            Candidate(
                "lightgbm",
                LGBMRegressor(n_estimators=400, random_state=RANDOM_STATE, verbose=-1),
                {"learning_rate": loguniform(0.01, 0.1), "num_leaves": randint(8, 64), "subsample": uniform(0.6, 0.4)},
            )
        )
    if importlib.util.find_spec("xgboost"):
        from xgboost import XGBRegressor

        found.append(
            Candidate(
                "xgboost",
                XGBRegressor(n_estimators=400, random_state=RANDOM_STATE),
                {"learning_rate": loguniform(0.01, 0.1), "max_depth": randint(2, 7), "subsample": uniform(0.6, 0.4)},
            )
        )
    return found


def make_pipeline(estimator: RegressorMixin) -> TransformedTargetRegressor:
    """Preprocessing + regressor, trained on log1p(price) and answering in prices."""
    pipeline = Pipeline([("preprocess", build_preprocessor()), ("model", clone(estimator))])
    return TransformedTargetRegressor(regressor=pipeline, func=np.log1p, inverse_func=np.expm1)


# Selection metric: RMSE of log prices (Kaggle's metric); lower is better.
RMSLE_SCORER = make_scorer(rmsle, greater_is_better=False)


@dataclass
class TunedModel:
    """One candidate after tuning: its best pipeline and cross-validated score."""

    name: str
    pipeline: TransformedTargetRegressor
    cv_rmsle_mean: float
    cv_rmsle_std: float
    best_params: dict[str, Any]
    seconds: float


def folds() -> KFold:
    """The one set of folds every candidate is scored on."""
    return KFold(n_splits=CV_FOLDS, shuffle=True, random_state=RANDOM_STATE)


def tune(candidate: Candidate, X: pd.DataFrame, y: pd.Series, n_iter: int) -> TunedModel:  # noqa: N803
    """Randomised search over the candidate's space on the shared folds, refit on all rows."""
    started = time.perf_counter()
    space = {f"regressor__model__{key}": value for key, value in candidate.space.items()}
    search = RandomizedSearchCV(
        make_pipeline(candidate.estimator),
        space,
        n_iter=n_iter,
        scoring=RMSLE_SCORER,
        cv=folds(),
        random_state=RANDOM_STATE,
        n_jobs=1 if candidate.name == "random_forest" else -1,
        error_score="raise",
    )
    search.fit(X, y)
    best = search.best_index_
    params = {key.removeprefix("regressor__model__"): _plain(value) for key, value in search.best_params_.items()}
    return TunedModel(
        name=candidate.name,
        pipeline=search.best_estimator_,
        cv_rmsle_mean=float(-search.cv_results_["mean_test_score"][best]),
        cv_rmsle_std=float(search.cv_results_["std_test_score"][best]),
        best_params=params,
        seconds=time.perf_counter() - started,
    )


def select(tuned: list[TunedModel]) -> TunedModel:
    """The candidate with the lowest cross-validated RMSLE (never the test score)."""
    return min(tuned, key=lambda model: model.cv_rmsle_mean)


def _plain(value: Any) -> Any:
    """NumPy scalars as Python numbers, so the parameters serialise to JSON."""
    return value.item() if isinstance(value, np.generic) else value
