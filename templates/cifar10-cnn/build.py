"""The cifar10-cnn kind's derived file: its bundled sample of synthetic images in the CIFAR-10 format.

The real CIFAR-10 (163 MB) cannot ship inside every generated project and nothing in
CI reaches the internet. This makes a deterministic stand-in in the exact format of
the official python archive: a gzipped tar holding ``cifar-10-batches-py/`` with
``data_batch_1`` ... ``data_batch_5``, ``test_batch`` and ``batches.meta``, each a
pickled dict with byte-string keys, ``data`` a uint8 array of N rows of 3072 values
(1024 red, 1024 green, 1024 blue, row-major 32x32). Every image is synthetic: one
shape per class (disc, square, triangle, ...) in a class-dependent colour, with
random position, size, background and texture, so a small CNN can learn the classes
and "the model learns" is testable offline. File names and batch labels say
"synthetic".

scripts/sync.py calls :func:`build`. Writing regenerates the archive; checking
validates the committed one by its schema and statistics, not its bytes, which
depend on NumPy's random stream and pickle details.
"""

from __future__ import annotations

import gzip
import io
import pickle
import tarfile
from pathlib import Path

import numpy as np

TARGET = Path(__file__).resolve().parent / "{{cookiecutter.project_slug}}/data/sample/cifar-10-synthetic-sample.tar.gz"
FOLDER = "cifar-10-batches-py"
CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
SHAPES = ["disc", "square", "triangle", "ring", "cross", "hstripes", "vstripes", "diagonal", "checker", "dots"]
TRAIN_BATCHES = 5
PER_TRAIN_BATCH = 200
TEST_ROWS = 300
SEED = 20_240
MAX_BYTES = 2_000_000
# A base colour per class (RGB); the shape and colour together identify the class.
COLOURS = np.array(
    [
        [220, 60, 50],
        [60, 160, 220],
        [240, 200, 40],
        [150, 70, 200],
        [60, 190, 90],
        [230, 120, 30],
        [40, 90, 200],
        [200, 60, 150],
        [90, 210, 200],
        [160, 160, 60],
    ],
    dtype=float,
)


