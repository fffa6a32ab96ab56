"""The training loop: checkpoints round-trip, --resume continues exactly, every recipe takes steps on a CPU."""

from __future__ import annotations

import pytest
import torch

from {{ cookiecutter.package_name }}.config import RECIPES
from {{ cookiecutter.package_name }}.data import Cifar, DataError, load_cifar
from {{ cookiecutter.package_name }}.train import select_device, train

CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def small() -> Cifar:
    from conftest import SAMPLE

    data = load_cifar(SAMPLE, synthetic=True)
    return Cifar(data.train_x[:128], data.train_y[:128], data.test_x[:64], data.test_y[:64], data.classes, SAMPLE, True)


def quiet(_: str) -> None:
    pass


def test_resume_continues_exactly_where_the_run_stopped(small, tmp_path):
    recipe = RECIPES["quick"].with_(epochs=3, batch_size=32)
    whole = train(small, recipe, device=CPU, progress=False, log=quiet)
    checkpoint = tmp_path / "checkpoint.pt"
    first = train(small, recipe, device=CPU, checkpoint=checkpoint, max_epochs=1, progress=False, log=quiet)
    assert len(first["history"]) == 1 and checkpoint.exists()
    assert torch.load(checkpoint, weights_only=True)["epoch"] == 1
    lines: list[str] = []
    resumed = train(small, recipe, device=CPU, checkpoint=checkpoint, resume=True, progress=False, log=lines.append)
    assert [row["epoch"] for row in resumed["history"]] == [1, 2, 3]
    trained_now = [line.split(":")[0] for line in lines if line.startswith("epoch ")]
    assert trained_now == ["epoch 2/3", "epoch 3/3"]  # the finished epoch is not trained again
    for a, b in zip(whole["model"].state_dict().values(), resumed["model"].state_dict().values(), strict=True):
        assert torch.allclose(a.float(), b.float(), atol=1e-5)
    with pytest.raises(DataError, match="--resume"):
        train(small, recipe.with_(model="vgg"), device=CPU, checkpoint=checkpoint, resume=True, log=quiet)


@pytest.mark.parametrize("name", ["standard", "fast"])
def test_gpu_recipes_take_steps_on_a_cpu(small, name):
    recipe = RECIPES[name].with_(epochs=1, batch_size=32, width=0.125)
    result = train(small, recipe, device=CPU, progress=False, log=quiet)
    row = result["history"][0]
    assert row["train_loss"] == row["train_loss"] and 0 <= row["test_accuracy"] <= 1  # finite, scored
    assert not result["model"].training


def test_device_auto_finds_one():
    assert select_device().type in ("cuda", "mps", "cpu")
    assert select_device("cpu") == CPU


def test_benchmark_measures_training_throughput():
    from {{ cookiecutter.package_name }}.benchmark import TRAIN_ROWS, measure

    images = torch.randint(0, 256, (96, 3, 32, 32), dtype=torch.uint8)
    labels = torch.randint(0, 10, (96,))
    row = measure(RECIPES["quick"].with_(batch_size=32), images, labels, steps=2, warmup=1)
    assert row["model"] == "simple" and row["images_per_second"] > 0
    assert row["seconds_per_epoch"] == pytest.approx(TRAIN_ROWS / row["images_per_second"], rel=0.01)
