"""Break a generated project on purpose, one listed mistake at a time, and check that its tests notice.

    python scripts/mutations.py --kind tabular [--project DIR | --answer Q=V ...] [--python PATH] [--jobs 2]

Each kind lists its mistakes in templates/<kind>/mutations.yml: a name, a file of the
generated project ({package} stands for the package name), an exact text that must occur
once in it, its replacement, and the pytest arguments that select the tests able to catch
it; an optional ``when`` ({question: answer}) limits an entry to projects generated with
those answers (read from the project's .copier-answers.yml). Without --project a fresh
project is generated with cookiecutter; without --python it is installed with its dev
tools into a new environment (uv when at hand, else pip). For every mistake the project
is copied, the text replaced, and the selected tests run against the copy's own code; a
failing test run means the mistake was caught. The selected tests are first collected on
the unchanged project, so a typo in a test name cannot pass for a catch, and run on an
unchanged copy as the mutants are, so a failure of that way of running cannot either. The
runs are children of one process of the project's interpreter that has imported its
libraries once (scripts/forked_pytest.py), --jobs at a time. Exit status 1 when a mistake
survives, a find text is stale, a selected test does not exist or fails unchanged, or a
run takes over 5 minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "venv", "models", "__pycache__", ".pytest_cache", ".ruff_cache", "*.egg-info"
)
# pytest exit codes: 1 tests failed, 2 interrupted (e.g. an import error while collecting)
CAUGHT_CODES = (1, 2)
# Seconds one mistake's tests may take; the slowest take about 30. A mistake that makes a test hang
# is reported as a timeout (not a catch) instead of stalling the run.
RUN_TIMEOUT = 300


@dataclass(frozen=True)
class Mutation:
    name: str
    file: str
    find: str
    replace: str
    tests: tuple[str, ...]
    when: tuple[tuple[str, str], ...] = ()

    def applies(self, answers: dict[str, str]) -> bool:
        return all(str(answers.get(question)) == answer for question, answer in self.when)


@dataclass(frozen=True)
class Outcome:
    name: str
    status: str  # a mutant: caught, survived, stale, timeout or error; the control: passed, missing, failed or error
    seconds: float
    detail: str = ""


def load_mutations(kind: str) -> list[Mutation]:
    """The kind's list of mistakes, checked for the keys every entry needs."""
    path = ROOT / "templates" / kind / "mutations.yml"
    if not path.exists():
        raise SystemExit(f"error: {path.relative_to(ROOT)} does not exist: kind {kind!r} lists no mutations")
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    mutations = []
    for index, entry in enumerate(entries):
        missing = {"name", "file", "find", "replace", "tests"} - set(entry)
        if missing:
            raise SystemExit(f"error: entry {index} of {path.name} lacks {', '.join(sorted(missing))}")
        tests = entry["tests"]
        mutations.append(
            Mutation(
                entry["name"],
                entry["file"],
                entry["find"],
                entry["replace"],
                tuple([tests] if isinstance(tests, str) else tests),
                tuple((str(question), str(answer)) for question, answer in (entry.get("when") or {}).items()),
            )
        )
    return mutations


def generate(kind: str, output: Path, answers: dict[str, str]) -> Path:
    """A fresh project of ``kind`` with the template's defaults and ``answers``."""
    from cookiecutter.main import cookiecutter

    made = cookiecutter(
        str(ROOT),
        no_input=True,
        directory=f"templates/{kind}",
        output_dir=str(output),
        extra_context={**answers, "init_git": "no"},
    )
    return Path(made)


