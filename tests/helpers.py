"""Generation helpers shared by the test modules: real cookiecutter and copier runs."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = None

ROOT = Path(__file__).resolve().parents[1]
MENU: dict[str, dict[str, str]] = json.loads((ROOT / "cookiecutter.json").read_text("utf-8"))["templates"]
KINDS = list(MENU)

# A name that breaks naive templating: accents, both quotes, an apostrophe, a backslash, an emoji.
AWKWARD_NAME = 'Prédiction du Café "Crème" d\'Ångström \\ v2 🚀'

# Answer sets of the shared questions that change which files are written or what they say.
NAMED_VARIANTS: dict[str, dict[str, str]] = {
    "defaults": {},
    "minimal": {"include_api": "no", "include_docker": "no", "ci": "none", "license": "none", "init_git": "no"},
    "bsd-api-only": {"license": "BSD-3-Clause", "include_docker": "no", "init_git": "no"},
    "apache-docker-no-api": {"license": "Apache-2.0", "include_api": "no", "init_git": "no"},
    # The longest names the rules accept: every generated line must still fit ruff's 120 columns.
    "longest-names": {"project_slug": "a" + "-b" * 29 + "c", "package_name": "p" * 40, "init_git": "no"},
    "awkward-text": {
        "project_name": AWKWARD_NAME,
        "description": 'Says "hi" \\ it\'s & <b>fine</b>: 100% {ok} 👍🏽 — 日本語',
        "author_name": "Zoë O'Brien-Łukasiewicz 😀",
        "github_username": "zoë-😀",
        "init_git": "no",
    },
}


def kind_questions(kind: str) -> dict[str, Any]:
    """The kind's cookiecutter.json (derived by scripts/sync.py from the shared and the kind's questions)."""
    return json.loads((ROOT / "templates" / kind / "cookiecutter.json").read_text("utf-8"))


def kind_spec(kind: str) -> dict[str, Any]:
    """The kind's kind.json (its own questions, files and slow-tier cases)."""
    return json.loads((ROOT / "templates" / kind / "kind.json").read_text("utf-8"))


def variants(kind: str) -> dict[str, dict[str, str]]:
    """The named answer sets, then enough sets that every choice of every question of ``kind`` is made once.

    Set i answers each choice question with its (i mod n)-th choice, so max(n) sets
    cover every choice of every question, the kind's own ones included.
    """
    choices = {name: value for name, value in kind_questions(kind).items() if isinstance(value, list)}
    found = dict(NAMED_VARIANTS)
    for i in range(1, max(len(options) for options in choices.values())):
        found[f"choices-{i}"] = {name: options[i % len(options)] for name, options in choices.items()}
    return found


def cases() -> list[tuple[str, str]]:
    """(kind, variant) for every kind and each of its answer sets."""
    return [(kind, variant) for kind in KINDS for variant in variants(kind)]


def run_cookiecutter(template: Path | str, output_dir: Path, kind: str, answers: dict[str, str]) -> Path:
    """Generate with cookiecutter's Python API, choosing the kind by directory."""
    from cookiecutter.main import cookiecutter

    made = cookiecutter(
        str(template), no_input=True, output_dir=str(output_dir), extra_context=answers, directory=f"templates/{kind}"
    )
    return Path(made)


def run_copier(template: Path, destination: Path, kind: str, answers: dict[str, str]) -> Path:
    """Generate with copier's Python API from the template's HEAD."""
    import copier

    copier.run_copy(
        str(template),
        str(destination),
        data={"kind": kind, **answers},
        defaults=True,
        unsafe=True,
        vcs_ref="HEAD",
        quiet=True,
    )
    return destination


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` outside .git, by relative path."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def is_binary(path: Path) -> bool:
    """A file that is not UTF-8 text (an image, an archive): both engines copy it as it is."""
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def parse_file(path: Path) -> None:
    """Raise if a structured file does not parse; other files are left alone."""
    suffix = path.suffix
    if suffix not in (".toml", ".yml", ".yaml", ".json", ".ipynb", ".py"):
        return
    text = path.read_text("utf-8")
    if suffix == ".toml" and tomllib is not None:
        tomllib.loads(text)
    elif suffix in (".yml", ".yaml"):
        yaml.safe_load(text)
    elif suffix == ".json":
        json.loads(text)
    elif suffix == ".ipynb":
        nbformat.validate(nbformat.reads(text, as_version=4))
    elif suffix == ".py":
        ast.parse(text, filename=str(path))


def run_module(
    *command: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m <command>`` (an engine's or ruff's own command line), capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def ruff(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ruff from this environment on a generated project, with that project's config."""
    return run_module("ruff", *args, "--no-cache", ".", cwd=cwd)
