"""The steps behind the Makefile, and the files they leave.

train:    train the recipe's network          -> models/model.pt, models/checkpoint.pt, results/history.json
evaluate: score it once on the test split     -> results/metrics.json
figures:  draw what it learned                -> results/*.png (model_performance.png is the headline)
compare:  several architectures, one budget   -> results/comparison.json, results/comparison.png

Nothing the clock gives reaches the tracked results: with the same data and seed a
rerun rewrites them byte for byte. The wall times (the run, each epoch, images per
second) go to results/timings.json, which git ignores. `compare` is a benchmark, not
part of `make all`: its table keeps its training times.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import torch
from torch import nn

from {{ cookiecutter.package_name }} import plots
from {{ cookiecutter.package_name }} import train as training
from {{ cookiecutter.package_name }}.atomic import read_json_object, update_json, write_json
from {{ cookiecutter.package_name }}.config import MEAN, RECIPES, STD, Paths, Recipe
from {{ cookiecutter.package_name }}.data import Cifar, DataError, load, to_float
from {{ cookiecutter.package_name }}.evaluate import evaluate as score_split
from {{ cookiecutter.package_name }}.models import build_model, count_parameters

SCHEMA_VERSION = 1
# What the training loop measures with the clock: kept out of history.json, written to timings.json.
TIMING_KEYS = ("seconds", "images_per_second")


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def save_model(model: nn.Module, recipe: Recipe, classes: tuple[str, ...], path: Path) -> Path:
    """Weights plus what is needed to rebuild and use them (architecture, width, classes, normalisation)."""
    bundle = {
        "model": recipe.model,
        "width": recipe.width,
        "tta": recipe.tta,
        "classes": list(classes),
        "mean": MEAN,
        "std": STD,
        "recipe": asdict(recipe),
        "state_dict": {key: value.cpu() for key, value in model.state_dict().items()},
    }
    training.save_atomic(bundle, path)
    return path


def load_model(path: Path, device: torch.device | None = None) -> tuple[nn.Module, dict[str, Any]]:
    """The saved network in eval mode, and its bundle (classes, recipe...)."""
    if not path.exists():
        raise DataError(f"no trained model at {path}: run `make all` first")
    bundle = torch.load(path, map_location="cpu", weights_only=True)
    model = build_model(bundle["model"], bundle["width"], len(bundle["classes"]))
    model.load_state_dict(bundle["state_dict"])
    return model.to(device or torch.device("cpu")).eval(), bundle


def train(
    paths: Paths,
    recipe: Recipe,
    *,
    resume: bool = False,
    device: str = "auto",
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train on the current data (real if `make data` ran, else the sample); save model and history."""
    data = load(paths)
    log(f"data: {data.name}, {len(data.train_x):,} training and {len(data.test_x):,} test images")
    log(f"model: {recipe.model}, {count_parameters(build_model(recipe.model, recipe.width)):,} parameters")
    started = time.perf_counter()
    result = training.train(
        data,
        recipe,
        device=training.select_device(device),
        checkpoint=paths.checkpoint,
        resume=resume,
        progress=progress,
        log=log,
    )
    save_model(result["model"], recipe, data.classes, paths.model)
    history = result["history"]
    epochs = [{key: value for key, value in row.items() if key not in TIMING_KEYS} for row in history]
    write_json(paths.history, {"recipe": asdict(recipe), "device": result["device"], "epochs": epochs})
    per_epoch = [{"epoch": row["epoch"]} | {key: round(row[key], 3) for key in TIMING_KEYS} for row in history]
    seconds = round(time.perf_counter() - started, 3)
    timings = {
        "seconds": seconds,
        "train_seconds": seconds,
        "model": recipe.model,
        "device": result["device"],
        "images_per_second": round(sum(row["images_per_second"] for row in per_epoch) / max(1, len(per_epoch)), 1),
        "epochs": per_epoch,
    }
    write_json(paths.timings, timings)
    return result


