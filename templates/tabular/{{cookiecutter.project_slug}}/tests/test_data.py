"""Loading, checks and the split, on data in the exact format of the real files; one clear line for bad data."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.config import TARGET
from {{ cookiecutter.package_name }}.data import (
    drop_training_outliers,
    load_csv,
    split_features_target,
    train_test,
)


def test_sample_has_the_kaggle_schema(project):
    frame = load_csv(project.sample_data)
    assert frame.shape[1] == 81
    assert {"Id", "GrLivArea", "Neighborhood", "OverallQual", TARGET} <= set(frame.columns)
    assert (frame[TARGET] > 0).all()
    # "NA" in the file means "no such feature": pandas reads it as missing.
    assert frame["PoolQC"].isna().mean() > 0.9


def test_de_cock_column_names_are_mapped(project, tmp_path):
    """De Cock's original file spells columns "Gr Liv Area" and "Year Remod/Add"."""
    frame = pd.read_csv(project.sample_data)
    renamed = {"GrLivArea": "Gr Liv Area", "YearRemodAdd": "Year Remod/Add", "1stFlrSF": "1st Flr SF"}
    original = frame.rename(columns=renamed).rename(columns={"Id": "Order"})
    original.to_csv(tmp_path / "AmesHousing.csv", index=False)
    loaded = load_csv(tmp_path / "AmesHousing.csv")
    assert {"GrLivArea", "YearRemodAdd", "1stFlrSF"} <= set(loaded.columns)
    features, _ = split_features_target(loaded)
    assert "Order" not in features.columns


def test_split_is_fixed_and_disjoint(project):
    frame = load_csv(project.sample_data)
    train, test = train_test(frame)
    again, _ = train_test(frame)
    assert len(train) + len(test) == len(frame)
    assert set(train["Id"]).isdisjoint(test["Id"])
    pd.testing.assert_frame_equal(train, again)


def test_only_huge_cheap_sales_leave_the_training_rows(project):
    train, _ = train_test(load_csv(project.sample_data))
    kept = drop_training_outliers(train)
    removed = train[~train["Id"].isin(kept["Id"])]
    assert 1 <= len(removed) <= 2
    assert (removed["GrLivArea"] > 4000).all()
    assert (removed[TARGET] < train[TARGET].median()).all()


def test_compressed_csv_is_read_whatever_its_name(project, tmp_path):
    """A gzip file is recognised by its first bytes, so `--data houses.csv` works even when it is compressed."""
    packed = tmp_path / "houses.csv"
    packed.write_bytes(gzip.compress(project.sample_data.read_bytes(), mtime=0))
    pd.testing.assert_frame_equal(load_csv(packed), load_csv(project.sample_data))


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "sample" / "house_prices_sample.csv")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def truncated_gzip(frame: pd.DataFrame) -> bytes:
    return gzip.compress(csv_bytes(frame), mtime=0)[:500]


def truncated_zip(frame: pd.DataFrame) -> bytes:
    """A download cut off half-way: the zip's table of contents, at its end, is missing."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("train.csv", frame.to_csv(index=False))
    return buffer.getvalue()[: len(buffer.getvalue()) // 2]


def with_cell(frame: pd.DataFrame, column: str, value: str) -> bytes:
    """The table with one cell of ``column`` replaced by text."""
    changed = frame.astype({column: object})
    changed.loc[3, column] = value
    return csv_bytes(changed)


def latin1(frame: pd.DataFrame) -> bytes:
    """A file saved in Latin-1, as spreadsheet programs still do: an é is one byte that is not UTF-8."""
    return frame.to_csv(index=False).replace("NAmes", "Amés", 1).encode("latin-1")


# Each case: (where the file goes, its name, its content made from the sample (None: absent), the error's words).
#   raw:    data/raw/house_prices.csv, as `make data` leaves it, then `all`
#   --data: a file outside the project, then `all --data FILE`
#   url:    served by a local HTTP server, then `data --source url --url ...`
BAD_INPUT = [
    ("--data", "missing.csv", lambda s: None, "does not exist"),
    ("url", "missing.csv", lambda s: None, "could not download"),
    ("raw", "house_prices.csv", lambda s: b"", "is empty"),
    ("url", "train.csv", lambda s: b"", "is empty"),
    ("raw", "house_prices.csv", lambda s: csv_bytes(s.head(0)), "only 0 rows"),
    ("raw", "house_prices.csv", lambda s: csv_bytes(s.drop(columns=TARGET)), f"no {TARGET!r} column"),
    ("url", "train.csv", lambda s: b"<html><body>Please log in</body></html>\n", f"no {TARGET!r} column"),
    ("raw", "house_prices.csv", lambda s: with_cell(s, TARGET, "expensive"), f"non-numeric or non-positive {TARGET}"),
    ("raw", "house_prices.csv", lambda s: with_cell(s, "GrLivArea", "1,500 sq ft"), "'GrLivArea' holds numbers but 1"),
    ("raw", "house_prices.csv", lambda s: latin1(s), "not UTF-8"),
    ("url", "train.csv", lambda s: latin1(s), "not UTF-8"),
    ("raw", "house_prices.csv", lambda s: b"Id,SalePrice\n1,200000\n2,210000,3,4\n", "not a readable CSV"),
    ("--data", "houses.csv.gz", truncated_gzip, "corrupt or truncated archive"),
    ("--data", "houses.zip", truncated_zip, "corrupt or truncated archive"),
    ("url", "train.csv.gz", truncated_gzip, "corrupt or truncated archive"),
    ("url", "ames.zip", truncated_zip, "corrupt or truncated zip archive"),
]
IDS = [
    "missing-file",
    "missing-download",
    "empty-file",
    "empty-download",
    "header-only",
    "no-target-column",
    "html-instead-of-csv",
    "text-in-price",
    "text-in-numeric-feature",
    "non-utf8",
    "non-utf8-download",
    "ragged-rows",
    "truncated-gzip",
    "truncated-zip",
    "truncated-gzip-download",
    "truncated-zip-download",
]


def files_under(folder: Path) -> list[str]:
    """Every file below ``folder`` (hidden ones too), relative to it."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize(("where", "name", "content", "message"), BAD_INPUT, ids=IDS)
def test_bad_input_is_one_clear_line_and_writes_nothing(
    project, sample, tmp_path, request, capsys, where, name, content, message
):
    """Missing, empty, malformed, mistyped, mis-encoded or corrupt input: exit code 1, one `error:` line
    naming the problem, and nothing (not even half a file) in data/, results/ or models/."""
    bad = content(sample)
    args = ["--root", str(project.root)]
    quick = ["--budget", "smoke", "--models", "ridge"]  # should a check lapse, the run that follows stays short
    if where == "raw":
        project.raw_data.parent.mkdir(parents=True)
        project.raw_data.write_bytes(bad)
        args += ["all", *quick]
    elif where == "--data":
        outside = tmp_path / "elsewhere"
        outside.mkdir()
        if bad is not None:
            (outside / name).write_bytes(bad)
        args += ["all", *quick, "--data", str(outside / name)]
    else:
        folder, base = request.getfixturevalue("server")
        if bad is not None:
            (folder / name).write_bytes(bad)
        args += ["data", "--source", "url", "--url", f"{base}/{name}"]
    data_before = files_under(project.root / "data")
    assert main(args) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and message in error and "\n" not in error, error
    assert files_under(project.root / "data") == data_before
    assert files_under(project.results) == []
    assert not (project.root / "models").exists()
