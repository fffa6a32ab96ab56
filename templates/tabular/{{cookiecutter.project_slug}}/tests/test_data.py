"""Loading, checks and the split, on data in the exact format of the real files."""

from __future__ import annotations

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.config import TARGET
from {{ cookiecutter.package_name }}.data import (
    DataError,
    drop_training_outliers,
    load_csv,
    split_features_target,
    train_test,
)


def test_sample_has_the_kaggle_schema(project):
    frame = load_csv(project.sample_data)
    assert frame.shape[1] == 81
    assert {"Id", "GrLivArea", "Neighborhood", "OverallQual", TARGET} <= set(frame.columns)
    assert (frame[TARGET] > 0).all()
    # "NA" in the file means "no such feature": pandas reads it as missing.
    assert frame["PoolQC"].isna().mean() > 0.9


def test_missing_file_points_at_make_data(tmp_path):
    with pytest.raises(DataError, match="make data"):
        load_csv(tmp_path / "nope.csv")


def test_malformed_csv_is_a_clear_error(tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_text('Id,GrLivArea,SalePrice\n1,"1500,200000\n2,1600,210000\n', encoding="utf-8")
    with pytest.raises(DataError, match="not a readable CSV"):
        load_csv(broken)


def test_missing_target_column_is_named(project, tmp_path):
    frame = pd.read_csv(project.sample_data).drop(columns=[TARGET])
    frame.to_csv(tmp_path / "no_target.csv", index=False)
    with pytest.raises(DataError, match=f"no '{TARGET}' column"):
        load_csv(tmp_path / "no_target.csv")


def test_non_numeric_prices_are_rejected(project, tmp_path):
    frame = pd.read_csv(project.sample_data, dtype={TARGET: str})
    frame.loc[3, TARGET] = "expensive"
    frame.to_csv(tmp_path / "bad_price.csv", index=False)
    with pytest.raises(DataError, match="1 rows have a missing, non-numeric or non-positive"):
        load_csv(tmp_path / "bad_price.csv")


def test_de_cock_column_names_are_mapped(project, tmp_path):
    """De Cock's original file spells columns "Gr Liv Area" and "Year Remod/Add"."""
    frame = pd.read_csv(project.sample_data)
    renamed = {"GrLivArea": "Gr Liv Area", "YearRemodAdd": "Year Remod/Add", "1stFlrSF": "1st Flr SF"}
    original = frame.rename(columns=renamed).rename(columns={"Id": "Order"})
    original.to_csv(tmp_path / "AmesHousing.csv", index=False)
    loaded = load_csv(tmp_path / "AmesHousing.csv")
    assert {"GrLivArea", "YearRemodAdd", "1stFlrSF"} <= set(loaded.columns)
    features, _ = split_features_target(loaded)
    assert "Order" not in features.columns


def test_split_is_fixed_and_disjoint(project):
    frame = load_csv(project.sample_data)
    train, test = train_test(frame)
    again, _ = train_test(frame)
    assert len(train) + len(test) == len(frame)
    assert set(train["Id"]).isdisjoint(test["Id"])
    pd.testing.assert_frame_equal(train, again)


def test_only_huge_cheap_sales_leave_the_training_rows(project):
    train, _ = train_test(load_csv(project.sample_data))
    kept = drop_training_outliers(train)
    removed = train[~train["Id"].isin(kept["Id"])]
    assert 1 <= len(removed) <= 2
    assert (removed["GrLivArea"] > 4000).all()
    assert (removed[TARGET] < train[TARGET].median()).all()
