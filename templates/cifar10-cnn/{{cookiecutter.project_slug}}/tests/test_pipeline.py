"""Training, evaluation, figures and report on the bundled sample, end to end."""

from __future__ import annotations

import json
import shutil

import torch

from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.config import MEAN, STD, Paths
from {{ cookiecutter.package_name }}.data import load, to_float
from {{ cookiecutter.package_name }}.pipeline import load_model
from {{ cookiecutter.package_name }}.plots import grad_cam
from {{ cookiecutter.package_name }}.report import fill_readme


def test_the_network_learns_the_sample(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    assert metrics["headline"] == {**metrics["headline"], "name": "accuracy", "direction": "higher", "split": "test"}
    assert metrics["headline"]["value"] > 0.6  # chance is 0.1
    history = json.loads(trained.history.read_text("utf-8"))["epochs"]
    assert history[-1]["train_loss"] < history[0]["train_loss"]


def test_timings_go_to_timings_json_not_to_the_tracked_results(trained):
    """Wall times change every run: metrics.json, history.json and the README hold none, timings.json all."""
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    history = json.loads(trained.history.read_text("utf-8"))
    assert "seconds" not in metrics and "seconds" not in history
    clocked = {"seconds", "train_seconds", "images_per_second"}
    assert not clocked & {key for model in metrics["models"].values() for key in model}
    assert not clocked & {key for row in history["epochs"] for key in row}
    timings = json.loads(trained.timings.read_text("utf-8"))
    assert timings["seconds"] >= timings["train_seconds"] > 0 and timings["evaluate_seconds"] > 0
    assert [row["epoch"] for row in timings["epochs"]] == [row["epoch"] for row in history["epochs"]]
    assert all(row["seconds"] > 0 and row["images_per_second"] > 0 for row in timings["epochs"])


def test_metrics_are_measured_on_the_test_split(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    data = load(trained)
    test = metrics["test"]
    assert metrics["dataset"]["synthetic"] is True and "synthetic" in metrics["dataset"]["name"]
    assert metrics["dataset"]["test_rows"] == test["rows"] == len(data.test_y) == 300
    assert sum(map(sum, test["confusion_matrix"])) == len(data.test_y)
    true_counts = [sum(row) for row in test["confusion_matrix"]]
    assert true_counts == torch.bincount(data.test_y, minlength=10).tolist()
    model, _ = load_model(trained.model)
    with torch.no_grad():
        predicted = model(to_float(data.test_x, MEAN, STD)).argmax(1)
    assert abs(float((predicted == data.test_y).float().mean()) - metrics["headline"]["value"]) < 1e-4


def test_figures_and_report(trained_project, trained):
    for name in ("model_performance", "training_curves", "filters", "gradcam", "misclassified"):
        assert (trained_project / "results" / f"{name}.png").read_bytes().startswith(b"\x89PNG")
    readme = (trained_project / "README.md").read_text("utf-8")
    assert "Synthetic sample" in readme and "| simple |" in readme
    assert "Images/s" not in readme and "Training time" not in readme  # timings stay in results/timings.json


def test_grad_cam_maps_have_the_input_size(trained):
    model, _ = load_model(trained.model)
    images = to_float(load(trained).test_x[:4], MEAN, STD)
    maps = grad_cam(model, images)
    assert maps.shape == (4, 32, 32)
    assert maps.min() >= 0 and maps.max() <= 1 and (maps.flatten(1).amax(1) > 0.99).all()


def test_commands_fail_with_one_line(project, capsys):
    assert main(["--root", str(project.root), "evaluate"]) == 1
    assert main(["--root", str(project.root), "report"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 2 and all(line.startswith("error: ") for line in errors)


def test_report_shows_a_comparison_with_its_data_named(trained_project, tmp_path):
    paths = Paths(tmp_path / "copy")
    shutil.copytree(trained_project, paths.root)
    row = {"model": "vgg", "width": 0.25, "parameters": 295290, "epochs": 4}
    row |= {"test_accuracy": 0.9, "train_seconds": 14.0, "images_per_second": 320.0}
    summary = {"dataset": "CIFAR-10 synthetic sample", "synthetic": True, "device": "cpu", "rows": [row]}
    (paths.results / "comparison.json").write_text(json.dumps(summary), encoding="utf-8")
    readme = fill_readme(paths).read_text("utf-8")
    assert "CIFAR-10 synthetic sample, on cpu" in readme and "| vgg | 0.25 | 295,290 | 4 | 90.0% |" in readme
