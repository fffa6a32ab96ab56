"""`make all` end to end on the sample: the kind contract's outputs, the log, the README and the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.cli import main


@pytest.fixture(scope="module")
def metrics(trained) -> dict:
    return json.loads(trained.metrics.read_text("utf-8"))


def test_metrics_follow_the_contract(metrics):
    assert metrics["schema_version"] == 1 and metrics["kind"] == "kaggle"
    assert metrics["dataset"]["synthetic"] is True and metrics["dataset"]["rows"] > 0
    assert {"linear", "hgb", "blend", "stack"} <= set(metrics["models"])
    assert metrics["selected"] in metrics["models"]
    assert metrics["headline"]["direction"] in ("lower", "higher")
    assert metrics["headline"]["value"] == metrics["models"][metrics["selected"]]["cv_mean"]
    assert isinstance(metrics["seconds"], float)


def test_every_model_is_logged_with_its_fold_scores(trained, metrics):
    log = pd.read_csv(trained.experiments)
    assert set(metrics["models"]) <= set(log["model"])
    for _, row in log.iterrows():
        folds = [float(value) for value in row["fold_scores"].split(";")]
        assert len(folds) == 5 and row["cv_mean"] == pytest.approx(sum(folds) / 5, abs=1e-5)


def test_figures_and_readme_say_synthetic(trained, metrics):
    assert (trained.results / "model_performance.png").read_bytes().startswith(b"\x89PNG")
    readme = trained.readme.read_text("utf-8")
    section = readme.split("<!-- results:start -->")[1].split("<!-- results:end -->")[0]
    assert "Synthetic sample" in section and metrics["selected"] in section


def test_out_of_fold_predictions_are_saved_for_every_model(trained, metrics):
    for name in metrics["models"]:
        oof = pd.read_csv(trained.predictions / f"{name}_oof.csv")
        assert not oof.filter(regex=r"^p\d+$").isna().any().any()


def test_a_step_out_of_order_is_one_error_line(project, capsys):
    assert main(["--root", str(project.root), "report"]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith("error: ") and "make train" in error and "\n" not in error


COMMANDS = ["data", "folds", "train", "all", "report"{% if cookiecutter.data_source == "kaggle" %}, "submission", "submit", "leaderboard"{% endif %}{% if cookiecutter.include_api == "yes" %}, "serve"{% endif %}]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0 and "usage:" in capsys.readouterr().out


def test_python_dash_m_runs_the_cli():
    command = [sys.executable, "-m", "{{ cookiecutter.package_name }}", "--help"]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0 and "all" in result.stdout


def outputs(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file a run writes (results/, models/, data/processed/, README.md): its bytes and modification time."""
    folders = [root / "results", root / "models", root / "data" / "processed"]
    files = [path for folder in folders for path in folder.rglob("*") if path.is_file()] + [root / "README.md"]
    return {path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns) for path in files}


def test_a_run_stopped_before_its_renames_leaves_every_output_as_it_was(trained, tmp_path, monkeypatch):
    """Every output is written to a temporary file, then renamed over the old one (atomic.py). A run whose
    renames never happen, as if it were killed just before each, must leave every output as it was: a file
    written in place instead would show up here, changed, truncated or touched."""
    root = tmp_path / "copy"
    shutil.copytree(trained.root, root)
    before = outputs(root)
    rename = os.replace

    def killed_before_renaming_into_the_project(source, target):
        if not Path(target).resolve().is_relative_to(root.resolve()):
            rename(source, target)

    monkeypatch.setattr(os, "replace", killed_before_renaming_into_the_project)
    assert main(["--root", str(root), "folds", "--force"]) == 0
    assert main(["--root", str(root), "all", "--models", "linear"]) == 0
    after = outputs(root)
    assert sorted(after) == sorted(before)
    assert [name for name in before if after[name] != before[name]] == []
