"""The nlp-timeseries kind's derived files: each track's bundled synthetic sample.

Each track writes its own sample (sample_sentiment.py, sample_forecasting.py, next to
this file); scripts/sync.py calls :func:`build`, which runs both. Writing regenerates
the files; checking validates the committed ones by schema and statistics.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACKS = ("sentiment", "forecasting")


def track_builder(track: str):
    """The module sample_<track>.py, or None while the track has no sample."""
    path = HERE / f"sample_{track}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"nlp_timeseries_sample_{track}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(*, check: bool) -> list[str]:
    problems = []
    for track in TRACKS:
        module = track_builder(track)
        if module is not None:
            problems += [f"{track}: {problem}" for problem in module.build(check=check)]
    return problems
