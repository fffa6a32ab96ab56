"""Loading the competition files: the real ones in data/raw/ once fetched, else the synthetic sample.

Every check ends in a :class:`DataError` whose message says what is wrong and
what to do, so the command line prints one line instead of a traceback.
"""

from __future__ import annotations

{% if cookiecutter.data_source == "own-data" -%}
import shutil
import tempfile
import urllib.error
import urllib.request
{% endif -%}
import zlib
from dataclasses import dataclass
from gzip import BadGzipFile
from pathlib import Path
from zipfile import BadZipFile

import pandas as pd

{% if cookiecutter.data_source == "own-data" -%}
from {{ cookiecutter.package_name }}.atomic import atomic_path
{% endif -%}
from {{ cookiecutter.package_name }}.config import {% if cookiecutter.data_source == "kaggle" %}COMPETITION, {% endif %}ID, SAMPLE_NAME, TARGET, TASK, DataError, Paths

# The first bytes of the compressed files a CSV may come as (pandas reads them directly).
COMPRESSED = {b"\x1f\x8b": "gzip", b"PK\x03\x04": "zip"}


@dataclass(frozen=True)
class Competition:
    """The training rows, the rows to predict{% if cookiecutter.data_source == "kaggle" %} and the submission template{% endif %}."""

    train: pd.DataFrame
    test: pd.DataFrame | None
    sample_submission: pd.DataFrame | None
    folder: Path
    synthetic: bool

    @property
    def name(self) -> str:
        return SAMPLE_NAME if self.synthetic else {% if cookiecutter.data_source == "kaggle" %}f"Kaggle {COMPETITION}"{% else %}"own data"{% endif %}

    @property
    def features(self) -> list[str]:
        return [column for column in self.train.columns if column not in (ID, TARGET)]


def read_table(path: Path) -> pd.DataFrame:
    """A CSV (plain, gzip or zip) or Parquet file as a frame; a clear one-line error if it cannot be read."""
    try:
        if path.suffix == ".parquet":
            return pd.read_parquet(path)
        with path.open("rb") as handle:
            head = handle.read(4)
        if not head:
            raise DataError(f"{path} is empty: fetch it again (make data)")
        compression = next((kind for magic, kind in COMPRESSED.items() if head.startswith(magic)), None)
        return pd.read_csv(path, compression=compression)
    except DataError:
        raise
    except FileNotFoundError as error:
        raise DataError(f"{path} not found") from error
    except ImportError as error:
        raise DataError(f"reading {path.name} needs pyarrow: pip install pyarrow, or give a CSV") from error
    except UnicodeDecodeError as error:
        raise DataError(f"{path} is not UTF-8 text: save it as a UTF-8 CSV") from error
    except (EOFError, BadGzipFile, BadZipFile, zlib.error) as error:
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DataError(f"{path} is a corrupt or truncated archive ({message}): fetch it again") from error
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as error:
        raise DataError(f"{path} is not a readable table: {str(error).splitlines()[0]}") from error


def data_folder(paths: Paths) -> tuple[Path, bool]:
    """(folder holding train.csv, whether it is the synthetic sample)."""
    if (paths.raw / "train.csv").exists():
        return paths.raw, False
    return paths.sample, True


def check_train(train: pd.DataFrame, where: Path) -> None:
    for column in (ID, TARGET):
        if column not in train.columns:
            raise DataError(f"{where} has no column {column!r}: set ID and TARGET in config.py to its columns")
    if len(train) < 50:
        raise DataError(f"{where} has {len(train)} rows: at least 50 are needed for 5-fold cross-validation")
    if train[ID].duplicated().any():
        raise DataError(f"{where}: the id column {ID!r} has duplicate values")
    if train[TARGET].isna().any():
        raise DataError(f"{where}: {int(train[TARGET].isna().sum())} rows have no {TARGET!r}; drop or fill them")
    if TASK == "regression" and not pd.api.types.is_numeric_dtype(train[TARGET]):
        row = int(pd.to_numeric(train[TARGET], errors="coerce").isna().to_numpy().argmax())
        value = train[TARGET].iloc[row]
        raise DataError(
            f"{where}: the regression target {TARGET!r} must hold numbers, not {value!r} (data row {row + 1})"
        )
    classes = train[TARGET].nunique()
    if (TASK == "binary" and classes != 2) or (TASK == "multiclass" and classes < 2):
        needed = "exactly 2" if TASK == "binary" else "at least 2"
        raise DataError(f"{where}: the {TASK} target {TARGET!r} has {classes} class(es), {needed} are needed")


def load(paths: Paths) -> Competition:
    """The competition in data/raw/ if `make data` ran, else the bundled synthetic sample."""
    folder, synthetic = data_folder(paths)
    train = read_table(folder / "train.csv")
    check_train(train, folder / "train.csv")
    test = sample = None
{%- if cookiecutter.data_source == "kaggle" %}
    test = read_table(folder / "test.csv")
    sample = read_table(folder / "sample_submission.csv")
    missing = [column for column in train.columns if column not in (TARGET,) and column not in test.columns]
    if missing:
        raise DataError(f"{folder / 'test.csv'} lacks the training columns {missing}")
    if ID not in sample.columns:
        raise DataError(
            f"{folder / 'sample_submission.csv'} has no column {ID!r}: set ID in config.py to the id column"
        )
{%- endif %}
    return Competition(train=train, test=test, sample_submission=sample, folder=folder, synthetic=synthetic)
{%- if cookiecutter.data_source == "own-data" %}


def fetch_own_data(paths: Paths, source: str) -> Path:
    """Copy a CSV or Parquet file (a path or an http(s)/file URL) to data/raw/train.csv, checked."""
    if not source:
        raise DataError("say where your data is: make data SOURCE=path/to/file.csv (or a URL)")
    paths.raw.mkdir(parents=True, exist_ok=True)
    suffix = ".parquet" if source.split("?")[0].endswith(".parquet") else ".csv"
    # Fetched into a hidden folder and checked there: a failed or stopped fetch leaves no train.csv.
    with tempfile.TemporaryDirectory(prefix=".download-", dir=paths.raw) as folder:
        download = Path(folder) / f"download{suffix}"
        try:
            if "://" in source:
                with urllib.request.urlopen(source, timeout=60) as response, download.open("wb") as out:
                    shutil.copyfileobj(response, out)
            else:
                shutil.copyfile(Path(source).expanduser(), download)
        except (OSError, urllib.error.URLError) as error:
            raise DataError(f"cannot fetch {source}: {getattr(error, 'reason', error)}") from error
        frame = read_table(download)
        check_train(frame, Path(source))
    target = paths.raw / "train.csv"
    with atomic_path(target) as temporary:
        frame.to_csv(temporary, index=False)
    paths.folds.unlink(missing_ok=True)  # folds of other data would no longer match
    return target
{%- endif %}
