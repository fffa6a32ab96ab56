"""`make data` sources, served for real by a local HTTP server (no internet needed).

Bad downloads (missing, empty, corrupt, not the table) are cases of tests/test_data.py's bad-input table."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import sys
import urllib.error
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from {{ cookiecutter.package_name }} import download as dl
from {{ cookiecutter.package_name }}.config import TARGET
from {{ cookiecutter.package_name }}.data import DataError, load_csv


def test_url_download_writes_data_and_provenance(project, server):
    folder, base = server
    body = project.sample_data.read_bytes()
    (folder / "train.csv").write_bytes(body)
    digest = hashlib.sha256(body).hexdigest()
    written = dl.download(project, "url", url=f"{base}/train.csv", expected_sha256=digest)
    assert written == project.raw_data
    assert len(load_csv(written)) == 400
    record = json.loads(project.raw_provenance.read_text("utf-8"))
    assert record["download_sha256"] == digest
    assert record["sha256"] == dl.sha256(written)
    assert project.training_data() == project.raw_data


def test_checksum_mismatch_writes_nothing(project, server):
    folder, base = server
    (folder / "train.csv").write_bytes(project.sample_data.read_bytes())
    with pytest.raises(DataError, match="SHA-256 is .* expected 0000; nothing was written"):
        dl.download(project, "url", url=f"{base}/train.csv", expected_sha256="0000")
    assert not project.raw_data.parent.exists() or not any(project.raw_data.parent.iterdir())


def test_zipped_de_cock_file_is_read(project, server):
    """De Cock's AmesHousing file, zipped, with his spelling of the columns."""
    folder, base = server
    frame = pd.read_csv(project.sample_data).rename(columns={"GrLivArea": "Gr Liv Area", "Id": "Order"})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("AmesHousing.csv", frame.to_csv(index=False))
    (folder / "ames.zip").write_bytes(buffer.getvalue())
    dl.download(project, "url", url=f"{base}/ames.zip")
    assert "GrLivArea" in load_csv(project.raw_data).columns


def test_url_source_needs_an_address(project):
    with pytest.raises(DataError, match="--url"):
        dl.download(project, "url")


def _arff(frame: pd.DataFrame) -> str:
    """The table as OpenML serves it: ARFF, nominal attributes quoted, "?" for missing."""

    def quote(value: object) -> str:
        return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"

    lines = ["@relation house_prices", ""]
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]):
            lines.append(f"@attribute {quote(column)} numeric")
        else:
            levels = ",".join(quote(level) for level in sorted(frame[column].dropna().unique()))
            lines.append(f"@attribute {quote(column)} " + "{" + levels + "}")
    lines += ["", "@data"]
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            if pd.isna(value):
                cells.append("?")
            elif pd.api.types.is_numeric_dtype(frame[column]):
                cells.append(f"{value:g}")
            else:
                cells.append(quote(value))
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


@pytest.fixture
def fake_openml(project, server, monkeypatch):
    """Serve the sample through OpenML's JSON API and ARFF download, as openml.org does."""
    folder, base = server
    frame = pd.read_csv(project.sample_data)
    arff = _arff(frame).encode("utf-8")
    (folder / "data" / "v1" / "download" / "1").mkdir(parents=True)
    (folder / "data" / "v1" / "download" / "1" / "house_prices.arff").write_bytes(arff)

    def features() -> list[dict[str, object]]:
        described = []
        for index, column in enumerate(frame.columns):
            numeric = pd.api.types.is_numeric_dtype(frame[column])
            described.append(
                {
                    "index": str(index),
                    "name": column,
                    "data_type": "numeric" if numeric else "nominal",
                    **({} if numeric else {"nominal_value": sorted(frame[column].dropna().unique().tolist())}),
                    "is_target": str(column == TARGET).lower(),
                    "is_ignore": "false",
                    "is_row_identifier": "false",
                    "number_of_missing_values": str(int(frame[column].isna().sum())),
                }
            )
        return described

    def publish(md5: str) -> None:
        api = folder / "api" / "v1" / "json" / "data"
        (api / "features").mkdir(parents=True, exist_ok=True)
        (api / "qualities").mkdir(parents=True, exist_ok=True)
        description = {
            "id": str(dl.OPENML_ID),
            "name": "house_prices",
            "version": "1",
            "description": "Ames house prices",
            "format": "ARFF",
            "file_id": "1",
            "default_target_attribute": TARGET,
            "status": "active",
            "md5_checksum": md5,
            "url": f"{base}/data/v1/download/1/house_prices.arff",
        }
        (api / str(dl.OPENML_ID)).write_text(json.dumps({"data_set_description": description}))
        (api / "features" / str(dl.OPENML_ID)).write_text(json.dumps({"data_features": {"feature": features()}}))
        qualities = [{"name": "NumberOfInstances", "value": f"{len(frame)}.0"}]
        (api / "qualities" / str(dl.OPENML_ID)).write_text(json.dumps({"data_qualities": {"quality": qualities}}))

    publish(hashlib.md5(arff).hexdigest())
    # scikit-learn's OpenML endpoints, pointed at the local server.
    for name, path in (("_DATA_INFO", ""), ("_DATA_FEATURES", "features/"), ("_DATA_QUALITIES", "qualities/")):
        monkeypatch.setattr(f"sklearn.datasets._openml.{name}", f"{base}/api/v1/json/data/{path}" + "{}")
    return frame, publish


