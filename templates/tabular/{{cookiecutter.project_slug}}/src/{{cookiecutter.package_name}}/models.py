"""Candidate models, their search spaces, and selection by cross-validation.

Every candidate is the same preprocessing pipeline with a different regressor,
fitted on log prices (prices are right-skewed and errors are relative: $10k
matters more on a $100k house than on a $600k one). All candidates are tuned and
scored on the same folds, so their scores compare like with like, and a weighted
average of them competes as one more candidate, scored on those folds too.
"""

from __future__ import annotations

import importlib.util
import time
from dataclasses import dataclass, field
from typing import Any

import joblib
import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy import sparse
from scipy.optimize import nnls
from scipy.stats import loguniform, randint, uniform
from sklearn.base import BaseEstimator, RegressorMixin, clone
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import GradientBoostingRegressor, HistGradientBoostingRegressor, RandomForestRegressor
from sklearn.linear_model import Lasso, Ridge
from sklearn.metrics import make_scorer
from sklearn.model_selection import KFold, ParameterSampler
from sklearn.pipeline import Pipeline
from sklearn.svm import SVR
from sklearn.utils import check_array
from sklearn.utils.validation import check_is_fitted

from {{ cookiecutter.package_name }}.config import CV_FOLDS, RANDOM_STATE
from {{ cookiecutter.package_name }}.evaluate import rmsle
from {{ cookiecutter.package_name }}.preprocessing import build_preprocessor

BLEND = "blend"
# Share of the budget's settings that slow tree ensembles search: each of their
# settings costs as much as a dozen linear fits.
TREE_SHARE = 0.1
# Linear models are cheap, but their defaults are already close to their best.
LINEAR_SHARE = 0.3


class KernelSVR(SVR):
    """scikit-learn's SVR, predicting with matrix products when its kernel is RBF with a numeric gamma.

    libsvm sums the kernel one support vector at a time. The same sum as a
    matrix product (BLAS) is about ten times faster on the thousands of rows
    that permutation importance predicts, and gives the same answers to 1e-12.
    Fitting, other kernels and sparse input are libsvm's, as in SVR.
    """

    # Rows per block: the kernel block is rows × support vectors (about 1,000 on the
    # real data), so memory stays near 30 MB however many rows are predicted.
    BLOCK_ROWS = 4096

    def predict(self, X):  # noqa: N803 (scikit-learn's argument name)
        check_is_fitted(self)
        if (
            self.kernel != "rbf"
            or isinstance(self.gamma, str)
            or sparse.issparse(X)
            or sparse.issparse(self.support_vectors_)
        ):
            return super().predict(X)
        rows = check_array(X, dtype=np.float64)
        vectors = self.support_vectors_
        if rows.shape[1] != vectors.shape[1]:
            return super().predict(X)  # libsvm's own error message
        vector_norms = np.einsum("ij,ij->i", vectors, vectors)
        out = np.empty(len(rows))
        for start in range(0, len(rows), self.BLOCK_ROWS):
            block = rows[start : start + self.BLOCK_ROWS]
            # ||a - b||² = ||a||² + ||b||² - 2 a·b, never below 0 despite rounding.
            distances = np.einsum("ij,ij->i", block, block)[:, None] + vector_norms - 2.0 * (block @ vectors.T)
            kernel = np.exp(-self.gamma * np.maximum(distances, 0.0))
            out[start : start + len(block)] = kernel @ self.dual_coef_[0] + self.intercept_[0]
        return out


@dataclass(frozen=True)
class Candidate:
    """A regressor, the hyperparameters worth searching for it, and how much of the budget it gets.

    The regressor's own settings are sensible defaults: they are always scored
    first, so even the smallest budget gets a good model.
    """

    name: str
    estimator: RegressorMixin
    space: dict[str, Any] = field(default_factory=dict)
    share: float = 1.0

    def settings(self, n_iter: int) -> list[dict[str, Any]]:
        """The defaults, then random draws from the space: max(1, share × n_iter) settings in all."""
        draws = max(1, round(n_iter * self.share)) - 1
        sampled = list(ParameterSampler(self.space, draws, random_state=RANDOM_STATE)) if draws and self.space else []
        return [{}, *sampled]