def shape_mask(shape: str, rng: np.random.Generator) -> np.ndarray:
    """A 32x32 boolean mask of one shape at a random place and size."""
    yy, xx = np.mgrid[0:32, 0:32].astype(float)
    cy, cx = rng.uniform(11, 21, 2)
    r = rng.uniform(6, 10)
    dy, dx = yy - cy, xx - cx
    box = (np.abs(dy) <= r) & (np.abs(dx) <= r)
    if shape == "disc":
        return dy**2 + dx**2 <= r**2
    if shape == "square":
        return box
    if shape == "triangle":
        return (dy <= r) & (dy >= -r) & (np.abs(dx) <= (dy + r) / 2)
    if shape == "ring":
        d = np.sqrt(dy**2 + dx**2)
        return (d <= r) & (d >= r * 0.55)
    if shape == "cross":
        return ((np.abs(dy) <= r / 3.5) & (np.abs(dx) <= r)) | ((np.abs(dx) <= r / 3.5) & (np.abs(dy) <= r))
    if shape == "hstripes":
        return box & ((yy // 3) % 2 == 0)
    if shape == "vstripes":
        return box & ((xx // 3) % 2 == 0)
    if shape == "diagonal":
        return box & (((yy + xx) // 3) % 2 == 0)
    if shape == "checker":
        return box & (((yy // 4) + (xx // 4)) % 2 == 0)
    return ((dy % 8) - 4) ** 2 + ((dx % 8) - 4) ** 2 <= 5  # dots over the whole image


def make_images(labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """uint8 images (N, 3, 32, 32) for the given labels."""
    images = np.empty((len(labels), 3, 32, 32), dtype=np.uint8)
    for index, label in enumerate(labels):
        background = rng.uniform(40, 200) + rng.normal(0, 25, 3)
        gradient = np.linspace(-1, 1, 32)[None, :, None] * rng.normal(0, 20, 3)[None, None, :]
        canvas = background[None, None, :] + gradient.repeat(32, axis=0)
        colour = COLOURS[label] + rng.normal(0, 28, 3)
        mask = shape_mask(SHAPES[label], rng)
        canvas[mask] = colour
        texture = rng.normal(0, 10, (8, 8, 3)).repeat(4, axis=0).repeat(4, axis=1)
        canvas = np.clip(canvas + texture, 0, 255)
        images[index] = np.round(canvas).astype(np.uint8).transpose(2, 0, 1)
    return images


def batch(name: str, images: np.ndarray, labels: np.ndarray, start: int) -> dict:
    """One pickled batch's dict, with the real files' keys (byte strings)."""
    return {
        b"batch_label": name.encode(),
        b"labels": [int(label) for label in labels],
        b"data": images.reshape(len(images), 3072),
        b"filenames": [f"synthetic_{SHAPES[label]}_{start + i:05d}.png".encode() for i, label in enumerate(labels)],
    }


def make_batches(seed: int = SEED) -> dict[str, dict]:
    """Every member of the archive, by file name inside ``cifar-10-batches-py/``."""
    rng = np.random.default_rng(seed)
    members: dict[str, dict] = {}
    for number in range(1, TRAIN_BATCHES + 1):
        labels = rng.permutation(np.arange(PER_TRAIN_BATCH) % len(CLASSES))
        images = make_images(labels, rng)
        name = f"synthetic training batch {number} of {TRAIN_BATCHES}"
        members[f"data_batch_{number}"] = batch(name, images, labels, (number - 1) * PER_TRAIN_BATCH)
    labels = rng.permutation(np.arange(TEST_ROWS) % len(CLASSES))
    members["test_batch"] = batch("synthetic testing batch 1 of 1", make_images(labels, rng), labels, 0)
    members["batches.meta"] = {
        b"num_cases_per_batch": PER_TRAIN_BATCH,
        b"label_names": [name.encode() for name in CLASSES],
        b"num_vis": 3072,
    }
    return members


def archive(members: dict[str, dict]) -> bytes:
    """A gzipped tar of the pickled members, with fixed times so it is reproducible."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, content in members.items():
            data = pickle.dumps(content, protocol=2)
            info = tarfile.TarInfo(f"{FOLDER}/{name}")
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), compresslevel=9, mtime=0)


def problems(blob: bytes) -> list[str]:
    """What is wrong with a sample archive, judged by schema and statistics."""
    if len(blob) > MAX_BYTES:
        return [f"sample is {len(blob):,} bytes, over {MAX_BYTES:,}"]
    try:
        with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
            members = {
                Path(m.name).name: pickle.loads(tar.extractfile(m).read(), encoding="bytes")  # noqa: S301
                for m in tar.getmembers()
                if m.isfile()
            }
    except (tarfile.TarError, OSError, pickle.UnpicklingError, EOFError) as error:
        return [f"sample archive unreadable: {error}"]
    expected = {f"data_batch_{n}" for n in range(1, TRAIN_BATCHES + 1)} | {"test_batch", "batches.meta"}
    if set(members) != expected:
        return [f"sample members {sorted(members)} differ from {sorted(expected)}"]
    found = []
    if [name.decode() for name in members["batches.meta"][b"label_names"]] != CLASSES:
        found.append("batches.meta label_names are not the CIFAR-10 classes")
    images, labels = [], []
    for name in sorted(expected - {"batches.meta"}):
        content = members[name]
        data, rows = content[b"data"], len(content[b"labels"])
        if not (isinstance(data, np.ndarray) and data.dtype == np.uint8 and data.shape == (rows, 3072)):
            found.append(f"{name}: data is not a uint8 array of {rows} x 3072")
            continue
        if b"synthetic" not in content[b"batch_label"] or not all(b"synthetic" in f for f in content[b"filenames"]):
            found.append(f"{name}: not labelled synthetic")
        images.append(data.reshape(rows, 3, 32, 32).astype(float))
        labels.append(np.asarray(content[b"labels"]))
    if found:
        return found
    x, y = np.concatenate(images), np.concatenate(labels)
    counts = np.bincount(y, minlength=len(CLASSES))
    if len(y) != TRAIN_BATCHES * PER_TRAIN_BATCH + TEST_ROWS or counts.min() < 0.9 * counts.max():
        found.append(f"class counts {counts.tolist()} are not balanced over {len(y)} images")
    if not 60 < x.mean() < 190 or not 30 < x.std() < 90:
        found.append(f"pixel mean {x.mean():.1f} / std {x.std():.1f} out of the expected range")
    # Learnable: the classes' mean images must differ clearly (shape and colour depend on the class).
    means = np.stack([x[y == k].mean(axis=0) for k in range(len(CLASSES))])
    gaps = [np.abs(means[i] - means[j]).mean() for i in range(len(CLASSES)) for j in range(i)]
    if min(gaps) < 5:
        found.append(f"two classes look alike on average (mean absolute gap {min(gaps):.1f})")
    return found


def build(*, check: bool) -> list[str]:
    """Write the sample archive, or (check) return what is wrong with the committed one."""
    if check:
        if not TARGET.exists():
            return [f"missing {TARGET.name}: run python scripts/sync.py"]
        return problems(TARGET.read_bytes())
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(archive(make_batches()))
    return []