def test_openml_download_is_checked_and_installed(project, fake_openml):
    frame, _ = fake_openml
    dl.download(project, "openml")
    loaded = load_csv(project.raw_data)
    assert loaded.shape == frame.shape
    assert loaded[TARGET].tolist() == frame[TARGET].tolist()
    assert loaded["MSZoning"].tolist() == frame["MSZoning"].tolist()  # "C (all)" survives the quoting
    assert json.loads(project.raw_provenance.read_text("utf-8"))["openml_id"] == dl.OPENML_ID


@pytest.mark.filterwarnings("ignore:Invalid cache:RuntimeWarning")  # scikit-learn retries once, then gives up
def test_openml_checksum_mismatch_writes_nothing(project, fake_openml):
    _, publish = fake_openml
    publish("0" * 32)
    with pytest.raises(DataError, match="not usable, nothing was written: .*md5") as error:
        dl.download(project, "openml")
    assert "\n" not in str(error.value)
    assert not project.raw_data.exists()


def test_openml_offline_is_one_clear_line(project, monkeypatch):
    def offline(**kwargs):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr("sklearn.datasets.fetch_openml", offline)
    with pytest.raises(DataError, match="offline.*bundled sample") as error:
        dl.download(project, "openml")
    assert "\n" not in str(error.value)
    assert not project.raw_data.exists()


def _fake_kaggle(bin_dir: Path, archive: Path) -> None:
    """A stand-in `kaggle` executable that 'downloads' the given zip into -p FOLDER."""
    script = bin_dir / "kaggle"
    script.write_text(
        f"#!{sys.executable}\n"
        "import shutil, sys\n"
        f"shutil.copy({str(archive)!r}, sys.argv[sys.argv.index('-p') + 1] + '/train.csv.zip')\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX script as the kaggle tool")
def test_kaggle_download_unzips_train_csv(project, tmp_path, monkeypatch):
    archive = tmp_path / "train.csv.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(project.sample_data, "train.csv")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_kaggle(bin_dir, archive)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("KAGGLE_USERNAME", "student")
    monkeypatch.setenv("KAGGLE_KEY", "secret")
    dl.download(project, "kaggle")
    assert len(load_csv(project.raw_data)) == 400


@pytest.mark.skipif(sys.platform == "win32", reason="uses a POSIX script as the kaggle tool")
def test_kaggle_without_credentials_says_how_to_add_them(project, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_kaggle(bin_dir, tmp_path / "unused.zip")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("KAGGLE_CONFIG_DIR", str(tmp_path / "no-token-here"))
    monkeypatch.delenv("KAGGLE_USERNAME", raising=False)
    monkeypatch.delenv("KAGGLE_KEY", raising=False)
    with pytest.raises(DataError, match="no Kaggle credentials.*kaggle.json"):
        dl.download(project, "kaggle")


@pytest.mark.network
def test_real_openml_download(project):
    """The real thing: needs the internet, run with `pytest -m network`."""
    dl.download(project, "openml")
    frame = load_csv(project.raw_data)
    assert frame.shape == (1460, 81)
