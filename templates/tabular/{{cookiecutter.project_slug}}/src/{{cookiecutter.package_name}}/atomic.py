{#- synced from templates/_common/project/src/{{cookiecutter.package_name}}/atomic.py by scripts/sync.py -#}
"""Write results and models all at once or not at all.

A run stopped half-way (Ctrl-C, a killed container, a full disk) must never leave
a truncated ``metrics.json`` or model file that a later step, the API or a reader
takes for a real result. Every output is written to a temporary file in the same
folder, then renamed over the target: a rename within one file system is atomic,
so the target holds either the old complete file or the new complete one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target`` to write to; it replaces ``target`` when the block ends without error.

    The temporary name keeps the target's suffix (libraries such as matplotlib pick
    the format from it) and starts with a dot, so globs like ``models/model.*`` skip it.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return Path(target)


def write_json(target: Path, data: Any) -> Path:
    """Write ``data`` as indented JSON to ``target`` atomically."""
    return write_text(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def read_json_object(source: Path) -> dict[str, Any]:
    """The JSON object in ``source``; {} when there is none yet (or it is not a readable object)."""
    try:
        found = json.loads(Path(source).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def update_json(target: Path, changes: dict[str, Any]) -> dict[str, Any]:
    """Merge ``changes`` into the JSON object in ``target`` and write it atomically; return the result.

    For a file that several steps of a run add to, such as results/timings.json.
    """
    merged = read_json_object(target) | changes
    write_json(target, merged)
    return merged
