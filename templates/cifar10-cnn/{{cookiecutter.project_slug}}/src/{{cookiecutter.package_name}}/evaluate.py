"""Scoring a trained network: predictions in eval mode, accuracy, per-class accuracy, confusion matrix.

Predictions never see training augmentation: the model is switched to eval mode
(BatchNorm uses its running statistics, dropout is off) and the images are only
normalised. Test-time augmentation, when asked for, is deterministic: the
average of the image, its mirror and one-pixel shifts.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F  # noqa: N812 (the usual name)
from torch import nn

from {{ cookiecutter.package_name }} import augment
from {{ cookiecutter.package_name }}.config import MEAN, STD
from {{ cookiecutter.package_name }}.data import to_float

TTA_SHIFTS = ((0, 0), (1, 1), (-1, -1))


@torch.no_grad()
def predict_logits(
    model: nn.Module, images: torch.Tensor, device: torch.device | None = None, tta: bool = False, batch_size: int = 500
) -> torch.Tensor:
    """Logits (N, classes) on the CPU for uint8 images (N, 3, 32, 32)."""
    device = device or next(model.parameters()).device
    model.eval()
    outputs = []
    for start in range(0, len(images), batch_size):
        batch = to_float(images[start : start + batch_size].to(device), MEAN, STD)
        if tta:
            views = [augment.shift(view, dy, dx) for view in (batch, batch.flip(3)) for dy, dx in TTA_SHIFTS]
            logits = torch.stack([model(view).float() for view in views]).mean(0)
        else:
            logits = model(batch).float()
        outputs.append(logits.cpu())
    return torch.cat(outputs) if outputs else torch.empty(0, 10)


def accuracy(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """Share of images whose highest-scoring class is the label."""
    return float((logits.argmax(dim=1) == labels).float().mean())


def confusion_matrix(predicted: torch.Tensor, labels: torch.Tensor, classes: int) -> torch.Tensor:
    """Counts (true class, predicted class)."""
    return torch.bincount(labels * classes + predicted, minlength=classes * classes).reshape(classes, classes)


def score(
    model: nn.Module, images: torch.Tensor, labels: torch.Tensor, device: torch.device | None = None, tta: bool = False
) -> dict[str, float]:
    """Loss and accuracy of ``model`` on a split."""
    logits = predict_logits(model, images, device, tta)
    return {"loss": float(F.cross_entropy(logits, labels)), "accuracy": accuracy(logits, labels)}


def evaluate(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    classes: tuple[str, ...],
    device: torch.device | None = None,
    tta: bool = False,
    top: int = 12,
) -> dict[str, Any]:
    """Accuracy, per-class accuracy, confusion matrix and the most confident mistakes on one split."""
    logits = predict_logits(model, images, device, tta)
    probabilities = logits.softmax(1)
    predicted = logits.argmax(1)
    matrix = confusion_matrix(predicted, labels, len(classes))
    per_class = matrix.diag().float() / matrix.sum(1).clamp(min=1).float()
    wrong = (predicted != labels).nonzero().flatten()
    confidence = probabilities[wrong, predicted[wrong]]
    worst = wrong[confidence.argsort(descending=True, stable=True)[:top]]  # ties: lowest index first
    return {
        "accuracy": accuracy(logits, labels),
        "loss": float(F.cross_entropy(logits, labels)),
        "rows": len(labels),
        "per_class_accuracy": {name: round(float(value), 4) for name, value in zip(classes, per_class, strict=True)},
        "confusion_matrix": matrix.tolist(),
        "top_misclassified": [
            {
                "index": int(i),
                "label": classes[int(labels[i])],
                "predicted": classes[int(predicted[i])],
                "confidence": round(float(probabilities[i, predicted[i]]), 4),
            }
            for i in worst
        ],
    }
