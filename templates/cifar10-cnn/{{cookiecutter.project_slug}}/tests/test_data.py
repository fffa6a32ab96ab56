"""The loader on tiny archives in the exact format of the official files, and its one-line errors."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import pickle
import tarfile
from pathlib import Path

import numpy as np
import pytest
import torch
from conftest import SAMPLE, batch_files, write_archive

from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.config import CLASSES
from {{ cookiecutter.package_name }}.data import DataError, load, load_cifar
from {{ cookiecutter.package_name }}.download import download


def test_loader_reads_the_official_format(tiny_archive):
    data = load_cifar(tiny_archive(per_batch=4, test_rows=5))
    assert data.train_x.shape == (20, 3, 32, 32) and data.train_x.dtype == torch.uint8
    assert data.test_x.shape == (5, 3, 32, 32) and data.test_y.dtype == torch.int64
    assert data.classes == CLASSES and not data.synthetic


def test_images_keep_their_labels_and_batch_order(tiny_archive):
    data = load_cifar(tiny_archive(per_batch=4, test_rows=5))
    for images, labels in ((data.train_x, data.train_y), (data.test_x, data.test_y)):
        label_from_pixels = images[:, 0, 0, 0].long() // 20
        assert torch.equal(label_from_pixels, labels)
        assert (images == images[:, :1, :1, :1]).all()  # every pixel and channel: the row-major layout
    batch_of_each = data.train_x[:, 0, 0, 0].long() % 20
    assert batch_of_each.tolist() == [n for n in range(1, 6) for _ in range(4)]


def test_loader_reads_the_unpacked_folder(tmp_path):
    folder = tmp_path / "cifar-10-batches-py"
    folder.mkdir()
    for name, blob in batch_files().items():
        (folder / name).write_bytes(blob)
    assert len(load_cifar(folder).train_x) == 20


def one_line_error(source) -> str:
    with pytest.raises(DataError) as caught:
        load_cifar(source)
    message = str(caught.value)
    assert "\n" not in message
    return message


class Exploit:
    """A pickle that runs a command when loaded."""

    def __reduce__(self):
        return (os.system, ("echo owned",))


def changed(name: str, **entries: object) -> dict[str, bytes]:
    """The tiny batch files, with entries of one file's dict replaced."""
    files = batch_files()
    content = pickle.loads(files[name], encoding="bytes")
    content.update({key.encode(): value for key, value in entries.items()})
    files[name] = pickle.dumps(content, protocol=2)
    return files


def replaced(name: str, blob: bytes | None) -> dict[str, bytes]:
    """The tiny batch files with one file's bytes replaced (None: the file is missing)."""
    files = batch_files()
    if blob is None:
        del files[name]
    else:
        files[name] = blob
    return files


def archive_bytes(files: dict[str, bytes], tmp: Path) -> bytes:
    return write_archive(tmp / "archive.tar.gz", files).read_bytes()


