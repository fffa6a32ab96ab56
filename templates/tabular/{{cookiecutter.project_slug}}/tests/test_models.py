"""The blend (weights fitted by CV on out-of-fold predictions, the weighted log average) and the kernel SVR."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import Lasso, Ridge
from sklearn.svm import SVR

from {{ cookiecutter.package_name }}.data import load_csv, split_features_target
from {{ cookiecutter.package_name }}.models import (
    BLEND,
    KernelSVR,
    LogAverage,
    TunedModel,
    blend,
    blend_weights,
    make_pipeline,
)


class Constant:
    """A fitted 'model' that answers fixed prices."""

    def __init__(self, prices: np.ndarray) -> None:
        self.prices = prices

    def predict(self, X):  # noqa: N803
        return self.prices


def test_weights_are_non_negative_sum_to_one_and_drop_a_useless_model():
    rng = np.random.default_rng(0)
    truth = rng.normal(12.0, 0.4, 400)
    good, other = truth + rng.normal(0, 0.05, 400), truth + rng.normal(0, 0.05, 400)
    useless = rng.normal(12.0, 0.4, 400)
    weights = blend_weights(np.column_stack([good, other, useless]), truth)
    assert np.all(weights >= 0) and np.isclose(weights.sum(), 1.0)
    assert weights[2] < 0.05 and abs(weights[0] - weights[1]) < 0.2


def test_weighted_log_average():
    a, b = np.array([100.0, 400.0]), np.array([400.0, 100.0])
    members = [("a", Constant(a)), ("b", Constant(b))]
    assert np.allclose(LogAverage.of_fitted(members).predict(None), [200.0, 200.0])
    weighted = LogAverage.of_fitted(members, [0.75, 0.25]).predict(None)
    assert np.allclose(weighted, np.exp(0.75 * np.log(a) + 0.25 * np.log(b)))


def test_blend_is_scored_on_its_own_out_of_fold_predictions_and_beats_its_members():
    rng = np.random.default_rng(1)
    y = pd.Series(np.exp(rng.normal(12.0, 0.4, 300)))
    tuned = [
        TunedModel(name, Constant(None), 0.0, 0.0, {}, 0.0, oof=y.to_numpy() * np.exp(rng.normal(0, 0.1, 300)))
        for name in ("one", "two")
    ]
    result = blend(tuned, y)
    assert result.name == BLEND and set(result.best_params["members"]) == {"one", "two"}
    assert np.isclose(sum(result.best_params["weights"].values()), 1.0, atol=0.01)
    errors = [np.sqrt(np.mean((np.log(model.oof) - np.log(y)) ** 2)) for model in tuned]
    assert result.cv_rmsle_mean < min(errors)


def test_a_blend_transforms_once_and_answers_what_its_members_would(project):
    """Members fitted on the same rows share one preprocessing pass; members fitted on other rows do not."""
    X, y = split_features_target(load_csv(project.sample_data))  # noqa: N806
    members = [("ridge", make_pipeline(Ridge()).fit(X, y)), ("lasso", make_pipeline(Lasso(alpha=1e-3)).fit(X, y))]
    blend_ = LogAverage.of_fitted(members, [0.6, 0.4])
    assert blend_.shared_preprocessing_
    separately = np.exp(0.6 * np.log(members[0][1].predict(X)) + 0.4 * np.log(members[1][1].predict(X)))
    assert np.allclose(blend_.predict(X), separately, rtol=1e-12)
    other_rows = [members[0], ("lasso", make_pipeline(Lasso(alpha=1e-3)).fit(X.iloc[:-50], y.iloc[:-50]))]
    assert not LogAverage.of_fitted(other_rows).shared_preprocessing_


@pytest.mark.parametrize("gamma", [5e-4, 0.05, "scale"])
def test_the_kernel_svr_answers_what_libsvm_does(gamma, monkeypatch):
    """Block by block (here blocks of 64 rows), matrix products give libsvm's predictions."""
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(300, 12)), rng.normal(size=300)  # noqa: N806
    rows = rng.normal(size=(200, 12))
    monkeypatch.setattr(KernelSVR, "BLOCK_ROWS", 64)
    ours = KernelSVR(C=5.0, epsilon=0.05, gamma=gamma).fit(X, y)
    theirs = SVR(C=5.0, epsilon=0.05, gamma=gamma).fit(X, y)
    assert np.allclose(ours.predict(rows), theirs.predict(rows), rtol=0, atol=1e-9)
    with pytest.raises(ValueError):
        ours.predict(rows[:, :5])
