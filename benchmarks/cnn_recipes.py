"""The cifar10-cnn kind's training speed per recipe and model, on data of CIFAR-10's real shape.

It runs the generated project's own `benchmark` command (`make benchmark`): random
uint8 images of shape 50,000 x 3 x 32 x 32, since speed does not depend on what the
pixels show, on the device at hand (a CUDA GPU when there is one). Every recipe
runs with its own network, then every network under the `standard` recipe. No
accuracy is recorded: no real CIFAR-10 is used.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import yaml

from benchmarks.first_result import installed_project
from benchmarks.timing import run

NETWORKS = ("simple", "vgg", "resnet18", "airbench")


def measure(steps: int = 3, warmup: int = 1) -> dict[str, object]:
    """Images per second and seconds per epoch, from ``steps`` timed training steps after ``warmup``."""
    with tempfile.TemporaryDirectory() as scratch:
        setup = installed_project(Path(scratch), "cifar10-cnn")
        answers = yaml.safe_load((setup.project / ".copier-answers.yml").read_text("utf-8"))
        command = [setup.python, "-m", answers["package_name"], "benchmark", "--steps", str(steps)]
        command += ["--warmup", str(warmup)]
        output = setup.project / "results" / "benchmark.json"
        rows: dict[tuple[str, str], dict] = {}
        for selection in (
            ["--recipes", "quick,standard,fast"],
            ["--recipes", "standard", "--models", ",".join(NETWORKS)],
        ):
            run([*command, *selection], setup.project, setup.env)
            measured = json.loads(output.read_text("utf-8"))
            rows.update({(row["recipe"], row["model"]): row for row in measured["rows"]})
    device = {key: measured[key] for key in ("device", "device_name", "torch", "threads")}
    return {"device": device, "steps": steps, "warmup": warmup, "rows": list(rows.values())}
