"""Time to a first result per kind: from an installed environment, `make all` on the bundled sample and `make test`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.generation import clean_clone, commands
from benchmarks.timing import run, run_with_memory

ROOT = Path(__file__).resolve().parents[1]


def measure(kind: str) -> dict[str, object]:
    """Generate with cookiecutter, install into a fresh venv, then time `make all` and `make test`."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
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
        make = ["make", f"PYTHON={python}"]
        all_s, all_peak_mib = run_with_memory([*make, "all"], project, env)
        test_s = run([*make, "test"], project, env)
    return {
        "kind": kind,
        "generate_s": round(generate_s, 1),
        "install_s": round(install_s, 1),
        "make_all_s": round(all_s, 1),
        "make_all_peak_mib": round(all_peak_mib),
        "make_test_s": round(test_s, 1),
    }
