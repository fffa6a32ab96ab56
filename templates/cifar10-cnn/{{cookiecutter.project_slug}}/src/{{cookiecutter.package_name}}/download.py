"""Fetch the official CIFAR-10 python archive into data/raw/ with only the standard library (`make data`).

The download streams into ``<archive>.part`` with a progress line, resumes a
partial file when the server honours HTTP ranges (else starts over cleanly), and
becomes the archive only after its MD5 matches the published one, so an
interrupted or corrupt download never looks finished. Unpacking goes to a
temporary folder that is renamed into place at the end.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from {{ cookiecutter.package_name }}.config import Paths
from {{ cookiecutter.package_name }}.data import DataError, load_cifar

URL = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
MD5 = "c58f30108f718f92721af3b95e74349a"
CHUNK = 1 << 20


def md5sum(path: Path) -> str:
    digest = hashlib.md5()  # noqa: S324 (the checksum the dataset publishes)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def progress_bar(done: int, total: int | None) -> None:
    """One self-overwriting line on stderr."""
    if total:
        filled = int(30 * done / total)
        line = f"\r[{'#' * filled}{'.' * (30 - filled)}] {done / 1e6:6.1f} / {total / 1e6:.1f} MB"
    else:
        line = f"\r{done / 1e6:6.1f} MB"
    print(line, end="", file=sys.stderr, flush=True)


def fetch(url: str, target: Path, md5: str, report: Callable[[int, int | None], None] = progress_bar) -> Path:
    """Download ``url`` to ``target`` (atomically, MD5-checked, resuming a partial file)."""
    if target.exists() and md5sum(target) == md5:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"Range": f"bytes={have}-"} if have else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            resumed = have and response.status == 206
            mode, done = ("ab", have) if resumed else ("wb", 0)
            length = response.headers.get("Content-Length")
            total = int(length) + done if length else None
            with part.open(mode) as handle:
                for block in iter(lambda: response.read(CHUNK), b""):
                    handle.write(block)
                    done += len(block)
                    report(done, total)
    except (urllib.error.URLError, OSError) as error:
        raise DataError(f"download of {url} failed ({error}); run `make data` again to resume") from None
    finally:
        print(file=sys.stderr)
    found = md5sum(part)
    if found != md5:
        part.unlink()
        raise DataError(f"{url} has MD5 {found}, expected {md5}: the partial file was removed, run `make data` again")
    part.replace(target)
    return target


def unpack(archive: Path, destination: Path) -> Path:
    """Unpack the batches folder of ``archive`` next to it, replacing any older copy."""
    load_cifar(archive)  # one-line error now for a wrong or damaged archive, before touching anything
    with tempfile.TemporaryDirectory(dir=destination.parent) as scratch:
        with tarfile.open(archive, mode="r:*") as tar:
            members = [m for m in tar.getmembers() if m.isfile() and Path(m.name).parent.name == destination.name]
            for member in members:
                source = tar.extractfile(member)
                (Path(scratch) / Path(member.name).name).write_bytes(source.read())
        shutil.rmtree(destination, ignore_errors=True)
        Path(scratch).rename(destination)
        Path(scratch).mkdir()  # so TemporaryDirectory finds something to clean up
    return destination


def download(paths: Paths, url: str = URL, md5: str = MD5) -> Path:
    """`make data`: fetch and unpack the real CIFAR-10 into data/raw/cifar-10-batches-py/."""
    return unpack(fetch(url, paths.archive, md5), paths.real_data)
