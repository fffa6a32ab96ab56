"""Features learn only from the rows they are fitted on; target encoding never sees a row's own target."""

from __future__ import annotations

import numpy as np
import pandas as pd

from {{ cookiecutter.package_name }}.features import FeatureBuilder, TargetMeanEncoder


def test_target_encoding_of_a_training_row_ignores_its_own_target():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"store": rng.choice([f"s{i}" for i in range(40)], 400), "x": rng.normal(size=400)})
    y = rng.normal(size=400)
    changed = y.copy()
    changed[7] += 1000.0
    before = FeatureBuilder("full").fit(frame, y).training_matrix(frame, y).filter(like="_te")
    after = FeatureBuilder("full").fit(frame, changed).training_matrix(frame, changed).filter(like="_te")
    assert before.shape[1] == 1
    assert before.iloc[7].equals(after.iloc[7])


def test_target_encoding_of_new_rows_uses_the_fitted_rows_only():
    frame = pd.DataFrame({"store": [f"s{i % 30}" for i in range(300)]})
    y = np.arange(300, dtype=float)
    builder = FeatureBuilder("full").fit(frame.iloc[:200], y[:200])
    encoded = builder.transform(frame.iloc[200:]).filter(like="_te")
    assert encoded.to_numpy().max() < 200  # means of the first 200 targets (0..199) only


def test_unseen_category_gets_the_prior():
    encoder = TargetMeanEncoder().fit(pd.Series(["a", "a", "b"]), np.array([[1.0], [3.0], [5.0]]))
    assert encoder.transform(pd.Series(["zzz", None]))[:, 0].tolist() == [3.0, 3.0]


def test_missing_values_and_unknown_levels_do_not_break_transform(sample):
    builder = FeatureBuilder("full").fit(sample.train[sample.features], np.zeros(len(sample.train)))
    odd = sample.train[sample.features].head(3).copy()
    odd.loc[:, "region"] = ["mars", None, "north"]
    odd.loc[:, "income"] = np.nan
    matrix = builder.transform(odd)
    assert matrix.shape[0] == 3 and not matrix.isna().any().any()


def test_basic_feature_set_reads_no_target(sample):
    frame = sample.train[sample.features]
    first = FeatureBuilder("basic").fit(frame, np.zeros(len(frame))).transform(frame)
    second = FeatureBuilder("basic").fit(frame, np.ones(len(frame))).transform(frame)
    pd.testing.assert_frame_equal(first, second)
