"""Out-of-fold predictions are honest: a fold's predictions never depend on that fold's targets,
the CV score is the score of those predictions, and the ensembles are fitted the same way."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import numpy as np
import pytest

from {{ cookiecutter.package_name }} import models
from {{ cookiecutter.package_name }}.config import TARGET, TASK
from {{ cookiecutter.package_name }}.ensemble import blend, blend_weights
from {{ cookiecutter.package_name }}.folds import assign_folds
from {{ cookiecutter.package_name }}.metrics import get_metric, score
from {{ cookiecutter.package_name }}.training import TargetCoder, cross_fit, fold_features, training_rows


@pytest.fixture(scope="module")
def setup(sample):
    metric = get_metric()
    y = sample.train[TARGET]
    folds = assign_folds(sample.train)["fold"].to_numpy()
    return sample.train[sample.features], y, folds, TargetCoder.fit(y, TASK, metric), metric


def linear(setup, y=None):
    frame, target, folds, coder, metric = setup
    make = partial(models.make, "linear", TASK)
    return cross_fit("linear", make, frame, target if y is None else y, folds, coder, metric)


@pytest.fixture(scope="module")
def baseline_run(setup):
    return linear(setup)


def test_oof_predictions_never_see_their_own_fold(setup, baseline_run):
    """Shuffle the targets inside fold 0: its out-of-fold predictions must not move at all."""
    _, y, folds, _, _ = setup
    changed = y.copy()
    in_fold = np.flatnonzero(folds == 0)
    changed.iloc[in_fold] = np.roll(y.to_numpy()[in_fold], 7)
    before, after = baseline_run, linear(setup, changed)
    assert np.allclose(before.oof[in_fold], after.oof[in_fold])
    assert not np.allclose(before.oof[folds != 0], after.oof[folds != 0])  # the other folds did learn from it


def test_fold_scores_are_scores_of_the_out_of_fold_predictions(setup, baseline_run):
    _, y, folds, coder, metric = setup
    result = baseline_run
    assert not np.isnan(result.oof).any()
    for fold, reported in enumerate(result.fold_scores):
        rows = folds == fold
        recomputed = score(metric, y.to_numpy()[rows], coder.decode(result.oof[rows]), coder.classes)
        assert reported == pytest.approx(recomputed)


def test_best_model_beats_a_constant_prediction_by_a_margin(trained):
    import json

    metrics = json.loads(trained.metrics.read_text("utf-8"))
    chosen, constant = metrics["headline"]["value"], metrics["baseline"]["cv_mean"]
    gain = (chosen - constant) if metrics["metric"]["direction"] == "higher" else (constant - chosen)
    assert gain > 0.1 * abs(constant), (chosen, constant)


def test_blend_weights_are_non_negative_and_sum_to_one():
    rng = np.random.default_rng(0)
    target = rng.normal(size=300)
    good = (target + rng.normal(0, 0.3, 300)).reshape(-1, 1)
    contrary = (0.5 * good[:, 0] - target + rng.normal(0, 0.3, 300)).reshape(-1, 1)  # least squares: weight < 0
    weights = blend_weights([good, contrary], target, TargetCoder("regression"))
    assert (weights >= 0).all() and weights.sum() == pytest.approx(1.0)


def test_blend_is_scored_out_of_fold(setup, baseline_run):
    _, y, folds, coder, metric = setup
    result = blend([baseline_run, baseline_run], y, folds, coder, metric)
    assert len(result.fold_scores) == 5 and not np.isnan(result.oof).any()
    assert result.cv_mean == pytest.approx(baseline_run.cv_mean, rel=1e-6)  # a blend of one model is that model


def test_blend_weights_of_a_fold_never_see_that_folds_targets(setup, baseline_run):
    """With the members' OOF predictions fixed, shuffling fold 0's targets must not move the blend on fold 0."""
    _, y, folds, coder, metric = setup
    rng = np.random.default_rng(0)
    other = replace(baseline_run, name="other", oof=baseline_run.oof * rng.uniform(0.5, 1.0, baseline_run.oof.shape))
    changed = y.copy()
    in_fold = np.flatnonzero(folds == 0)
    changed.iloc[in_fold] = np.roll(y.to_numpy()[in_fold], 7)
    before = blend([baseline_run, other], y, folds, coder, metric)
    after = blend([baseline_run, other], changed, folds, coder, metric)
    assert np.allclose(before.oof[in_fold], after.oof[in_fold])


def test_fold_features_are_cached_by_their_definition(setup, tmp_path):
    frame, y, folds, coder, _ = setup
    y_model = coder.encode(y)
    rows = training_rows(folds, 0), np.flatnonzero(folds == 0)
    first = fold_features("full", frame, y_model, *rows, None, coder.n_classes, tmp_path)
    again = fold_features("full", frame, y_model, *rows, None, coder.n_classes, tmp_path)
    assert len(list(tmp_path.iterdir())) == 1 and first[1].equals(again[1])
    fold_features("basic", frame, y_model, *rows, None, coder.n_classes, tmp_path)
    fold_features("full", frame, np.roll(y_model, 1), *rows, None, coder.n_classes, tmp_path)
    assert len(list(tmp_path.iterdir())) == 3
