"""Cleaning as scikit-learn steps: imputation, skew, clipping to the training range, scaling, encoding.

Everything is learned inside the model pipeline, on the training rows of each
cross-validation fold, so nothing about the test rows leaks into training.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import skew
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, RobustScaler

from {{ cookiecutter.package_name }}.features import add_features


class GroupMedianImputer(TransformerMixin, BaseEstimator):
    """Fill a numeric column with its median within a group, learned on the training rows.

    Lot frontage depends on the street layout, which is shared by houses of the
    same neighbourhood: their median is a far better guess than the town's.
    A column or group that is absent is left alone.
    """

    def __init__(self, column: str = "LotFrontage", by: str = "Neighborhood") -> None:
        self.column = column
        self.by = by

    def fit(self, X: pd.DataFrame, y=None):  # noqa: N803 (scikit-learn's argument name)
        self.medians_: dict[str, float] = {}
        self.overall_ = np.nan
        if self.column in X.columns:
            values = pd.to_numeric(X[self.column], errors="coerce")
            self.overall_ = float(values.median())
            if self.by in X.columns:
                self.medians_ = values.groupby(X[self.by].astype(str)).median().dropna().to_dict()
        return self

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:  # noqa: N803
        if self.column not in X.columns:
            return X
        out = X.copy()
        values = pd.to_numeric(out[self.column], errors="coerce")
        if self.by in out.columns:
            values = values.fillna(out[self.by].astype(str).map(self.medians_))
        out[self.column] = values.fillna(self.overall_)
        return out


class SkewedLog(TransformerMixin, BaseEstimator):
    """log1p of the non-negative columns whose training skew exceeds ``threshold``.

    Areas and lot sizes are heavy-tailed: on a log scale a linear model sees
    their effect as it is (relative), and one mansion no longer sets the slope.
    """

    def __init__(self, threshold: float = 0.75) -> None:
        self.threshold = threshold

    def fit(self, X, y=None):  # noqa: N803
        values = np.asarray(X, dtype=float)
        with np.errstate(all="ignore"):
            skewness = np.nan_to_num(skew(values, axis=0, nan_policy="omit"))
        self.columns_ = (np.abs(skewness) > self.threshold) & (np.nanmin(values, axis=0) >= 0)
        self.n_features_in_ = values.shape[1]
        return self

    def transform(self, X):  # noqa: N803
        values = np.asarray(X, dtype=float).copy()
        values[:, self.columns_] = np.log1p(np.clip(values[:, self.columns_], 0, None))
        return values

    def get_feature_names_out(self, input_features=None):
        return np.asarray(input_features, dtype=object)


class QuantileClipper(TransformerMixin, BaseEstimator):
    """Clip each column to quantiles learned on the training data (by default its range).

    A house beyond anything the training rows showed (a lot twice the largest)
    gets the largest seen value: a linear model would otherwise extrapolate its
    slope far past the data. Clipping inside the range (say at the 0.5 % and
    99.5 % quantiles) scored worse by CV: after the log of skewed columns the
    largest houses carry real signal.
    """

    def __init__(self, lower: float = 0.0, upper: float = 1.0) -> None:
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):  # noqa: N803
        values = np.asarray(X, dtype=float)
        self.low_ = np.nanquantile(values, self.lower, axis=0)
        self.high_ = np.nanquantile(values, self.upper, axis=0)
        self.n_features_in_ = values.shape[1]
        return self

    def transform(self, X):  # noqa: N803
        return np.clip(np.asarray(X, dtype=float), self.low_, self.high_)

    def get_feature_names_out(self, input_features=None):
        return np.asarray(input_features, dtype=object)


def _as_text(frame: pd.DataFrame) -> np.ndarray:
    """Categories as plain strings with NaN for missing, whatever dtype pandas read.

    One array for the whole block, which the imputer and encoder then read
    without pandas: column by column, this step and those two were half the time
    the API took to price one house.
    """
    values = frame.to_numpy(dtype=object)
    text = values.astype(str).astype(object)
    text[pd.isna(values)] = np.nan
    return text


def build_preprocessor() -> Pipeline:
    """Features, then per-type cleaning; columns are picked by dtype at fit time."""
    numeric = Pipeline(
        [
            # Median is robust to skew; the indicator keeps "was missing" as a signal.
            ("impute", SimpleImputer(strategy="median", add_indicator=True)),
            ("log", SkewedLog()),
            # To the training range: no extrapolation past the largest house seen.
            ("clip", QuantileClipper()),
            # Median and quartiles: a few extreme houses do not set everyone's scale.
            ("scale", RobustScaler()),
        ]
    )
    categorical = Pipeline(
        [
            ("text", FunctionTransformer(_as_text, feature_names_out="one-to-one")),
            # In this data NA mostly means "none" (no alley, no fence): a category of its own.
            ("impute", SimpleImputer(strategy="constant", fill_value="None")),
            ("encode", OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=5, sparse_output=False)),
        ]
    )
    columns = ColumnTransformer(
        [
            ("numeric", numeric, make_column_selector(dtype_include=np.number)),
            ("categorical", categorical, make_column_selector(dtype_exclude=np.number)),
        ],
        verbose_feature_names_out=False,
    )
    return Pipeline(
        [
            ("lot_frontage", GroupMedianImputer()),
            ("features", FunctionTransformer(add_features, feature_names_out=None, validate=False)),
            ("columns", columns),
        ]
    )