def candidates() -> list[Candidate]:
    """Linear, kernel, random forest and gradient boosting models (LightGBM/XGBoost if installed)."""
    found = [
        Candidate("ridge", Ridge(alpha=10.0), {"alpha": loguniform(1.0, 100.0)}, share=LINEAR_SHARE),
        Candidate("lasso", Lasso(alpha=7e-4, max_iter=20_000), {"alpha": loguniform(2e-4, 3e-3)}, share=LINEAR_SHARE),
        Candidate(
            "svr",
            # A smooth, mostly linear price surface that bends where the data do
            # (an RBF kernel with a small gamma on the robust-scaled features); the
            # epsilon tube ignores log errors under 1 %, so no sale pulls hard.
            KernelSVR(C=15.0, epsilon=0.01, gamma=5e-4),
            {"C": loguniform(3.0, 60.0), "epsilon": loguniform(2e-3, 3e-2), "gamma": loguniform(1e-4, 2e-3)},
            share=LINEAR_SHARE,
        ),
        Candidate(
            "random_forest",
            RandomForestRegressor(n_estimators=100, max_features=0.2, min_samples_leaf=2, random_state=RANDOM_STATE),
            {"max_features": uniform(0.1, 0.3), "min_samples_leaf": randint(1, 4)},
            share=0.1,
        ),
        Candidate(
            "hist_gradient_boosting",
            # Many small steps, each tree on a random third of the columns, stopped
            # when a held-back 15 % of the rows stops improving.
            HistGradientBoostingRegressor(
                learning_rate=0.08,
                max_iter=1000,
                max_leaf_nodes=8,
                min_samples_leaf=10,
                max_features=0.3,
                early_stopping=True,
                validation_fraction=0.15,
                n_iter_no_change=100,
                random_state=RANDOM_STATE,
            ),
            {
                "learning_rate": loguniform(0.02, 0.1),
                "max_leaf_nodes": randint(6, 24),
                "min_samples_leaf": randint(5, 30),
                "max_features": uniform(0.2, 0.3),
                "l2_regularization": loguniform(1e-3, 10),
            },
            share=TREE_SHARE,
        ),
        Candidate(
            "gradient_boosting",
            # Shallow trees on row and column subsamples with the Huber loss, which
            # lets the odd mispriced sale pull less than squared error would.
            GradientBoostingRegressor(
                n_estimators=600,
                learning_rate=0.08,
                max_depth=3,
                max_features="sqrt",
                min_samples_leaf=10,
                subsample=0.8,
                loss="huber",
                n_iter_no_change=50,
                validation_fraction=0.1,
                random_state=RANDOM_STATE,
            ),
            {
                "learning_rate": loguniform(0.05, 0.12),
                "max_depth": randint(2, 5),
                "min_samples_leaf": randint(5, 20),
                "subsample": uniform(0.6, 0.35),
            },
            share=TREE_SHARE,
        ),
    ]
    if importlib.util.find_spec("lightgbm"):
        from lightgbm import LGBMRegressor

        found.append(
            Candidate(
                "lightgbm",
                LGBMRegressor(n_estimators=800, learning_rate=0.03, num_leaves=8, random_state=RANDOM_STATE),
                {"learning_rate": loguniform(0.01, 0.1), "num_leaves": randint(8, 64), "subsample": uniform(0.6, 0.4)},
                share=TREE_SHARE,
            )
        )
    if importlib.util.find_spec("xgboost"):
        from xgboost import XGBRegressor

        found.append(
            Candidate(
                "xgboost",
                XGBRegressor(n_estimators=800, learning_rate=0.03, max_depth=3, random_state=RANDOM_STATE, n_jobs=1),
                {"learning_rate": loguniform(0.01, 0.1), "max_depth": randint(2, 7), "subsample": uniform(0.6, 0.4)},
                share=TREE_SHARE,
            )
        )
    return found


def make_pipeline(estimator: RegressorMixin) -> TransformedTargetRegressor:
    """Preprocessing + regressor, trained on log1p(price) and answering in prices."""
    pipeline = Pipeline([("preprocess", build_preprocessor()), ("model", clone(estimator))])
    return TransformedTargetRegressor(regressor=pipeline, func=np.log1p, inverse_func=np.expm1)


# Selection metric: RMSE of log prices (Kaggle's metric); lower is better.
RMSLE_SCORER = make_scorer(rmsle, greater_is_better=False)


