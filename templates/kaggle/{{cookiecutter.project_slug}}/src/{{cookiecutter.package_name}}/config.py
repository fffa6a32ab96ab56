"""Paths and the competition's facts (columns, task, metric), set once at generation time.

Change a fact here, not in the modules: every step reads it from this file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from {{ cookiecutter.package_name }}.root import find_root

SOURCE = {{ cookiecutter.data_source|tojson }}
COMPETITION = {{ cookiecutter.competition_slug|tojson }}
TASK = {{ cookiecutter.task_type|tojson }}
METRIC = {{ cookiecutter.cv_metric|tojson }}
TARGET = {{ cookiecutter.target_column|tojson }}
ID = {{ cookiecutter.id_column|tojson }}
N_FOLDS = 5
SEED = 42
SAMPLE_NAME = "synthetic sample competition"


class DataError(ValueError):
    """A problem with the data or the order of steps; its message is the one line the user sees."""


@dataclass(frozen=True)
class Paths:
    """Every file the steps read or write, relative to the project root."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def sample(self) -> Path:
        return self.root / "data" / "sample" / "synthetic_competition"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def folds(self) -> Path:
        return self.processed / "folds.csv"

    @property
    def results(self) -> Path:
        return self.root / "results"

    @property
    def predictions(self) -> Path:
        return self.processed / "predictions"

    @property
    def experiments(self) -> Path:
        return self.results / "experiments.csv"

    @property
    def metrics(self) -> Path:
        return self.results / "metrics.json"

    @property
    def timings(self) -> Path:
        return self.results / "timings.json"

    @property
    def submission(self) -> Path:
        return self.results / "submission.csv"

    @property
    def model(self) -> Path:
        return self.root / "models" / "model.joblib"

    @property
    def readme(self) -> Path:
        return self.root / "README.md"


def project_paths(root: Path | None = None) -> Paths:
    return Paths(root or find_root())
