"""This repository's own test tiers, timed in a clean clone with the running interpreter's test tools."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.generation import clean_clone
from benchmarks.timing import run


def measure(full: bool) -> dict[str, object]:
    """The fast tier (`pytest -m "not slow" -n 2`) and, with ``full``, the whole of `bash .ci/run`."""
    with tempfile.TemporaryDirectory() as scratch:
        clone = clean_clone(Path(scratch) / "ml-portfolio")
        found = {
            "fast_tier_s": round(run([sys.executable, "-m", "pytest", "-m", "not slow", "-n", "2", "-q"], clone), 1)
        }
        if full:
            found["ci_run_s"] = round(run(["bash", ".ci/run"], clone, timeout=5400), 1)
    return found
