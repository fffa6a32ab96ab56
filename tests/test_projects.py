"""Slow tier: install each generated project in its own virtual environment and run
its own `make test`, `make lint` and `make all` offline, as a student would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import KINDS, run_cookiecutter

pytestmark = pytest.mark.slow


def sh(*command: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900) -> float:
    """Run a command, fail the test with its output if it fails; return its duration."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return time.perf_counter() - started


def check_results(project: Path) -> None:
    metrics = json.loads((project / "results" / "metrics.json").read_text("utf-8"))
    assert metrics["selected"] in metrics["models"]
    assert (project / "results" / "model_performance.png").read_bytes().startswith(b"\x89PNG")
    section = (
        (project / "README.md").read_text("utf-8").split("<!-- results:start -->")[1].split("<!-- results:end -->")[0]
    )
    assert "Run `make all`" not in section and metrics["selected"] in section


@pytest.mark.parametrize("kind", KINDS)
def test_generated_projects_pass_their_own_checks(template, tmp_path, kind):
    full = run_cookiecutter(template, tmp_path, kind, {"init_git": "no"})
    minimal = run_cookiecutter(
        template,
        tmp_path,
        kind,
        {
            "project_name": "Minimal Variant",
            "include_api": "no",
            "include_docker": "no",
            "ci": "none",
            "license": "none",
            "init_git": "no",
        },
    )
    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    env = {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    timings = {"install": sh(python, "-m", "pip", "install", "--quiet", "-e", ".[dev]", cwd=full, env=env)}
    make = ["make", f"PYTHON={python}"]
    timings["make test"] = sh(*make, "test", cwd=full, env=env)
    timings["make lint"] = sh(*make, "lint", cwd=full, env=env)
    timings["make all"] = sh(*make, "all", cwd=full, env=env)
    check_results(full)
    # The minimal variant needs a subset of the same dependencies.
    sh(python, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".", cwd=minimal, env=env)
    timings["minimal make test"] = sh(*make, "test", cwd=minimal, env=env)
    timings["minimal make all"] = sh(*make, "all", cwd=minimal, env=env)
    check_results(minimal)
    print(f"\n{kind}: " + ", ".join(f"{step} {seconds:.1f}s" for step, seconds in timings.items()))
