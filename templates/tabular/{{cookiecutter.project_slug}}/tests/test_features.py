"""Engineered features: values on hand-made rows, and tolerance of missing columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.features import ENGINEERED, add_features


@pytest.fixture
def houses() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "TotalBsmtSF": [800, np.nan],
            "1stFlrSF": [900, 1000],
            "2ndFlrSF": [700, 0],
            "FullBath": [2, 1],
            "HalfBath": [1, 0],
            "BsmtFullBath": [1, np.nan],
            "BsmtHalfBath": [0, 0],
            "YrSold": [2010, 2008],
            "YearBuilt": [2000, 1950],
            "YearRemodAdd": [2005, 1950],
            "OverallQual": [7, 5],
            "GrLivArea": [1600, 1000],
            "LotArea": [9000, 0],
            "OpenPorchSF": [40, 0],
            "EnclosedPorch": [0, 0],
            "3SsnPorch": [0, 0],
            "ScreenPorch": [0, 0],
            "WoodDeckSF": [100, 0],
            "KitchenQual": ["Gd", "TA"],
            "PoolQC": [np.nan, "Ex"],
        }
    )


def test_values(houses):
    out = add_features(houses)
    assert out["TotalSF"].tolist() == [2400, 1000]  # a missing basement counts as 0 sq ft
    assert out["TotalBath"].tolist() == [3.5, 1.0]
    assert out["HouseAge"].tolist() == [10, 58]
    assert out["YearsSinceRemodel"].tolist() == [5, 58]
    assert out["QualityArea"].tolist() == [11200, 5000]
    assert out["TotalPorchSF"].tolist() == [140, 0]
    assert out["LogLotArea"].iloc[0] == pytest.approx(np.log1p(9000))
    assert out["KitchenQual"].tolist() == [4.0, 3.0]
    assert out["PoolQC"].tolist() == [0.0, 5.0]  # no pool scores below "poor"


def test_input_is_not_modified(houses):
    before = houses.copy()
    add_features(houses)
    pd.testing.assert_frame_equal(houses, before)


def test_features_need_their_columns(houses):
    out = add_features(houses[["GrLivArea", "LotArea"]])
    assert set(ENGINEERED) & set(out.columns) == {"LogLotArea"}
