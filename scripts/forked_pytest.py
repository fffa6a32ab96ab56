"""Run pytest in many copies of one project from a single interpreter that imports the libraries once.

    python scripts/forked_pytest.py < spec.json

Started by scripts/mutations.py with the project's own interpreter; it needs only the standard
library and pytest. The spec (JSON on standard input)::

    {"project": DIR, "tests": [...], "scratch": DIR, "jobs": 2, "timeout": 600,
     "runs": [{"folder": DIR, "tests": [...], "log": FILE}, ...]}

First the unchanged project's ``tests`` are collected in a child process, which also lists every
module the collection imported. The libraries among them (nothing from the project, its tests or its
copies) are then imported here, once, and each run is a child forked from this process: it imports
the project's own code afresh from its folder, runs pytest there, and writes its output to its log
(its temporary files next to the log; the collection's go to ``scratch``, nothing into the project).
Importing PyTorch, scikit-learn, pandas and matplotlib took 4-6 s of every run, and a cifar10-cnn
mistake's whole check about 7 s; a forked child starts with them in memory. The children share only
library code, which no mistake changes. Without os.fork (Windows) each run is a fresh
`python -m pytest` instead.

One JSON line per run on standard output (anything else this process prints goes to standard error),
in the order the runs finish: {"index", "code", "seconds", "timed_out"}; the collection's comes first,
with index -1. Exit codes are pytest's, or minus the
signal that ended a child. A run still going after ``timeout`` seconds (a mistake can make a test
loop forever) is killed with every process it started.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

OPTIONS = ("-x", "-q", "-p", "no:cacheprovider")
INTERNAL_ERROR = 3  # pytest's own code for it: neither a pass nor a failing test
HERE = os.path.dirname(os.path.realpath(__file__))


def loaded_from(module, folders: tuple[str, ...]) -> bool:
    """Whether ``module`` was loaded from one of ``folders`` (real paths), or cannot say where it was."""
    try:
        places = [getattr(module, "__file__", None)]
        path = getattr(module, "__path__", None)
        if isinstance(path, list) or type(path).__name__ == "_NamespacePath":  # torch puts odd objects here
            places += list(path)
        real = [os.path.realpath(place) for place in places if isinstance(place, str)]
    except Exception:  # noqa: BLE001 (a lazily loaded module that fails on inspection: leave it out)
        return True
    return any(place == folder or place.startswith(folder + os.sep) for place in real for folder in folders)


def plugin_packages() -> set[str]:
    """Top-level packages of the distributions that register pytest plugins.

    pytest rewrites their asserts when it loads them, which it cannot do once they are imported:
    these stay out of the preload, so that each run loads them as a fresh interpreter would.
    """
    from importlib import metadata

    plugins = {ep.dist.name for ep in metadata.entry_points(group="pytest11") if ep.dist}
    return {top for top, dists in metadata.packages_distributions().items() if plugins & set(dists)}


def run_pytest(folder: str, arguments: list[str], log: str, modules_out: str | None = None) -> int:
    """In this process: pytest in ``folder`` against the folder's own code, output to ``log``."""
    import pytest

    os.chdir(folder)
    source = str(Path(folder) / "src")
    # As `python -m pytest` run in the folder (its folder first on the path, not this script's), with
    # the folder's src next; PYTHONPATH reaches the processes the tests start (API server, CLI, kernels).
    sys.path[:] = [folder, source, *(entry for entry in sys.path if os.path.realpath(entry or ".") != HERE)]
    os.environ["PYTHONPATH"] = source
    with open(log, "w", encoding="utf-8") as stream:
        os.dup2(stream.fileno(), 1)
        os.dup2(stream.fileno(), 2)
    plugins = []
    if modules_out:

        class ListModules:
            def pytest_collection_finish(self):
                own = (os.path.realpath(folder), HERE)
                plugin_tops = plugin_packages()
                names = [
                    name
                    for name, module in list(sys.modules.items())
                    if not loaded_from(module, own) and name.partition(".")[0] not in plugin_tops
                ]
                Path(modules_out).write_text("\n".join(names), encoding="utf-8")

        plugins.append(ListModules())
    # A plugin's package that the libraries import themselves (anyio, under httpx) is preloaded all the
    # same, and pytest warns that it cannot rewrite that plugin's asserts: true, and nothing to act on.
    quiet = ("-W", "ignore::pytest.PytestAssertRewriteWarning")
    return int(pytest.main([*OPTIONS, *quiet, f"--basetemp={log}.tmp", *arguments], plugins=plugins))


