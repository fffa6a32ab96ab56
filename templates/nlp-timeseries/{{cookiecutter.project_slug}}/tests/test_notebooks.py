{#- synced from templates/_common/project/tests/test_notebooks.py by scripts/sync.py -#}
"""Both notebooks run top to bottom on what `make all` wrote, as a reader opens them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.notebooks import execute

NOTEBOOKS = ("01_eda.ipynb", "02_modeling.ipynb")


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_executes_and_shows_its_work(trained_project: Path, tmp_path: Path, name: str):
    root = tmp_path / "project"
    shutil.copytree(trained_project, root)  # a notebook may write figures: keep the shared fixture clean
    notebook = execute(root / "notebooks" / name, timeout=300)
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert not [output for output in outputs if output.output_type == "error"]
    assert any(output.output_type in ("execute_result", "display_data") for output in outputs)
