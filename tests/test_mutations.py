"""scripts/forked_pytest.py, the runner behind scripts/mutations.py, on a tiny project of two files:
each run must test its own folder's code, whatever the first collection imported."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT

RUNNER = ROOT / "scripts" / "forked_pytest.py"
TEST = """\
from tiny.value import VALUE


def test_value():
    assert VALUE == 1


def test_sees_its_own_folder(tmp_path):
    assert tmp_path.exists()
"""


def tiny_project(folder: Path, value: int) -> Path:
    (folder / "src" / "tiny").mkdir(parents=True)
    (folder / "tests").mkdir()
    (folder / "src" / "tiny" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "src" / "tiny" / "value.py").write_text(f"VALUE = {value}\n", encoding="utf-8")
    (folder / "tests" / "test_tiny.py").write_text(TEST, encoding="utf-8")
    return folder


def run(spec: dict, *, fork: bool = True) -> tuple[dict[int, int], subprocess.CompletedProcess]:
    """Each run's exit code by index (-1 is the collection), and the runner's own result.

    The project's src is on the runner's PYTHONPATH, as an editable install puts it on the path:
    the runner could import the unchanged project's modules, and must leave them to each run.
    """
    prelude = "import os, runpy, sys\n" + ("" if fork else "del os.fork\n")
    code = prelude + "sys.argv = [sys.argv[1]]\nrunpy.run_path(sys.argv[0], run_name='__main__')\n"
    env = {**os.environ, "PYTHONPATH": str(Path(spec["project"]) / "src")}
    command = [sys.executable, "-c", code, str(RUNNER)]
    result = subprocess.run(command, input=json.dumps(spec), env=env, capture_output=True, text=True, timeout=120)
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    return {report["index"]: report["code"] for report in reports}, result


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "fresh-interpreters"])
def test_each_run_tests_its_own_copy(tmp_path, fork):
    project = tiny_project(tmp_path / "project", 1)
    same = tiny_project(tmp_path / "same", 1)
    changed = tiny_project(tmp_path / "changed", 2)
    tests = ["tests/test_tiny.py"]
    runs = [
        {"folder": str(folder), "tests": tests, "log": str(tmp_path / f"{folder.name}.log")}
        for folder in (changed, same, changed)
    ]
    before = sorted(project.rglob("*"))
    codes, result = run({"project": str(project), "tests": tests, "scratch": str(tmp_path), "runs": runs}, fork=fork)
    assert codes == {-1: 0, 0: 1, 1: 0, 2: 1}, result.stderr
    assert "assert 2 == 1" in (tmp_path / "changed.log").read_text(encoding="utf-8")
    # Nothing written into the project but what Python itself caches.
    assert [path for path in sorted(project.rglob("*")) if "__pycache__" not in path.parts] == before


def test_a_run_that_breaks_its_own_output_neither_reads_as_a_catch_nor_disturbs_a_sibling(tmp_path):
    project = tiny_project(tmp_path / "project", 1)
    closes = tiny_project(tmp_path / "closes", 1)
    test = closes / "tests" / "test_tiny.py"
    closing = "\n\ndef test_closes():\n    import sys\n\n    sys.__stdout__.close()\n"
    test.write_text(test.read_text(encoding="utf-8") + closing, encoding="utf-8")
    runs = [
        {"folder": str(folder), "tests": ["tests/test_tiny.py"], "log": str(tmp_path / f"{name}.log")}
        for name, folder in (("closes", closes), ("sibling", tiny_project(tmp_path / "sibling", 1)))
    ]
    codes, result = run({"project": str(project), "tests": ["tests"], "scratch": str(tmp_path), "runs": runs})
    # The test passes, then pytest cannot write its report: an error of the run (3), not a failing test
    # (1); and the child still ends on its own, leaving its sibling's run alone.
    assert codes == {-1: 0, 0: 3, 1: 0}, result.stderr


def test_a_selected_test_that_does_not_exist_stops_before_any_run(tmp_path):
    project = tiny_project(tmp_path / "project", 1)
    runs = [{"folder": str(project), "tests": ["tests/test_tiny.py"], "log": str(tmp_path / "run.log")}]
    spec = {"project": str(project), "tests": ["tests/test_tiny.py::test_gone"], "scratch": str(tmp_path), "runs": runs}
    codes, result = run(spec)
    assert codes == {-1: 4}, result.stderr  # pytest's "usage error": no such test
    assert result.returncode == 1 and not (tmp_path / "run.log").exists()


def test_a_failure_of_the_runner_itself_is_not_a_failing_test(tmp_path):
    project = tiny_project(tmp_path / "project", 1)
    runs = [{"folder": str(tmp_path / "missing"), "tests": ["tests/test_tiny.py"], "log": str(tmp_path / "run.log")}]
    codes, result = run({"project": str(project), "tests": ["tests"], "scratch": str(tmp_path), "runs": runs})
    assert codes == {-1: 0, 0: 3}, result.stderr  # 3, not 1: mutations.py reports an error, not a catch


def test_runs_that_hang_are_killed_at_their_timeout(tmp_path):
    project = tiny_project(tmp_path / "project", 1)
    runs = []
    for name in ("first", "second"):  # at once: both pass their deadline in the same check
        hangs = tiny_project(tmp_path / name, 1)
        (hangs / "src" / "tiny" / "value.py").write_text("import time\ntime.sleep(600)\n", encoding="utf-8")
        runs.append({"folder": str(hangs), "tests": ["tests/test_tiny.py"], "log": str(tmp_path / f"{name}.log")})
    # The timeout holds for the first collection too, which took over 3 s on a loaded CI machine.
    spec = {"project": str(project), "tests": ["tests"], "scratch": str(tmp_path), "runs": runs, "timeout": 20}
    started = time.monotonic()
    codes, result = run(spec)
    assert codes == {-1: 0, 0: -signal.SIGKILL, 1: -signal.SIGKILL}, result.stderr
    assert result.stdout.count('"timed_out": true') == 2 and time.monotonic() - started < 100


def test_a_stopped_runner_takes_its_runs_with_it(tmp_path):
    project = tiny_project(tmp_path / "project", 1)
    hangs = tiny_project(tmp_path / "hangs", 1)
    started = tmp_path / "started"
    (hangs / "src" / "tiny" / "value.py").write_text(
        f"import os, time\nopen({str(started)!r}, 'w').write(str(os.getpid()))\ntime.sleep(600)\n", encoding="utf-8"
    )
    runs = [{"folder": str(hangs), "tests": ["tests/test_tiny.py"], "log": str(tmp_path / "run.log")}]
    spec = {"project": str(project), "tests": ["tests"], "scratch": str(tmp_path), "runs": runs}
    runner = subprocess.Popen(
        [sys.executable, str(RUNNER)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    runner.stdin.write(json.dumps(spec))
    runner.stdin.close()
    deadline = time.monotonic() + 60
    while not (started.exists() and started.read_text()) and time.monotonic() < deadline:
        time.sleep(0.1)
    child = int(started.read_text())
    runner.terminate()
    assert runner.wait(timeout=30) == 128 + signal.SIGTERM
    while time.monotonic() < deadline:  # the run, in a process group of its own, went with the runner
        if not alive(child):
            return
        time.sleep(0.1)
    raise AssertionError(f"run {child} outlived its runner")


def alive(pid: int) -> bool:
    """Whether a process runs; one that has ended but is not yet reaped (a zombie) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True
