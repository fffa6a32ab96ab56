"""Run a command as a whole process and measure it: wall time, and peak memory of its process tree."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; the message holds its last output lines."""


def run(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None, timeout: int = 1800) -> float:
    """Wall seconds of one run of ``command``; raises CommandFailed when it fails."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise CommandFailed(f"{' '.join(map(str, command))} failed in {cwd}:\n{tail}")
    return seconds


def run_with_memory(command: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of one run, measured in a child so earlier children do not count."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child runs the command and reports the largest resident set among its own children
        os.close(read)
        try:
            seconds = run(command, cwd, env)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            os.write(write, f"{seconds} {peak}".encode())
        except Exception as error:  # report to the parent, never fall through into its code
            os.write(write, f"error {error}".encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        message = pipe.read()
    os.waitpid(pid, 0)
    if message.startswith("error"):
        raise CommandFailed(message.removeprefix("error "))
    seconds, peak = message.split()
    return float(seconds), float(peak)


def median_of(
    runs: int,
    command: list[str | Path],
    cwd: Path,
    env: dict[str, str] | None = None,
    reset: Callable[[], object] | None = None,
) -> float:
    """Median wall seconds of ``runs`` runs; ``reset`` (untimed) restores the starting state before each."""
    timings = []
    for _ in range(runs):
        if reset is not None:
            reset()
        timings.append(run(command, cwd, env))
    return statistics.median(timings)
