"""Copy the pieces every kind shares from templates/_common/ into each kind.

Cookiecutter lets a sub-template reach only its own folder, so files common to
all kinds (LICENSE, CI workflow, pre-commit, Dockerfile, the hook shims, ...)
must exist inside each kind. templates/_common/ is their single source: edit
there, run this script, commit the copies. ``--check`` (used by the tests)
fails when a copy has drifted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMON = ROOT / "templates" / "_common"
PROJECT_DIR = "{{cookiecutter.project_slug}}"


def copies(root: Path = ROOT) -> list[tuple[Path, Path]]:
    """Return (source, copy) pairs for every common file and every kind of the menu."""
    menu = json.loads((root / "cookiecutter.json").read_text("utf-8"))["templates"]
    pairs = []
    for kind in menu:
        kind_dir = root / "templates" / kind
        for part, target in (("hooks", kind_dir / "hooks"), ("project", kind_dir / PROJECT_DIR)):
            source_dir = root / "templates" / "_common" / part
            for source in sorted(p for p in source_dir.rglob("*") if p.is_file()):
                pairs.append((source, target / source.relative_to(source_dir)))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a copy differs from its source")
    args = parser.parse_args(argv)
    stale = []
    for source, copy in copies():
        if copy.exists() and copy.read_bytes() == source.read_bytes():
            continue
        if args.check:
            stale.append(copy.relative_to(ROOT))
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(source.read_bytes())
    for path in stale:
        print(f"{path} differs from templates/_common: run python scripts/sync_common.py", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
