"""Feature sets by name, each fitted on the rows a model trains on and applied to any other rows.

A :class:`FeatureBuilder` learns everything it needs (medians, category levels,
frequencies, target means) from the rows it is fitted on. Target encoding is the
one step that reads the target, so it is the one that can leak:

- rows of the validation fold and of the test set are encoded with the target
  means of the *training* rows only (the builder is fitted on them, fold by fold);
- the training rows themselves are encoded out-of-fold (inner folds), so no row's
  encoding contains its own target and a model cannot learn to trust it blindly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold

from {{ cookiecutter.package_name }}.config import SEED


@dataclass(frozen=True)
class FeatureSet:
    """What a named feature set adds to the numeric columns (always median-imputed, with missing flags)."""

    name: str
    target_encoding: bool  # mean target of high-cardinality categories, out-of-fold
    counts: bool  # how common each category is
    logs: bool  # log1p of skewed non-negative columns
    max_levels: int = 12  # categories with more levels are "high-cardinality"


FEATURE_SETS = {
    "basic": FeatureSet("basic", target_encoding=False, counts=False, logs=False),
    "full": FeatureSet("full", target_encoding=True, counts=True, logs=True),
}


class TargetMeanEncoder:
    """Smoothed mean of the target per category: (sum + m * prior) / (count + m).

    ``targets`` is a 2-D array: one column for regression or a binary target,
    one indicator column per class for a multiclass target. Unseen categories
    get the prior, so a new category is "unknown", never an error.
    """

    def __init__(self, smoothing: float = 10.0, inner_folds: int = 5) -> None:
        self.smoothing = smoothing
        self.inner_folds = inner_folds

    def fit(self, values: pd.Series, targets: np.ndarray) -> TargetMeanEncoder:
        keys = values.astype("string").fillna("<missing>").to_numpy()
        self.prior_ = targets.mean(axis=0)
        frame = pd.DataFrame(targets, index=keys)
        sums, counts = frame.groupby(level=0).sum(), frame.groupby(level=0).size()
        self.table_ = (sums + self.smoothing * self.prior_).div(counts + self.smoothing, axis=0)
        return self

    def transform(self, values: pd.Series) -> np.ndarray:
        keys = values.astype("string").fillna("<missing>").to_numpy()
        encoded = self.table_.reindex(keys).to_numpy(dtype=float, copy=True)
        missing = np.isnan(encoded).any(axis=1)
        encoded[missing] = self.prior_
        return encoded

    def cross_fit(self, values: pd.Series, targets: np.ndarray) -> np.ndarray:
        """Encode each row with an encoder fitted on the other inner folds only."""
        encoded = np.zeros((len(values), targets.shape[1]))
        for fit, apply in KFold(self.inner_folds, shuffle=True, random_state=SEED).split(encoded):
            inner = TargetMeanEncoder(self.smoothing).fit(values.iloc[fit], targets[fit])
            encoded[apply] = inner.transform(values.iloc[apply])
        return encoded


def target_matrix(y: np.ndarray, n_classes: int | None) -> np.ndarray:
    """The target as columns to average: itself, P(class 1) for binary, one indicator per class otherwise."""
    if n_classes is None:
        return np.asarray(y, dtype=float).reshape(-1, 1)
    if n_classes == 2:
        return (np.asarray(y) == 1).astype(float).reshape(-1, 1)
    return (np.asarray(y).reshape(-1, 1) == np.arange(n_classes)).astype(float)


class FeatureBuilder:
    """Turns raw competition columns into a numeric matrix, learning only from the rows it is fitted on."""

    def __init__(self, feature_set: str = "full", n_classes: int | None = None) -> None:
        if feature_set not in FEATURE_SETS:
            raise ValueError(f"unknown feature set {feature_set!r}: choose one of {', '.join(FEATURE_SETS)}")
        self.spec = FEATURE_SETS[feature_set]
        self.n_classes = n_classes

    def fit(self, frame: pd.DataFrame, y: np.ndarray) -> FeatureBuilder:
        numeric = frame.select_dtypes("number")
        self.numeric_ = list(numeric.columns)
        self.medians_ = numeric.median()
        self.flagged_ = [column for column in self.numeric_ if numeric[column].isna().any()]
        self.logged_ = []
        if self.spec.logs:
            self.logged_ = [c for c in self.numeric_ if numeric[c].min() >= 0 and abs(numeric[c].skew()) > 1]
        categorical = [column for column in frame.columns if column not in self.numeric_]
        texts = {column: frame[column].astype("string").fillna("<missing>") for column in categorical}
        self.high_ = [column for column in categorical if texts[column].nunique() > self.spec.max_levels]
        self.levels_ = {
            column: list(texts[column].value_counts().index[: self.spec.max_levels])
            for column in categorical
            if column not in self.high_ or not self.spec.target_encoding
        }
        self.frequencies_ = (
            {column: texts[column].value_counts(normalize=True) for column in categorical} if self.spec.counts else {}
        )
        self.encoders_ = {}
        if self.spec.target_encoding:
            targets = target_matrix(y, self.n_classes)
            self.encoders_ = {column: TargetMeanEncoder().fit(frame[column], targets) for column in self.high_}
        return self

    def _blocks(self, frame: pd.DataFrame) -> dict[str, pd.DataFrame]:
        """Named column blocks; target-encoded ones are kept apart so training rows can be re-encoded."""
        numeric = frame[self.numeric_].apply(pd.to_numeric, errors="coerce")
        blocks = {"numeric": numeric.fillna(self.medians_)}
        blocks["missing"] = numeric[self.flagged_].isna().astype(float).add_suffix("_missing")
        blocks["log"] = np.log1p(blocks["numeric"][self.logged_].clip(lower=0)).add_suffix("_log")
        for column, levels in self.levels_.items():
            text = frame[column].astype("string").fillna("<missing>")
            blocks[f"onehot:{column}"] = pd.DataFrame(
                {f"{column}={level}": (text == level).astype(float) for level in levels}, index=frame.index
            )
        for column, shares in self.frequencies_.items():
            text = frame[column].astype("string").fillna("<missing>")
            blocks[f"count:{column}"] = pd.DataFrame(
                {f"{column}_share": text.map(shares).astype(float).fillna(0.0)}, index=frame.index
            )
        for column, encoder in self.encoders_.items():
            encoded = encoder.transform(frame[column])
            names = [f"{column}_te{index}" for index in range(encoded.shape[1])]
            blocks[f"te:{column}"] = pd.DataFrame(encoded, columns=names, index=frame.index)
        return blocks

    def transform(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Features of rows the builder did not learn from (validation, test, API requests)."""
        return pd.concat(self._blocks(frame).values(), axis=1)

    def training_matrix(self, frame: pd.DataFrame, y: np.ndarray) -> pd.DataFrame:
        """Features of the rows the builder was fitted on, with their target encodings out-of-fold."""
        blocks = self._blocks(frame)
        targets = target_matrix(y, self.n_classes)
        for column, encoder in self.encoders_.items():
            block = blocks[f"te:{column}"]
            blocks[f"te:{column}"] = pd.DataFrame(
                encoder.cross_fit(frame[column], targets), columns=block.columns, index=frame.index
            )
        return pd.concat(blocks.values(), axis=1)
