"""The template repository itself: derived files in sync, menu and rules complete, pins agreeing."""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import snapshot
from helpers import KINDS, MENU, ROOT
from packaging.specifiers import SpecifierSet

sys.path.insert(0, str(ROOT / "hooks"))
import portfolio_hooks  # noqa: E402

KIND_DIR = Path("templates") / KINDS[0]
PROJECT = KIND_DIR / "{{cookiecutter.project_slug}}"


def sync_check(root: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(root / "scripts" / "sync.py"), "--check"]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_derived_files_are_up_to_date():
    """Kinds' cookiecutter.json, copier.yml, shared copies, option tables, samples: never hand-edited."""
    result = sync_check(ROOT)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("drift", "expected"),
    [
        ("hand-edited copy", f"{PROJECT}/Makefile differs from its source"),
        ("hand-edited cookiecutter.json", f"{KIND_DIR}/cookiecutter.json differs from its source"),
        ("hand-edited options table", "docs/options.md differs from its source"),
        ("orphan", f"{PROJECT}/.pre-commit-config.yaml is a copy of a file no longer in templates/_common"),
        ("missing copy", f"{PROJECT}/.gitignore is missing: edit templates/_common/project/.gitignore"),
        ("undeclared per-kind default", "author_name may not differ between kinds"),
        ("override without its file", "is missing: templates/" + KINDS[0] + "/kind.json overrides it"),
    ],
)
def test_sync_check_names_each_drift_and_its_fix(tmp_path, drift, expected):
    root = snapshot(tmp_path / "repo")
    kind_json = root / KIND_DIR / "kind.json"
    if drift == "hand-edited copy":
        (root / PROJECT / "Makefile").write_text("all:\n\techo hand-made\n", encoding="utf-8")
    elif drift == "hand-edited cookiecutter.json":
        path = root / KIND_DIR / "cookiecutter.json"
        path.write_text(path.read_text("utf-8").replace('"3.11"', '"3.9"'), encoding="utf-8")
    elif drift == "hand-edited options table":
        path = root / "docs" / "options.md"
        path.write_text(path.read_text("utf-8").replace("| `license` |", "| `licence` |"), encoding="utf-8")
    elif drift == "orphan":
        (root / "templates" / "_common" / "project" / ".pre-commit-config.yaml").unlink()
    elif drift == "missing copy":
        (root / PROJECT / ".gitignore").unlink()
    elif drift == "undeclared per-kind default":
        kind_json.write_text(
            kind_json.read_text("utf-8").replace('"defaults": {', '"defaults": {"author_name": "Me", ', 1),
            encoding="utf-8",
        )
    elif drift == "override without its file":
        kind_json.write_text(
            kind_json.read_text("utf-8").replace('"overrides": {}', '"overrides": {"Makefile": "test"}', 1),
            encoding="utf-8",
        )
        (root / PROJECT / "Makefile").unlink()
    result = sync_check(root)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert "python scripts/sync.py" in result.stderr or "kind.json" in result.stderr
    lines = result.stderr.strip().splitlines()
    copies = len(KINDS) if drift == "orphan" else 1  # a removed shared file leaves an orphan in every kind
    assert len(lines) == copies, lines  # one drift, one line per copy it affects


def test_sync_writes_what_check_expects(tmp_path):
    """After a drift, `sync.py` repairs it: copies rewritten, orphans deleted, the check passes again."""
    root = snapshot(tmp_path / "repo")
    (root / PROJECT / "Makefile").write_text("hand-made\n", encoding="utf-8")
    (root / "templates" / "_common" / "project" / ".pre-commit-config.yaml").unlink()
    result = subprocess.run([sys.executable, str(root / "scripts" / "sync.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not (root / PROJECT / ".pre-commit-config.yaml").exists()
    assert sync_check(root).returncode == 0


def test_menu_lists_existing_kinds_in_design_order():
    design_order = ["tabular", "cifar10-cnn", "nlp-timeseries", "kaggle"]
    assert [kind for kind in design_order if kind in KINDS] == KINDS
    for kind, entry in MENU.items():
        assert entry["path"] == f"./templates/{kind}"
        assert (ROOT / "templates" / kind / "kind.json").exists()
        assert entry["title"] and entry["description"]


def test_reserved_names_cover_this_interpreter():
    public = {name for name in sys.stdlib_module_names if not name.startswith("_")}
    assert public <= portfolio_hooks.STDLIB_MODULES
    assert {word for word in keyword.kwlist if word.islower()} <= portfolio_hooks.KEYWORDS


@pytest.mark.parametrize("kind", KINDS)
def test_kind_hooks_are_shims(kind):
    """The logic lives once, in hooks/; each kind only finds it and forwards to it."""
    for name in ("pre_gen_project.py", "post_gen_project.py"):
        shim = (ROOT / "templates" / kind / "hooks" / name).read_text("utf-8")
        assert "import portfolio_hooks" in shim
        assert len(shim.splitlines()) < 20


def test_ruff_pins_agree():
    """This repo's ruff, the generated projects' ruff and their pre-commit hook are one version line."""
    ours = re.search(r'"ruff([^"]+)"', (ROOT / "pyproject.toml").read_text("utf-8")).group(1)
    common = ROOT / "templates" / "_common" / "project"
    theirs = re.search(r'"ruff([^"]+)"', (common / "pyproject.toml").read_text("utf-8")).group(1)
    hooks = yaml.safe_load((common / ".pre-commit-config.yaml").read_text("utf-8"))
    (rev,) = [repo["rev"] for repo in hooks["repos"] if repo["repo"].endswith("/ruff-pre-commit")]
    assert ours == theirs
    assert rev.removeprefix("v") in SpecifierSet(ours)


def test_ci_can_only_install_the_cpu_build_of_torch():
    """A local version +cpu exists only on the CPU wheel: pip fails rather than pull CUDA packages."""
    pins = (ROOT / ".ci" / "constraints.txt").read_text("utf-8").split()
    torch = [pin for pin in pins if pin.startswith("torch")]
    assert torch and all(pin.endswith("+cpu") for pin in torch)
    assert "PIP_CONSTRAINT" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_benchmark_results_page_is_what_its_figures_render():
    """benchmarks/RESULTS.md is written from benchmarks/results.json, never edited by hand."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.__main__ import render

    figures = json.loads((ROOT / "benchmarks" / "results.json").read_text("utf-8"))
    assert render(figures) == (ROOT / "benchmarks" / "RESULTS.md").read_text("utf-8")
