"""The one training loop behind every recipe: seeds, device, augmentation, schedule, checkpoints, resume.

The whole dataset lives on the training device as uint8 (150 MB for real
CIFAR-10), so each step is a slice, a normalisation and the batch augmentation:
no DataLoader. On CUDA the loop adds bf16 autocast and channels-last memory;
``torch.compile`` is opt-in. A checkpoint is written atomically after every
epoch; ``resume`` continues from it with the same optimiser, schedule, weight
average and random state.
"""

from __future__ import annotations

import copy
import math
import os
import random
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm

from {{ cookiecutter.package_name }} import augment, evaluate
from {{ cookiecutter.package_name }}.atomic import atomic_path
from {{ cookiecutter.package_name }}.config import MEAN, SEED, STD, Recipe
from {{ cookiecutter.package_name }}.data import Cifar, DataError, to_float
from {{ cookiecutter.package_name }}.models import build_model


def seed_everything(seed: int = SEED) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def select_device(name: str = "auto") -> torch.device:
    """cuda, then mps, then cpu, unless a device is named."""
    if name != "auto":
        return torch.device(name)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def configure_threads() -> None:
    """On CPU, one thread per physical core (half the logical ones): more only fight over caches."""
    torch.set_num_threads(max(1, (os.cpu_count() or 2) // 2))


def autocast(device: torch.device):  # noqa: ANN201 (a context manager)
    return torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" else nullcontext()


class EMA:
    """Exponential moving average of the weights (and BN statistics), evaluated instead of the raw model."""

    def __init__(self, model: nn.Module, decay: float):
        self.decay = decay
        self.model = copy.deepcopy(model).eval()
        for parameter in self.model.parameters():
            parameter.requires_grad_(False)

    @torch.no_grad()
    def update(self, model: nn.Module) -> None:
        for average, current in zip(self.model.state_dict().values(), model.state_dict().values(), strict=True):
            if average.dtype.is_floating_point:
                average.lerp_(current, 1 - self.decay)
            else:
                average.copy_(current)


def make_optimizer(model: nn.Module, recipe: Recipe, steps: int) -> tuple[torch.optim.Optimizer, Any]:
    """Nesterov SGD (no weight decay on BN and biases) with a one-cycle or cosine schedule per step.

    One-cycle here is the triangle airbench uses: a linear warm-up over the first
    quarter of the steps, then a linear decay to zero.
    """
    decay = [p for p in model.parameters() if p.requires_grad and p.ndim > 1]
    plain = [p for p in model.parameters() if p.requires_grad and p.ndim <= 1]
    groups = [{"params": decay, "weight_decay": recipe.weight_decay}, {"params": plain, "weight_decay": 0.0}]
    optimizer = torch.optim.SGD(groups, lr=recipe.lr, momentum=recipe.momentum, nesterov=recipe.nesterov)
    steps = max(1, steps)
    warm = max(1, steps // 4)

    def factor(step: int) -> float:
        if recipe.schedule == "cosine":
            return 0.5 * (1 + math.cos(math.pi * min(step, steps) / steps))
        return min((step + 1) / warm, max(0.0, (steps - step) / max(1, steps - warm)))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def save_atomic(state: dict[str, Any], path: Path) -> None:
    """torch.save to a hidden temporary file beside ``path``, then a rename (atomic.py): a run killed
    mid-save keeps the previous complete file, and models/model.* never matches the temporary."""
    with atomic_path(path) as temporary:
        torch.save(state, temporary)


def train_step(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    recipe: Recipe,
    criterion: nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: Any,
) -> tuple[torch.Tensor, torch.Tensor]:
    """One optimisation step on a uint8 batch: normalise, augment, forward (bf16 on CUDA), backward."""
    inputs = augment.augment(to_float(images, MEAN, STD), recipe)
    if inputs.device.type == "cuda":
        inputs = inputs.contiguous(memory_format=torch.channels_last)
    with autocast(inputs.device):
        logits = model(inputs)
        loss = criterion(logits.float(), labels)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    scheduler.step()
    return loss.detach(), logits.detach()


def prepare(model_name: str, recipe: Recipe, device: torch.device, classes: int = 10) -> nn.Module:
    """A fresh network on ``device`` (channels-last on CUDA)."""
    model = build_model(model_name, recipe.width, classes).to(device)
    return model.to(memory_format=torch.channels_last) if device.type == "cuda" else model


def train(
    data: Cifar,
    recipe: Recipe,
    *,
    device: torch.device | None = None,
    checkpoint: Path | None = None,
    resume: bool = False,
    max_epochs: int | None = None,
    progress: bool = True,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train ``recipe.model`` on ``data``; return the model, its history and timings.

    ``max_epochs`` stops early (the schedule still spans ``recipe.epochs``), which
    is how a run is interrupted on purpose in tests before ``resume``.
    """
    device = device or select_device()
    configure_threads()
    seed_everything()
    model = prepare(recipe.model, recipe, device, len(data.classes))
    train_x, train_y = data.train_x.to(device), data.train_y.to(device)
    if hasattr(model, "init_whitening"):
        model.init_whitening(to_float(train_x[:5000], MEAN, STD))
    steps_per_epoch = max(1, len(train_x) // recipe.batch_size)
    optimizer, scheduler = make_optimizer(model, recipe, recipe.epochs * steps_per_epoch)
    ema = EMA(model, recipe.ema) if recipe.ema else None
    criterion = nn.CrossEntropyLoss(label_smoothing=recipe.label_smoothing)
    history: list[dict[str, float]] = []
    start_epoch = 0
    if resume and checkpoint is not None and checkpoint.exists():
        state = torch.load(checkpoint, map_location=device, weights_only=True)
        saved = state["recipe"]
        if (saved["model"], saved["width"]) != (recipe.model, recipe.width):
            raise DataError(
                f"{checkpoint.name} holds a {saved['model']} network of width {saved['width']}, not {recipe.model}"
                f" of width {recipe.width}: resume with the same --model and --width, or train without --resume"
            )
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        if ema is not None:
            ema.model.load_state_dict(state["ema"])
        history, start_epoch = state["history"], state["epoch"]
        torch.set_rng_state(state["rng"])
        log(f"resumed from {checkpoint.name} after epoch {start_epoch}")
    elif resume:
        log("no checkpoint to resume from: training from the start")
    step_model = torch.compile(model) if recipe.compile else model
    last = min(recipe.epochs, max_epochs or recipe.epochs)
    for epoch in range(start_epoch, last):
        started = time.perf_counter()
        model.train()
        order = torch.randperm(len(train_x), device=device)
        seen, loss_sum, correct = 0, 0.0, 0
        bar = tqdm(range(steps_per_epoch), desc=f"epoch {epoch + 1}/{recipe.epochs}", disable=not progress, leave=False)
        for step in bar:
            index = order[step * recipe.batch_size : (step + 1) * recipe.batch_size]
            labels = train_y[index]
            loss, logits = train_step(step_model, train_x[index], labels, recipe, criterion, optimizer, scheduler)
            if ema is not None:
                ema.update(model)
            seen += len(labels)
            loss_sum += loss.item() * len(labels)
            correct += int((logits.argmax(1) == labels).sum())
            bar.set_postfix(loss=f"{loss_sum / seen:.3f}", acc=f"{correct / seen:.3f}")
        seconds = time.perf_counter() - started
        scored = ema.model if ema is not None else model
        test = evaluate.score(scored, data.test_x, data.test_y, device, tta=False)
        history.append(
            {
                "epoch": epoch + 1,
                "train_loss": loss_sum / seen,
                "train_accuracy": correct / seen,
                "test_loss": test["loss"],
                "test_accuracy": test["accuracy"],
                "seconds": seconds,
                "images_per_second": seen / seconds,
            }
        )
        log(
            f"epoch {epoch + 1}/{recipe.epochs}: loss {loss_sum / seen:.3f}  train acc {correct / seen:.3f}"
            f"  test acc {test['accuracy']:.3f}  ({seconds:.1f}s, {seen / seconds:,.0f} img/s)"
        )
        if checkpoint is not None:
            state = {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
                "ema": ema.model.state_dict() if ema is not None else None,
                "history": history,
                "epoch": epoch + 1,
                "rng": torch.get_rng_state(),
                "recipe": asdict(recipe),
            }
            save_atomic(state, checkpoint)
    final = ema.model if ema is not None else model
    return {"model": final.eval(), "history": history, "device": str(device)}
