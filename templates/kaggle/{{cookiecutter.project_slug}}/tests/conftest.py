"""Shared fixtures: scratch copies of the project, so tests never touch real data or results."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }} import data, pipeline
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
