"""Every network's shapes, sizes and capacity; the scoring functions on hand-made numbers."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from {{ cookiecutter.package_name }}.evaluate import accuracy, confusion_matrix, predict_logits
from {{ cookiecutter.package_name }}.models import MODELS, SimpleCNN, build_model, count_parameters


@pytest.mark.parametrize("name", MODELS)
def test_every_model_gives_ten_scores_per_32x32_image(name):
    model = build_model(name, width=0.25).eval()
    with torch.no_grad():
        assert model(torch.randn(2, 3, 32, 32)).shape == (2, 10)
    assert count_parameters(model) > 0


def test_simple_cnn_shapes_are_right():
    """The seed's outline forgot padding: a 3x3 conv gives 30x30, pooled 15x15. Ours keeps 16x16."""
    model = SimpleCNN()
    features = model.features(torch.randn(4, 3, 32, 32))
    assert features.shape == (4, 32, 16, 16) == (4, *model.features_shape)
    assert model.fc1.in_features == 32 * 16 * 16
    assert count_parameters(model) == (3 * 9 * 32 + 32) + (32 * 16 * 16 * 128 + 128) + (128 * 10 + 10)


def test_full_size_models_have_the_published_sizes():
    assert 11_000_000 < count_parameters(build_model("resnet18")) < 11_300_000  # ResNet-18 for CIFAR: 11.2M


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="unknown model"):
        build_model("alexnet")


def test_a_model_overfits_a_tiny_batch():
    torch.manual_seed(0)
    images, labels = torch.randn(20, 3, 32, 32), torch.arange(20) % 10
    model = build_model("simple")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(60):
        optimizer.zero_grad()
        nn.functional.cross_entropy(model(images), labels).backward()
        optimizer.step()
    assert accuracy(model(images), labels) == 1.0


def test_airbench_whitening_decorrelates_patches():
    torch.manual_seed(0)
    model = build_model("airbench", width=0.25)
    images = torch.randn(64, 3, 32, 32) @ torch.randn(32, 32) * 0.2
    model.init_whitening(images)
    out = model.whiten(images)[:, :12].permute(0, 2, 3, 1).reshape(-1, 12)
    covariance = torch.cov(out.T)
    assert torch.allclose(covariance.diag(), torch.ones(12), atol=0.15)


def test_accuracy_and_confusion_on_hand_made_scores():
    logits = torch.tensor([[5.0, 0, 0], [0, 4.0, 0], [0, 0, 3.0], [2.0, 0, 0]])
    labels = torch.tensor([0, 1, 1, 2])
    assert accuracy(logits, labels) == 0.5
    matrix = confusion_matrix(logits.argmax(1), labels, 3)
    assert matrix.tolist() == [[1, 0, 0], [0, 1, 1], [1, 0, 0]]


def test_predictions_use_eval_mode_and_no_augmentation():
    """BatchNorm in train mode or random crops at test time would change the answers."""
    torch.manual_seed(0)
    model = build_model("vgg", width=0.125)
    model.train()
    for _ in range(3):  # give BatchNorm running statistics unlike any one batch
        model(torch.randn(8, 3, 32, 32) * 3 + 1)
    images = torch.randint(0, 256, (6, 3, 32, 32), dtype=torch.uint8)
    model.train()
    first = predict_logits(model, images, torch.device("cpu"))
    second = predict_logits(model, images[:3], torch.device("cpu"))
    assert not model.training
    assert torch.allclose(first[:3], second, atol=1e-5)  # no batch statistics, no randomness
    assert torch.equal(predict_logits(model, images, torch.device("cpu")), first)
