"""Locations, class names and training recipes, so no module hard-codes a path or a number."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from {{ cookiecutter.package_name }}.root import find_root

CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
# Per-channel mean and standard deviation of the real CIFAR-10 training images (0-1 scale).
MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2470, 0.2435, 0.2616)
SEED = 42


@dataclass(frozen=True)
class Recipe:
    """Everything that defines one training run; `make all` uses ``quick``."""

    name: str
    model: str
    epochs: int
    batch_size: int
    lr: float
    weight_decay: float = 5e-4
    momentum: float = 0.9
    nesterov: bool = True
    schedule: str = "onecycle"  # or "cosine"
    label_smoothing: float = 0.1
    crop_padding: int = 4
    flip: bool = True
    rotation: float = 0.0  # degrees, 0 = off
    cutout: int = 0  # side of the square cut out, 0 = off
    ema: float = 0.0  # decay of the weight average, 0 = off
    tta: bool = False  # average predictions over flips and translations at test time
    width: int = 1  # channel multiplier for the model
    compile: bool = False

    def with_(self, **changes: object) -> Recipe:
        return replace(self, **changes)


RECIPES = {
    # CPU: a small CNN, a few epochs on the bundled sample, well under a minute.
    "quick": Recipe("quick", model="simple", epochs=5, batch_size=64, lr=0.05, label_smoothing=0.0, crop_padding=2),
    # GPU: a CIFAR ResNet-18 with cutout, the usual recipe for the 85 %+ portfolio target (not measured here).
    "standard": Recipe("standard", model="resnet18", epochs=30, batch_size=256, lr=0.1, cutout=8),
    # GPU: airbench-style network and tricks, aiming at 94 % in seconds on one modern GPU (not measured here).
    "fast": Recipe(
        "fast",
        model="airbench",
        epochs=10,
        batch_size=1024,
        lr=0.2,
        weight_decay=5e-4,
        label_smoothing=0.2,
        crop_padding=2,
        ema=0.99,
        tta=True,
    ),
}


@dataclass(frozen=True)
class Paths:
    """Every file the pipeline reads or writes, relative to the project root."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def archive(self) -> Path:
        return self.raw / "cifar-10-python.tar.gz"

    @property
    def real_data(self) -> Path:
        return self.raw / "cifar-10-batches-py"

    @property
    def sample_data(self) -> Path:
        return self.root / "data" / "sample" / "cifar-10-synthetic-sample.tar.gz"

    @property
    def results(self) -> Path:
        return self.root / "results"

    @property
    def metrics(self) -> Path:
        return self.results / "metrics.json"

    @property
    def history(self) -> Path:
        return self.results / "history.json"

    @property
    def timings(self) -> Path:
        """Wall times of the last run: they change every run, so git ignores this file."""
        return self.results / "timings.json"

    @property
    def models(self) -> Path:
        return self.root / "models"

    @property
    def model(self) -> Path:
        return self.models / "model.pt"

    @property
    def checkpoint(self) -> Path:
        return self.models / "checkpoint.pt"

    @property
    def readme(self) -> Path:
        return self.root / "README.md"


def project_paths(root: Path | None = None) -> Paths:
    return Paths(Path(root) if root else find_root())
