"""Adding a kind by following docs/adding-a-kind.md needs no edit to any test file.

A throwaway kind is made in a copy of the repository by the documented steps (menu
entry, kind.json, slots and the kind's own files, `scripts/sync.py`), and the copy's
own unchanged fast tier then checks it under both engines.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import snapshot
from helpers import KINDS

pytestmark = pytest.mark.slow

DESIGN_ORDER = ["tabular", "cifar10-cnn", "nlp-timeseries", "kaggle"]


def test_a_new_kind_needs_no_test_edits(tmp_path):
    root = snapshot(tmp_path / "repo")
    # A kind of the design still missing, or, once all exist, one that will never ship.
    missing = [kind for kind in DESIGN_ORDER if kind not in KINDS]
    new, model = (missing[-1] if missing else "throwaway"), KINDS[0]

    # Step 1: the menu.
    menu_path = root / "cookiecutter.json"
    menu = json.loads(menu_path.read_text("utf-8"))
    menu["templates"][new] = {"path": f"./templates/{new}", "title": "Throwaway kind", "description": "a test"}
    order = DESIGN_ORDER if new in DESIGN_ORDER else [*DESIGN_ORDER, new]
    ordered = {kind: menu["templates"][kind] for kind in order if kind in menu["templates"]}
    menu_path.write_text(json.dumps({"templates": ordered}, indent=2) + "\n", encoding="utf-8")
    # Steps 2-4: kind.json, slots and the kind's own project files, started from an existing kind;
    # the shared copies are left to sync.py.
    source, target = root / "templates" / model, root / "templates" / new
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("cookiecutter.json", "hooks", "__pycache__"))
    for path in [p for p in target.rglob("*") if p.is_file()]:
        if " synced from templates/_common/" in path.read_text("utf-8", errors="replace").split("\n", 1)[0]:
            path.unlink()
    spec = json.loads((target / "kind.json").read_text("utf-8"))
    spec["defaults"] = {"project_name": "Throwaway Kind", "description": "A kind made by a test."}
    (target / "kind.json").write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    # Step 5: everything derived.
    sync = subprocess.run([sys.executable, "scripts/sync.py"], cwd=root, capture_output=True, text=True)
    assert sync.returncode == 0, sync.stderr

    fast = [sys.executable, "-m", "pytest", "-m", "not slow", "-q", "-p", "no:cacheprovider", "-n", "2"]
    # The fuzzing of shared answers is left out: it proves nothing more about a copy of an existing kind.
    result = subprocess.run([*fast, "-k", f"{new} and not fuzz"], cwd=root, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-6000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
    sync_check = subprocess.run(
        [sys.executable, "scripts/sync.py", "--check"], cwd=root, capture_output=True, text=True
    )
    assert sync_check.returncode == 0, sync_check.stderr
