"""Derived features: each one encodes something a valuer knows and a tree or a
linear model would otherwise have to rediscover from raw columns.

:func:`add_features` runs inside the model pipeline, so training, evaluation and
the API all compute features the same way. A feature whose source columns are
absent is skipped, so any subset of the Ames schema still works.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Condition grades used across the Ames data, from absent to excellent. As
# numbers they keep their order, which one-hot encoding would throw away.
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


def _has(frame: pd.DataFrame, *columns: str) -> bool:
    return all(column in frame.columns for column in columns)


def _number(frame: pd.DataFrame, column: str) -> pd.Series:
    """A numeric column with absent values as 0 (no basement means 0 sq ft of it)."""
    return pd.to_numeric(frame[column], errors="coerce").fillna(0.0)


def add_features(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with the engineered features added."""
    out = frame.copy()
    for column in QUALITY_COLUMNS:
        if column in out.columns:
            # Absent (NA: no pool, no garage) scores 0, below "poor".
            out[column] = out[column].map(QUALITY_SCALE).astype(float).fillna(0.0)
    if _has(out, "TotalBsmtSF", "1stFlrSF", "2ndFlrSF"):
        # Buyers price total floor area, wherever the floors are.
        out["TotalSF"] = _number(out, "TotalBsmtSF") + _number(out, "1stFlrSF") + _number(out, "2ndFlrSF")
    if _has(out, "FullBath", "HalfBath", "BsmtFullBath", "BsmtHalfBath"):
        # A half bath is worth about half a full one, above or below ground.
        out["TotalBath"] = (
            _number(out, "FullBath")
            + _number(out, "BsmtFullBath")
            + 0.5 * (_number(out, "HalfBath") + _number(out, "BsmtHalfBath"))
        )
    if _has(out, "YrSold", "YearBuilt"):
        # Age at sale, not build year: a 1990 house sold in 2010 is 20 years old.
        out["HouseAge"] = (_number(out, "YrSold") - _number(out, "YearBuilt")).clip(lower=0)
    if _has(out, "YrSold", "YearRemodAdd"):
        out["YearsSinceRemodel"] = (_number(out, "YrSold") - _number(out, "YearRemodAdd")).clip(lower=0)
    if _has(out, "OverallQual", "GrLivArea"):
        # Quality scales the value of every square foot: the two interact.
        out["QualityArea"] = _number(out, "OverallQual") * _number(out, "GrLivArea")
    if _has(out, *PORCH_COLUMNS):
        out["TotalPorchSF"] = sum(_number(out, column) for column in PORCH_COLUMNS)
    if "LotArea" in out.columns:
        # Lot sizes are heavy-tailed; value grows with the log of the area.
        out["LogLotArea"] = np.log1p(_number(out, "LotArea"))
    return out


ENGINEERED = ("TotalSF", "TotalBath", "HouseAge", "YearsSinceRemodel", "QualityArea", "TotalPorchSF", "LogLotArea")
