"""`copier update` brings template changes into a project made by either engine, keeping the student's work.

Each test builds a temporary template repository tagged v0.1.0, generates a project
from it, commits the owner's edits (a module, a notebook, the README text), releases
v0.2.0 with template changes, and updates the project as a student would.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest
import yaml
from conftest import git, snapshot
from helpers import KINDS, run_cookiecutter, run_copier, run_module

KIND = KINDS[0]
PROJECT_FILES = Path("templates") / KIND / "{{cookiecutter.project_slug}}"


def project_files(kind: str) -> Path:
    return Path("templates") / kind / "{{cookiecutter.project_slug}}"


def release(template: Path, tag: str, edits: dict[Path, tuple[str, str]]) -> None:
    """Change template files (old text -> new text), commit and tag a new version."""
    for relative, (old, new) in edits.items():
        path = template / relative
        text = path.read_text("utf-8")
        assert old in text, f"{relative} no longer holds {old!r}: update this test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git("commit", "--quiet", "--all", "-m", f"release {tag}", cwd=template)
    git("tag", tag, cwd=template)


def student_edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def copier_update(project: Path) -> subprocess.CompletedProcess[str]:
    return run_module("copier", "update", "--defaults", "--trust", "--quiet", cwd=project)


@pytest.fixture(params=["local-path", "cloned-url"])
def made_by_cookiecutter(request, tmp_path) -> tuple[Path, Path]:
    """A project made from a local folder, or from a URL that cookiecutter clones first."""
    template = snapshot(tmp_path / "template", tag="v0.1.0")
    source = template if request.param == "local-path" else f"git+{template.as_uri()}"
    project = run_cookiecutter(source, tmp_path / "out", KIND, {})
    assert git("log", "--format=%s", cwd=project).startswith("Initial commit")
    return template, project


def test_update_from_a_cloned_or_local_template_keeps_student_work(made_by_cookiecutter):
    template, project = made_by_cookiecutter
    student_edit(project, "README.md", "- **What worked:** *...*", "- **What worked:** log prices, my own notes.")
    (project / "notebooks" / "03_my_experiment.ipynb").write_text("{}", encoding="utf-8")
    git("add", "--all", cwd=project)
    git("commit", "--quiet", "-m", "my work", cwd=project)

    release(
        template,
        "v0.2.0",
        {
            PROJECT_FILES / ".gitignore": (".ruff_cache/\n", ".ruff_cache/\n.mypy_cache/\n"),
            PROJECT_FILES / "docs" / "model_card.md": ("## Limitations\n", "## Limitations\n\n- Added in v0.2.0.\n"),
        },
    )
    result = copier_update(project)
    assert result.returncode == 0, result.stderr

    assert ".mypy_cache/" in (project / ".gitignore").read_text("utf-8")
    assert "Added in v0.2.0." in (project / "docs" / "model_card.md").read_text("utf-8")
    assert "log prices, my own notes." in (project / "README.md").read_text("utf-8")
    assert (project / "notebooks" / "03_my_experiment.ipynb").exists()
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))
    assert answers["_commit"] == "v0.2.0" and answers["kind"] == KIND


def test_update_marks_conflicts_where_both_changed_the_same_line(made_by_cookiecutter):
    template, project = made_by_cookiecutter
    student_edit(project, ".gitignore", ".ruff_cache/\n", ".ruff_cache/  # student\n")
    git("commit", "--quiet", "--all", "-m", "my ignore rules", cwd=project)
    release(template, "v0.2.0", {PROJECT_FILES / ".gitignore": (".ruff_cache/\n", ".ruff_cache/  # template\n")})
    result = copier_update(project)
    assert result.returncode == 0, result.stderr
    text = (project / ".gitignore").read_text("utf-8")
    assert "<<<<<<<" in text and "# student" in text and "# template" in text


def add_notebook_cell(project: Path, text: str) -> None:
    path = project / "notebooks" / "01_eda.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(text))
    nbformat.write(notebook, path)


# Every kind, the engines taking turns: both engines write the same tree (test_generation), so
# each is exercised here without updating every kind twice.
KIND_ENGINES = [(kind, ("copier", "cookiecutter")[index % 2]) for index, kind in enumerate(KINDS)]


@pytest.mark.parametrize(("kind", "engine"), KIND_ENGINES)
def test_every_kind_merges_an_update_into_edited_modules_notebooks_and_readme(tmp_path, kind, engine):
    template = snapshot(tmp_path / "template", tag="v0.1.0")
    if engine == "cookiecutter":
        project = run_cookiecutter(template, tmp_path / "out", kind, {})
    else:
        project = run_copier(template, tmp_path / "project", kind, {})
    package = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))["package_name"]
    module = Path("src") / package / "root.py"

    # The owner's work: a function in a shipped module, a notebook cell, the README's reflection.
    with (project / module).open("a", encoding="utf-8") as handle:
        handle.write('\n\ndef my_helper() -> str:\n    return "mine"\n')
    add_notebook_cell(project, "## My own finding")
    student_edit(project, "README.md", "- **What worked:** *...*", "- **What worked:** my own notes.")
    git("add", "--all", cwd=project)
    git("commit", "--quiet", "-m", "my work", cwd=project)

    # v0.2.0 changes the same module elsewhere (its docstring), and two files the owner left alone.
    files = project_files(kind)
    release(
        template,
        "v0.2.0",
        {
            files / "src" / "{{cookiecutter.package_name}}" / "root.py": ('"""', '"""Changed in v0.2.0. '),
            files / ".gitignore": (".ruff_cache/\n", ".ruff_cache/\n.mypy_cache/\n"),
            files / ".gitattributes": ("*.png binary\n", "*.png binary\n*.pdf binary\n"),
        },
    )
    result = copier_update(project)
    assert result.returncode == 0, result.stderr

    merged = (project / module).read_text("utf-8")
    assert "Changed in v0.2.0." in merged and 'return "mine"' in merged
    notebook = nbformat.read(project / "notebooks" / "01_eda.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert notebook.cells[-1].source == "## My own finding"
    assert "my own notes." in (project / "README.md").read_text("utf-8")
    assert ".mypy_cache/" in (project / ".gitignore").read_text("utf-8")
    assert "*.pdf binary" in (project / ".gitattributes").read_text("utf-8")
    assert not git("grep", "-l", "-e", "<<<<<<<", cwd=project, check=False), "a clean merge left conflict markers"
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))
    assert answers["_commit"] == "v0.2.0" and answers["kind"] == kind
