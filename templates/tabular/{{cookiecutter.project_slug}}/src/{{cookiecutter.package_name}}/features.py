"""Derived features: each one encodes something a valuer knows and a tree or a
linear model would otherwise have to rediscover from raw columns.

:func:`add_features` runs inside the model pipeline, so training, evaluation and
the API all compute features the same way. A feature whose source columns are
absent is skipped, so any subset of the Ames schema still works.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

# Condition grades used across the Ames data, from poor to excellent.
QUALITY_SCALE = {"Po": 1, "Fa": 2, "TA": 3, "Gd": 4, "Ex": 5}
QUALITY_COLUMNS = (
    "ExterQual",
    "ExterCond",
    "BsmtQual",
    "BsmtCond",
    "HeatingQC",
    "KitchenQual",
    "FireplaceQu",
    "GarageQual",
    "GarageCond",
    "PoolQC",
)
PORCH_COLUMNS = ("OpenPorchSF", "EnclosedPorch", "3SsnPorch", "ScreenPorch", "WoodDeckSF")


def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    """A numeric column with absent values as 0 (no basement means 0 sq ft of it)."""
    return pd.to_numeric(frame[column], errors="coerce").fillna(0.0)


def total_sf(frame: pd.DataFrame) -> pd.Series:
    """Buyers price total floor area, wherever the floors are: basement plus both storeys."""
    return _number(frame, "TotalBsmtSF") + _number(frame, "1stFlrSF") + _number(frame, "2ndFlrSF")


def total_bath(frame: pd.DataFrame) -> pd.Series:
    """A half bath is worth about half a full one, above or below ground."""
    full = _number(frame, "FullBath") + _number(frame, "BsmtFullBath")
    return full + 0.5 * (_number(frame, "HalfBath") + _number(frame, "BsmtHalfBath"))


def house_age(frame: pd.DataFrame) -> pd.Series:
    """Age at sale, not build year: a 1990 house sold in 2010 is 20 years old."""
    return (_number(frame, "YrSold") - _number(frame, "YearBuilt")).clip(lower=0)


def years_since_remodel(frame: pd.DataFrame) -> pd.Series:
    """A recent remodel makes an old house sell like a younger one."""
    return (_number(frame, "YrSold") - _number(frame, "YearRemodAdd")).clip(lower=0)


def quality_area(frame: pd.DataFrame) -> pd.Series:
    """Quality scales the value of every square foot, so the two interact."""
    return _number(frame, "OverallQual") * _number(frame, "GrLivArea")


def total_porch_sf(frame: pd.DataFrame) -> pd.Series:
    """Five porch and deck columns, each mostly zero, say more as one outdoor area."""
    return sum(_number(frame, column) for column in PORCH_COLUMNS)


def log_lot_area(frame: pd.DataFrame) -> pd.Series:
    """Lot sizes are heavy-tailed and value grows with their log, not linearly."""
    return np.log1p(_number(frame, "LotArea"))


# name -> (function, the columns it needs)
FEATURES: dict[str, tuple[Callable[[pd.DataFrame], pd.Series], tuple[str, ...]]] = {
    "TotalSF": (total_sf, ("TotalBsmtSF", "1stFlrSF", "2ndFlrSF")),
    "TotalBath": (total_bath, ("FullBath", "HalfBath", "BsmtFullBath", "BsmtHalfBath")),
    "HouseAge": (house_age, ("YrSold", "YearBuilt")),
    "YearsSinceRemodel": (years_since_remodel, ("YrSold", "YearRemodAdd")),
    "QualityArea": (quality_area, ("OverallQual", "GrLivArea")),
    "TotalPorchSF": (total_porch_sf, PORCH_COLUMNS),
    "LogLotArea": (log_lot_area, ("LotArea",)),
}
ENGINEERED = tuple(FEATURES)


def encode_quality(frame: pd.DataFrame) -> pd.DataFrame:
    """Grades Po..Ex as 1..5 and absent (no pool, no garage) as 0.

    As numbers they keep their order, which one-hot encoding would throw away.
    """
    out = frame.copy()
    for column in QUALITY_COLUMNS:
        if column in out.columns:
            out[column] = out[column].map(QUALITY_SCALE).astype(float).fillna(0.0)
    return out


def add_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with quality grades encoded and the features added."""
    out = encode_quality(frame)
    for name, (compute, needs) in FEATURES.items():
        if all(column in out.columns for column in needs):
            out[name] = compute(out)
    return out