class LogAverage(RegressorMixin, BaseEstimator):
    """The weighted geometric mean of several price models: the weighted average of their log prices.

    Linear models, kernels and boosted trees err in different places, so their
    average errs less than any one; averaging logs keeps the errors relative.
    ``weights`` (one per member, summing to 1) default to equal ones.
    """

    def __init__(self, members: list[tuple[str, Any]], weights: list[float] | None = None) -> None:
        self.members = members
        self.weights = weights

    def fit(self, X: pd.DataFrame, y: pd.Series) -> LogAverage:  # noqa: N803 (scikit-learn's argument name)
        self._set_fitted([(name, clone(model).fit(X, y)) for name, model in self.members])
        return self

    def predict(self, X: pd.DataFrame) -> np.ndarray:  # noqa: N803
        logs = [np.log(np.clip(prices, 1.0, None)) for prices in self._member_prices(X)]
        return np.exp(np.average(logs, axis=0, weights=self.weights))

    def _set_fitted(self, fitted: list[tuple[str, Any]]) -> None:
        self.fitted_ = fitted
        # Members built by make_pipeline and fitted on the same rows have learned the
        # same preprocessing (every step is deterministic); checked here, once, by
        # content. Then predict transforms the rows once for all of them: for a
        # five-model blend, most of the cost of every prediction.
        preprocessors = [_preprocessor(model) for _, model in fitted]
        self.shared_preprocessing_ = None not in preprocessors and len({joblib.hash(p) for p in preprocessors}) == 1

    def _member_prices(self, X: pd.DataFrame) -> list[np.ndarray]:  # noqa: N803
        if not getattr(self, "shared_preprocessing_", False):  # False too for a blend saved before it existed
            return [model.predict(X) for _, model in self.fitted_]
        # Column-major: histogram-boosted trees predict 5x faster from it (0.7 s against
        # 3.3 s for 47,000 rows of the real data); to the other members it is all one.
        features = np.asfortranarray(_preprocessor(self.fitted_[0][1]).transform(X))
        # What TransformedTargetRegressor.predict does after its pipeline's preprocessing.
        return [model.inverse_func(model.regressor_[-1].predict(features)) for _, model in self.fitted_]

    @classmethod
    def of_fitted(cls, members: list[tuple[str, Any]], weights: list[float] | None = None) -> LogAverage:
        """An average of models already fitted on the training rows (no refit needed)."""
        blend = cls(members, weights)
        blend._set_fitted(list(members))
        return blend


def _preprocessor(model: Any) -> Any:
    """The fitted preprocessing of a model made by :func:`make_pipeline`, or None for any other model."""
    pipeline = getattr(model, "regressor_", None)
    if isinstance(pipeline, Pipeline) and "preprocess" in pipeline.named_steps:
        return pipeline.named_steps["preprocess"]
    return None


@dataclass
class TunedModel:
    """One candidate after tuning: its best pipeline, cross-validated score and out-of-fold predictions."""

    name: str
    pipeline: Any
    cv_rmsle_mean: float
    cv_rmsle_std: float
    best_params: dict[str, Any]
    seconds: float  # fitting time summed over every fold, setting and the final refit
    oof: np.ndarray = field(repr=False, default_factory=lambda: np.empty(0))


def folds() -> KFold:
    """The one set of folds every candidate is scored on."""
    return KFold(n_splits=CV_FOLDS, shuffle=True, random_state=RANDOM_STATE)


def _fit_predict(model: Any, X: pd.DataFrame, y: pd.Series, train: np.ndarray, held: np.ndarray):  # noqa: N803
    """Fit a fresh copy on one fold's training rows; its predictions of the held-out rows and the seconds taken."""
    started = time.perf_counter()
    predicted = clone(model).fit(X.iloc[train], y.iloc[train]).predict(X.iloc[held])
    return predicted, time.perf_counter() - started


def _timed_fit(model: Any, X: pd.DataFrame, y: pd.Series) -> tuple[Any, float]:  # noqa: N803
    started = time.perf_counter()
    return model.fit(X, y), time.perf_counter() - started


