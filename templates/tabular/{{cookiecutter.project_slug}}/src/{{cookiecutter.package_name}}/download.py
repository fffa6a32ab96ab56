"""Fetch the real house-price data into data/raw/ (`make data`).

Three sources, one result: ``data/raw/house_prices.csv`` in the Kaggle column
names, plus ``house_prices.source.json`` recording where it came from and its
SHA-256. Files are written to a temporary name and moved into place only once
complete and checked, so a failed download never leaves half a file behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
import urllib.error
import urllib.request
import warnings
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

import pandas as pd

from {{ cookiecutter.package_name }}.atomic import atomic_path, write_json
from {{ cookiecutter.package_name }}.config import Paths
from {{ cookiecutter.package_name }}.data import (
    DataError,
    check_frame,
    compression,
    first_line,
    normalise_columns,
    read_csv,
)

# De Cock's Ames house prices as released by Kaggle, mirrored on OpenML as
# "house_prices" (1,460 sales, 81 columns). scikit-learn checks the file against
# the MD5 checksum OpenML publishes for it.
OPENML_ID = 42165
OPENML_TIMEOUT = 20  # seconds per network read
KAGGLE_COMPETITION = "house-prices-advanced-regression-techniques"
SOURCES = ("openml", "kaggle", "url")
OFFLINE_HINT = "`make all` still runs on the bundled sample in data/sample/"


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _install(frame: pd.DataFrame, paths: Paths, source: dict[str, object]) -> Path:
    """Check the table, then write the CSV and its provenance atomically."""
    frame = check_frame(normalise_columns(frame), str(source.get("url") or source["source"]))
    with atomic_path(paths.raw_data) as partial:
        frame.to_csv(partial, index=False)
    record = {
        **source,
        "rows": len(frame),
        "columns": frame.shape[1],
        "sha256": sha256(paths.raw_data),
        "downloaded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    write_json(paths.raw_provenance, record)
    return paths.raw_data


def from_openml(paths: Paths, data_id: int = OPENML_ID) -> Path:
    """Download the OpenML copy with scikit-learn (cached in data/raw/openml/)."""
    from sklearn.datasets import fetch_openml

    # Offline, scikit-learn's default retries and an unbounded socket wait took minutes to fail: one try,
    # with a timeout, fails in seconds (a slow but working link still gets OPENML_TIMEOUT per read).
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(OPENML_TIMEOUT)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="A network error occurred", category=UserWarning)
            bunch = fetch_openml(
                data_id=data_id,
                as_frame=True,
                parser="pandas",
                data_home=paths.raw_data.parent / "openml",
                n_retries=1,
                delay=0.1,
            )
    except (urllib.error.URLError, OSError) as error:
        raise DataError(f"could not download OpenML dataset {data_id} (offline?): {OFFLINE_HINT}") from error
    except ValueError as error:  # scikit-learn's MD5 check or ARFF parsing failed
        raise DataError(f"OpenML dataset {data_id} was not usable, nothing was written: {first_line(error)}") from error
    finally:
        socket.setdefaulttimeout(previous)
    return _install(bunch.frame, paths, {"source": "openml", "openml_id": data_id})


def from_url(paths: Paths, url: str, expected_sha256: str | None = None) -> Path:
    """Download any CSV in the Ames schema; verify it when a SHA-256 is given."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "download.csv"
        try:
            with urllib.request.urlopen(url, timeout=60) as response, open(target, "wb") as handle:
                shutil.copyfileobj(response, handle)
        except (urllib.error.URLError, OSError, ValueError) as error:
            raise DataError(f"could not download {url} ({error}): {OFFLINE_HINT}") from error
        actual = sha256(target)
        if expected_sha256 and actual != expected_sha256.lower():
            raise DataError(f"{url}: SHA-256 is {actual}, expected {expected_sha256}; nothing was written")
        frame = _read_download(target, url)
    return _install(frame, paths, {"source": "url", "url": url, "download_sha256": actual})


def from_kaggle(paths: Paths, competition: str = KAGGLE_COMPETITION) -> Path:
    """Download train.csv with the Kaggle command-line tool (needs an API token)."""
    if shutil.which("kaggle") is None:
        raise DataError("the Kaggle source needs the `kaggle` tool: pip install kaggle")
    token = Path(os.environ.get("KAGGLE_CONFIG_DIR", Path.home() / ".kaggle")) / "kaggle.json"
    if not token.exists() and not (os.environ.get("KAGGLE_USERNAME") and os.environ.get("KAGGLE_KEY")):
        raise DataError(
            f"no Kaggle credentials: put your API token in {token} or set KAGGLE_USERNAME and KAGGLE_KEY,"
            f" and accept the rules of {competition} on kaggle.com"
        )
    with tempfile.TemporaryDirectory() as folder:
        command = ["kaggle", "competitions", "download", "-c", competition, "-f", "train.csv", "-p", folder]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip().splitlines()
            raise DataError(f"kaggle download failed: {reason[-1] if reason else 'no message'}")
        files = sorted(Path(folder).iterdir())
        if not files:
            raise DataError("kaggle download produced no file")
        frame = _read_download(files[0], f"kaggle:{competition}")
    return _install(frame, paths, {"source": "kaggle", "competition": competition})


def _read_download(path: Path, origin: str) -> pd.DataFrame:
    """Read a downloaded CSV (plain or gzip), unzipping it first when the server sent a zip archive."""
    if compression(path) != "zip":
        return read_csv(path, origin)
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if name.lower().endswith(".csv")]
            if not names:
                raise DataError(f"{origin}: the archive holds no CSV file")
            with archive.open(names[0]) as handle:
                return read_csv(handle, f"{origin} ({names[0]})")
    except (zipfile.BadZipFile, EOFError, zlib.error) as error:
        message = f"{origin} is a corrupt or truncated zip archive ({first_line(error)}): fetch it again"
        raise DataError(message) from error


def download(paths: Paths, source: str = "openml", url: str | None = None, expected_sha256: str | None = None) -> Path:
    """Fetch the data from ``source`` (openml, kaggle or url) into data/raw/."""
    if source == "openml":
        return from_openml(paths)
    if source == "kaggle":
        return from_kaggle(paths)
    if source == "url":
        if not url:
            raise DataError("--source url needs --url https://.../file.csv")
        return from_url(paths, url, expected_sha256)
    raise DataError(f"unknown source {source!r}: choose one of {', '.join(SOURCES)}")
