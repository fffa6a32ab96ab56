"""Engineered features: values on hand-made rows, and tolerance of missing columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.features import ENGINEERED, add_features, complete_house, typical_house


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


def test_codes_are_categories_not_quantities():
    out = add_features(pd.DataFrame({"MSSubClass": [60, 20], "MoSold": [5, np.nan]}))
    assert out["MSSubClass"].tolist() == ["60", "20"]
    assert out["MoSold"].iloc[0] == "5" and pd.isna(out["MoSold"].iloc[1])


@pytest.fixture
def typical(houses) -> dict:
    return typical_house(houses.assign(Neighborhood=["NAmes", "NAmes"], GarageType=["Attchd", np.nan]))


def test_typical_house_is_the_median_or_the_most_frequent(typical):
    assert typical["values"]["GrLivArea"] == 1300
    assert typical["values"]["Neighborhood"] == "NAmes"
    assert typical["values"]["GarageType"] == "Attchd"  # the missing value is not a candidate
    assert typical["relations"]["1stFlrSF"] == pytest.approx(np.median([900 / 1600, 1000 / 1000]))


def test_a_left_out_column_is_unknown_and_an_explicit_na_is_none(typical):
    columns = ["GrLivArea", "Neighborhood", "GarageType", "OverallQual"]
    row, filled = complete_house({"GrLivArea": 1500, "GarageType": "NA"}, typical, columns)
    assert row["Neighborhood"] == "NAmes" and row["OverallQual"] == 6.0
    assert pd.isna(row["GarageType"])  # "NA" in the data means no garage
    assert filled == ["Neighborhood", "OverallQual"]


def test_floor_areas_follow_the_living_area(typical):
    columns = ["GrLivArea", "1stFlrSF", "2ndFlrSF", "TotalBsmtSF", "LowQualFinSF"]
    small, _ = complete_house({"GrLivArea": 1000}, typical, columns)
    large, _ = complete_house({"GrLivArea": 3000}, typical, columns)
    for row in (small, large):
        assert row["1stFlrSF"] + row["2ndFlrSF"] == pytest.approx(row["GrLivArea"])
    assert large["1stFlrSF"] > small["1stFlrSF"] and large["TotalBsmtSF"] > small["TotalBsmtSF"]
    given, filled = complete_house({"GrLivArea": 3000, "1stFlrSF": 1000}, typical, columns)
    assert given["1stFlrSF"] == 1000 and given["2ndFlrSF"] == 2000 and "1stFlrSF" not in filled
