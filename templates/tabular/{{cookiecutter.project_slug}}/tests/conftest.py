"""Shared fixtures: scratch copies of the project, so tests never touch real results."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
{%- if cookiecutter.include_api == "yes" %}
from typing import Any
{%- endif %}

{% if cookiecutter.include_api == "yes" -%}
import pandas as pd
{% endif -%}
import pytest

from {{ cookiecutter.package_name }} import pipeline
{%- if cookiecutter.include_api == "yes" %}
from {{ cookiecutter.package_name }}.api import create_app
from {{ cookiecutter.package_name }}.config import TARGET, Paths
{%- else %}
from {{ cookiecutter.package_name }}.config import Paths
{%- endif %}
from {{ cookiecutter.package_name }}.models import BLEND, candidates
from {{ cookiecutter.package_name }}.report import fill_readme

PROJECT = Path(__file__).resolve().parents[1]


def make_project(folder: Path) -> Paths:
    """A minimal project tree (sample data, README, notebooks) in ``folder``."""
    (folder / "data" / "sample").mkdir(parents=True)
    shutil.copy(PROJECT / "data" / "sample" / "house_prices_sample.csv", folder / "data" / "sample")
    shutil.copy(PROJECT / "README.md", folder / "README.md")
    shutil.copytree(PROJECT / "notebooks", folder / "notebooks")
    (folder / "pyproject.toml").write_text("# marks the project root for find_root()\n", encoding="utf-8")
    return Paths(folder)


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    return make_project(tmp_path)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """Serve ``tmp_path/www`` on a loopback port, for `make data --source url`; yield (folder, base URL)."""
    folder = tmp_path / "www"
    folder.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield folder, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """A project after `make train` and `make evaluate`, kept fast: one setting per model, and without
    the boosted trees (Huber and histogram gradient boosting, four fifths of the fitting time on the
    sample), which `make all` still trains; a random forest stands for the tree models."""
    paths = make_project(tmp_path_factory.mktemp("trained"))
    boosted = {"gradient_boosting", "hist_gradient_boosting"}
    models = [candidate.name for candidate in candidates() if candidate.name not in boosted] + [BLEND]
    pipeline.train(paths, budget="smoke", only=models, log=lambda _: None)
    pipeline.evaluate(paths)
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
    return [["all", "--budget", "smoke", "--models", "ridge"]]
{%- if cookiecutter.include_api == "yes" %}


@pytest.fixture(scope="session")
def api_app(trained: Paths) -> Any:
    """The app serving the model trained on the sample (tests/test_api_robustness.py serves it)."""
    return create_app(trained.model)


@pytest.fixture(scope="session")
def api_examples(trained: Paths) -> list[dict[str, Any]]:
    """Valid requests: one house and a batch of three, as rows of the sample without id and price."""
    rows = pd.read_csv(trained.sample_data).drop(columns=["Id", TARGET]).head(3)
    houses = [{key: value for key, value in row.items() if pd.notna(value)} for row in rows.to_dict("records")]
    return [
        {"method": "POST", "path": "/predict", "json": houses[0]},
        {"method": "POST", "path": "/predict", "json": houses},
    ]
{%- endif %}
