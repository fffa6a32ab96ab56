"""results/experiments.csv: one row per distinct experiment, so every score ever claimed has its context.

A row holds the experiment's name, the commit it was first run at, the data
set, model, feature set and metric, the CV mean and std with each fold's score
and the parameters{% if cookiecutter.data_source == "kaggle" %}; `make leaderboard` later fills ``public_score`` so CV and
leaderboard sit in one table{% endif %}. Nothing in it depends on the clock: the name is a
hash of the row's content, and a row whose experiment is already in the log is
not added again, so a rerun with the same data and seed leaves the file as it
was, while any change of data, folds, features, model or parameters adds a row.
When and how long each run took goes to results/timings.json (not tracked).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd

from {{ cookiecutter.package_name }}.atomic import atomic_path

COLUMNS = [
    "experiment",
    "git_commit",
    "dataset",
    "model",
    "feature_set",
    "metric",
    "cv_mean",
    "cv_std",
    "fold_scores",
    "params",
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


IDENTITY = ("dataset", "model", "feature_set", "metric", "fold_scores", "params")


def experiment_name(row: dict[str, Any]) -> str:
    """``<model>-<hash>``: the same data set, model, feature set, metric, parameters and fold scores
    always get the same name, any other experiment another one (the commit is left out: a rerun of
    the same code at the next commit is the same experiment)."""
    content = json.dumps([row.get(key) for key in IDENTITY], sort_keys=True, default=str)
    return f"{row['model']}-{hashlib.sha256(content.encode()).hexdigest()[:10]}"


def as_row(row: dict[str, Any]) -> dict[str, Any]:
    """A log row: params as sorted JSON, and the experiment named from the content."""
    params = row.get("params", {})
    row = {**row, "params": params if isinstance(params, str) else json.dumps(params, sort_keys=True)}
    return {**row, "experiment": experiment_name(row)}


def append(path: Path, rows: list[dict]) -> pd.DataFrame:
    """Add the rows (dicts keyed by COLUMNS; params as a dict) of experiments not logged yet; return the whole log.

    When every experiment is already there, the file is left untouched.
    """
    log = read(path)
    known = set(log["experiment"].astype(str))
    new = [row for row in map(as_row, rows) if row["experiment"] not in known]
    if not new:
        return log
    added = pd.DataFrame(new, columns=COLUMNS)
    log = added if log.empty else pd.concat([log, added], ignore_index=True)
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
