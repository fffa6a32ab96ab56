"""Out-of-fold training: every training row is predicted by a model that never saw it.

For each fold of data/processed/folds.csv the features are fitted on the other
folds, a fresh model is trained on them, and it predicts the fold (its
out-of-fold, OOF, predictions) and the test rows (averaged over the folds).
The CV score of a model is its metric on those OOF predictions, fold by fold.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import pandas as pd
from threadpoolctl import ThreadpoolController, threadpool_limits

from {{ cookiecutter.package_name }} import features, models
from {{ cookiecutter.package_name }}.atomic import atomic_path
from {{ cookiecutter.package_name }}.features import FEATURE_SETS, FeatureBuilder
from {{ cookiecutter.package_name }}.metrics import Metric, score

# Gradient boosting on a few thousand rows is fastest on one thread: more threads
# mostly wait for each other, and on a busy two-core machine they slow it down tenfold.
OPENMP_THREADS = 1


@cache
def loaded_thread_pools() -> ThreadpoolController:
    """The thread pools of the libraries loaded once a model is: looked up once, as the lookup takes
    milliseconds, more than a one-row prediction. (OpenMP limits are per calling thread, so the API's
    concurrent requests each set their own.)"""
    return ThreadpoolController()


@dataclass
class TargetCoder:
    """The target in model terms: log1p for RMSLE, class codes for classification; and back."""

    task: str
    log: bool = False
    classes: np.ndarray | None = None

    @classmethod
    def fit(cls, y: pd.Series, task: str, metric: Metric) -> TargetCoder:
        classes = None if task == "regression" else np.unique(y.to_numpy())
        return cls(task=task, log=metric.name == "rmsle", classes=classes)

    @property
    def n_classes(self) -> int | None:
        return None if self.classes is None else len(self.classes)

    def encode(self, y: pd.Series) -> np.ndarray:
        if self.classes is not None:
            return np.searchsorted(self.classes, y.to_numpy())
        values = y.to_numpy(dtype=float)
        return np.log1p(values) if self.log else values

    def decode(self, predicted: np.ndarray) -> np.ndarray:
        """Model-terms predictions (2-D) to competition terms: values (1-D) or class probabilities (2-D)."""
        if self.classes is not None:
            return predicted
        values = predicted[:, 0]
        return np.expm1(values) if self.log else values


@dataclass
class FoldModels:
    """One candidate trained fold by fold; it predicts new rows as the mean of its fold models."""

    name: str
    task: str
    fits: list[tuple[FeatureBuilder, Any]] = field(default_factory=list)

    def predict(self, frame: pd.DataFrame, built: dict[int, pd.DataFrame] | None = None) -> np.ndarray:
        """``built`` keeps each fold's features by builder, so the members of an ensemble (which share
        one builder per fold) build them once."""
        built = {} if built is None else built
        parts = []
        with loaded_thread_pools().limit(limits=OPENMP_THREADS, user_api="openmp"):
            for builder, model in self.fits:
                if id(builder) not in built:
                    built[id(builder)] = builder.transform(frame)
                parts.append(models.predict(model, built[id(builder)], self.task))
        return np.mean(parts, axis=0)


@dataclass
class CVResult:
    """What one candidate produced: OOF and test predictions (model terms) and its fold scores."""

    name: str
    feature_set: str
    oof: np.ndarray
    test: np.ndarray | None
    fold_scores: list[float]
    seconds: float
    params: dict[str, Any]
    predictor: Any

    @property
    def cv_mean(self) -> float:
        return float(np.mean(self.fold_scores))

    @property
    def cv_std(self) -> float:
        return float(np.std(self.fold_scores))


def training_rows(folds: np.ndarray, fold: int) -> np.ndarray:
    """Rows a fold's model may learn from: every other fold; with time-ordered folds
    (marked by rows of fold -1, never validated) only the earlier ones."""
    if (folds < 0).any():
        return np.flatnonzero(folds < fold)
    return np.flatnonzero(folds != fold)


def validated(folds: np.ndarray) -> np.ndarray:
    """Rows that have an out-of-fold prediction."""
    return folds >= 0


# Fold features of this process by cache file: the candidates of one run share each fold's builder
# (pickled once in the model file; an API request transforms its rows once per fold, not per model).
_SHARED: dict[Path, tuple[FeatureBuilder, pd.DataFrame, pd.DataFrame, pd.DataFrame | None]] = {}


def remember(path: Path, built: tuple[FeatureBuilder, pd.DataFrame, pd.DataFrame, pd.DataFrame | None]) -> None:
    if len(_SHARED) >= 100:  # a long session (a notebook) trying many data sets: keep the memory bounded
        _SHARED.clear()
    _SHARED[path] = built


def fold_features(
    feature_set: str,
    train: pd.DataFrame,
    y_model: np.ndarray,
    fit_rows: np.ndarray,
    valid_rows: np.ndarray,
    test: pd.DataFrame | None,
    n_classes: int | None,
    cache: Path | None = None,
) -> tuple[FeatureBuilder, pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """(builder, training, validation and test features) of one fold, learnt from its training rows only.

    The cache key is the feature set's definition (features.py itself and the set's
    settings) and the exact rows and targets: change any of them and it is recomputed.
    """
    path = None
    if cache is not None:
        digest = hashlib.sha256(Path(features.__file__).read_bytes())
        digest.update(repr(FEATURE_SETS[feature_set]).encode())
        for part in (train, test):
            if part is not None:
                digest.update(pd.util.hash_pandas_object(part, index=True).to_numpy().tobytes())
        for array in (np.asarray(y_model), fit_rows, valid_rows):
            digest.update(array.tobytes())
        path = cache / f"{feature_set}-{digest.hexdigest()[:20]}.joblib"
        if path not in _SHARED and path.exists():
            remember(path, joblib.load(path))
        if path in _SHARED:
            return _SHARED[path]
    builder = FeatureBuilder(feature_set, n_classes).fit(train.iloc[fit_rows], y_model[fit_rows])
    x_fit = builder.training_matrix(train.iloc[fit_rows], y_model[fit_rows])
    x_valid = builder.transform(train.iloc[valid_rows])
    x_test = None if test is None else builder.transform(test)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as temporary:
            joblib.dump((builder, x_fit, x_valid, x_test), temporary)
        remember(path, (builder, x_fit, x_valid, x_test))
    return builder, x_fit, x_valid, x_test


def cross_fit(
    name: str,
    make_model: Callable[[], Any],
    train: pd.DataFrame,
    y: pd.Series,
    folds: np.ndarray,
    coder: TargetCoder,
    metric: Metric,
    test: pd.DataFrame | None = None,
    feature_set: str = "full",
    cache: Path | None = None,
) -> CVResult:
    """Train one candidate on every fold; return its OOF and test predictions and fold scores.

    With ``cache`` (a folder), each fold's features are computed once and reused by every model and run.
    """
    started = time.perf_counter()
    y_model = coder.encode(y)
    width = 1 if coder.classes is None else len(coder.classes)
    oof = np.full((len(train), width), np.nan)
    test_predictions = None if test is None else np.zeros((len(test), width))
    predictor = FoldModels(name, coder.task)
    fold_scores = []
    fold_ids = sorted(set(folds.tolist()) - {-1})
    with threadpool_limits(limits=OPENMP_THREADS, user_api="openmp"):
        for fold in fold_ids:
            fit_rows, valid_rows = training_rows(folds, fold), np.flatnonzero(folds == fold)
            built = fold_features(feature_set, train, y_model, fit_rows, valid_rows, test, coder.n_classes, cache)
            builder, x_fit, x_valid, x_test = built
            model = make_model()
            model.fit(x_fit, y_model[fit_rows])
            oof[valid_rows] = models.predict(model, x_valid, coder.task)
            fold_scores.append(score(metric, y.to_numpy()[valid_rows], coder.decode(oof[valid_rows]), coder.classes))
            if test is not None:
                test_predictions += models.predict(model, x_test, coder.task) / len(fold_ids)
            predictor.fits.append((builder, model))
    return CVResult(
        name=name,
        feature_set=feature_set,
        oof=oof,
        test=test_predictions,
        fold_scores=fold_scores,
        seconds=time.perf_counter() - started,
        params=models.parameters(make_model()),
        predictor=predictor,
    )


def constant_baseline(y: pd.Series, folds: np.ndarray, coder: TargetCoder, metric: Metric) -> list[float]:
    """Fold scores of predicting the training folds' mean (or class shares): the floor to beat."""
    y_model = coder.encode(y)
    scores = []
    for fold in sorted(set(folds.tolist()) - {-1}):
        fit_rows, valid_rows = training_rows(folds, fold), np.flatnonzero(folds == fold)
        if coder.classes is None:
            constant = np.full((len(valid_rows), 1), y_model[fit_rows].mean())
        else:
            shares = np.bincount(y_model[fit_rows], minlength=len(coder.classes)) / len(fit_rows)
            constant = np.tile(shares, (len(valid_rows), 1))
        scores.append(score(metric, y.to_numpy()[valid_rows], coder.decode(constant), coder.classes))
    return scores


def save_predictions(result: CVResult, ids: pd.Series, folds: np.ndarray, test_ids: pd.Series | None, folder) -> None:
    """data/processed/predictions/<model>_oof.csv (and _test.csv): what the error-analysis notebook reads."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = [f"p{index}" for index in range(result.oof.shape[1])]
    oof = pd.DataFrame(result.oof, columns=columns)
    oof.insert(0, "fold", folds)
    oof.insert(0, "id", ids.to_numpy())
    with atomic_path(folder / f"{result.name}_oof.csv") as temporary:
        oof.to_csv(temporary, index=False)
    if result.test is not None and test_ids is not None:
        test = pd.DataFrame(result.test, columns=columns)
        test.insert(0, "id", test_ids.to_numpy())
        with atomic_path(folder / f"{result.name}_test.csv") as temporary:
            test.to_csv(temporary, index=False)
