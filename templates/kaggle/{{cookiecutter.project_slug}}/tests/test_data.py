"""Loading: the synthetic sample until real data exists, and one clear line for bad data."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pandas as pd
import pytest

from {{ cookiecutter.package_name }} import data{% if cookiecutter.data_source == "kaggle" %}, kaggle_cli{% endif %}
from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.config import {% if cookiecutter.data_source == "kaggle" %}COMPETITION, {% endif %}ID, TARGET, DataError


def test_the_sample_is_used_and_labelled_synthetic(project):
    competition = data.load(project)
    assert competition.synthetic and "synthetic" in competition.name
    assert competition.features and ID not in competition.features and TARGET not in competition.features
{%- if cookiecutter.data_source == "kaggle" %}
    assert competition.test[ID].tolist() == competition.sample_submission[ID].tolist()
{%- endif %}


def test_real_data_in_raw_takes_over(project, sample):
    project.raw.mkdir(parents=True)
    sample.train.head(100).to_csv(project.raw / "train.csv", index=False)
{%- if cookiecutter.data_source == "kaggle" %}
    sample.test.to_csv(project.raw / "test.csv", index=False)
    sample.sample_submission.to_csv(project.raw / "sample_submission.csv", index=False)
{%- endif %}
    competition = data.load(project)
    assert not competition.synthetic and len(competition.train) == 100


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda frame: frame.drop(columns=TARGET), f"no column '{TARGET}'"),
        (lambda frame: frame.assign(**{ID: 1}), "duplicate"),
        (lambda frame: frame.head(20), "at least 50"),
    ],
    ids=["no-target", "duplicate-ids", "too-few-rows"],
)
def test_bad_training_data_is_one_clear_line(project, sample, change, message):
    project.raw.mkdir(parents=True)
    change(sample.train.copy()).to_csv(project.raw / "train.csv", index=False)
    with pytest.raises(DataError, match=message) as error:
        data.load(project)
    assert "\n" not in str(error.value)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def gzip_bytes(frame: pd.DataFrame) -> bytes:
    return gzip.compress(csv_bytes(frame), mtime=0)


def wrong_target_type(train: pd.DataFrame) -> pd.DataFrame:
{%- if cookiecutter.task_type == "regression" %}
    """Words where the regression target needs numbers."""
    return train.assign(**{TARGET: ["high", "low"] * (len(train) // 2) + ["low"] * (len(train) % 2)})
{%- elif cookiecutter.task_type == "binary" %}
    """A third label in a binary target."""
    return train.assign(**{TARGET: [0, 1, 2] * (len(train) // 3) + [0] * (len(train) % 3)})
{%- else %}
    """One label only: nothing to classify."""
    return train.assign(**{TARGET: train[TARGET].iloc[0]})
{%- endif %}


def latin1(train: pd.DataFrame) -> bytes:
    """A file saved in Latin-1, as spreadsheet programs still do: an é is one byte that is not UTF-8."""
    text = train.to_csv(index=False)
    header, first, rest = text.split("\n", 2)
    return f"{header}\n{first}\n{rest}".replace(",", ",Montréal-", 1).encode("latin-1")


# Each case: (command, file, its content made from the sample's tables (None: absent), the error's words).
{%- if cookiecutter.data_source == "kaggle" %}
# `all` reads the file from data/raw/ (the sample's other files beside it); `data` gets it from the
# kaggle tool, faked below, as the downloaded archive.
{%- else %}
# `data` fetches the file from a path (SOURCE=...); `all` reads it as data/raw/train.csv.
{%- endif %}
BAD_INPUT = [
{%- if cookiecutter.data_source == "kaggle" %}
    ("all", "test.csv", lambda s: None, "test.csv not found"),
{%- else %}
    ("data", "mine.csv", lambda s: None, "cannot fetch"),
{%- endif %}
    ("all", "train.csv", lambda s: b"", "is empty"),
    ("all", "train.csv", lambda s: csv_bytes(s.train.head(0)), "has 0 rows"),
    ("all", "train.csv", lambda s: csv_bytes(s.train.drop(columns=TARGET)), f"no column '{TARGET}'"),
{%- if cookiecutter.data_source == "kaggle" %}
    ("all", "test.csv", lambda s: csv_bytes(s.test.iloc[:, :-1]), "lacks the training columns"),
{%- endif %}
    ("all", "train.csv", lambda s: b"a,b\n1,2\n3,4,5,6\n", "not a readable table"),
    ("all", "train.csv", lambda s: csv_bytes(wrong_target_type(s.train)), "{{ {"regression": "must hold numbers", "binary": "exactly 2", "multiclass": "at least 2"}[cookiecutter.task_type] }}"),
    ("all", "train.csv", lambda s: latin1(s.train), "not UTF-8"),
    ("all", "train.csv", lambda s: gzip_bytes(s.train)[:200], "corrupt or truncated archive"),
{%- if cookiecutter.data_source == "kaggle" %}
    ("data", f"{COMPETITION}.zip", lambda s: b"PK\x03\x04 half of a zip", "corrupt or truncated zip archive"),
    ("data", f"{COMPETITION}.zip", lambda s: b"<html>Please log in</html>", "corrupt or truncated zip archive"),
{%- else %}
    ("data", "mine.csv", lambda s: b"", "is empty"),
    ("data", "mine.csv", lambda s: latin1(s.train), "not UTF-8"),
    ("data", "mine.csv.gz", lambda s: gzip_bytes(s.train)[:200], "corrupt or truncated archive"),
    ("data", "mine.csv", lambda s: csv_bytes(s.train.drop(columns=TARGET)), f"no column '{TARGET}'"),
{%- endif %}
]
IDS = [
{%- if cookiecutter.data_source == "kaggle" %}
    "missing-file",
{%- else %}
    "missing-source",
{%- endif %}
    "empty-file",
    "header-only",
    "no-target-column",
{%- if cookiecutter.data_source == "kaggle" %}
    "test-lacks-a-column",
{%- endif %}
    "ragged-rows",
    "wrong-target-type",
    "non-utf8",
    "truncated-gzip",
{%- if cookiecutter.data_source == "kaggle" %}
    "truncated-zip-download",
    "html-instead-of-zip",
{%- else %}
    "empty-source",
    "non-utf8-source",
    "truncated-gzip-source",
    "source-without-target",
{%- endif %}
]


def files_under(folder: Path) -> list[str]:
    """Every file below ``folder`` (hidden ones too), relative to it."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize(("command", "name", "content", "message"), BAD_INPUT, ids=IDS)
