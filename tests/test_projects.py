"""Slow tier: install each generated project in its own virtual environment and run
its own `make test`, `make lint` and `make all` offline, as a student would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from contract import CONTRACT, check_metrics, select
from helpers import KINDS, ROOT, kind_spec, run_cookiecutter

pytestmark = pytest.mark.slow
REAL_HOUSE_PRICES = ROOT.parent / "shared" / "data" / "house-prices" / "train.csv"


def sh(*command: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 900) -> float:
    """Run a command, fail the test with its output if it fails; return its duration."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return time.perf_counter() - started


def pip_install(python: Path) -> list:
    """The pip command that installs into ``python``'s environment."""
    # --no-compile: byte-compiling every installed file (PyTorch's thousands) took half of cifar10-cnn's
    # install (110 s against 57 s, warm cache), and Python compiles what it imports anyway.
    return [python, "-m", "pip", "install", "--quiet", "--no-compile"]


def find_uv() -> str | None:
    """uv from the test tools (next to this interpreter), else from PATH."""
    return shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")


def make_venv(folder: Path) -> Path:
    """A virtual environment for one generated project, with pip in it; return its interpreter.

    uv makes it in about 1 s against 7-11 s for `python -m venv`, which installs pip from its bundled
    wheel; --seed adds pip, which the minimal variant's install and the fallback below use.
    """
    uv = find_uv()
    if uv:
        sh(uv, "venv", "--quiet", "--seed", "--python", sys.executable, folder, cwd=folder.parent)
    else:
        sh(sys.executable, "-m", "venv", folder, cwd=folder.parent)
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def install_project(python: Path, requirement: str, project: Path, env: dict[str, str]) -> float:
    """Install the project editable with its extras; return the seconds taken.

    With uv (in the test tools) when it is at hand: pip spent 35-45 s of CPU per project, most of it
    resolving (parsing index pages), against 4-8 s for uv, five times per run. uv reads UV_CONSTRAINT
    and UV_FIND_LINKS (.ci/run sets them from pip's, for the CPU build of PyTorch); where uv cannot
    install, pip does, as a student's `make install` would. The minimal variant always installs with pip.
    """
    uv = find_uv()
    if uv:
        started = time.perf_counter()
        command = [uv, "pip", "install", "--quiet", "--python", str(python), "-e", requirement]
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=900)
        if result.returncode == 0:
            return time.perf_counter() - started
        print(f"uv could not install {requirement}, pip will:\n{result.stderr[-2000:]}")
    return sh(*pip_install(python), "-e", requirement, cwd=project, env=env)


def check_contract(project: Path, kind: str, python: Path, env: dict[str, str]) -> None:
    """What docs/adding-a-kind.md promises of every kind, checked on a project after `make all`."""
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))
    # Each command's help, as `python -m <package> <command> --help` prints it, from one interpreter:
    # a process per command paid the package's imports (PyTorch, scikit-learn) each time, 5 s apiece.
    each_help = (
        "import runpy, sys\n"
        "package, commands = sys.argv[1], sys.argv[2:]\n"
        "for command in commands:\n"
        "    sys.argv = [package, command, '--help']\n"
        "    try:\n"
        "        runpy.run_module(package, run_name='__main__', alter_sys=True)\n"
        "    except SystemExit as stop:\n"
        "        assert stop.code in (0, None), f'{command} --help exited with {stop.code}'\n"
        "    else:\n"
        "        raise AssertionError(f'{command} --help did not exit')\n"
    )
    commands = sorted(select(CONTRACT["commands"], answers))
    sh(python, "-c", each_help, answers["package_name"], *commands, cwd=project, env=env)
    metrics = json.loads((project / CONTRACT["metrics"]["path"]).read_text("utf-8"))
    assert not check_metrics(metrics, kind), check_metrics(metrics, kind)
    assert metrics["dataset"]["synthetic"] is True  # `make all` ran on the bundled sample
    assert json.loads((project / CONTRACT["timings"]).read_text("utf-8"))["seconds"] > 0
    assert (project / CONTRACT["headline_figure"]).read_bytes().startswith(b"\x89PNG")
    assert list(project.glob(CONTRACT["served_model"])), CONTRACT["served_model"]
    readme = (project / "README.md").read_text("utf-8")
    start, end = CONTRACT["readme"]["markers"]
    section = readme.split(start)[1].split(end)[0]
    assert "Run `make all`" not in section and metrics["selected"] in section
    assert metrics["dataset"]["name"] in section and "Synthetic sample" in section


