"""The template repository itself: generated files in sync, menu and rules complete."""

from __future__ import annotations

import keyword
import subprocess
import sys

import pytest
from helpers import KINDS, MENU, ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import portfolio_hooks  # noqa: E402

SCRIPTS = ["build_copier_yml.py", "sync_common.py", "make_tabular_sample.py"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_generated_files_are_up_to_date(script):
    """copier.yml, the per-kind copies of templates/_common and the sample are never hand-edited."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_menu_lists_existing_kinds_in_design_order():
    design_order = ["tabular", "cifar10-cnn", "nlp-timeseries", "kaggle"]
    assert [kind for kind in design_order if kind in KINDS] == KINDS
    for kind, entry in MENU.items():
        assert entry["path"] == f"./templates/{kind}"
        assert (ROOT / "templates" / kind / "cookiecutter.json").exists()
        assert entry["title"] and entry["description"]


def test_reserved_names_cover_this_interpreter():
    public = {name for name in sys.stdlib_module_names if not name.startswith("_")}
    assert public <= portfolio_hooks.STDLIB_MODULES
    assert {word for word in keyword.kwlist if word.islower()} <= portfolio_hooks.KEYWORDS


@pytest.mark.parametrize("kind", KINDS)
def test_kind_hooks_are_shims(kind):
    """The logic lives once, in hooks/; each kind only forwards to it."""
    for name in ("pre_gen_project.py", "post_gen_project.py"):
        shim = (ROOT / "templates" / kind / "hooks" / name).read_text("utf-8")
        assert "import portfolio_hooks" in shim
        assert len(shim.splitlines()) < 15
