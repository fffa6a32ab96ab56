"""`make all` end to end on the sample: the kind contract's outputs, the log, the README and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from {{ cookiecutter.package_name }} import experiments
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
    assert "seconds" not in metrics and all("seconds" not in scores for scores in metrics["models"].values())


def test_timings_stay_out_of_the_tracked_results(trained, metrics):
    timings = json.loads(trained.timings.read_text("utf-8"))
    assert timings["seconds"] > 0 and set(timings["models"]) == set(metrics["models"])
    section = trained.readme.read_text("utf-8").split("<!-- results:start -->")[1].split("<!-- results:end -->")[0]
    assert "seconds" not in section
    assert "seconds" not in pd.read_csv(trained.experiments).columns


def test_every_model_is_logged_with_its_fold_scores(trained, metrics):
    log = pd.read_csv(trained.experiments)
    assert set(metrics["models"]) <= set(log["model"])
    for _, row in log.iterrows():
        folds = [float(value) for value in row["fold_scores"].split(";")]
        assert len(folds) == 5 and row["cv_mean"] == pytest.approx(sum(folds) / 5, abs=1e-5)


def test_a_rerun_logs_no_new_row_but_a_changed_experiment_does(trained, metrics, tmp_path):
    log = tmp_path / "experiments.csv"
    row = {
        "dataset": "d",
        "model": "linear",
        "feature_set": "full",
        "metric": "rmse",
        "cv_mean": 1.0,
        "cv_std": 0.0,
        "fold_scores": "1.0;1.0",
        "params": {"alpha": 1.0},
        "git_commit": "abc",
    }
    experiments.append(log, [row])
    first = log.read_bytes()
    experiments.append(log, [{**row, "git_commit": "def"}])
    assert log.read_bytes() == first
    grown = experiments.append(log, [{**row, "params": {"alpha": 2.0}}])
    assert len(grown) == 2 and grown["experiment"].is_unique
    logged = pd.read_csv(trained.experiments, dtype={"experiment": str})
    assert metrics["experiment"] in set(logged["experiment"]) and logged["experiment"].is_unique


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
