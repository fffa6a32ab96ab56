"""`make data`, served for real by a local HTTP server that speaks byte ranges (no internet needed)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from {{ cookiecutter.package_name }}.data import DataError, load
from {{ cookiecutter.package_name }}.download import download, fetch


@contextmanager
def serving(blob: bytes, ranges: bool = True) -> Iterator[str]:
    """Serve ``blob`` at /cifar-10-python.tar.gz; honour Range headers when ``ranges``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            start = 0
            header = self.headers.get("Range")
            if ranges and header and header.startswith("bytes="):
                start = int(header[6:].split("-")[0])
                self.send_response(206)
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(blob) - start))
            self.end_headers()
            self.wfile.write(blob[start:])

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/cifar-10-python.tar.gz"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def quiet(done: int, total: int | None) -> None:
    pass


def test_download_checks_unpacks_and_switches_to_real_data(tiny_archive, project):
    blob = tiny_archive().read_bytes()
    with serving(blob) as url:
        folder = download(project, url, hashlib.md5(blob).hexdigest())
    assert folder == project.real_data and (folder / "data_batch_5").is_file()
    assert project.archive.read_bytes() == blob
    assert not list(project.raw.glob("*.part"))
    assert not load(project).synthetic


def test_wrong_checksum_leaves_nothing_behind(tiny_archive, tmp_path):
    target = tmp_path / "raw" / "cifar-10-python.tar.gz"
    with serving(tiny_archive().read_bytes()) as url, pytest.raises(DataError, match="MD5"):
        fetch(url, target, "0" * 32, report=quiet)
    assert not target.exists() and not list(target.parent.iterdir())


@pytest.mark.parametrize("ranges", [True, False])
def test_partial_download_resumes_or_restarts_cleanly(tiny_archive, tmp_path, ranges):
    blob = tiny_archive().read_bytes()
    target = tmp_path / "cifar-10-python.tar.gz"
    target.with_name(target.name + ".part").write_bytes(blob[: len(blob) // 3])
    with serving(blob, ranges=ranges) as url:
        fetch(url, target, hashlib.md5(blob).hexdigest(), report=quiet)
    assert target.read_bytes() == blob


def test_unreachable_server_is_a_one_line_error(tmp_path):
    with pytest.raises(DataError, match="make data") as caught:
        fetch("http://127.0.0.1:9/none.tar.gz", tmp_path / "x.tar.gz", "0" * 32, report=quiet)
    assert "\n" not in str(caught.value)
