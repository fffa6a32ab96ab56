"""Augmentation of whole batches on the training device: no per-image Python loop, no DataLoader workers.

Every function takes a float batch (N, C, H, W) and returns one of the same
shape; labels never change, so the caller keeps them as they are. Training uses
:func:`augment`; evaluation uses none of it (test-time augmentation, when a recipe
asks for it, is the deterministic :func:`shift` and a flip, averaged).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F  # noqa: N812 (the usual name)

from {{ cookiecutter.package_name }}.config import Recipe


def random_crop(images: torch.Tensor, padding: int) -> torch.Tensor:
    """Pad by reflection and take a random crop of the original size per image (a random translation)."""
    if padding <= 0:
        return images
    n, c, h, w = images.shape
    padded = F.pad(images, (padding,) * 4, mode="reflect")
    dy = torch.randint(0, 2 * padding + 1, (n,), device=images.device)
    dx = torch.randint(0, 2 * padding + 1, (n,), device=images.device)
    rows = (dy[:, None] + torch.arange(h, device=images.device))[:, None, :, None]
    cols = (dx[:, None] + torch.arange(w, device=images.device))[:, None, None, :]
    batch = torch.arange(n, device=images.device)[:, None, None, None]
    channel = torch.arange(c, device=images.device)[None, :, None, None]
    return padded[batch, channel, rows, cols]


def random_flip(images: torch.Tensor) -> torch.Tensor:
    """Mirror a random half of the images left to right."""
{%- if cookiecutter.flavor == "starter" %}
    raise NotImplementedError(
        "Exercise (augment.random_flip): mirror a random half of the batch left to right "
        "(images are N x C x H x W; flip the last dimension). tests/test_augment.py checks it."
    )
{%- else %}
    flip = torch.rand(images.shape[0], device=images.device) < 0.5
    return torch.where(flip[:, None, None, None], images.flip(3), images)
{%- endif %}


def random_rotation(images: torch.Tensor, degrees: float) -> torch.Tensor:
    """Rotate each image by a random angle in [-degrees, degrees] (bilinear, zeros outside)."""
    if degrees <= 0:
        return images
    angles = (torch.rand(images.shape[0], device=images.device) * 2 - 1) * math.radians(degrees)
    cos, sin = torch.cos(angles), torch.sin(angles)
    zero = torch.zeros_like(cos)
    theta = torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1)
    grid = F.affine_grid(theta.to(images.dtype), list(images.shape), align_corners=False)
    return F.grid_sample(images, grid, align_corners=False)


def cutout(images: torch.Tensor, size: int) -> torch.Tensor:
    """Zero one random square of side ``size`` per image (it may hang over the border)."""
    if size <= 0:
        return images
    n, _, h, w = images.shape
    cy = torch.randint(0, h, (n, 1, 1), device=images.device)
    cx = torch.randint(0, w, (n, 1, 1), device=images.device)
    ys = torch.arange(h, device=images.device)[None, :, None]
    xs = torch.arange(w, device=images.device)[None, None, :]
    hole = ((ys - cy).abs() <= size // 2) & ((xs - cx).abs() <= size // 2)
    return images.masked_fill(hole[:, None], 0.0)


def augment(images: torch.Tensor, recipe: Recipe) -> torch.Tensor:
    """The recipe's training augmentation of a normalised batch."""
    images = random_crop(images, recipe.crop_padding)
    if recipe.flip:
        images = random_flip(images)
    images = random_rotation(images, recipe.rotation)
    return cutout(images, recipe.cutout)


def shift(images: torch.Tensor, dy: int, dx: int) -> torch.Tensor:
    """Translate every image by (dy, dx) pixels, filling by reflection (test-time augmentation)."""
    pad = max(abs(dy), abs(dx))
    if pad == 0:
        return images
    h, w = images.shape[-2:]
    padded = F.pad(images, (pad,) * 4, mode="reflect")
    return padded[..., pad - dy : pad - dy + h, pad - dx : pad - dx + w]