def test_bad_input_is_one_clear_line_and_writes_nothing(
    project, sample, tmp_path, monkeypatch, capsys, command, name, content, message
):
    """Missing, empty, malformed, mistyped, mis-encoded or corrupt input: exit code 1, one `error:` line
    naming the problem, and nothing (not even half a file) in data/raw/, data/processed/ or results/."""
    bad = content(sample)
    args = ["--root", str(project.root), command]
    if command == "all":
        project.raw.mkdir(parents=True)
        for table in sample.folder.iterdir():
            shutil.copy(table, project.raw)
        (project.raw / name).unlink()
        if bad is not None:
            (project.raw / name).write_bytes(bad)
{%- if cookiecutter.data_source == "kaggle" %}
    else:

        def fake_download(*words: str) -> str:
            (Path(words[words.index("-p") + 1]) / name).write_bytes(bad)
            return "Downloading ... 100%"

        monkeypatch.setattr(kaggle_cli, "run_kaggle", fake_download)
{%- else %}
    else:
        source = tmp_path / name
        if bad is not None:
            source.write_bytes(bad)
        args += ["--source", str(source)]
{%- endif %}
    raw_before = files_under(project.raw)
    assert main(args) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and message in error and "\n" not in error, error
    assert files_under(project.raw) == raw_before
    assert files_under(project.processed) == [] and files_under(project.results) == []
    assert not (project.root / "models").exists()


{%- if cookiecutter.data_source == "own-data" %}


@pytest.mark.parametrize("as_url", [False, True], ids=["path", "file-url"])
def test_own_data_is_copied_and_checked(project, sample, tmp_path, as_url):
    source = tmp_path / "mine.csv"
    sample.train.to_csv(source, index=False)
    written = data.fetch_own_data(project, source.as_uri() if as_url else str(source))
    assert pd.read_csv(written).shape == sample.train.shape


def test_own_data_without_a_source_or_with_a_bad_one_is_refused(project, tmp_path):
    with pytest.raises(DataError, match="SOURCE="):
        data.fetch_own_data(project, "")
    with pytest.raises(DataError, match="cannot fetch"):
        data.fetch_own_data(project, str(tmp_path / "missing.csv"))
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"x": range(60)}).to_csv(bad, index=False)
    with pytest.raises(DataError, match="no column"):
        data.fetch_own_data(project, str(bad))
    assert not (project.raw / "train.csv").exists()
{%- endif %}
