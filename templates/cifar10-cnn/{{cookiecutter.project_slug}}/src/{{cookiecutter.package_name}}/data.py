"""Read CIFAR-10's python batches into uint8 tensors, from the folder or straight from the archive.

The official files are Python pickles of dicts with byte-string keys: ``data`` is a
uint8 array of N rows of 3072 values (1024 red, then green, then blue, each a
row-major 32x32 plane), ``labels`` a list of ints. Unpickling can run arbitrary
code, so :class:`SafeUnpickler` admits only the few NumPy names an array needs, and
every problem (a truncated file, a wrong archive, a bad shape) becomes one
:class:`DataError` line instead of a traceback.
"""

from __future__ import annotations

import importlib
import io
import pickle
import tarfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from {{ cookiecutter.package_name }}.config import CLASSES, Paths

TRAIN_FILES = tuple(f"data_batch_{number}" for number in range(1, 6))
TEST_FILE = "test_batch"
META_FILE = "batches.meta"
ALLOWED = {
    ("numpy", "ndarray"),
    ("numpy", "dtype"),
    ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"),
    ("_codecs", "encode"),
}


class DataError(ValueError):
    """The data is missing or not in the CIFAR-10 python format; the message says which."""


def first_line(error: BaseException) -> str:
    """An exception's message cut to its first line (tarfile's can span several)."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


class SafeUnpickler(pickle.Unpickler):
    """An unpickler that builds NumPy arrays and plain containers, and nothing else."""

    def find_class(self, module: str, name: str) -> object:
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"refusing to load {module}.{name}")
        if module.startswith("numpy.") and module.endswith("multiarray"):
            # Files written by NumPy 1 name numpy.core, by NumPy 2 numpy._core: use whichever exists.
            module = "numpy._core.multiarray" if hasattr(np, "_core") else "numpy.core.multiarray"
        return getattr(importlib.import_module(module), name)


def read_batch(blob: bytes, name: str) -> dict[str, object]:
    """One batch file's dict, with str keys."""
    try:
        content = SafeUnpickler(io.BytesIO(blob), encoding="bytes").load()
    except Exception as error:  # a damaged pickle can raise almost anything
        reason = f"{type(error).__name__}: {first_line(error)}"
        raise DataError(f"{name} is not a CIFAR-10 python batch ({reason})") from None
    if not isinstance(content, dict):
        raise DataError(f"{name} is not a CIFAR-10 python batch (holds a {type(content).__name__})")
    return {key.decode() if isinstance(key, bytes) else key: value for key, value in content.items()}


