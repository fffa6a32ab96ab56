"""Load, check and split the house-price table.

Every reader funnels through :func:`load_csv`, so a malformed file or a missing
column fails here with one clear line instead of deep inside scikit-learn.
"""

from __future__ import annotations

import zlib
from gzip import BadGzipFile
from pathlib import Path
from typing import IO
from zipfile import BadZipFile

import pandas as pd
from sklearn.model_selection import train_test_split

from {{ cookiecutter.package_name }}.config import ID_COLUMN, RANDOM_STATE, TARGET, TEST_SIZE

# Columns that name a row rather than describe a house, in the Kaggle/OpenML table
# (Id) and in De Cock's original AmesHousing file (Order, PID).
ID_COLUMNS = (ID_COLUMN, "Order", "PID")
MIN_ROWS = 50
# Living area (sq ft) above which De Cock advises a look at each sale.
OUTLIER_AREA = 4000
# A column of numbers with at most this share of text cells is a numeric column with typos, not a category.
STRAY_TEXT_SHARE = 0.05
# The first bytes of the compressed files a CSV may come as.
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"


class DataError(ValueError):
    """The data cannot be used as it is; the message says what to do."""


def normalise_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Map De Cock's column names ("Gr Liv Area", "Year Remod/Add") to the Kaggle ones.

    The original Ames file and the Kaggle/OpenML release differ only in spaces and
    slashes, so one rule lets the pipeline read both.
    """
    return frame.rename(columns=lambda name: str(name).replace(" ", "").replace("/", ""))


def check_frame(frame: pd.DataFrame, source: str, *, require_target: bool = True) -> pd.DataFrame:
    """Raise DataError unless ``frame`` looks like the house-price table."""
    if require_target and TARGET not in frame.columns:
        raise DataError(f"{source}: no {TARGET!r} column; the table must hold the sale price to learn from")
    if require_target:
        prices = pd.to_numeric(frame[TARGET], errors="coerce")
        bad = int(prices.isna().sum() + (prices <= 0).sum())
        if bad:
            raise DataError(f"{source}: {bad} rows have a missing, non-numeric or non-positive {TARGET}")
        if len(frame) < MIN_ROWS:
            raise DataError(f"{source}: only {len(frame)} rows; at least {MIN_ROWS} are needed to train and test")
    features = [c for c in frame.columns if c not in (TARGET, *ID_COLUMNS)]
    if not features:
        raise DataError(f"{source}: no feature columns besides {TARGET!r}")
    for column in features:
        check_numeric_column(frame[column], source)
    return frame


def check_numeric_column(values: pd.Series, source: str) -> None:
    """Refuse a column of numbers with a few text cells ("1,500 sq ft", "n/a"): it would pass as a category."""
    if pd.api.types.is_numeric_dtype(values):
        return
    present = values.dropna().astype(str)
    text = present[pd.to_numeric(present, errors="coerce").isna()]
    if 0 < len(text) <= STRAY_TEXT_SHARE * len(present):
        raise DataError(
            f"{source}: column {values.name!r} holds numbers but {len(text)} rows are text"
            f" (first: {text.iloc[0]!r}); fix or blank those cells"
        )


def first_line(error: Exception) -> str:
    """The first line of an exception's message, for one-line errors."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def compression(path: Path) -> str | None:
    """The compression the file starts with ("gzip" or "zip", whatever its name says), else None."""
    with open(path, "rb") as handle:
        head = handle.read(4)
    return "gzip" if head.startswith(GZIP_MAGIC) else "zip" if head.startswith(ZIP_MAGIC) else None


def read_csv(source: Path | IO[bytes], origin: str) -> pd.DataFrame:
    """pandas.read_csv (plain, gzip or zip), with a one-line DataError when the file is not a CSV table."""
    try:
        if isinstance(source, Path):
            return pd.read_csv(source, compression=compression(source))
        return pd.read_csv(source)
    except pd.errors.EmptyDataError as error:
        raise DataError(f"{origin} is empty: no header, no rows; fetch or export it again") from error
    except UnicodeDecodeError as error:
        raise DataError(f"{origin} is not UTF-8 text ({first_line(error)}): save it as a UTF-8 CSV") from error
    except (EOFError, BadGzipFile, BadZipFile, zlib.error) as error:
        raise DataError(f"{origin} is a corrupt or truncated archive ({first_line(error)}): fetch it again") from error
    except (pd.errors.ParserError, ValueError) as error:
        raise DataError(f"{origin} is not a readable CSV file: {first_line(error)}") from error


def load_csv(path: Path) -> pd.DataFrame:
    """Read and check a house-price CSV (Kaggle, OpenML export or De Cock's file)."""
    path = Path(path)
    if not path.exists():
        raise DataError(f"{path} does not exist: run `make data`, or use the bundled sample")
    return check_frame(normalise_columns(read_csv(path, str(path))), str(path))


def split_features_target(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Return (features, target): identifiers are dropped, they carry no signal."""
    features = frame.drop(columns=[c for c in (TARGET, *ID_COLUMNS) if c in frame.columns])
    return features, frame[TARGET].astype(float)


def train_test(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The one fixed train/test split every step uses, so the test rows never train."""
    train, test = train_test_split(frame, test_size=TEST_SIZE, random_state=RANDOM_STATE)
    return train.reset_index(drop=True), test.reset_index(drop=True)


def drop_training_outliers(train: pd.DataFrame) -> pd.DataFrame:
    """Drop the few huge houses sold far below their value (partial sales).

    De Cock, who published the data, points at the houses above 4,000 sq ft of
    living area: a few of them sold at a fraction of the going rate, unusual
    sales rather than a pattern. A huge house is dropped when its price per
    square foot is under half the training median. Only the training split is
    touched, so the test score stays honest.
    """
    if "GrLivArea" not in train.columns:
        return train
    area = pd.to_numeric(train["GrLivArea"], errors="coerce")
    per_sq_ft = train[TARGET] / area
    keep = ~((area > OUTLIER_AREA) & (per_sq_ft < 0.5 * per_sq_ft.median()))
    return train.loc[keep].reset_index(drop=True)