def install(project: Path, folder: Path) -> str:
    """A new virtual environment in ``folder`` with the project and its dev tools; return its interpreter.

    With uv when it is at hand (seconds), else with pip, as the project's `make install` would.
    """
    python = str(folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
    if uv:
        commands = [[uv, "venv", "--quiet", "--python", sys.executable, str(folder)]]
        commands.append([uv, "pip", "install", "--quiet", "--python", python, "-e", ".[dev]"])
    else:
        commands = [[sys.executable, "-m", "venv", str(folder)], [python, "-m", "pip", "install", "-q", "-e", ".[dev]"]]
    for command in commands:
        result = subprocess.run(command, cwd=project, capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"error: could not install the project ({' '.join(command)}):\n{result.stderr[-2000:]}")
    return python


def package_name(project: Path) -> str:
    """The one package under src/."""
    packages = [p.name for p in (project / "src").iterdir() if (p / "__init__.py").exists()]
    if len(packages) != 1:
        raise SystemExit(f"error: expected one package under {project / 'src'}, found {packages}")
    return packages[0]


def project_answers(project: Path) -> dict[str, str]:
    """The answers a project was generated with (both engines write .copier-answers.yml)."""
    path = project / ".copier-answers.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def copy_project(project: Path, scratch: Path, prefix: str) -> Path:
    """A copy of the project without its models, caches or environments."""
    copy = Path(tempfile.mkdtemp(prefix=prefix, dir=scratch))
    shutil.copytree(project, copy, ignore=IGNORED, dirs_exist_ok=True)
    return copy


def apply_mutation(mutation: Mutation, project: Path, package: str, scratch: Path) -> Path | str:
    """A copy of the project with one mistake in it, or why the mistake cannot be applied."""
    copy = copy_project(project, scratch, "mutant-")
    target = copy / mutation.file.format(package=package)
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    found = text.count(mutation.find)
    if found != 1:
        return "file missing" if not target.exists() else f"find text occurs {found} times"
    target.write_text(text.replace(mutation.find, mutation.replace), encoding="utf-8")
    return copy


def status_of(code: int) -> str:
    """A mutant's result from its test run's exit code."""
    if code in CAUGHT_CODES:
        return "caught"
    return "survived" if code == 0 else "error"


def tail(log: Path) -> str:
    """The last lines of a run's output, shown for any mistake not caught."""
    lines = log.read_text(encoding="utf-8", errors="replace").strip().splitlines() if log.exists() else []
    return "\n".join(lines[-3:])


def run_mutants(
    project: Path, python: str, mutations: list[Mutation], package: str, scratch: Path, jobs: int
) -> tuple[Outcome, list[Outcome]]:
    """The selected tests on an unchanged copy, then on each mutant (scripts/forked_pytest.py)."""
    started = time.perf_counter()
    selected = list(dict.fromkeys(test for mutation in mutations for test in mutation.tests))
    # The control: every selected test on an unchanged copy, run as the mutants are. Should the way
    # they run (forked from one interpreter) break a test, every mutant would pass for caught.
    control = copy_project(project, scratch, "control-")
    runs = [{"folder": str(control), "tests": selected, "log": str(control) + ".log"}]
    outcomes: dict[int, Outcome] = {}
    indices = {}  # run index -> mutation index
    for index, mutation in enumerate(mutations):
        copy = apply_mutation(mutation, project, package, scratch)
        if isinstance(copy, str):
            outcomes[index] = Outcome(mutation.name, "stale", 0.0, copy)
            continue
        indices[len(runs)] = index
        runs.append({"folder": str(copy), "tests": list(mutation.tests), "log": str(copy) + ".log"})
    spec = {"project": str(project), "tests": selected, "scratch": str(scratch), "jobs": jobs, "runs": runs}
    spec["timeout"] = RUN_TIMEOUT
    # Bytecode is cached (PYTHONDONTWRITEBYTECODE dropped): without it every run recompiles the
    # libraries it imports; a copy's own __pycache__ is never copied (IGNORED), so nothing goes stale.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    runner = [python, str(ROOT / "scripts" / "forked_pytest.py")]
    result = subprocess.run(runner, input=json.dumps(spec), env=env, capture_output=True, text=True)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    reports = {report["index"]: report for report in map(json.loads, lines)}
    baseline = control_outcome(reports, scratch, Path(runs[0]["log"]), result.stderr, time.perf_counter() - started)
    for run_index, index in indices.items():
        report = reports.get(run_index)
        if report is None:
            outcomes[index] = Outcome(mutations[index].name, "error", 0.0, "not run: " + result.stderr[-500:])
            continue
        status = "timeout" if report["timed_out"] else status_of(report["code"])
        detail = "" if status == "caught" else tail(Path(runs[run_index]["log"]))
        outcomes[index] = Outcome(mutations[index].name, status, report["seconds"], detail)
    return baseline, [outcomes[index] for index in range(len(mutations))]


def control_outcome(reports: dict, scratch: Path, log: Path, stderr: str, seconds: float) -> Outcome:
    """ "passed" when the selected tests exist and pass on the unchanged copy; else why not."""
    name = "(selected tests, unchanged project)"
    collected, control = reports.get(-1), reports.get(0)
    if collected is None:
        return Outcome(name, "error", seconds, stderr[-2000:])
    if collected["code"] != 0:
        return Outcome(name, "missing", collected["seconds"], tail(scratch / "collect.log"))
    if control is None or control["code"] != 0:
        return Outcome(name, "failed", control["seconds"] if control else seconds, tail(log) or stderr[-2000:])
    return Outcome(name, "passed", collected["seconds"] + control["seconds"])


def table(outcomes: list[Outcome]) -> str:
    width = max(len(outcome.name) for outcome in outcomes)
    lines = [f"{'mutation':<{width}}  {'result':<8}  seconds", f"{'-' * width}  {'-' * 8}  -------"]
    for outcome in outcomes:
        lines.append(f"{outcome.name:<{width}}  {outcome.status:<8}  {outcome.seconds:7.1f}")
        lines += [f"    {line}" for line in outcome.detail.splitlines()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", required=True, help="template kind, e.g. tabular")
    parser.add_argument("--project", type=Path, help="an already generated project (default: generate one)")
    parser.add_argument(
        "--python", help="interpreter with the project's dependencies (default: a new environment, installed here)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="mutations run at once (default: 2)")
    parser.add_argument(
        "--answer", action="append", default=[], metavar="QUESTION=VALUE", help="an answer for the generated project"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"mutations-{args.kind}-") as folder:
        scratch = Path(folder)
        if args.project:
            project = args.project.resolve()
        else:
            project = generate(args.kind, scratch / "generated", dict(a.split("=", 1) for a in args.answer))
        answers = project_answers(project)
        mutations = [mutation for mutation in load_mutations(args.kind) if mutation.applies(answers)]
        if not mutations:
            raise SystemExit(f"error: no mutation of {args.kind!r} applies to a project answered {answers}")
        python = args.python or install(project, scratch / "venv")
        baseline, outcomes = run_mutants(project, python, mutations, package_name(project), scratch, args.jobs)
    print(table([baseline, *outcomes]))
    caught = sum(outcome.status == "caught" for outcome in outcomes)
    print(f"{caught}/{len(outcomes)} caught in {time.perf_counter() - started:.1f}s ({args.kind}, {args.jobs} jobs)")
    return 0 if caught == len(outcomes) and baseline.status == "passed" else 1


if __name__ == "__main__":
    sys.exit(main())