def evaluate(paths: Paths, device: str = "auto") -> dict[str, Any]:
    """Score the saved model once on the test split; write results/metrics.json."""
    if not paths.history.exists():
        raise DataError("no results/history.json: run `make train` first")
    started = time.perf_counter()
    history = json.loads(paths.history.read_text("utf-8"))
    data = load(paths)
    target = training.select_device(device)
    model, bundle = load_model(paths.model, target)
    test = score_split(model, data.test_x, data.test_y, data.classes, target, tta=bundle["tta"])
    epochs = history["epochs"]
    name = bundle["model"]
    metrics = {
        "schema_version": SCHEMA_VERSION,
        "kind": "cifar10-cnn",
        "dataset": {
            "name": data.name,
            "path": relative(data.path, paths.root),
            "synthetic": data.synthetic,
            "rows": len(data.train_x) + len(data.test_x),
            "train_rows": len(data.train_x),
            "test_rows": len(data.test_x),
        },
        "recipe": history["recipe"]["name"],
        "device": history["device"],
        "models": {
            name: {
                "parameters": count_parameters(model),
                "epochs": len(epochs),
                "test_accuracy": round(test["accuracy"], 4),
            }
        },
        "selected": name,
        "headline": {"name": "accuracy", "value": round(test["accuracy"], 4), "direction": "higher", "split": "test"},
        "test": test,
    }
    write_json(paths.metrics, metrics)
    evaluate_seconds = round(time.perf_counter() - started, 3)
    total = round(read_json_object(paths.timings).get("train_seconds", 0.0) + evaluate_seconds, 3)
    update_json(paths.timings, {"seconds": total, "evaluate_seconds": evaluate_seconds})
    return metrics


def record_run_time(paths: Paths, seconds: float) -> dict[str, Any]:
    """Set the wall time of a whole run (`all`: train to report) in results/timings.json."""
    return update_json(paths.timings, {"seconds": round(seconds, 3)})


def figures(paths: Paths) -> list[Path]:
    """Every result figure; the headline one is results/model_performance.png."""
    if not paths.metrics.exists():
        raise DataError("no results/metrics.json: run `make evaluate` first")
    metrics = json.loads(paths.metrics.read_text("utf-8"))
    history = json.loads(paths.history.read_text("utf-8"))
    data = load(paths)
    synthetic = data.synthetic
    model, _ = load_model(paths.model)
    shown = first_of_each_class(data)
    written = [
        plots.save(plots.performance(metrics), paths.results / "model_performance.png"),
        plots.save(plots.training_curves(history["epochs"], synthetic), paths.results / "training_curves.png"),
        plots.save(plots.filters(model, synthetic), paths.results / "filters.png"),
        plots.save(
            plots.attention(
                model,
                data.test_x[shown],
                to_float(data.test_x[shown], MEAN, STD),
                data.test_y[shown],
                data.classes,
                synthetic,
            ),
            paths.results / "gradcam.png",
        ),
        plots.save(
            plots.misclassified(data.test_x, metrics["test"]["top_misclassified"][:8], synthetic),
            paths.results / "misclassified.png",
        ),
    ]
    return written


def first_of_each_class(data: Cifar) -> torch.Tensor:
    """Index of the first test image of every class (for the attention figure)."""
    return torch.stack([(data.test_y == k).nonzero().flatten()[0] for k in range(len(data.classes))])


def compare(
    paths: Paths,
    models: tuple[str, ...] = ("simple", "vgg", "resnet18"),
    epochs: int = 4,
    width: float | None = None,
    device: str = "auto",
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train each architecture with the same recipe and epochs; write a table and a plot.

    On a CPU the networks are narrowed (``width`` 0.25 by default) so the comparison
    runs in minutes; the table says which width was used.
    """
    data = load(paths)
    target = training.select_device(device)
    width = width if width is not None else (1.0 if target.type == "cuda" else 0.25)
    rows = []
    for name in models:
        recipe = RECIPES["standard" if name != "simple" else "quick"].with_(
            model=name, epochs=epochs, width=width if name != "simple" else 1.0, batch_size=64, lr=0.05, cutout=0
        )
        log(f"--- {name}")
        started = time.perf_counter()
        result = training.train(data, recipe, device=target, progress=False, log=log)
        seconds = time.perf_counter() - started
        test = score_split(result["model"], data.test_x, data.test_y, data.classes, target)
        history = result["history"]  # the per-epoch timings stay here: compare is a benchmark
        rows.append(
            {
                "model": name,
                "width": recipe.width,
                "parameters": count_parameters(result["model"]),
                "epochs": epochs,
                "test_accuracy": round(test["accuracy"], 4),
                "train_seconds": round(seconds, 2),
                "images_per_second": round(sum(e["images_per_second"] for e in history) / len(history), 1),
            }
        )
    summary = {"dataset": data.name, "synthetic": data.synthetic, "device": str(target), "rows": rows}
    write_json(paths.results / "comparison.json", summary)
    plots.save(plots.comparison(rows, data.synthetic), paths.results / "comparison.png")
    return summary
