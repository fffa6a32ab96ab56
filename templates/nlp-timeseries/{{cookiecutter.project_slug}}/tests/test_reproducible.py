{#- synced from templates/_common/project/tests/test_reproducible.py by scripts/sync.py -#}
"""A rerun with the same data and seed rewrites every tracked result byte for byte. Timings, which
change on every run, go to results/timings.json, which git ignores, so `git status` stays clean."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from {{ cookiecutter.package_name }}.cli import main

PROJECT = Path(__file__).resolve().parents[1]
TIMINGS = "results/timings.json"


def tracked_results(root: Path) -> dict[str, bytes]:
    """README.md and every file under results/ but the timings: their bytes."""
    files = [path for path in (root / "results").rglob("*") if path.is_file()] + [root / "README.md"]
    found = {path.relative_to(root).as_posix(): path.read_bytes() for path in files}
    return {name: data for name, data in found.items() if name != TIMINGS}


def test_git_ignores_the_timings():
    assert TIMINGS in (PROJECT / ".gitignore").read_text("utf-8").splitlines()


def test_a_rerun_with_the_same_data_and_seed_changes_no_tracked_result(
    trained_project: Path, quick_run: list[list[str]], tmp_path: Path
):
    root = tmp_path / "copy"
    shutil.copytree(trained_project, root)
    runs = []
    for _ in range(2):
        for arguments in quick_run:
            assert main(["--root", str(root), *arguments]) == 0, arguments
        runs.append(tracked_results(root))
    first, second = runs
    assert sorted(second) == sorted(first)
    assert [name for name in first if second[name] != first[name]] == []
    timings = json.loads((root / TIMINGS).read_text("utf-8"))
    assert timings["seconds"] > 0
