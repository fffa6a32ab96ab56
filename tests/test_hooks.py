"""Post-generation steps: the answers file, git init, and never failing on git."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from helpers import KINDS, run_module

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
import portfolio_hooks  # noqa: E402

KIND = KINDS[0]


def git_log(project: Path) -> list[str]:
    result = subprocess.run(["git", "log", "--format=%s"], cwd=project, capture_output=True, text=True, check=False)
    return result.stdout.splitlines() if result.returncode == 0 else []


@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_answers_file_records_source_version_and_answers(generated, template, engine):
    project = generated(engine, KIND, "defaults")
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))
    assert answers["_src_path"] == str(template)
    assert answers["_commit"] == "v0.1.0"
    assert answers["kind"] == KIND
    assert answers["project_slug"] == "house-price-prediction" == project.name or engine == "copier"
    assert "cookiecutter" not in answers


@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_git_init_makes_a_first_commit(generated, engine):
    project = generated(engine, KIND, "defaults")
    assert git_log(project) == [f"Initial commit from ml-portfolio ({KIND})"]
    status = subprocess.run(["git", "status", "--porcelain"], cwd=project, capture_output=True, text=True, check=True)
    assert status.stdout == ""  # everything, the answers file included, is committed


@pytest.fixture
def no_git_identity(tmp_path, monkeypatch):
    """A git that refuses to guess an identity, as on a fresh machine."""
    config = tmp_path / "gitconfig"
    config.write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_missing_git_identity_warns_and_generates(template, tmp_path, no_git_identity, engine):
    # A subprocess each: copier's tasks take the environment copier saw at import time.
    if engine == "cookiecutter":
        command = ["cookiecutter", str(template), "--no-input", "-o", str(tmp_path), "--directory", f"templates/{KIND}"]
        project = tmp_path / "house-price-prediction"
    else:
        project = tmp_path / "project"
        command = ["copier", "copy", "--defaults", "--trust", "--vcs-ref", "HEAD", str(template), str(project)]
    result = run_module(*command)
    assert result.returncode == 0, result.stderr
    assert (project / "README.md").exists() and (project / ".git").is_dir()
    assert git_log(project) == []
    assert "without a first commit" in result.stderr


def test_missing_git_warns_and_generates(template, tmp_path):
    """No git on PATH at all: the project is made, without a repository or version."""
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}
    command = ["cookiecutter", str(template), "--no-input", "-o", str(tmp_path), "--directory", f"templates/{KIND}"]
    result = run_module(*command, env=env)
    assert result.returncode == 0, result.stderr
    assert "git is not installed" in result.stderr
    project = tmp_path / "house-price-prediction"
    assert (project / "README.md").exists() and not (project / ".git").exists()
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))
    assert "_commit" not in answers and answers["_src_path"] == str(template)


@pytest.mark.parametrize(
    ("source", "local"),
    [
        (".", True),
        ("../ml-portfolio", True),
        ("/abs/path", True),
        ("gh:org/ml-portfolio", False),
        ("https://github.com/org/ml-portfolio.git", False),
        ("git@github.com:org/ml-portfolio.git", False),
    ],
)
def test_local_sources_are_told_from_remote_ones(source, local):
    assert portfolio_hooks.is_local_path(source) is local


def test_answers_file_format_matches_the_copier_template():
    """Literal Unicode (emoji included), escaped quotes and backslashes: YAML and JSON both read it back."""
    answers = {"b": 'x\'<y> "q" \\ 🚀', "_commit": "v1", "a": "ü\tz"}
    text = portfolio_hooks.render_answers_file(answers)
    assert text.splitlines()[1:] == ['_commit: "v1"', 'a: "ü\\tz"', 'b: "x\'<y> \\"q\\" \\\\ 🚀"']
    assert yaml.safe_load(text) == answers
    for line in text.splitlines()[1:]:
        key, value = line.split(": ", 1)
        assert json.loads(value) == answers[key]


@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_both_engines_say_what_to_do_next(template, tmp_path, engine):
    if engine == "cookiecutter":
        command = ["cookiecutter", str(template), "--no-input", "-o", str(tmp_path), "--directory", f"templates/{KIND}"]
        project = tmp_path / "house-price-prediction"
    else:
        project = tmp_path / "project"
        command = ["copier", "copy", "--defaults", "--trust", "--vcs-ref", "HEAD", str(template), str(project)]
    result = run_module(*command, "init_git=no" if engine == "cookiecutter" else "--data=init_git=no")
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert f"cd {project}" in output and "make install" in output and "make all" in output
