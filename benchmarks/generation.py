"""Generation time per kind and engine: whole processes, as a user runs them, from a clean clone."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import median_of

ROOT = Path(__file__).resolve().parents[1]


def clean_clone(destination: Path) -> Path:
    """The committed template, cloned: what users generate from (copier reads it through git)."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(destination)], check=True)
    return destination


def commands(template: Path, out: Path, kind: str) -> dict[str, list[str | Path]]:
    python = sys.executable
    return {
        "cookiecutter": [python, "-m", "cookiecutter", template, "--no-input", "--directory", f"templates/{kind}",
                         "-o", out, "init_git=no"],
        "copier": [python, "-m", "copier", "copy", "--quiet", "--defaults", "--trust", "--vcs-ref", "HEAD",
                   "-d", f"kind={kind}", "-d", "init_git=no", template, out / "project"],
    }  # fmt: skip


def measure(kinds: list[str], runs: int) -> list[dict[str, object]]:
    """One row per kind and engine: the median wall seconds of ``runs`` generations."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        template = clean_clone(Path(scratch) / "ml-portfolio")
        for kind in kinds:
            for engine in ("cookiecutter", "copier"):
                out = Path(scratch) / f"{kind}-{engine}"

                def fresh(out: Path = out) -> None:
                    shutil.rmtree(out, ignore_errors=True)
                    out.mkdir()

                command = commands(template, out, kind)[engine]
                seconds = median_of(runs, command, Path(scratch), reset=fresh)
                rows.append({"kind": kind, "engine": engine, "median_s": round(seconds, 2), "runs": runs})
    return rows
