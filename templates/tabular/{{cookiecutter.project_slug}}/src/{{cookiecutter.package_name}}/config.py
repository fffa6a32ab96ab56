"""Locations and constants shared by every step, so no module hard-codes a path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from {{ cookiecutter.package_name }}.root import find_root

TARGET = "SalePrice"
ID_COLUMN = "Id"
RANDOM_STATE = 42
TEST_SIZE = 0.2
CV_FOLDS = 5

# Tuning budget: sampled hyperparameter settings per model. "quick" keeps
# `make all` on the bundled sample well under a minute on two CPU cores; "smoke"
# (one setting each) is for checking that everything runs, as the tests do.
BUDGETS = {"smoke": 1, "quick": 3, "standard": 20, "thorough": 60}


@dataclass(frozen=True)
class Paths:
    """Every file the pipeline reads or writes, relative to the project root."""

    root: Path
    # A CSV chosen with `--data PATH`; None means the downloaded data, else the bundled sample.
    data_file: Path | None = None

    @property
    def raw_data(self) -> Path:
        return self.root / "data" / "raw" / "house_prices.csv"

    @property
    def raw_provenance(self) -> Path:
        return self.root / "data" / "raw" / "house_prices.source.json"

    @property
    def sample_data(self) -> Path:
        return self.root / "data" / "sample" / "house_prices_sample.csv"

    @property
    def results(self) -> Path:
        return self.root / "results"

    @property
    def metrics(self) -> Path:
        return self.results / "metrics.json"

    @property
    def cv_results(self) -> Path:
        return self.results / "cv_results.json"

    @property
    def timings(self) -> Path:
        """Wall times of the last run: they change every run, so git ignores this file."""
        return self.results / "timings.json"

    @property
    def predictions(self) -> Path:
        return self.results / "test_predictions.csv"

    @property
    def model(self) -> Path:
        return self.root / "models" / "model.pkl"

    @property
    def candidates(self) -> Path:
        return self.root / "models" / "candidates.pkl"

    @property
    def readme(self) -> Path:
        return self.root / "README.md"

    def training_data(self) -> Path:
        """The file given with `--data`, else the downloaded data when `make data` has run, else the sample."""
        if self.data_file is not None:
            return self.data_file
        return self.raw_data if self.raw_data.exists() else self.sample_data


def project_paths(root: Path | None = None) -> Paths:
    """Paths of the project at ``root``, or of the one around the working directory."""
    return Paths(root.resolve() if root else find_root())
