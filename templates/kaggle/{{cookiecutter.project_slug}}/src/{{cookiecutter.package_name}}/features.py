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


def as_text(values: pd.Series) -> np.ndarray:
    """A categorical column as keys: its strings, missing values as "<missing>". Plain strings take a
    fast path (a one-row API request); anything else goes through pandas' string conversion."""
    keys = [
        "<missing>" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else value
        for value in values.to_numpy(dtype=object)
    ]
    if all(isinstance(key, str) for key in keys):
        return np.array(keys, dtype=object).reshape(-1)
    return values.astype("string").fillna("<missing>").to_numpy(dtype=object)


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
        positions = self.table_.index.get_indexer(as_text(values))
        encoded = self.table_.to_numpy(dtype=float)[positions]
        missing = (positions < 0) | np.isnan(encoded).any(axis=1)
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

    def _blocks(self, frame: pd.DataFrame) -> dict[str, tuple[list[str], np.ndarray]]:
        """Named column blocks, each (column names, 2-D values); target-encoded ones are kept apart so
        training rows can be re-encoded. Plain arrays, not frames: an API request of one row pays
        for a few numpy operations, not for dozens of small DataFrames."""
        numeric = np.column_stack(
            [pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float) for column in self.numeric_]
            or [np.empty((len(frame), 0))]
        )
        filled = np.where(np.isnan(numeric), self.medians_[self.numeric_].to_numpy(dtype=float), numeric)
        flagged = [self.numeric_.index(column) for column in self.flagged_]
        logged = [self.numeric_.index(column) for column in self.logged_]
        blocks = {
            "numeric": (list(self.numeric_), filled),
            "missing": ([f"{c}_missing" for c in self.flagged_], np.isnan(numeric[:, flagged]).astype(float)),
            "log": ([f"{c}_log" for c in self.logged_], np.log1p(np.clip(filled[:, logged], 0, None))),
        }
        texts = {column: as_text(frame[column]) for column in {**self.levels_, **self.frequencies_}}
        for column, levels in self.levels_.items():
            hits = texts[column].reshape(-1, 1) == np.array(levels, dtype=object).reshape(1, -1)
            blocks[f"onehot:{column}"] = ([f"{column}={level}" for level in levels], hits.astype(float))
        for column, shares in self.frequencies_.items():
            share = shares.to_dict()
            values = np.array([share.get(text, 0.0) for text in texts[column]], dtype=float).reshape(-1, 1)
            blocks[f"count:{column}"] = ([f"{column}_share"], values)
        for column, encoder in self.encoders_.items():
            encoded = encoder.transform(frame[column])
            blocks[f"te:{column}"] = ([f"{column}_te{index}" for index in range(encoded.shape[1])], encoded)
        return blocks

    @staticmethod
    def _matrix(blocks: dict[str, tuple[list[str], np.ndarray]], index: pd.Index) -> pd.DataFrame:
        names = [name for block_names, _ in blocks.values() for name in block_names]
        values = np.hstack([np.asarray(block, dtype=float).reshape(len(index), -1) for _, block in blocks.values()])
        return pd.DataFrame(values, columns=names, index=index)

    def transform(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Features of rows the builder did not learn from (validation, test, API requests)."""
        return self._matrix(self._blocks(frame), frame.index)

    def training_matrix(self, frame: pd.DataFrame, y: np.ndarray) -> pd.DataFrame:
        """Features of the rows the builder was fitted on, with their target encodings out-of-fold."""
        blocks = self._blocks(frame)
        targets = target_matrix(y, self.n_classes)
        for column, encoder in self.encoders_.items():
            names, _ = blocks[f"te:{column}"]
            blocks[f"te:{column}"] = (names, encoder.cross_fit(frame[column], targets))
        return self._matrix(blocks, frame.index)
