"""Time to a first result per kind: from an installed environment, `make all` on the bundled sample and `make test`."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generation import clean_clone, commands
from benchmarks.timing import run, run_with_memory

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Installed:
    """A project generated from a clean clone and installed into its own venv, with the timings of both."""

    project: Path
    python: Path
    env: dict[str, str]
    generate_s: float
    install_s: float


def installed_project(folder: Path, kind: str) -> Installed:
    """Generate ``kind`` with cookiecutter inside ``folder``, then `pip install -e .[dev]` it into a fresh venv."""
    template = clean_clone(folder / "ml-portfolio")
    out = folder / "out"
    out.mkdir()
    generate_s = run(commands(template, out, kind)["cookiecutter"], folder)
    (project,) = out.iterdir()
    venv = folder / "venv"
    run([sys.executable, "-m", "venv", venv], folder)
    python = venv / "bin" / "python"
    # The CPU build of torch for kinds that need it, as CI installs it.
    env = {**os.environ, "PIP_CONSTRAINT": str(ROOT / ".ci" / "constraints.txt")}
    env.pop("VIRTUAL_ENV", None)
    install_s = run([python, "-m", "pip", "install", "--quiet", "-e", ".[dev]"], project, env)
    return Installed(project, python, env, generate_s, install_s)


def measure(kind: str) -> dict[str, object]:
    """Generate and install, then time `make all` and `make test`."""
    with tempfile.TemporaryDirectory() as scratch:
        setup = installed_project(Path(scratch), kind)
        make = ["make", f"PYTHON={setup.python}"]
        all_s, all_peak_mib = run_with_memory([*make, "all"], setup.project, setup.env)
        test_s = run([*make, "test"], setup.project, setup.env)
    return {
        "kind": kind,
        "generate_s": round(setup.generate_s, 1),
        "install_s": round(setup.install_s, 1),
        "make_all_s": round(all_s, 1),
        "make_all_peak_mib": round(all_peak_mib),
        "make_test_s": round(test_s, 1),
    }