TEST_ROWS = 5
# Each case: (where the bad input is, how to make it, the words of the error). "archive": the file
# `make data` downloads (data/raw/cifar-10-python.tar.gz); "folder": the unpacked batches that
# `make all` reads (data/raw/cifar-10-batches-py/).
BAD_INPUT = [
    ("archive", lambda tmp: archive_bytes(batch_files(), tmp)[:600], "not a readable CIFAR-10 archive"),
    ("archive", lambda tmp: b"<html><body>Service unavailable</body></html>", "not a readable CIFAR-10 archive"),
    ("archive", lambda tmp: gzip.compress(b"not a tar file " * 100), "not a readable CIFAR-10 archive"),
    ("archive", lambda tmp: archive_bytes({"readme.txt": b"hello"}, tmp), "lacks"),
    ("folder", lambda tmp: replaced("data_batch_3", None), "lacks data_batch_3"),
    ("folder", lambda tmp: replaced("data_batch_1", b""), "data_batch_1 is not a CIFAR-10 python batch"),
    ("folder", lambda tmp: replaced("data_batch_3", batch_files()["data_batch_3"][:100]), "data_batch_3 is not a"),
    ("folder", lambda tmp: replaced("test_batch", pickle.dumps([1, 2, 3], protocol=2)), "holds a list"),
    ("folder", lambda tmp: changed("test_batch", data=np.zeros((TEST_ROWS, 100), np.uint8)), "N x 3072"),
    ("folder", lambda tmp: changed("test_batch", data=np.zeros((TEST_ROWS, 3072), np.float32)), "uint8"),
    ("folder", lambda tmp: changed("test_batch", labels=["cat"] * TEST_ROWS), "must be integers, found 'cat'"),
    ("folder", lambda tmp: changed("test_batch", labels=[10] * TEST_ROWS), "labels must be 0-9"),
    ("folder", lambda tmp: changed("test_batch", labels=[1]), "5 images but 1 labels"),
    ("folder", lambda tmp: changed("batches.meta", label_names=[b"caf\xe9"] * 10), "not UTF-8"),
    ("folder", lambda tmp: changed("batches.meta", label_names=[b"cat"] * 3), "expected 10 label names"),
    ("folder", lambda tmp: replaced("batches.meta", pickle.dumps(Exploit(), protocol=2)), "refusing"),
]
IDS = [
    "truncated-archive",
    "not-gzip",
    "gzip-but-not-tar",
    "archive-without-the-batches",
    "missing-batch-file",
    "empty-batch-file",
    "truncated-batch",
    "batch-not-a-dict",
    "wrong-shape",
    "wrong-pixel-type",
    "text-labels",
    "labels-out-of-range",
    "fewer-labels-than-images",
    "non-utf8-label-names",
    "too-few-label-names",
    "pickle-that-runs-code",
]


def files_under(folder: Path) -> list[str]:
    """Every file below ``folder`` (hidden ones too), relative to it."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize(("where", "make", "message"), BAD_INPUT, ids=IDS)
def test_bad_input_is_one_clear_line_and_writes_nothing(project, tmp_path, capsys, where, make, message):
    """A truncated, foreign or malformed download, or batches of the wrong shape, type or encoding:
    one error line naming the problem, nothing unpacked, trained or written in results/ or data/processed/."""
    content = make(tmp_path)
    if where == "archive":
        source = tmp_path / "served" / "cifar-10-python.tar.gz"
        source.parent.mkdir()
        source.write_bytes(content)
        with pytest.raises(DataError) as caught:
            download(project, url=source.as_uri(), md5=hashlib.md5(content).hexdigest())  # noqa: S324
        error = str(caught.value)
        assert not project.real_data.exists()
        assert files_under(project.raw) == [project.archive.name]  # the download itself, nothing half unpacked
    else:
        project.real_data.mkdir(parents=True)
        for name, blob in content.items():
            (project.real_data / name).write_bytes(blob)
        assert main(["--root", str(project.root), "all", "--device", "cpu", "--no-progress"]) == 1
        error = capsys.readouterr().err.strip()
        assert error.startswith("error: ")
    assert message in error and "\n" not in error, error
    assert files_under(project.results) == [] and files_under(project.root / "data" / "processed") == []
    assert not project.models.exists()


def test_missing_data_is_a_one_line_error(tmp_path):
    assert "make data" in one_line_error(tmp_path / "absent.tar.gz")


def test_bundled_sample_is_synthetic_balanced_and_in_the_real_format(project):
    data = load(project)
    assert data.synthetic and "synthetic" in data.name
    assert len(data.train_x) == 1000 and len(data.test_x) == 300
    assert torch.bincount(data.train_y, minlength=10).min() == 100
    with tarfile.open(SAMPLE) as tar:
        names = {member.name for member in tar.getmembers()}
        content = pickle.load(io.BytesIO(tar.extractfile("cifar-10-batches-py/data_batch_1").read()), encoding="bytes")
    assert "cifar-10-batches-py/batches.meta" in names
    assert all(b"synthetic" in name for name in content[b"filenames"])


def test_real_data_is_preferred_once_unpacked(project):
    project.real_data.mkdir(parents=True)
    for name, blob in batch_files().items():
        (project.real_data / name).write_bytes(blob)
    data = load(project)
    assert not data.synthetic and len(data.train_x) == 20
