"""Every kind, every option set, both engines: same files, all valid, lint-clean."""

from __future__ import annotations

import json
import sys

import nbformat
import pytest
from helpers import AWKWARD_NAME, KINDS, VARIANTS, parse_file, ruff, run_module, tree

CASES = [(kind, variant) for kind in KINDS for variant in VARIANTS]
IDS = [f"{kind}-{variant}" for kind, variant in CASES]


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_engines_make_identical_trees(generated, kind, variant):
    by_cookiecutter = tree(generated("cookiecutter", kind, variant))
    by_copier = tree(generated("copier", kind, variant))
    assert sorted(by_cookiecutter) == sorted(by_copier)
    differing = [path for path in by_cookiecutter if by_cookiecutter[path] != by_copier[path]]
    assert not differing


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_no_template_syntax_left(generated, kind, variant):
    project = generated("cookiecutter", kind, variant)
    for path in project.rglob("*"):
        relative = path.relative_to(project)
        if ".git" in relative.parts:
            continue
        for marker in ("{{", "{%", "cookiecutter."):
            assert marker not in relative.as_posix(), relative
        if path.is_file() and path.suffix != ".png":
            text = path.read_text("utf-8")
            for marker in ("{{", "{%", "{#", "cookiecutter."):
                assert marker not in text, f"{relative} holds {marker!r}"


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_every_structured_file_parses(generated, kind, variant):
    project = generated("cookiecutter", kind, variant)
    checked = 0
    for path in sorted(project.rglob("*")):
        if path.is_file() and ".git" not in path.relative_to(project).parts:
            parse_file(path)
            checked += path.suffix in (".toml", ".yml", ".yaml", ".json", ".ipynb", ".py")
    assert checked > 10


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_ruff_passes(generated, kind, variant):
    project = generated("cookiecutter", kind, variant)
    for args in (["check"], ["format", "--check"]):
        result = ruff(*args, cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_common_layout(generated, kind):
    project = generated("cookiecutter", kind, "defaults")
    answers = (project / ".copier-answers.yml").read_text("utf-8")
    package = json.loads(answers.split("package_name: ")[1].splitlines()[0])
    for relative in [
        "README.md",
        "requirements.txt",
        "pyproject.toml",
        "Makefile",
        "Dockerfile",
        "LICENSE",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/ci.yml",
        "docs/blog_post.md",
        "docs/model_card.md",
        "notebooks/01_eda.ipynb",
        "notebooks/02_modeling.ipynb",
        "data/raw/.gitkeep",
        "data/processed/.gitkeep",
        "results/.gitkeep",
        f"src/{package}/__init__.py",
        f"src/{package}/__main__.py",
        "tests/conftest.py",
    ]:
        assert (project / relative).is_file(), relative
    readme = (project / "README.md").read_text("utf-8")
    for section in (
        "## Problem",
        "## Data",
        "## Approach",
        "## Results",
        "## How to run",
        "## Project structure",
        "## Reflection",
    ):
        assert section in readme
    assert readme.count("<!-- results:start -->") == 1 and readme.count("<!-- results:end -->") == 1
    makefile = (project / "Makefile").read_text("utf-8")
    for target in ("help", "data", "all", "test", "lint", "serve"):
        assert f"\n{target}:" in makefile
    assert "-m $(PACKAGE)" in makefile and f"PACKAGE := {package}" in makefile


@pytest.mark.parametrize("kind", KINDS)
def test_notebooks_are_nbformat4_and_call_the_package(generated, kind):
    project = generated("cookiecutter", kind, "defaults")
    package = (project / "src").iterdir().__next__().name
    for name in ("01_eda.ipynb", "02_modeling.ipynb"):
        notebook = nbformat.read(project / "notebooks" / name, as_version=4)
        nbformat.validate(notebook)
        assert notebook.nbformat == 4
        assert any(cell.cell_type == "markdown" for cell in notebook.cells)
        assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        assert f"from {package}" in code


@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_awkward_text_is_kept_exactly(generated, engine):
    project = generated(engine, KINDS[0], "awkward-text")
    assert project.name == "prediction-du-cafe-creme-d-angstrom-v2" or engine == "copier"
    readme = (project / "README.md").read_text("utf-8")
    assert readme.startswith(f"# {AWKWARD_NAME}\n")
    if sys.version_info >= (3, 11):
        import tomllib

        meta = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
        assert meta["description"] == VARIANTS["awkward-text"]["description"]
        assert meta["authors"][0]["name"] == VARIANTS["awkward-text"]["author_name"]
    answers = (project / ".copier-answers.yml").read_text("utf-8")
    assert 'project_slug: "prediction-du-cafe-creme-d-angstrom-v2"' in answers
    assert 'package_name: "prediction_du_cafe_creme_d_angstrom_v2"' in answers


def test_nested_menu_defaults_to_the_first_kind(template, tmp_path):
    """`cookiecutter <repo> --no-input` (no --directory) takes the first menu entry."""
    result = run_module("cookiecutter", str(template), "--no-input", "-o", str(tmp_path), "init_git=no")
    assert result.returncode == 0, result.stderr
    (project,) = tmp_path.iterdir()
    assert 'kind: "' + KINDS[0] + '"' in (project / ".copier-answers.yml").read_text("utf-8")
