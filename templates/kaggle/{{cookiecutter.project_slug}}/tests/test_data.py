"""Loading: the synthetic sample until real data exists, and one clear line for bad data."""

from __future__ import annotations

{% if cookiecutter.data_source == "own-data" -%}
import pandas as pd
{% endif -%}
import pytest

from {{ cookiecutter.package_name }} import data
from {{ cookiecutter.package_name }}.config import ID, TARGET, DataError


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


def test_an_unreadable_file_is_one_clear_line(project):
    project.raw.mkdir(parents=True)
    (project.raw / "train.csv").write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(DataError, match="not a readable table"):
        data.load(project)
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