def to_tensors(batches: list[dict[str, object]], name: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Images (N, 3, 32, 32) uint8 and labels (N,) int64 of batches read in order."""
    images, labels = [], []
    for content in batches:
        data, found = content.get("data"), content.get("labels")
        if not isinstance(data, np.ndarray) or data.dtype != np.uint8 or data.ndim != 2 or data.shape[1] != 3072:
            raise DataError(f"{name}: 'data' must be a uint8 array of N x 3072, not {getattr(data, 'shape', data)}")
        if not isinstance(found, list | tuple | np.ndarray) or len(found) != len(data):
            count = len(found) if isinstance(found, list | tuple | np.ndarray) else 0
            raise DataError(f"{name}: {len(data)} images but {count} labels")
        wrong = [label for label in found if isinstance(label, bool) or not isinstance(label, int | np.integer)]
        if wrong:
            raise DataError(f"{name}: 'labels' must be integers, found {wrong[0]!r}")
        images.append(data.reshape(-1, 3, 32, 32))
        labels.append(np.asarray(found, dtype=np.int64))
    x = np.concatenate(images)
    y = np.concatenate(labels)
    if y.size and (y.min() < 0 or y.max() >= len(CLASSES)):
        raise DataError(f"{name}: labels must be 0-{len(CLASSES) - 1}, found {y.min()}-{y.max()}")
    return torch.from_numpy(np.ascontiguousarray(x)), torch.from_numpy(y)


@dataclass(frozen=True)
class Cifar:
    """The split data: uint8 images (N, 3, 32, 32), int64 labels, the class names and where it came from."""

    train_x: torch.Tensor
    train_y: torch.Tensor
    test_x: torch.Tensor
    test_y: torch.Tensor
    classes: tuple[str, ...]
    path: Path
    synthetic: bool

    @property
    def name(self) -> str:
        return "CIFAR-10 synthetic sample" if self.synthetic else "CIFAR-10"


def archive_problem(source: Path, error: BaseException) -> str:
    """Why ``source`` is not a readable .tar.gz, in words (tarfile's message lists every method it tried)."""
    with source.open("rb") as handle:
        head = handle.read(12)
    if isinstance(error, EOFError):
        return f"truncated: {first_line(error)}"
    if not head.startswith(b"\x1f\x8b"):
        return f"not gzip-compressed, it starts with {head!r}"
    if isinstance(error, tarfile.ReadError):
        return "gzip-compressed, but no tar archive inside"
    return first_line(error)


def read_files(source: Path) -> dict[str, bytes]:
    """The batch files' bytes by name, from a ``cifar-10-batches-py`` folder or a .tar.gz archive."""
    wanted = {*TRAIN_FILES, TEST_FILE, META_FILE}
    if source.is_dir():
        missing = sorted(name for name in wanted if not (source / name).is_file())
        if missing:
            raise DataError(f"{source} lacks {', '.join(missing)}: run `make data` again")
        return {name: (source / name).read_bytes() for name in wanted}
    if not source.is_file():
        raise DataError(f"no data at {source}: run `make data`, or use the bundled sample")
    try:
        with tarfile.open(source, mode="r:*") as tar:
            files = {}
            for member in tar.getmembers():
                name = Path(member.name).name
                if member.isfile() and name in wanted:
                    files[name] = tar.extractfile(member).read()
    except (tarfile.TarError, OSError, EOFError) as error:
        problem = archive_problem(source, error)
        raise DataError(f"{source.name} is not a readable CIFAR-10 archive ({problem})") from None
    missing = sorted(wanted - set(files))
    if missing:
        raise DataError(f"{source.name} is not the CIFAR-10 python archive: it lacks {', '.join(missing)}")
    return files


def load_cifar(source: Path, synthetic: bool = False) -> Cifar:
    """Load the train and test splits from a batches folder or an archive in the official format."""
    files = read_files(Path(source))
    train_x, train_y = to_tensors([read_batch(files[name], name) for name in TRAIN_FILES], "training batches")
    test_x, test_y = to_tensors([read_batch(files[TEST_FILE], TEST_FILE)], TEST_FILE)
    meta = read_batch(files[META_FILE], META_FILE)
    found = meta.get("label_names")
    if not isinstance(found, list | tuple) or not all(isinstance(name, bytes | str) for name in found):
        raise DataError(f"{META_FILE}: 'label_names' must be a list of names, not {type(found).__name__}")
    try:
        names = tuple(name.decode("utf-8") if isinstance(name, bytes) else name for name in found)
    except UnicodeDecodeError:
        raise DataError(f"{META_FILE}: the label names are not UTF-8 text") from None
    if len(names) != len(CLASSES):
        raise DataError(f"{META_FILE}: expected {len(CLASSES)} label names, found {len(names)}")
    return Cifar(train_x, train_y, test_x, test_y, names, Path(source), synthetic)


def load(paths: Paths) -> Cifar:
    """The real data when `make data` has fetched it, else the bundled synthetic sample."""
    if paths.real_data.is_dir():
        return load_cifar(paths.real_data)
    return load_cifar(paths.sample_data, synthetic=True)


def to_float(images: torch.Tensor, mean: tuple[float, ...], std: tuple[float, ...]) -> torch.Tensor:
    """uint8 (N, 3, H, W) to normalised float32."""
    m = torch.tensor(mean, device=images.device).view(1, 3, 1, 1)
    s = torch.tensor(std, device=images.device).view(1, 3, 1, 1)
    return (images.float() / 255 - m) / s
