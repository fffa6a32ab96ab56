"""Every kind, every answer set, both engines: same files, the expected files only, all valid, lint-clean."""

from __future__ import annotations

import os
import re
import sys

import nbformat
import pytest
import yaml
from conftest import snapshot
from contract import CONTRACT, expected_files, select
from helpers import AWKWARD_NAME, KINDS, NAMED_VARIANTS, cases, is_binary, parse_file, ruff, run_module, tree

CASES = cases()
IDS = [f"{kind}-{variant}" for kind, variant in CASES]


def answers_of(project) -> dict[str, str]:
    return yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_engines_make_identical_trees(generated, kind, variant):
    by_cookiecutter = tree(generated("cookiecutter", kind, variant))
    by_copier = tree(generated("copier", kind, variant))
    assert sorted(by_cookiecutter) == sorted(by_copier)
    differing = [path for path in by_cookiecutter if by_cookiecutter[path] != by_copier[path]]
    assert not differing


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_expected_files_and_only_those(generated, kind, variant):
    """The contract's files plus the kind's list in kind.json: a stray or a missing file fails."""
    project = generated("cookiecutter", kind, variant)
    expected = expected_files(kind, answers_of(project))
    assert set(tree(project)) == expected


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_no_template_syntax_left(generated, kind, variant):
    project = generated("cookiecutter", kind, variant)
    for path in project.rglob("*"):
        relative = path.relative_to(project)
        if ".git" in relative.parts:
            continue
        for marker in ("{{", "{%", "cookiecutter."):
            assert marker not in relative.as_posix(), relative
        if path.is_file() and not is_binary(path):
            # GitHub Actions' own expressions, ${{ ... }}, are meant to stay.
            text = re.sub(r"\$\{\{[^}]*\}\}", "", path.read_text("utf-8"))
            for marker in ("{{", "{%", "{#", "cookiecutter.", "synced from templates/"):
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


@pytest.mark.parametrize(("kind", "variant"), CASES, ids=IDS)
def test_readme_and_makefile_meet_the_contract(generated, kind, variant):
    project = generated("cookiecutter", kind, variant)
    answers = answers_of(project)
    readme = (project / "README.md").read_text("utf-8")
    positions = [readme.find(section + "\n") for section in CONTRACT["readme"]["sections"]]
    assert -1 not in positions and positions == sorted(positions), CONTRACT["readme"]["sections"]
    # A slot that starts with a whitespace-stripping tag ({%- if) can swallow the blank line.
    assert not re.search(r"^## .*\n\S", readme, re.MULTILINE), "a README heading without a blank line after it"
    for marker in CONTRACT["readme"]["markers"]:
        assert readme.count(marker) == 1, marker
    makefile = (project / "Makefile").read_text("utf-8")
    for target in select(CONTRACT["make_targets"], answers):
        assert f"\n{target}: ## " in makefile, target
    assert f"PACKAGE := {answers['package_name']}" in makefile


@pytest.mark.parametrize("kind", KINDS)
def test_notebooks_are_nbformat4_and_call_the_package(generated, kind):
    project = generated("cookiecutter", kind, "defaults")
    package = answers_of(project)["package_name"]
    for name in ("01_eda.ipynb", "02_modeling.ipynb"):
        notebook = nbformat.read(project / "notebooks" / name, as_version=4)
        nbformat.validate(notebook)
        assert notebook.nbformat == 4
        assert any(cell.cell_type == "markdown" for cell in notebook.cells)
        assert not any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        assert f"from {package}" in code


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_awkward_text_is_kept_exactly(generated, engine, kind):
    """Any script, quotes, backslashes and emoji survive into README, pyproject.toml and the answers file."""
    project = generated(engine, kind, "awkward-text")
    given = NAMED_VARIANTS["awkward-text"]
    assert project.name == "prediction-du-cafe-creme-d-angstrom-v2" or engine == "copier"
    readme = (project / "README.md").read_text("utf-8")
    assert readme.startswith(f"# {AWKWARD_NAME}\n")
    assert given["description"] in readme
    if sys.version_info >= (3, 11):
        import tomllib

        meta = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
        assert meta["description"] == given["description"]
        assert meta["authors"][0]["name"] == given["author_name"]
        assert meta["urls"]["Repository"].endswith(f"/{given['github_username']}/{answers_of(project)['project_slug']}")
    answers = answers_of(project)
    assert answers["project_name"] == AWKWARD_NAME and answers["author_name"] == given["author_name"]
    assert answers["project_slug"] == "prediction-du-cafe-creme-d-angstrom-v2"
    assert answers["package_name"] == "prediction_du_cafe_creme_d_angstrom_v2"


def test_nested_menu_defaults_to_the_first_kind(template, tmp_path):
    """`cookiecutter <repo> --no-input` (no --directory) takes the first menu entry."""
    result = run_module("cookiecutter", str(template), "--no-input", "-o", str(tmp_path), "init_git=no")
    assert result.returncode == 0, result.stderr
    (project,) = tmp_path.iterdir()
    assert answers_of(project)["kind"] == KINDS[0]


def _relative_forms(template):
    """(working folder, template path as typed) for `cookiecutter .` inside a clone and `./clone` beside it."""
    return [(template, "."), (template.parent, f"./{template.name}")]


@pytest.mark.parametrize("menu", ["menu", "directory"])
@pytest.mark.parametrize("form", [0, 1], ids=["inside-clone", "beside-clone"])
@pytest.mark.parametrize("pwd", ["shell", "no-PWD"])
def test_cookiecutter_takes_a_relative_template_path(tmp_path, menu, form, pwd):
    """Instructors run `cookiecutter . --directory templates/<kind>` from a clone: the hooks must find themselves."""
    template = snapshot(tmp_path / "ml-portfolio")
    cwd, typed = _relative_forms(template)[form]
    env = {**os.environ, "PWD": str(cwd)}
    if pwd == "no-PWD":  # cmd.exe and PowerShell set no PWD: then the output folder is the clue
        env.pop("PWD")
    chosen = [] if menu == "menu" else ["--directory", f"templates/{KINDS[-1]}"]
    result = run_module("cookiecutter", typed, "--no-input", *chosen, "-o", "class", "init_git=no", cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    (project,) = (cwd / "class").iterdir()
    answers = answers_of(project)
    assert answers["_src_path"] == str(template) and answers["kind"] == (KINDS[0] if menu == "menu" else KINDS[-1])
    assert ruff("check", cwd=project).returncode == 0


@pytest.mark.parametrize("form", [0, 1], ids=["inside-clone", "beside-clone"])
def test_copier_takes_a_relative_template_path(template, tmp_path, form):
    """`copier copy . DEST` records ".", which `copier update` would misread; the full path is stored."""
    cwd, typed = _relative_forms(template)[form]
    command = ["copier", "copy", "--defaults", "--trust", "--vcs-ref", "HEAD", "-d", "init_git=no", typed]
    result = run_module(*command, str(tmp_path / "project"), cwd=cwd, env={**os.environ, "PWD": str(cwd)})
    assert result.returncode == 0, result.stderr
    assert answers_of(tmp_path / "project")["_src_path"] == str(template)
