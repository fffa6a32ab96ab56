"""Figures of the data and the trained network, written to results/ (`make figures`).

Each function builds a matplotlib Figure without pyplot, so it works in scripts,
tests and notebooks alike. Every title made from the bundled sample says
"synthetic sample".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 (the usual name)
from matplotlib.figure import Figure
from torch import nn

from {{ cookiecutter.package_name }}.atomic import atomic_path
from {{ cookiecutter.package_name }}.models import first_conv, last_conv


def titled(text: str, synthetic: bool) -> str:
    return f"{text} (synthetic sample)" if synthetic else text


def save(figure: Figure, path: Path) -> Path:
    with atomic_path(path) as temporary:
        figure.savefig(temporary, dpi=110, bbox_inches="tight")
    return path


def as_rgb(images: torch.Tensor) -> np.ndarray:
    """uint8 (N, 3, H, W) to (N, H, W, 3) for imshow."""
    return images.permute(0, 2, 3, 1).cpu().numpy()


def sample_grid(images: torch.Tensor, labels: torch.Tensor, classes: tuple[str, ...], synthetic: bool) -> Figure:
    """Eight images of every class, one class per row, drawn as one mosaic (fast to render)."""
    per_row, size = 8, images.shape[-1]
    mosaic = torch.full((len(classes) * (size + 2), per_row * (size + 2), 3), 255, dtype=torch.uint8)
    for row in range(len(classes)):
        for column, index in enumerate((labels == row).nonzero().flatten()[:per_row].tolist()):
            top, left = row * (size + 2), column * (size + 2)
            mosaic[top : top + size, left : left + size] = images[index].permute(1, 2, 0)
    figure = Figure(figsize=(6, 7.5))
    axis = figure.subplots()
    axis.imshow(mosaic.numpy(), interpolation="nearest")
    axis.set_yticks([row * (size + 2) + size / 2 for row in range(len(classes))], list(classes))
    axis.set_xticks([])
    axis.set_title(titled("Training images by class", synthetic))
    return figure


def class_balance(labels: torch.Tensor, classes: tuple[str, ...], synthetic: bool) -> Figure:
    figure = Figure(figsize=(7, 3))
    axis = figure.subplots()
    axis.bar(classes, torch.bincount(labels, minlength=len(classes)).tolist(), color="tab:blue")
    axis.tick_params(axis="x", rotation=45)
    axis.set_ylabel("images")
    axis.set_title(titled("Images per class", synthetic))
    return figure


def training_curves(history: list[dict[str, float]], synthetic: bool) -> Figure:
    """Loss and accuracy per epoch, train against test."""
    epochs = [row["epoch"] for row in history]
    figure = Figure(figsize=(10, 3.5))
    left, right = figure.subplots(1, 2)
    for split in ("train", "test"):
        left.plot(epochs, [row[f"{split}_loss"] for row in history], marker="o", label=split)
        right.plot(epochs, [row[f"{split}_accuracy"] for row in history], marker="o", label=split)
    left.set(xlabel="epoch", ylabel="loss", title="Loss")
    right.set(xlabel="epoch", ylabel="accuracy", title="Accuracy", ylim=(0, 1))
    left.legend()
    right.legend()
    figure.suptitle(titled("Training curves", synthetic))
    return figure


def performance(metrics: dict[str, Any]) -> Figure:
    """The headline figure: per-class test accuracy and the confusion matrix."""
    test = metrics["test"]
    classes = list(test["per_class_accuracy"])
    figure = Figure(figsize=(12, 4.8))
    left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.1]})
    left.barh(classes, list(test["per_class_accuracy"].values()), color="tab:green")
    left.axvline(test["accuracy"], color="black", linestyle="--", label=f"overall {test['accuracy']:.1%}")
    left.axvline(1 / len(classes), color="grey", linestyle=":", label="chance")
    left.set(xlim=(0, 1), xlabel="test accuracy", title="Per-class accuracy")
    left.invert_yaxis()
    left.legend(loc="lower right")
    matrix = np.asarray(test["confusion_matrix"])
    right.imshow(matrix, cmap="Blues")
    right.set(xticks=range(len(classes)), yticks=range(len(classes)), xlabel="predicted", ylabel="true")
    right.set_xticklabels(classes, rotation=60, fontsize=8)
    right.set_yticklabels(classes, fontsize=8)
    for (i, j), value in np.ndenumerate(matrix):
        if value:
            colour = "white" if value > matrix.max() / 2 else "black"
            right.text(j, i, str(value), ha="center", va="center", fontsize=7, color=colour)
    right.set_title("Confusion matrix")
    name = metrics["selected"]
    headline = f"{name}: test accuracy {test['accuracy']:.1%} on {test['rows']} images"
    figure.suptitle(titled(headline, metrics["dataset"]["synthetic"]))
    return figure


def filters(model: nn.Module, synthetic: bool) -> Figure:
    """The first convolution's learned filters, each scaled to the full colour range, eight to a row.

    One mosaic in one axes (white lines between filters), not one axes per filter: as
    clear, and several times faster to draw.
    """
    weights = first_conv(model).weight.detach().float().cpu()
    low = weights.amin(dim=(1, 2, 3), keepdim=True)
    high = weights.amax(dim=(1, 2, 3), keepdim=True)
    images = ((weights - low) / (high - low).clamp(min=1e-8)).permute(0, 2, 3, 1).numpy()
    count, size = len(images), images.shape[1]
    columns = 8
    rows = int(np.ceil(count / columns))
    cell = size + 1
    mosaic = np.ones((rows * cell - 1, columns * cell - 1, 3))
    for index, image in enumerate(images):
        top, left = (index // columns) * cell, (index % columns) * cell
        mosaic[top : top + size, left : left + size] = image
    figure = Figure(figsize=(columns * 0.9, rows * 0.9 + 0.6))
    axis = figure.subplots()
    axis.imshow(mosaic, interpolation="nearest")
    axis.axis("off")
    figure.suptitle(titled(f"First-layer filters ({count})", synthetic))
    return figure


def grad_cam(model: nn.Module, images: torch.Tensor, target: torch.Tensor | None = None) -> torch.Tensor:
    """Grad-CAM maps (N, H, W) in [0, 1] at the input's size, for normalised float images.

    The last convolution's activations are weighted by the spatially averaged
    gradient of the target class score (the predicted class when ``target`` is None).
    """
    layer = last_conv(model)
    store: dict[str, torch.Tensor] = {}
    handle = layer.register_forward_hook(lambda _m, _i, output: store.update(activation=output))
    model.eval()
    try:
        with torch.enable_grad():
            inputs = images.clone().requires_grad_(True)
            logits = model(inputs)
            chosen = logits.argmax(1) if target is None else target
            activation = store["activation"]
            (gradient,) = torch.autograd.grad(logits.gather(1, chosen[:, None]).sum(), activation)
    finally:
        handle.remove()
    weights = gradient.mean(dim=(2, 3), keepdim=True)
    cam = torch.relu((weights * activation).sum(1, keepdim=True)).detach()
    cam = F.interpolate(cam, size=images.shape[-2:], mode="bilinear", align_corners=False)[:, 0]
    peak = cam.flatten(1).amax(1).clamp(min=1e-8)[:, None, None]
    return cam / peak


def attention(
    model: nn.Module,
    images: torch.Tensor,
    normalised: torch.Tensor,
    labels: torch.Tensor,
    classes: tuple[str, ...],
    synthetic: bool,
) -> Figure:
    """Each image above its Grad-CAM map for the predicted class."""
    maps = grad_cam(model, normalised).cpu().numpy()
    with torch.no_grad():
        predicted = model(normalised).argmax(1).cpu()
    figure = Figure(figsize=(len(images) * 1.3, 3))
    axes = figure.subplots(2, len(images))
    for column, rgb in enumerate(as_rgb(images)):
        axes[0, column].imshow(rgb)
        axes[0, column].set_title(f"{classes[int(labels[column])]}\n→ {classes[int(predicted[column])]}", fontsize=7)
        axes[1, column].imshow(rgb)
        axes[1, column].imshow(maps[column], cmap="jet", alpha=0.5)
        axes[0, column].axis("off")
        axes[1, column].axis("off")
    figure.suptitle(titled("Grad-CAM: where the network looks (true → predicted)", synthetic), y=1.08)
    return figure


def misclassified(images: torch.Tensor, items: list[dict[str, Any]], synthetic: bool) -> Figure:
    """The most confident mistakes on the test split."""
    count = max(1, len(items))
    figure = Figure(figsize=(count * 1.3, 1.9))
    axes = np.atleast_1d(figure.subplots(1, count))
    for axis, item in zip(axes, items, strict=False):
        axis.imshow(as_rgb(images[item["index"] : item["index"] + 1])[0])
        axis.set_title(f"{item['label']}\n→ {item['predicted']} {item['confidence']:.0%}", fontsize=7)
    for axis in axes:
        axis.axis("off")
    figure.suptitle(titled("Most confident mistakes (true → predicted)", synthetic))
    return figure


def comparison(rows: list[dict[str, Any]], synthetic: bool) -> Figure:
    """Accuracy against training time, one point per architecture, sized by parameters."""
    figure = Figure(figsize=(6, 4))
    axis = figure.subplots()
    for row in rows:
        axis.scatter(row["train_seconds"], row["test_accuracy"], s=30 + row["parameters"] / 2e4, alpha=0.7)
        axis.annotate(f"{row['model']} ({row['parameters'] / 1e6:.2f}M)", (row["train_seconds"], row["test_accuracy"]))
    axis.set(xlabel="training time (s)", ylabel="test accuracy", ylim=(0, 1))
    axis.set_title(titled("Architectures under one budget", synthetic))
    return figure
