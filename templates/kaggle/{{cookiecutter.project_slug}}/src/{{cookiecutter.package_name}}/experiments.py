"""results/experiments.csv: one row per model per run, so every score ever claimed has its context.

A row holds when, which commit, which model and feature set, the CV mean and
std with each fold's score, the parameters and the duration{% if cookiecutter.data_source == "kaggle" %}; `make leaderboard`
later fills ``public_score`` so CV and leaderboard sit in one table{% endif %}.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pandas as pd

from {{ cookiecutter.package_name }}.atomic import atomic_path

COLUMNS = [
    "experiment",
    "time",
    "git_commit",
    "dataset",
    "model",
    "feature_set",
    "metric",
    "cv_mean",
    "cv_std",
    "fold_scores",
    "params",
    "seconds",
    "public_score",
]


def git_commit(root: Path) -> str:
    """The current commit (with + when the tree has changes), or "" outside git."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""
    return commit + ("+" if dirty.strip() else "")


def read(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS)
    return pd.read_csv(path, dtype={"experiment": str, "git_commit": str})


def append(path: Path, rows: list[dict]) -> pd.DataFrame:
    """Append rows (dicts keyed by COLUMNS; params as a dict) and return the whole log."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S")
    new = pd.DataFrame(
        [{**row, "time": stamp, "params": json.dumps(row.get("params", {}), sort_keys=True)} for row in rows],
        columns=COLUMNS,
    )
    log = new if not path.exists() else pd.concat([read(path), new], ignore_index=True)
    write(path, log)
    return log


def write(path: Path, log: pd.DataFrame) -> None:
    """Replace the log all at once: a run stopped half-way keeps the previous rows."""
    with atomic_path(path) as temporary:
        log.to_csv(temporary, index=False)
{%- if cookiecutter.data_source == "kaggle" %}


def record_public_score(path: Path, experiment: str, public_score: float) -> None:
    """Write the leaderboard score of a submitted experiment into its row."""
    log = read(path)
    matches = log["experiment"] == experiment
    if not matches.any():
        raise KeyError(experiment)
    log["public_score"] = log["public_score"].astype(float)
    log.loc[matches, "public_score"] = public_score
    write(path, log)
{%- endif %}
