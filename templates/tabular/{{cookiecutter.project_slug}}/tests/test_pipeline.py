"""Training, evaluation, figures and report on the bundled sample, end to end."""

from __future__ import annotations

import json
import shutil

import pytest

from {{ cookiecutter.package_name }} import pipeline
from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.data import DataError
from {{ cookiecutter.package_name }}.readme import END, START
from {{ cookiecutter.package_name }}.report import fill_readme


def test_selected_model_clearly_beats_the_mean_baseline(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    chosen, baseline = metrics["selected_metrics"], metrics["baseline"]
    assert chosen["rmse"] < 0.5 * baseline["rmse"]
    assert chosen["mae"] < 0.5 * baseline["mae"]
    assert chosen["r2"] > 0.7


def test_selection_uses_cross_validation_not_the_test_split(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    by_cv = min(metrics["models"], key=lambda name: metrics["models"][name]["cv_rmsle_mean"])
    assert metrics["selected"] == by_cv
    assert set(metrics["models"]) >= {"ridge", "lasso", "random_forest", "hist_gradient_boosting"}
    for model in metrics["models"].values():
        assert set(model["test"]) == {"rmse", "mae", "r2", "rmsle"}


def test_figures_and_report(trained):
    for path in pipeline.figures(trained):
        assert path.read_bytes().startswith(b"\x89PNG")
    fill_readme(trained)
    readme = trained.readme.read_text("utf-8")
    section = readme.split(START)[1].split(END)[0]
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    assert f"**{metrics['selected']}** (selected)" in section
    assert f"{metrics['selected_metrics']['rmse']:,.0f}" in section
    assert "![Predicted vs actual](results/model_performance.png)" in section
    assert readme.startswith("# ")  # the rest of the README is untouched


def test_report_needs_its_markers(trained, tmp_path):
    copy = type(trained)(tmp_path)
    shutil.copytree(trained.results, copy.results)
    copy.readme.write_text("# My project\n\nNo markers here.\n", encoding="utf-8")
    with pytest.raises(DataError, match="results:start"):
        fill_readme(copy)


def test_evaluate_refuses_data_changed_since_training(trained, tmp_path):
    copy = type(trained)(tmp_path)
    shutil.copytree(trained.root, tmp_path, dirs_exist_ok=True)
    with copy.sample_data.open("a", encoding="utf-8") as handle:
        handle.write(copy.sample_data.read_text("utf-8").splitlines()[1] + "\n")
    with pytest.raises(DataError, match="changed or vanished since training"):
        pipeline.evaluate(copy)


def test_steps_out_of_order_fail_with_one_line(project, capsys):
    assert main(["--root", str(project.root), "evaluate"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: no trained model") and error.count("\n") == 1


def test_unknown_model_name_is_refused(project):
    with pytest.raises(DataError, match="no candidate model matches"):
        pipeline.train(project, only=["xgboostt"])