def start(
    folder: str, arguments: list[str], log: str, fork: bool, modules_out: str | None = None
) -> int | subprocess.Popen:
    """A child running pytest in ``folder``: a fork of this process, or else a new interpreter."""
    if not fork:
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src")}
        command = [sys.executable, "-m", "pytest", *OPTIONS, f"--basetemp={log}.tmp", *arguments]
        with open(log, "w", encoding="utf-8") as stream:
            return subprocess.Popen(
                command, cwd=folder, env=env, stdout=stream, stderr=subprocess.STDOUT, start_new_session=True
            )
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = INTERNAL_ERROR  # a failure of this runner must not read as a failing test
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.setsid()  # a group of its own, with the processes its tests start: killed together
            code = run_pytest(folder, arguments, log, modules_out)
        except BaseException:  # noqa: BLE001
            with contextlib.suppress(BaseException):
                traceback.print_exc()
        finally:
            # The child ends here, whatever happens, and never goes back up the parent's stack (whose
            # cleanup would kill its sibling runs). As multiprocessing's forked processes do, thread-exit
            # handlers run first, so worker processes a library started (joblib's) are shut down.
            try:
                with contextlib.suppress(BaseException):
                    threading._shutdown()
                for stream in (sys.stdout, sys.stderr):
                    with contextlib.suppress(BaseException):
                        stream.flush()
            finally:
                os._exit(code)
    return pid


def wait_any(children: dict, killed: set) -> tuple[int | subprocess.Popen, int]:
    """The next of ``children`` (each with its deadline) to end, and its exit code.

    A child past its deadline is killed with its process group and added to ``killed``; its code is
    then minus SIGKILL. What the child's tests started and left behind goes with it as it ends.
    """
    while True:
        for child in children:
            if isinstance(child, int):
                pid, status = os.waitpid(child, os.WNOHANG)
                if pid:
                    kill_group(child)
                    return child, os.waitstatus_to_exitcode(status)
            elif child.poll() is not None:
                kill_group(child.pid)
                return child, child.returncode
        for child, deadline in children.items():
            if time.monotonic() > deadline and child not in killed:
                kill(child)
                killed.add(child)
        time.sleep(0.05)


def kill_group(pid: int) -> None:
    """End what is left of the process group a child leads (the API server or notebook kernel its tests
    started); the group outlives its leader only while such processes remain."""
    if hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


def kill(child: int | subprocess.Popen) -> None:
    """End a running child and its process group."""
    kill_group(child if isinstance(child, int) else child.pid)
    if isinstance(child, int):
        with contextlib.suppress(ProcessLookupError, PermissionError):  # not yet a group of its own
            os.kill(child, signal.SIGKILL)
    elif child.poll() is None:
        child.kill()


def preload(names: list[str]) -> None:
    """Import the libraries the collection imported; one that fails here is imported by the run itself."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 (any failure only means the child imports it itself)
            continue


def main() -> int:
    # Reports go to a copy of standard output; anything a library prints while imported goes to stderr.
    reports = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    # Stopped (Ctrl-C, or terminated by whoever started it), this process still kills its children
    # on the way out: they are in process groups of their own, out of reach of the signal.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    spec = json.load(sys.stdin)
    runs, jobs, scratch = spec["runs"], max(1, int(spec.get("jobs", 2))), Path(spec["scratch"])
    timeout = float(spec.get("timeout", 600))
    modules = scratch / "modules.txt"
    fork = hasattr(os, "fork")
    waiting, running, deadlines, killed = list(enumerate(runs)), {}, {}, set()

    def launch(index: int, folder: str, tests: list[str], log: str, modules_out: str | None = None) -> None:
        child = start(folder, tests, log, fork, modules_out)
        running[child], deadlines[child] = (index, time.perf_counter()), time.monotonic() + timeout

    def finish() -> int:
        child, code = wait_any({child: deadlines[child] for child in running}, killed)
        (index, began), timed_out = running.pop(child), child in killed
        killed.discard(child)  # its process id may be given to a later run
        seconds = time.perf_counter() - began
        report = {"index": index, "code": code, "seconds": seconds, "timed_out": timed_out}
        print(json.dumps(report), file=reports)
        return code

    try:
        launch(-1, spec["project"], ["--collect-only", *spec["tests"]], str(scratch / "collect.log"), str(modules))
        if finish() != 0:
            return 1
        if modules.exists():
            os.chdir(spec["project"])  # as each run will be, for libraries that read the folder on import
            preload(modules.read_text(encoding="utf-8").split())
        # A fork copies only the thread that calls it: a lock another thread held would stay locked in
        # the child. Should an import have started a Python thread, every run gets a fresh interpreter.
        fork = fork and threading.active_count() == 1
        while waiting or running:
            while waiting and len(running) < jobs:
                index, run = waiting.pop(0)
                launch(index, run["folder"], run["tests"], run["log"])
            finish()
    finally:
        for child in running:
            kill(child)
    return 0


if __name__ == "__main__":
    sys.exit(main())
