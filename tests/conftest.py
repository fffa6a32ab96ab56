"""Session fixtures: an isolated environment and a committed snapshot of the template."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import ROOT, run_cookiecutter, run_copier, variants

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--deep", action="store_true", help="also run the deep fuzzing tests (minutes)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests first, so that under xdist the fast ones fill the gaps instead of trailing them;
    deep tests run only with --deep, whatever -m selects, so `-m "not slow"` stays short."""
    items.sort(key=lambda item: "slow" not in item.keywords)
    if config.getoption("--deep"):
        return
    skip = pytest.mark.skip(reason="deep fuzzing: run with --deep")
    for item in items:
        if "deep" in item.keywords:
            item.add_marker(skip)


def git(*args: str, cwd: Path, check: bool = True) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)
    return result.stdout.strip()


@pytest.fixture(scope="session", autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory):
    """Keep cookiecutter's clones and replays, and git's identity, inside the test run."""
    home = tmp_path_factory.mktemp("home")
    config = home / "cookiecutter.yaml"
    config.write_text(f"cookiecutters_dir: {home / 'clones'}\nreplay_dir: {home / 'replay'}\n", encoding="utf-8")
    saved = dict(os.environ)
    os.environ.update(GIT_IDENTITY, COOKIECUTTER_CONFIG=str(config))
    yield
    os.environ.clear()
    os.environ.update(saved)


def snapshot(destination: Path, tag: str = "v0.1.0") -> Path:
    """Copy the working tree (tracked and untracked, not ignored files) into a fresh git repo.

    Users generate from a clone, so the tests do too: copier reads the template
    through git, and the version recorded in `_commit` comes from the tag.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode == 0:
        files = [ROOT / name for name in listed.stdout.split("\0") if name]
    else:  # not a git checkout (e.g. an unpacked archive)
        files = [p for p in ROOT.rglob("*") if p.is_file() and not {".git", ".venv"} & set(p.relative_to(ROOT).parts)]
    for source in files:
        if source.is_file():
            target = destination / source.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("init", "--quiet", "-b", "main", cwd=destination)
    git("add", "--all", cwd=destination)
    git("commit", "--quiet", "-m", "template snapshot", cwd=destination)
    git("tag", tag, cwd=destination)
    return destination


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return snapshot(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def generated(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str, str], Path]:
    """generated(engine, kind, variant) -> project folder, made once per session."""
    made: dict[tuple[str, str, str], Path] = {}

    def make(engine: str, kind: str, variant: str) -> Path:
        key = (engine, kind, variant)
        if key not in made:
            out = tmp_path_factory.mktemp(f"{engine}-{kind}-{variant}")
            answers = variants(kind)[variant]
            if engine == "cookiecutter":
                made[key] = run_cookiecutter(template, out, kind, answers)
            else:
                made[key] = run_copier(template, out / "project", kind, answers)
        return made[key]

    return make
