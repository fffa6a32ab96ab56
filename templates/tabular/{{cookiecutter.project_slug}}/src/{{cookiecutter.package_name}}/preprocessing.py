"""Cleaning as scikit-learn steps: imputation, outlier clipping, encoding.

Everything is learned inside the model pipeline, on the training rows of each
cross-validation fold, so nothing about the test rows leaks into training.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from {{ cookiecutter.package_name }}.features import add_features


class QuantileClipper(TransformerMixin, BaseEstimator):
    """Clip each column to quantiles learned on the training data.

    Extreme lot sizes or porch areas would otherwise dominate a linear model;
    clipping keeps the row but tames the value.
    """

    def __init__(self, lower: float = 0.005, upper: float = 0.995) -> None:
        self.lower = lower
        self.upper = upper

    def fit(self, X, y=None):  # noqa: N803 (scikit-learn's argument name)
        values = np.asarray(X, dtype=float)
        self.low_ = np.nanquantile(values, self.lower, axis=0)
        self.high_ = np.nanquantile(values, self.upper, axis=0)
        self.n_features_in_ = values.shape[1]
        return self

    def transform(self, X):  # noqa: N803
        return np.clip(np.asarray(X, dtype=float), self.low_, self.high_)

    def get_feature_names_out(self, input_features=None):
        return np.asarray(input_features, dtype=object)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories as plain strings with NaN for missing, whatever dtype pandas read."""
    return frame.astype(str).astype(object).where(frame.notna(), np.nan)


def build_preprocessor() -> Pipeline:
    """Features, then per-type cleaning; columns are picked by dtype at fit time."""
    numeric = Pipeline(
        [
            # Median is robust to skew; the indicator keeps "was missing" as a signal.
            ("impute", SimpleImputer(strategy="median", add_indicator=True)),
            ("clip", QuantileClipper()),
            ("scale", StandardScaler()),
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
            ("features", FunctionTransformer(add_features, feature_names_out=None, validate=False)),
            ("columns", columns),
        ]
    )
