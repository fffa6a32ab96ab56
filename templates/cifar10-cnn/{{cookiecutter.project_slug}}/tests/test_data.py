"""The loader on tiny archives in the exact format of the official files, and its one-line errors."""

from __future__ import annotations

import io
import os
import pickle
import tarfile

import pytest
import torch
from conftest import SAMPLE, batch_files, write_archive

from {{ cookiecutter.package_name }}.config import CLASSES
from {{ cookiecutter.package_name }}.data import DataError, load, load_cifar


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


def test_truncated_archive_is_a_one_line_error(tiny_archive, tmp_path):
    blob = tiny_archive().read_bytes()
    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(blob[: len(blob) // 2])
    assert "cut.tar.gz" in one_line_error(cut)


def test_wrong_archive_is_a_one_line_error(tmp_path):
    wrong = write_archive(tmp_path / "wrong.tar.gz", {"readme.txt": b"hello"})
    assert "lacks" in one_line_error(wrong)
    text = tmp_path / "text.tar.gz"
    text.write_text("not an archive", encoding="utf-8")
    one_line_error(text)


def test_corrupt_batch_is_a_one_line_error(tmp_path):
    files = batch_files()
    files["data_batch_3"] = files["data_batch_3"][:100]
    assert "data_batch_3" in one_line_error(write_archive(tmp_path / "bad.tar.gz", files))


def test_wrong_shape_is_a_one_line_error(tmp_path):
    files = batch_files()
    content = pickle.loads(files["test_batch"], encoding="bytes")
    content[b"data"] = content[b"data"][:, :100]
    files["test_batch"] = pickle.dumps(content, protocol=2)
    assert "3072" in one_line_error(write_archive(tmp_path / "shape.tar.gz", files))


def test_pickles_that_run_code_are_refused(tmp_path):
    class Exploit:
        def __reduce__(self):
            return (os.system, ("echo owned",))

    files = batch_files()
    files["batches.meta"] = pickle.dumps(Exploit(), protocol=2)
    assert "refusing" in one_line_error(write_archive(tmp_path / "evil.tar.gz", files))


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
