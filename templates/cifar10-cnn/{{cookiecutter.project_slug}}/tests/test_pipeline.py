"""Training, evaluation, figures and report on the bundled sample, end to end."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

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


def outputs(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file a run writes (results/, models/, data/processed/, README.md): its bytes and modification time."""
    folders = [root / "results", root / "models", root / "data" / "processed"]
    files = [path for folder in folders for path in folder.rglob("*") if path.is_file()] + [root / "README.md"]
    return {path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns) for path in files}


def test_a_run_stopped_before_its_renames_leaves_every_output_as_it_was(trained_project, tmp_path, monkeypatch):
    """Every output is written to a temporary file, then renamed over the old one (atomic.py). A run whose
    renames never happen, as if it were killed just before each, must leave every output as it was: a file
    written in place instead would show up here, changed, truncated or touched."""
    root = tmp_path / "copy"
    shutil.copytree(trained_project, root)
    before = outputs(root)
    rename = os.replace

    def killed_before_renaming_into_the_project(source, target):
        if not Path(target).resolve().is_relative_to(root.resolve()):
            rename(source, target)

    monkeypatch.setattr(os, "replace", killed_before_renaming_into_the_project)
    assert main(["--root", str(root), "all", "--epochs", "1", "--device", "cpu", "--no-progress"]) == 0
    after = outputs(root)
    assert sorted(after) == sorted(before)
    assert [name for name in before if after[name] != before[name]] == []
