"""The networks, selected by name: a simple CNN, a VGG-style net, a CIFAR ResNet-18, an airbench-style net.

``build_model(name, width)`` returns any of them for 3x32x32 inputs and 10
classes; ``width`` scales every layer's channels, so the same architecture can be
compared on a CPU budget. :func:`count_parameters` gives the sizes quoted in the
comparison table.
"""

from __future__ import annotations

import torch
from torch import nn


class SimpleCNN(nn.Module):
    """One 3x3 convolution, a 2x2 max-pool and two linear layers.

    The convolution is padded: without padding a 3x3 kernel turns 32x32 into 30x30
    and the pool gives 15x15, so a first linear layer sized for 16x16 would fail.
    """

    def __init__(self, num_classes: int = 10, width: float = 1.0, hidden: int = 128):
        super().__init__()
        channels = max(8, int(32 * width))
        self.conv = nn.Conv2d(3, channels, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.features_shape = (channels, 16, 16)
        self.fc1 = nn.Linear(channels * 16 * 16, hidden)
        self.fc2 = nn.Linear(hidden, num_classes)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.pool(torch.relu(self.conv(x)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.relu(self.fc1(self.features(x).flatten(1))))


def conv_bn(cin: int, cout: int) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class VGG(nn.Module):
    """VGG-style: pairs of 3x3 conv-BN-ReLU, max-pools between, global pooling and one linear layer."""

    def __init__(self, num_classes: int = 10, width: float = 1.0):
        super().__init__()
        sizes = [max(8, int(c * width)) for c in (64, 128, 256, 512)]
        layers: list[nn.Module] = []
        cin = 3
        for index, cout in enumerate(sizes):
            layers += conv_bn(cin, cout) + conv_bn(cout, cout)
            if index < len(sizes) - 1:
                layers.append(nn.MaxPool2d(2))
            cin = cout
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


class BasicBlock(nn.Module):
    """Two 3x3 conv-BN layers with an identity (or 1x1 projection) shortcut."""

    def __init__(self, cin: int, cout: int, stride: int):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut: nn.Module = nn.Identity()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class ResNet18(nn.Module):
    """ResNet-18 for 32x32 inputs: a 3x3 stem without max-pool, four stages of two blocks."""

    def __init__(self, num_classes: int = 10, width: float = 1.0):
        super().__init__()
        sizes = [max(8, int(c * width)) for c in (64, 128, 256, 512)]
        self.stem = nn.Sequential(*conv_bn(3, sizes[0]))
        blocks, cin = [], sizes[0]
        for index, cout in enumerate(sizes):
            stride = 1 if index == 0 else 2
            blocks += [BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)]
            cin = cout
        self.layers = nn.Sequential(*blocks)
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.layers(self.stem(x)))


class AirbenchNet(nn.Module):
    """The airbench-style network (Keller Jordan's CIFAR-10 speedruns), in outline.

    A frozen 2x2 patch-whitening convolution (set from the training images by
    :meth:`init_whitening`), then three conv-pool-BN-GELU groups and a scaled
    linear head.
    """

    def __init__(self, num_classes: int = 10, width: float = 1.0):
        super().__init__()
        widths = [max(8, int(c * width)) for c in (64, 256, 256)]
        self.whiten = nn.Conv2d(3, 24, kernel_size=2, padding=0, bias=True)
        self.whiten.weight.requires_grad_(False)
        groups: list[nn.Module] = []
        cin = 24
        for cout in widths:
            groups += [
                nn.Conv2d(cin, cout, 3, padding="same", bias=False),
                nn.MaxPool2d(2),
                nn.BatchNorm2d(cout),
                nn.GELU(),
                nn.Conv2d(cout, cout, 3, padding="same", bias=False),
                nn.BatchNorm2d(cout),
                nn.GELU(),
            ]
            cin = cout
        self.layers = nn.Sequential(*groups)
        self.head = nn.Linear(cin, num_classes, bias=False)
        self.scale = 1 / 9

    @torch.no_grad()
    def init_whitening(self, images: torch.Tensor, eps: float = 5e-4) -> None:
        """Set the first layer to whiten 2x2 patches of ``images`` (normalised floats, N x 3 x H x W)."""
        patches = images.unfold(2, 2, 1).unfold(3, 2, 1).transpose(1, 3).reshape(-1, 3, 2, 2).float()
        flat = patches.flatten(1)
        covariance = torch.cov(flat.T)
        eigenvalues, eigenvectors = torch.linalg.eigh(covariance)
        filters = (eigenvectors.T / torch.sqrt(eigenvalues + eps)[:, None]).reshape(12, 3, 2, 2).flip(0)
        self.whiten.weight.copy_(torch.cat([filters, -filters]).to(self.whiten.weight))
        self.whiten.bias.zero_()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = nn.functional.gelu(self.whiten(x))
        x = self.layers(x)
        return self.head(torch.amax(x, dim=(2, 3))) * self.scale


MODELS: dict[str, type[nn.Module]] = {
    "simple": SimpleCNN,
    "vgg": VGG,
    "resnet18": ResNet18,
    "airbench": AirbenchNet,
}


def build_model(name: str, width: float = 1.0, num_classes: int = 10) -> nn.Module:
    """A fresh network by name (see MODELS)."""
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}: choose from {', '.join(MODELS)}")
    return MODELS[name](num_classes=num_classes, width=width)


def count_parameters(model: nn.Module) -> int:
    """Trainable and frozen weights together: the model's size on disk, in numbers."""
    return sum(parameter.numel() for parameter in model.parameters())


def first_conv(model: nn.Module) -> nn.Conv2d:
    """The first learned 3-channel convolution (its filters are drawn in results/filters.png)."""
    for module in model.modules():
        if isinstance(module, nn.Conv2d) and module.in_channels == 3 and module.weight.requires_grad:
            return module
    return next(m for m in model.modules() if isinstance(m, nn.Conv2d))


def last_conv(model: nn.Module) -> nn.Conv2d:
    """The last convolution: the layer Grad-CAM looks at."""
    return [m for m in model.modules() if isinstance(m, nn.Conv2d)][-1]
