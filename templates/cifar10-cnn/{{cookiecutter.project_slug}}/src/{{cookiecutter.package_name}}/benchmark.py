"""Training throughput of each recipe on data of CIFAR-10's real shape, on the device at hand (`make benchmark`).

The images are random uint8 tensors of shape 50,000 x 3 x 32 x 32 (no download
needed): speed does not depend on what the pixels show. Each recipe runs its own
model, batch size, augmentation and precision for a few timed steps after a
warm-up; seconds per epoch are extrapolated from images per second. Nothing here
measures accuracy.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch
from torch import nn

from {{ cookiecutter.package_name }} import train as training
from {{ cookiecutter.package_name }}.atomic import write_json
from {{ cookiecutter.package_name }}.config import MEAN, RECIPES, STD, Recipe
from {{ cookiecutter.package_name }}.data import to_float
from {{ cookiecutter.package_name }}.models import count_parameters

TRAIN_ROWS = 50_000


def synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize()


def measure(recipe: Recipe, images: torch.Tensor, labels: torch.Tensor, steps: int, warmup: int) -> dict[str, Any]:
    """Images per second of ``steps`` training steps of ``recipe`` after ``warmup`` untimed ones."""
    device = images.device
    model = training.prepare(recipe.model, recipe, device)
    if hasattr(model, "init_whitening"):
        model.init_whitening(to_float(images[:5000], MEAN, STD))
    step_model = torch.compile(model) if recipe.compile else model
    optimizer, scheduler = training.make_optimizer(model, recipe, steps + warmup)
    criterion = nn.CrossEntropyLoss(label_smoothing=recipe.label_smoothing)
    model.train()
    timed = 0.0
    for step in range(warmup + steps):
        index = torch.randint(0, len(images), (recipe.batch_size,), device=device)
        synchronize(device)
        started = time.perf_counter()
        training.train_step(step_model, images[index], labels[index], recipe, criterion, optimizer, scheduler)
        synchronize(device)
        if step >= warmup:
            timed += time.perf_counter() - started
    per_second = steps * recipe.batch_size / timed
    return {
        "recipe": recipe.name,
        "model": recipe.model,
        "parameters": count_parameters(model),
        "batch_size": recipe.batch_size,
        "steps": steps,
        "images_per_second": round(per_second, 1),
        "seconds_per_epoch": round(TRAIN_ROWS / per_second, 2),
    }


def benchmark(
    recipes: list[str] | None = None,
    models: list[str] | None = None,
    steps: int = 10,
    warmup: int = 2,
    device: str = "auto",
    compile_model: bool = False,
    output: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Time every recipe (with its own model, or each of ``models``); write the results as JSON."""
    target = training.select_device(device)
    training.configure_threads()
    training.seed_everything()
    images = torch.randint(0, 256, (TRAIN_ROWS, 3, 32, 32), dtype=torch.uint8, device=target)
    labels = torch.randint(0, 10, (TRAIN_ROWS,), device=target)
    rows = []
    for name in recipes or list(RECIPES):
        for model in models or [RECIPES[name].model]:
            recipe = RECIPES[name].with_(model=model, compile=compile_model)
            row = measure(recipe, images, labels, steps, warmup)
            log(
                f"{name:9s} {model:9s} batch {recipe.batch_size:5d}: {row['images_per_second']:>10,.0f} images/s"
                f"  {row['seconds_per_epoch']:>8,.1f} s/epoch"
            )
            rows.append(row)
    name = torch.cuda.get_device_name(target) if target.type == "cuda" else platform.processor() or platform.machine()
    result = {
        "device": str(target),
        "device_name": name,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "data_shape": [TRAIN_ROWS, 3, 32, 32],
        "rows": rows,
    }
    if output is not None:
        write_json(output, result)
    return result
