"""Both notebooks are valid nbformat 4 and run top to bottom on the sample."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = ("01_eda.ipynb", "02_modeling.ipynb")
# A smaller model set keeps the test quick; the notebook's own default is every model.
PARAMETERS = 'BUDGET = "quick"\nMODELS = ["ridge", "lasso"]'


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_executes(project, name):
    path = project.root / "notebooks" / name
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if "parameters" in cell.metadata.get("tags", []):
            cell.source = PARAMETERS
    client = NotebookClient(notebook, timeout=300, kernel_name="python3")
    client.execute(cwd=str(path.parent))
    errors = [output for cell in notebook.cells for output in cell.get("outputs", []) if output.output_type == "error"]
    assert not errors
    written = {"01_eda.ipynb": "eda_target.png", "02_modeling.ipynb": "model_performance.png"}[name]
    assert Path(project.results / written).exists()
