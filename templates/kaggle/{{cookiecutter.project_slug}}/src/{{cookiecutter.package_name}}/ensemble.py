"""Blending and stacking, fitted on out-of-fold predictions and scored by nested CV.

Weights (or a meta-model) fitted on all OOF predictions and then scored on
those same predictions would flatter the ensemble. So each fold's ensemble
predictions come from weights fitted on the *other* folds' OOF predictions,
and only the final weights, used for the test set and the API, see them all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import nnls
from sklearn.linear_model import LinearRegression, LogisticRegression

from {{ cookiecutter.package_name }}.metrics import Metric, score
from {{ cookiecutter.package_name }}.training import CVResult, TargetCoder, training_rows, validated


def blend_weights(predictions: list[np.ndarray], y_model: np.ndarray, coder: TargetCoder) -> np.ndarray:
    """Non-negative weights summing to 1 that best fit the target (least squares on values or probabilities)."""
    if coder.classes is None:
        columns, target = np.column_stack([p[:, 0] for p in predictions]), np.asarray(y_model, dtype=float)
    else:
        columns = np.column_stack([p.ravel() for p in predictions])
        target = (np.asarray(y_model).reshape(-1, 1) == np.arange(len(coder.classes))).astype(float).ravel()
    weights, _ = nnls(columns, target)
    return weights / weights.sum() if weights.sum() > 0 else np.full(len(predictions), 1 / len(predictions))


def _stack_inputs(predictions: list[np.ndarray], coder: TargetCoder) -> np.ndarray:
    if coder.classes is None:
        return np.column_stack([p[:, 0] for p in predictions])
    clipped = [np.clip(p, 1e-6, 1 - 1e-6) for p in predictions]
    if len(coder.classes) == 2:
        return np.column_stack([np.log(p[:, 1] / p[:, 0]) for p in clipped])
    return np.column_stack([np.log(p) for p in clipped])


def fit_meta(predictions: list[np.ndarray], y_model: np.ndarray, coder: TargetCoder) -> Any:
    """The stacking meta-model: non-negative linear regression, or logistic regression on log-odds."""
    meta = LinearRegression(positive=True) if coder.classes is None else LogisticRegression(C=1.0, max_iter=2000)
    return meta.fit(_stack_inputs(predictions, coder), y_model)


def meta_predict(meta: Any, predictions: list[np.ndarray], coder: TargetCoder) -> np.ndarray:
    inputs = _stack_inputs(predictions, coder)
    if coder.classes is None:
        return meta.predict(inputs).reshape(-1, 1)
    return meta.predict_proba(inputs)


@dataclass
class Blend:
    """Weighted mean of the members' predictions (weights fitted on OOF predictions)."""

    members: list[Any]
    weights: np.ndarray

    def predict(self, frame) -> np.ndarray:
        built: dict[int, Any] = {}  # each fold's features, built once for every member
        pairs = zip(self.weights, self.members, strict=True)
        return sum(weight * member.predict(frame, built) for weight, member in pairs)


@dataclass
class Stack:
    """A meta-model over the members' predictions (fitted on OOF predictions)."""

    members: list[Any]
    meta: Any
    coder: TargetCoder

    def predict(self, frame) -> np.ndarray:
        built: dict[int, Any] = {}  # each fold's features, built once for every member
        return meta_predict(self.meta, [member.predict(frame, built) for member in self.members], self.coder)


def _ensemble(name: str, results: list[CVResult], y, folds: np.ndarray, coder: TargetCoder, metric: Metric) -> CVResult:
    started = time.perf_counter()
    y_model = coder.encode(y)
    oofs = [result.oof for result in results]
    fit = blend_weights if name == "blend" else fit_meta
    combine = (
        (lambda ws, ps: sum(w * p for w, p in zip(ws, ps, strict=True)))
        if name == "blend"
        else (lambda meta, ps: meta_predict(meta, ps, coder))
    )
    oof = np.full_like(oofs[0], np.nan)
    fold_scores = []
    for fold in sorted(set(folds.tolist()) - {-1}):
        fit_rows = training_rows(folds, fold)
        fit_rows = fit_rows[validated(folds)[fit_rows]]  # only rows that have OOF predictions
        valid_rows = np.flatnonzero(folds == fold)
        state = fit([p[fit_rows] for p in oofs], y_model[fit_rows], coder)
        oof[valid_rows] = combine(state, [p[valid_rows] for p in oofs])
        fold_scores.append(score(metric, y.to_numpy()[valid_rows], coder.decode(oof[valid_rows]), coder.classes))
    rows = validated(folds)
    final = fit([p[rows] for p in oofs], y_model[rows], coder)
    members = [result.predictor for result in results]
    tests = [result.test for result in results]
    test = None if tests[0] is None else combine(final, tests)
    if name == "blend":
        predictor: Any = Blend(members, final)
        params = {f"w_{result.name}": round(float(w), 4) for result, w in zip(results, final, strict=True)}
    else:
        predictor = Stack(members, final, coder)
        params = {"meta": type(final).__name__}
    return CVResult(
        name, results[0].feature_set, oof, test, fold_scores, time.perf_counter() - started, params, predictor
    )


def blend(results: list[CVResult], y, folds: np.ndarray, coder: TargetCoder, metric: Metric) -> CVResult:
    """Non-negative weighted blend of the candidates, scored by nested CV."""
    return _ensemble("blend", results, y, folds, coder, metric)


def stack(results: list[CVResult], y, folds: np.ndarray, coder: TargetCoder, metric: Metric) -> CVResult:
    """A meta-model on the candidates' OOF predictions, scored by nested CV on the same folds."""
    return _ensemble("stack", results, y, folds, coder, metric)
