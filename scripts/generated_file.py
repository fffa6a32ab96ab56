"""Write a generated file, or with --check report that the committed copy is stale."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_or_check(target: Path, text: str, *, check: bool, command: str) -> int:
    """Return the exit code: 0 when written or up to date, 1 when ``--check`` finds drift."""
    if not check:
        target.write_text(text, encoding="utf-8")
        return 0
    if target.exists() and target.read_text("utf-8") == text:
        return 0
    print(f"{target.relative_to(ROOT)} is stale: run {command}", file=sys.stderr)
    return 1
