"""The fixed folds: each row validated exactly once, the same every run, and honest for groups and time."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.config import ID, TARGET, TASK, DataError
from {{ cookiecutter.package_name }}.folds import assign_folds, ensure_folds, read_folds, write_folds
from {{ cookiecutter.package_name }}.training import training_rows


def test_folds_are_disjoint_and_cover_every_row_once(sample):
    folds = assign_folds(sample.train)
    assert folds[ID].tolist() == sample.train[ID].tolist()
    assert sorted(folds["fold"].unique()) == [0, 1, 2, 3, 4]
    for fold in range(5):
        fit, valid = training_rows(folds["fold"].to_numpy(), fold), np.flatnonzero(folds["fold"] == fold)
        assert not set(fit) & set(valid)
        assert len(fit) + len(valid) == len(sample.train)


def test_folds_are_stable_across_runs(project, sample):
    first = write_folds(project, sample.train)
    again = assign_folds(sample.train)
    pd.testing.assert_frame_equal(first, again)
    assert (ensure_folds(project, sample.train) == first["fold"].to_numpy()).all()


@pytest.mark.skipif(TASK == "regression", reason="stratification is for classes")
def test_classification_folds_keep_the_class_shares(sample):
    folds = assign_folds(sample.train)
    overall = sample.train[TARGET].value_counts(normalize=True)
    for fold in range(5):
        shares = sample.train[TARGET][folds["fold"] == fold].value_counts(normalize=True)
        assert (shares - overall).abs().max() < 0.05


def test_group_folds_keep_each_group_in_one_fold(sample):
    folds = assign_folds(sample.train, "group", "store")
    assert (pd.DataFrame({"g": sample.train["store"], "f": folds["fold"]}).groupby("g")["f"].nunique() == 1).all()


def test_time_folds_only_train_on_the_past(sample):
    folds = assign_folds(sample.train, "time", "age")["fold"].to_numpy()
    time = sample.train["age"].to_numpy()
    for fold in sorted(set(folds) - {-1}):
        assert time[training_rows(folds, fold)].max() <= time[folds == fold].min()


def test_time_folds_refuse_missing_times(sample):
    with pytest.raises(DataError, match="missing"):
        assign_folds(sample.train, "time", "tenure")


def test_folds_for_other_data_are_refused(project, sample):
    write_folds(project, sample.train)
    with pytest.raises(DataError, match="make folds FORCE=1"):
        read_folds(project, sample.train.iloc[:-10])
