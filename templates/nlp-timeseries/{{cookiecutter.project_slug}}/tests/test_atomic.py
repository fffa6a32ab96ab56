{#- synced from templates/_common/project/tests/test_atomic.py by scripts/sync.py -#}
"""Outputs are written all at once or not at all, even when the process dies mid-write or a run stops."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.atomic import atomic_path, update_json, write_json
from {{ cookiecutter.package_name }}.cli import main


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


def test_update_merges_into_the_object_and_starts_afresh_from_nothing_or_garbage(tmp_path: Path):
    target = tmp_path / "results" / "timings.json"
    assert update_json(target, {"seconds": 1.5}) == {"seconds": 1.5}
    assert update_json(target, {"evaluate_seconds": 0.5, "seconds": 2.0}) == {"seconds": 2.0, "evaluate_seconds": 0.5}
    assert json.loads(target.read_text("utf-8")) == {"seconds": 2.0, "evaluate_seconds": 0.5}
    target.write_text("[1, 2", encoding="utf-8")  # a file cut short by hand or by another tool
    assert update_json(target, {"seconds": 3.0}) == {"seconds": 3.0}
    assert [path.name for path in target.parent.iterdir()] == ["timings.json"]


def test_the_temporary_keeps_the_suffix_for_format_sniffing_libraries(tmp_path: Path):
    with atomic_path(tmp_path / "model_performance.png") as temporary:
        assert temporary.suffix == ".png" and temporary.name.startswith(".")
        assert temporary.parent == tmp_path
        temporary.write_bytes(b"\x89PNG")
    assert (tmp_path / "model_performance.png").read_bytes() == b"\x89PNG"


def outputs(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file a run writes (results/, models/, data/processed/, README.md): its bytes and modification time."""
    folders = [root / "results", root / "models", root / "data" / "processed"]
    files = [path for folder in folders for path in folder.rglob("*") if path.is_file()] + [root / "README.md"]
    return {path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns) for path in files}


def test_a_run_stopped_before_its_renames_leaves_every_output_as_it_was(
    trained_project: Path, quick_run: list[list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Every output is written to a temporary file, then renamed over the old one (atomic.py). A whole run
    (the kind's `quick_run` fixture: CLI arguments of a short `all`) whose renames never happen, as if it
    were killed just before each, must leave every output as it was: a file written in place instead
    would show up here, new, changed, truncated or touched."""
    root = tmp_path / "copy"
    shutil.copytree(trained_project, root)
    before = outputs(root)
    rename = os.replace

    def killed_before_renaming_into_the_project(source, target):
        if not Path(target).resolve().is_relative_to(root.resolve()):
            rename(source, target)

    monkeypatch.setattr(os, "replace", killed_before_renaming_into_the_project)
    for arguments in quick_run:
        assert main(["--root", str(root), *arguments]) == 0, arguments
    after = outputs(root)
    assert sorted(after) == sorted(before)
    assert [name for name in before if after[name] != before[name]] == []
