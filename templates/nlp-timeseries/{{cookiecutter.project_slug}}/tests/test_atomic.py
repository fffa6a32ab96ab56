{#- synced from templates/_common/project/tests/test_atomic.py by scripts/sync.py -#}
"""Outputs are written all at once or not at all, even when the process dies mid-write."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.atomic import atomic_path, write_json


def test_a_completed_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "results" / "metrics.json"
    write_json(target, {"old": True})
    write_json(target, {"new": "ü 🚀"})
    assert json.loads(target.read_text("utf-8")) == {"new": "ü 🚀"}
    assert [path.name for path in target.parent.iterdir()] == ["metrics.json"]


def test_an_error_mid_write_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path):
    target = tmp_path / "model.joblib"
    target.write_bytes(b"complete old model")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half of a new mod")
        raise RuntimeError("stopped half-way")
    assert target.read_bytes() == b"complete old model"
    assert [path.name for path in tmp_path.iterdir()] == ["model.joblib"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_a_process_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path):
    target = tmp_path / "metrics.json"
    write_json(target, {"run": 1})
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from {{ cookiecutter.package_name }}.atomic import atomic_path\n"
        "with atomic_path(Path(sys.argv[1])) as temporary:\n"
        "    temporary.write_text('{\"run\": 2, \"trunc', encoding='utf-8')\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(target)], check=False)
    assert killed.returncode == -signal.SIGKILL
    assert json.loads(target.read_text("utf-8")) == {"run": 1}
    # The killed writer's temporary file is left behind, hidden (a dot file), never under the target's name.
    assert all(path.name.startswith(".metrics-") for path in tmp_path.iterdir() if path != target)


def test_the_temporary_keeps_the_suffix_for_format_sniffing_libraries(tmp_path: Path):
    with atomic_path(tmp_path / "model_performance.png") as temporary:
        assert temporary.suffix == ".png" and temporary.name.startswith(".")
        assert temporary.parent == tmp_path
        temporary.write_bytes(b"\x89PNG")
    assert (tmp_path / "model_performance.png").read_bytes() == b"\x89PNG"