def _fold_scores(y: pd.Series, predicted: np.ndarray, splits: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    return np.array([rmsle(y.iloc[held], predicted[held]) for _, held in splits])


def tune(pool: list[Candidate], X: pd.DataFrame, y: pd.Series, n_iter: int) -> list[TunedModel]:  # noqa: N803
    """Score every setting of every candidate on the shared folds, keep each one's best, refit it on all rows.

    All fits of all candidates go to one pool of worker processes, so slow tree
    ensembles and quick linear models keep every core busy. A candidate with one
    setting has nothing to choose, so its refit joins that pool too (in the quick
    budget, every candidate's). The out-of-fold predictions of each best setting
    are kept, so averages of models can be scored on exactly the same folds
    without refitting anything.
    """
    splits = list(folds().split(X))
    settings = [candidate.settings(n_iter) for candidate in pool]
    tasks = [
        (c, s, make_pipeline(clone(candidate.estimator).set_params(**setting)))
        for c, candidate in enumerate(pool)
        for s, setting in enumerate(settings[c])
    ]
    single = [c for c in range(len(pool)) if len(settings[c]) == 1]
    jobs = [(c, delayed(_fit_predict)(model, X, y, train, held)) for c, _, model in tasks for train, held in splits]
    jobs += [(c, delayed(_timed_fit)(model, X, y)) for c, _, model in tasks if c in single]
    # Costly candidates (those given a small share of the budget) start first, so
    # the last jobs running are short ones and no core waits long for the others.
    order = sorted(range(len(jobs)), key=lambda job: pool[jobs[job][0]].share)
    results = [None] * len(jobs)
    for job, result in zip(order, Parallel(n_jobs=-1)(jobs[job][1] for job in order), strict=True):
        results[job] = result
    predicted = iter(results)
    best: dict[int, tuple[float, int, Any, np.ndarray]] = {}
    seconds = [0.0] * len(pool)
    for c, s, model in tasks:
        oof = np.empty(len(y))
        for _, held in splits:
            oof[held], fit_seconds = next(predicted)
            seconds[c] += fit_seconds
        score = float(_fold_scores(y, oof, splits).mean())
        if c not in best or score < best[c][0]:
            best[c] = (score, s, model, oof)
    refits = dict(zip(single, predicted, strict=True))
    chosen = [c for c in range(len(pool)) if c not in refits]
    if chosen:
        refitted = Parallel(n_jobs=-1)(delayed(_timed_fit)(best[c][2], X, y) for c in chosen)
        refits.update(zip(chosen, refitted, strict=True))
    tuned = []
    for c, candidate in enumerate(pool):
        fitted, refit_seconds = refits[c]
        _, s, _, oof = best[c]
        scores = _fold_scores(y, oof, splits)
        tuned.append(
            TunedModel(
                name=candidate.name,
                pipeline=fitted,
                cv_rmsle_mean=float(scores.mean()),
                cv_rmsle_std=float(scores.std()),
                best_params={key: _plain(value) for key, value in settings[c][s].items()},
                seconds=seconds[c] + refit_seconds,
                oof=oof,
            )
        )
    return tuned


def blend_weights(logs: np.ndarray, log_y: np.ndarray) -> np.ndarray:
    """Non-negative weights, summing to 1, whose average of the columns of ``logs`` best fits ``log_y``.

    Non-negative least squares: a model that adds nothing the others lack gets
    weight 0, and no model is bet against.
    """
    weights, _ = nnls(logs, log_y)
    if weights.sum() <= 0:
        return np.full(logs.shape[1], 1.0 / logs.shape[1])
    return weights / weights.sum()


def blend(tuned: list[TunedModel], y: pd.Series) -> TunedModel:
    """A weighted average of the candidates, the weights fitted to their out-of-fold log predictions.

    Its CV score is honest: each fold is predicted with weights fitted on the
    other folds' rows only, as every candidate's own score is. The saved blend
    uses the weights fitted on every training row; members with weight 0 are left out.
    """
    started = time.perf_counter()
    splits = list(folds().split(np.zeros(len(y))))
    logs = np.column_stack([np.log(np.clip(model.oof, 1.0, None)) for model in tuned])
    log_y = np.log(y.to_numpy(dtype=float))
    oof_logs = np.empty(len(y))
    for train, held in splits:
        oof_logs[held] = logs[held] @ blend_weights(logs[train], log_y[train])
    oof = np.exp(oof_logs)
    scores = _fold_scores(y, oof, splits)
    weights = blend_weights(logs, log_y)
    members = [(model, float(weight)) for model, weight in zip(tuned, weights, strict=True) if weight > 0]
    members.sort(key=lambda member: -member[1])
    return TunedModel(
        name=BLEND,
        pipeline=LogAverage.of_fitted(
            [(model.name, model.pipeline) for model, _ in members], [weight for _, weight in members]
        ),
        cv_rmsle_mean=float(scores.mean()),
        cv_rmsle_std=float(scores.std()),
        best_params={
            "members": [model.name for model, _ in members],
            "weights": {model.name: round(weight, 3) for model, weight in members},
        },
        seconds=time.perf_counter() - started,
        oof=oof,
    )


def select(tuned: list[TunedModel]) -> TunedModel:
    """The candidate with the lowest cross-validated RMSLE (never the test score)."""
    return min(tuned, key=lambda model: model.cv_rmsle_mean)


def _plain(value: Any) -> Any:
    """NumPy scalars as Python numbers, so the parameters serialise to JSON."""
    return value.item() if isinstance(value, np.generic) else value
