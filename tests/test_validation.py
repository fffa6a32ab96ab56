"""Bad answers stop both engines with one clear line and leave no directory behind.

The rules live once, in hooks/portfolio_hooks.py, so the full table runs for one
kind; every kind is checked once to be wired to them.
"""

from __future__ import annotations

import pytest
from helpers import KINDS, run_module

BAD_ANSWERS = [
    ("project_slug", "My Project", "is not a valid folder name"),
    ("project_slug", "1st-project", "is not a valid folder name"),
    ("project_slug", "class/2026", "is not a valid folder name"),  # would nest folders: refused before any is made
    ("package_name", "my package", "is not a valid Python package name"),
    ("package_name", "9lives", "is not a valid Python package name"),
    ("package_name", "import", "is a Python keyword"),
    ("package_name", "json", "would shadow the standard-library module"),
    ("package_name", "torch", "would shadow the dependency"),
    ("package_name", "sklearn", "would shadow the dependency"),
    ("author_email", "student-at-example.com", "is not an email address"),
    ("python_version", "3.9", "python_version"),
]


CASES = [(KINDS[0], *bad) for bad in BAD_ANSWERS] + [(kind, *BAD_ANSWERS[0]) for kind in KINDS[1:]]
IDS = [f"{kind}-{question}={answer}" for kind, question, answer, _ in CASES]


@pytest.mark.parametrize(("kind", "question", "answer", "message"), CASES, ids=IDS)
def test_cookiecutter_rejects(template, tmp_path, kind, question, answer, message):
    result = run_module(
        "cookiecutter",
        str(template),
        "--no-input",
        "-o",
        str(tmp_path),
        "--directory",
        f"templates/{kind}",
        f"{question}={answer}",
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert lines, result.stderr
    assert answer in lines[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("kind", "question", "answer", "message"), CASES, ids=IDS)
def test_copier_rejects(template, tmp_path, kind, question, answer, message):
    destination = tmp_path / "project"
    result = run_module(
        "copier",
        "copy",
        "--defaults",
        "--trust",
        "--vcs-ref",
        "HEAD",
        "--data",
        f"kind={kind}",
        "--data",
        f"{question}={answer}",
        str(template),
        str(destination),
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert message in output and answer in output
    assert not destination.exists()
