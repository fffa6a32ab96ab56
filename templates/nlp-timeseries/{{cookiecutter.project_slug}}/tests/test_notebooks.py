{#- synced from templates/_common/project/tests/test_notebooks.py by scripts/sync.py -#}
"""Both notebooks run top to bottom on what `make all` wrote, as a reader opens them."""

from __future__ import annotations

import shutil
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.notebooks import execute

NOTEBOOKS = ("01_eda.ipynb", "02_modeling.ipynb")


@pytest.fixture(scope="module")
def executed(trained_project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Future]:
    """Each notebook run on its own copy of the trained project (a notebook may write figures), both at
    once: most of a run is a kernel starting and importing, which two cores do side by side."""

    def run(name: str):
        root = tmp_path_factory.mktemp(Path(name).stem) / "project"
        shutil.copytree(trained_project, root)
        return execute(root / "notebooks" / name, timeout=300)

    with ThreadPoolExecutor(len(NOTEBOOKS)) as pool:
        return {name: pool.submit(run, name) for name in NOTEBOOKS}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_executes_and_shows_its_work(executed: dict[str, Future], name: str):
    notebook = executed[name].result()  # a failing cell raises here, for this notebook only
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    assert any(output.output_type in ("execute_result", "display_data") for output in outputs)
