"""Batch augmentation keeps shapes and content; evaluation-time shifts are deterministic."""

from __future__ import annotations

import torch

from {{ cookiecutter.package_name }} import augment as aug
from {{ cookiecutter.package_name }}.config import RECIPES


def batch(n: int = 16) -> torch.Tensor:
    torch.manual_seed(0)
    return torch.randn(n, 3, 32, 32)


def test_every_recipe_keeps_the_batch_shape():
    images = batch()
    for recipe in RECIPES.values():
        out = aug.augment(images, recipe.with_(rotation=10.0, cutout=8))
        assert out.shape == images.shape and out.dtype == images.dtype and torch.isfinite(out).all()


def test_crop_is_a_translation_of_each_image():
    images = batch(8)
    out = aug.random_crop(images, 4)
    for original, moved in zip(images, out, strict=True):
        centre = moved[:, 8:24, 8:24]  # never touched by the reflected border for shifts up to 4
        found = any(
            torch.equal(centre, original[:, 8 + dy : 24 + dy, 8 + dx : 24 + dx])
            for dy in range(-4, 5)
            for dx in range(-4, 5)
        )
        assert found
    assert torch.equal(aug.random_crop(images, 0), images)


def test_flip_mirrors_some_images_and_keeps_the_others():
    images = batch(64)
    out = aug.random_flip(images)
    mirrored = [torch.equal(o, i.flip(2)) for o, i in zip(out, images, strict=True)]
    kept = [torch.equal(o, i) for o, i in zip(out, images, strict=True)]
    assert all(m or k for m, k in zip(mirrored, kept, strict=True)) and any(mirrored) and any(kept)


def test_rotation_and_cutout():
    images = batch()
    assert torch.equal(aug.random_rotation(images, 0), images)
    rotated = aug.random_rotation(images, 30)
    assert rotated.shape == images.shape and not torch.equal(rotated, images)
    holes = aug.cutout(torch.ones(16, 3, 32, 32), 8)
    zeros = (holes == 0).all(1).sum(dim=(1, 2))
    assert ((zeros > 0) & (zeros <= 81)).all()


def test_shift_moves_pixels_deterministically():
    images = batch(2)
    assert torch.equal(aug.shift(images, 0, 0), images)
    moved = aug.shift(images, 1, 2)
    assert torch.equal(moved[..., 1:, 2:], images[..., :-1, :-2])
    assert torch.equal(aug.shift(images, 1, 2), moved)