def check_tabular_on_real_data(project: Path, python: Path, make: list[str], env: dict[str, str]) -> float:
    """The real Kaggle data (../shared/data, never a dependency of the project): the README names it and
    the API prices a four-field description of 200 held-out houses within the targets."""
    shutil.copy(REAL_HOUSE_PRICES, project / "data" / "raw" / "house_prices.csv")
    seconds = sh(*make, "all", cwd=project, env=env)
    metrics = json.loads((project / "results" / "metrics.json").read_text("utf-8"))
    assert metrics["dataset"]["synthetic"] is False and "Kaggle" in metrics["dataset"]["name"]
    assert metrics["dataset"]["name"] in (project / "README.md").read_text("utf-8")
    assert metrics["headline"]["value"] < 0.14  # hold-out log-RMSE; the mean-price baseline is about 0.40
    partial = [python, ROOT / "benchmarks" / "partial_description.py", "--project", project]
    return seconds + sh(*partial, cwd=project, env={**env, "PYTHONPATH": str(project / "src")})


def check_starter(template: Path, tmp_path: Path, kind: str, answers: dict[str, str], python: Path, env) -> float:
    """The starter flavour imports and runs its CLI, and its tests stop at an exercise, saying which."""
    starter = run_cookiecutter(
        template, tmp_path, kind, {**answers, "project_name": "Starter Variant", "flavor": "starter", "init_git": "no"}
    )
    env = {**env, "PYTHONPATH": str(starter / "src")}
    sh(python, "-m", "starter_variant", "--help", cwd=starter, env=env)
    started = time.perf_counter()
    command = [str(python), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
    result = subprocess.run(command, cwd=starter, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 1, result.stdout[-3000:]
    assert "NotImplementedError: Exercise (" in result.stdout, result.stdout[-3000:]
    return time.perf_counter() - started


def slow_cases() -> list:
    """(kind, answers, extras): one case per kind, or the cases its kind.json lists under "slow_tier"
    (e.g. one per track, with the optional extras the case installs)."""
    found = []
    for kind in KINDS:
        for case in kind_spec(kind).get("slow_tier", [{}]):
            answers, extras = case.get("answers", {}), case.get("extras", [])
            name = "-".join([kind, *answers.values()])
            found.append(pytest.param(kind, answers, extras, id=name))
    return found


@pytest.mark.parametrize(("kind", "answers", "extras"), slow_cases())
def test_generated_projects_pass_their_own_checks(template, tmp_path, kind, answers, extras):
    started = time.perf_counter()
    full = run_cookiecutter(template, tmp_path, kind, {**answers, "init_git": "no"})
    minimal = run_cookiecutter(
        template,
        tmp_path,
        kind,
        {
            **answers,
            "project_name": "Minimal Variant",
            "include_api": "no",
            "include_docker": "no",
            "ci": "none",
            "license": "none",
            "init_git": "no",
        },
    )
    timings = {"generate": time.perf_counter() - started}
    started = time.perf_counter()
    python = make_venv(tmp_path / "venv")
    timings["venv"] = time.perf_counter() - started
    env = {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("VIRTUAL_ENV", None)
    # Let the project's interpreters cache bytecode, as a student's do. Where the environment forbids
    # it (this CI machine sets PYTHONDONTWRITEBYTECODE=1) and the install skipped compiling, every
    # process recompiled scikit-learn, pandas or torch from source: 16 s of CPU to import
    # scikit-learn, pandas and matplotlib against 5.6 s once cached, in each test run, notebook kernel
    # and mutant.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    install = ".[" + ",".join(["dev", *extras]) + "]"
    timings["install"] = install_project(python, install, full, env)
    make = ["make", f"PYTHON={python}"]
    timings["make test"] = sh(*make, "test", cwd=full, env=env)
    timings["make lint"] = sh(*make, "lint", cwd=full, env=env)
    timings["make all"] = sh(*make, "all", cwd=full, env=env)
    started = time.perf_counter()
    check_contract(full, kind, python, env)
    timings["contract"] = time.perf_counter() - started
    # Each mistake the kind lists must make its tests fail (templates/<kind>/mutations.yml).
    mutations = [ROOT / "scripts" / "mutations.py", "--kind", kind, "--project", full, "--python", python]
    timings["mutations"] = sh(sys.executable, *mutations, cwd=ROOT, env=env)
    timings["starter"] = check_starter(template, tmp_path, kind, answers, python, env)
    if kind == "tabular" and REAL_HOUSE_PRICES.exists():
        timings["real data"] = check_tabular_on_real_data(full, python, make, env)
    # The minimal variant needs a subset of the same dependencies. Its ML is the full variant's and
    # the fast tier lints and parses it; what is left to show is that its CLI and its own tests
    # (without API, Docker, CI or licence) load: running them again would double the tier's time.
    sh(*pip_install(python), "--no-deps", "-e", ".", cwd=minimal, env=env)  # pip's editable install, as `make install`
    started = time.perf_counter()
    sh(python, "-m", "minimal_variant", "--help", cwd=minimal, env=env)
    sh(python, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", cwd=minimal, env=env)
    timings["minimal collect"] = time.perf_counter() - started
    print(f"\n{kind} {answers}: " + ", ".join(f"{step} {seconds:.1f}s" for step, seconds in timings.items()))
