"""Shared fixtures: scratch copies of the project, so tests never touch real data or results."""

from __future__ import annotations

import shutil
from pathlib import Path
{%- if cookiecutter.include_api == "yes" %}
from typing import Any
{%- endif %}

{% if cookiecutter.include_api == "yes" -%}
import pandas as pd
{% endif -%}
import pytest

from {{ cookiecutter.package_name }} import data, pipeline
{%- if cookiecutter.include_api == "yes" %}
from {{ cookiecutter.package_name }}.api import create_app
{%- endif %}
from {{ cookiecutter.package_name }}.config import Paths

PROJECT = Path(__file__).resolve().parents[1]


def make_project(folder: Path) -> Paths:
    """A minimal project tree (the synthetic sample, README, notebooks) in ``folder``."""
    shutil.copytree(PROJECT / "data" / "sample", folder / "data" / "sample")
    shutil.copy(PROJECT / "README.md", folder / "README.md")
    shutil.copytree(PROJECT / "notebooks", folder / "notebooks")
    (folder / "pyproject.toml").write_text("# marks the project root for find_root()\n", encoding="utf-8")
    return Paths(folder)


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def sample() -> data.Competition:
    """The bundled synthetic competition (never data/raw/, whatever `make data` fetched)."""
    folder = Paths(PROJECT).sample
    train = data.read_table(folder / "train.csv")
    test = data.read_table(folder / "test.csv") if (folder / "test.csv").exists() else None
    submission = (
        data.read_table(folder / "sample_submission.csv") if (folder / "sample_submission.csv").exists() else None
    )
    return data.Competition(train=train, test=test, sample_submission=submission, folder=folder, synthetic=True)


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """A project after `make all` on the synthetic sample."""
    paths = make_project(tmp_path_factory.mktemp("trained"))
    pipeline.make_folds(paths)
    pipeline.train(paths, log=lambda _: None)
{%- if cookiecutter.data_source == "kaggle" %}
    pipeline.submission(paths)
{%- endif %}
    pipeline.report(paths)
    return paths


@pytest.fixture(scope="session")
def trained_project(trained: Paths) -> Path:
    """The kind contract's fixture: the project root after `make all` on the sample."""
    return trained.root


@pytest.fixture(scope="session")
def quick_run() -> list[list[str]]:
    """The kind contract's fixture: the CLI arguments of a short `all`, run by tests/test_atomic.py."""
    return [["folds", "--force"], ["all", "--models", "linear"]]
{%- if cookiecutter.include_api == "yes" %}


@pytest.fixture(scope="session")
def api_app(trained: Paths) -> Any:
    """The app serving the model trained on the sample (tests/test_api_robustness.py serves it)."""
    return create_app(trained.model)


@pytest.fixture(scope="session")
def api_rows(sample: data.Competition) -> list[dict[str, Any]]:
    """Real rows to predict from the sample as JSON objects (missing values left out)."""
    frame = (sample.test if sample.test is not None else sample.train)[sample.features].head(5)
    return [{key: value for key, value in row.items() if pd.notna(value)} for row in frame.to_dict("records")]


@pytest.fixture(scope="session")
def api_examples(api_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Valid requests: one row, and a batch of three."""
    return [
        {"method": "POST", "path": "/predict", "json": api_rows[0]},
        {"method": "POST", "path": "/predict", "json": api_rows[:3]},
    ]
{%- endif %}
