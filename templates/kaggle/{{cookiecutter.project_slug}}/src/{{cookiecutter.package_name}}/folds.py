"""One fixed fold assignment, written once, read by every model and ensemble.

Scores only compare when every model is validated on the same rows, so the
folds are a file (data/processed/folds.csv: id, fold), not a random call inside
each training run. Regenerate it deliberately with `make folds FORCE=1`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold, KFold, StratifiedKFold, TimeSeriesSplit

from {{ cookiecutter.package_name }}.atomic import atomic_path
from {{ cookiecutter.package_name }}.config import ID, N_FOLDS, SEED, TARGET, TASK, DataError, Paths

SCHEMES = ("auto", "kfold", "stratified", "group", "time")


def assign_folds(
    train: pd.DataFrame, scheme: str = "auto", column: str | None = None, n_folds: int = N_FOLDS
) -> pd.DataFrame:
    """A frame (id, fold) giving each training row exactly one validation fold.

    ``auto`` stratifies classification targets and shuffles regression rows;
    ``group`` keeps every value of ``column`` in one fold (e.g. a customer);
    ``time`` validates on later values of ``column`` than it trains on (rows
    before the first validation block get fold -1: they are only ever trained on).
    """
    if scheme == "auto":
        scheme = "kfold" if TASK == "regression" else "stratified"
    if scheme in ("group", "time") and (column is None or column not in train.columns):
        raise DataError(f"the {scheme} scheme needs --column naming a column of train.csv")
    if scheme == "time" and train[column].isna().any():
        raise DataError(f"the time column {column!r} has missing values: fill or drop them first")
    rows = np.arange(len(train))
    folds = np.full(len(train), -1, dtype=int)
    if scheme == "kfold":
        splits = KFold(n_folds, shuffle=True, random_state=SEED).split(rows)
    elif scheme == "stratified":
        splits = StratifiedKFold(n_folds, shuffle=True, random_state=SEED).split(rows, train[TARGET])
    elif scheme == "group":
        splits = GroupKFold(n_folds).split(rows, groups=train[column])
    elif scheme == "time":
        order = np.argsort(train[column].to_numpy(), kind="stable")
        splits = ((order[fit], order[valid]) for fit, valid in TimeSeriesSplit(n_folds).split(rows))
    else:
        raise DataError(f"unknown fold scheme {scheme!r}: choose one of {', '.join(SCHEMES)}")
    for fold, (_, valid) in enumerate(splits):
        folds[valid] = fold
    return pd.DataFrame({ID: train[ID].to_numpy(), "fold": folds})


def write_folds(paths: Paths, train: pd.DataFrame, scheme: str = "auto", column: str | None = None) -> pd.DataFrame:
    """Write data/processed/folds.csv and return it."""
    folds = assign_folds(train, scheme, column)
    with atomic_path(paths.folds) as temporary:
        folds.to_csv(temporary, index=False)
    return folds


def read_folds(paths: Paths, train: pd.DataFrame) -> np.ndarray:
    """The fold of each training row, in the order of ``train``; an error if the file is for other data."""
    if not paths.folds.exists():
        raise DataError(f"{paths.folds} is missing: run `make folds` first")
    folds = pd.read_csv(paths.folds)
    if set(folds[ID]) != set(train[ID]) or len(folds) != len(train):
        raise DataError(f"{paths.folds} was made for other data: run `make folds FORCE=1`")
    return folds.set_index(ID).loc[train[ID], "fold"].to_numpy()


def ensure_folds(paths: Paths, train: pd.DataFrame) -> np.ndarray:
    """The saved folds, written first if there are none yet."""
    if not paths.folds.exists():
        write_folds(paths, train)
    return read_folds(paths, train)
