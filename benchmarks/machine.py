"""A description of the machine a benchmark ran on, for the report's header."""

from __future__ import annotations

import contextlib
import os
import platform
import sys
from datetime import datetime, timezone


def describe() -> dict[str, str | int]:
    """CPU model, logical cores, memory, OS and Python: what a reader needs to compare figures."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory_gib = 0
    with contextlib.suppress(ValueError, OSError, AttributeError):  # sysconf is POSIX-only
        memory_gib = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "cpu": cpu,
        "cores": os.cpu_count() or 0,
        "memory_gib": memory_gib,
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
    }
