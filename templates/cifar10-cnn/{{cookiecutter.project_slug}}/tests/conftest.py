"""Shared fixtures: scratch copies of the project, tiny archives in the real format, a trained project."""

from __future__ import annotations

import io
import pickle
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path
{%- if cookiecutter.include_api == "yes" %}
from typing import Any
{%- endif %}

import numpy as np
import pytest
{%- if cookiecutter.include_api == "yes" %}
import torch
from PIL import Image
{%- endif %}

from {{ cookiecutter.package_name }} import pipeline
{%- if cookiecutter.include_api == "yes" %}
from {{ cookiecutter.package_name }}.api import create_app
{%- endif %}
from {{ cookiecutter.package_name }}.config import CLASSES, RECIPES, Paths
{%- if cookiecutter.include_api == "yes" %}
from {{ cookiecutter.package_name }}.data import load
{%- endif %}
from {{ cookiecutter.package_name }}.report import fill_readme

PROJECT = Path(__file__).resolve().parents[1]
SAMPLE = PROJECT / "data" / "sample" / "cifar-10-synthetic-sample.tar.gz"


def batch_files(per_batch: int = 4, test_rows: int = 5) -> dict[str, bytes]:
    """The official archive's files, pickled as the originals are, with tiny batches.

    Every pixel of an image equals 20 x its label + its batch number, so a test
    can tell from the pixels alone which label and which batch an image belongs to.
    """
    files = {}
    for number in range(1, 7):
        rows = test_rows if number == 6 else per_batch
        labels = [(number + i) % len(CLASSES) for i in range(rows)]
        data = np.stack([np.full(3072, 20 * label + number, dtype=np.uint8) for label in labels])
        name = "test_batch" if number == 6 else f"data_batch_{number}"
        content = {b"batch_label": name.encode(), b"labels": labels, b"data": data, b"filenames": [b"x.png"] * rows}
        files[name] = pickle.dumps(content, protocol=2)
    meta = {b"num_cases_per_batch": per_batch, b"label_names": [c.encode() for c in CLASSES], b"num_vis": 3072}
    files["batches.meta"] = pickle.dumps(meta, protocol=2)
    return files


def write_archive(path: Path, files: dict[str, bytes], folder: str = "cifar-10-batches-py") -> Path:
    """A gzipped tar holding ``folder/<name>`` for each file, as cifar-10-python.tar.gz does."""
    with tarfile.open(path, "w:gz") as tar:
        for name, blob in files.items():
            info = tarfile.TarInfo(f"{folder}/{name}")
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    return path


@pytest.fixture
def tiny_archive(tmp_path: Path) -> Callable[..., Path]:
    """Build a tiny archive in the exact CIFAR-10 format: ``tiny_archive(per_batch=4, test_rows=5)``."""

    def build(per_batch: int = 4, test_rows: int = 5) -> Path:
        return write_archive(tmp_path / "cifar-10-python.tar.gz", batch_files(per_batch, test_rows))

    return build


def make_project(folder: Path) -> Paths:
    """A minimal project tree (sample data, README, notebooks) in ``folder``."""
    (folder / "data" / "sample").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "data" / "sample")
    shutil.copy(PROJECT / "README.md", folder / "README.md")
    shutil.copytree(PROJECT / "notebooks", folder / "notebooks")
    (folder / "pyproject.toml").write_text("# marks the project root for find_root()\n", encoding="utf-8")
    return Paths(folder)


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """A project after `make train` and `make evaluate` with the quick recipe on the sample."""
    paths = make_project(tmp_path_factory.mktemp("trained"))
    pipeline.train(paths, RECIPES["quick"], device="cpu", progress=False, log=lambda _: None)
    pipeline.evaluate(paths, device="cpu")
    return paths


@pytest.fixture(scope="session")
def trained_project(trained: Paths) -> Path:
    """The kind contract's fixture: the project after `make all` (figures and README too) on the sample."""
    pipeline.figures(trained)
    fill_readme(trained)
    return trained.root


@pytest.fixture(scope="session")
def quick_run() -> list[list[str]]:
    """The kind contract's fixture: the CLI arguments of a short `all`, run by tests/test_atomic.py."""
    return [["all", "--epochs", "1", "--device", "cpu", "--no-progress"]]
{%- if cookiecutter.include_api == "yes" %}


def encoded(pixels: torch.Tensor, size: int, fmt: str) -> bytes:
    """A CHW uint8 tensor as PNG/JPEG bytes, resized to size x size."""
    image = Image.fromarray(pixels.permute(1, 2, 0).numpy()).resize((size, size), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def api_app(trained: Paths) -> Any:
    """The app serving the network trained on the sample (tests/test_api_robustness.py serves it)."""
    return create_app(trained.model)


@pytest.fixture(scope="session")
def api_examples(trained: Paths) -> list[dict[str, Any]]:
    """Valid requests: a test image of the sample as a PNG upload, and as a JPEG with top_k."""
    image = load(trained).test_x[0]
    return [
        {
            "method": "POST",
            "path": "/predict",
            "files": {"file": ("image.png", encoded(image, 32, "PNG"), "image/png")},
        },
        {
            "method": "POST",
            "path": "/predict",
            "params": {"top_k": "2"},
            "files": {"file": ("image.jpg", encoded(image, 48, "JPEG"), "image/jpeg")},
        },
    ]
{%- endif %}
