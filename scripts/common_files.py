"""The files every kind shares, copied from templates/_common/ into each kind.

Cookiecutter lets a sub-template reach only its own folder, so a file common to
all kinds must exist inside each kind. templates/_common/ is its single source:

- ``_common/hooks/*`` go to ``templates/<kind>/hooks/``, ``_common/project/**`` to
  the kind's ``{{cookiecutter.project_slug}}/``.
- Each copy's first line carries a Jinja comment naming its source; both engines
  drop it when they render, so generated projects never see it, and it marks the
  copy as derived (a copy whose source is gone is an orphan). It ends the first
  line when that is a ``#`` comment (git reads this repository's copies of
  .gitattributes and .gitignore), else it is a line of its own.
- A common file may hold slots, lines of the form ``{#- slot: NAME -#}``. A kind
  fills them from ``templates/<kind>/slots/<same path>``, where the same marker
  line starts each slot's text; a slot the kind leaves out is left empty.
- A kind replaces a common file only by listing it under ``"overrides"`` in its
  kind.json, with the reason; it then keeps its own file at that path.
"""

from __future__ import annotations

import re
from pathlib import Path

from questions import SyncError, kind_spec, menu

ROOT = Path(__file__).resolve().parents[1]
COMMON = Path("templates/_common")
PROJECT_DIR = "{{cookiecutter.project_slug}}"
PARTS = {"hooks": "hooks", "project": PROJECT_DIR}  # _common/<part> -> templates/<kind>/<target>
SLOT = re.compile(r"^\{#- slot: ([a-z_]+) -#\}\n", re.MULTILINE)
MARK = " synced from "


def with_header(text: str, source: Path, slots: Path | None) -> str:
    """``text`` marked as a copy of ``source``: a Jinja comment both engines strip when rendering."""
    filled = f", slots from {slots.as_posix()}" if slots else ""
    note = f"synced from {source.as_posix()}{filled} by scripts/sync.py"
    if text.startswith("#"):
        first, _, rest = text.partition("\n")
        return f"{first}{{# {note} #}}\n{rest}"
    return f"{{#- {note} -#}}\n{text}"


def is_copy(text: str) -> bool:
    """True for a file that :func:`with_header` marked."""
    return f"{MARK}templates/_common/" in text.split("\n", 1)[0]


def split_slots(text: str, source: str) -> dict[str, str]:
    """A kind's slot file as {slot name: text}."""
    parts = SLOT.split(text)
    if parts[0].strip():
        raise SyncError(f"{source}: text before the first slot line; start it with a '{{#- slot: NAME -#}}' line")
    slots = dict(zip(parts[1::2], parts[2::2], strict=True))
    if len(slots) != len(parts[1::2]):
        raise SyncError(f"{source}: a slot is filled twice")
    return slots


def fill_slots(text: str, slots: dict[str, str], source: str, slot_file: str) -> str:
    """Replace each slot line of a common file with the kind's text for it."""
    names = SLOT.findall(text)
    unknown = sorted(set(slots) - set(names))
    if unknown:
        raise SyncError(f"{slot_file}: {source} has no slot {', '.join(unknown)} (it has: {', '.join(names)})")
    return SLOT.sub(lambda match: slots.get(match.group(1), ""), text)


def _text(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if not text and data or "\0" in text:
        raise SyncError(f"{path}: binary files cannot be shared through templates/_common; keep them in each kind")
    return text


def common_sources(root: Path = ROOT) -> list[tuple[Path, Path]]:
    """(source, path inside a kind) for every common file, both relative to the repository."""
    pairs = []
    for part, target in PARTS.items():
        folder = root / COMMON / part
        for source in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            pairs.append((source.relative_to(root), Path(target) / source.relative_to(folder)))
    return pairs


def in_project(inside: Path) -> str | None:
    """A common file's path inside the generated project, or None for a hook shim."""
    return inside.relative_to(PROJECT_DIR).as_posix() if inside.parts[0] == PROJECT_DIR else None


def check_kind_sources(kind_dir: Path, overrides: dict[str, str], known: set[str], root: Path) -> None:
    """Overrides and slot files may only name common project files; an override needs its reason and file."""
    for path, reason in overrides.items():
        if path not in known:
            raise SyncError(f"{kind_dir}/kind.json: overrides {path!r}, which is not a file of {COMMON}/project")
        if not str(reason).strip():
            raise SyncError(f"{kind_dir}/kind.json: say why {path!r} is overridden")
        if not (root / kind_dir / PROJECT_DIR / path).is_file():
            raise SyncError(f"{kind_dir}/{PROJECT_DIR}/{path} is missing: {kind_dir}/kind.json overrides it")
    slots_dir = root / kind_dir / "slots"
    for slot_path in sorted(p for p in slots_dir.rglob("*") if p.is_file()):
        target = slot_path.relative_to(slots_dir).as_posix()
        if target not in known:
            raise SyncError(f"{slot_path.relative_to(root)} fills slots of {COMMON}/project/{target}, which is missing")


def expected_copies(root: Path = ROOT) -> dict[Path, tuple[str, str]]:
    """Every synced file of every kind: (the text it must have, the files to edit instead)."""
    expected: dict[Path, tuple[str, str]] = {}
    sources = common_sources(root)
    known = {path for _, inside in sources if (path := in_project(inside))}
    for kind in menu(root):
        kind_dir = Path("templates") / kind
        overrides = kind_spec(kind, root).get("overrides", {})
        check_kind_sources(kind_dir, overrides, known, root)
        for source, inside in sources:
            path = in_project(inside)
            if path in overrides:
                continue
            slot_file = kind_dir / "slots" / path if path and (root / kind_dir / "slots" / path).is_file() else None
            slots = split_slots(_text(root / slot_file), slot_file.as_posix()) if slot_file else {}
            text = fill_slots(_text(root / source), slots, source.as_posix(), str(slot_file))
            edit = source.as_posix() + (f" or {slot_file.as_posix()}" if slot_file else "")
            expected[kind_dir / inside] = (with_header(text, source, slot_file), edit)
    return expected


def orphans(expected: dict[Path, object], root: Path = ROOT) -> list[Path]:
    """Files in a kind marked as synced copies that no common file produces any more."""
    found = []
    for kind in menu(root):
        kind_dir = root / "templates" / kind
        for path in sorted(p for p in kind_dir.rglob("*") if p.is_file()):
            relative = path.relative_to(root)
            if relative in expected or "slots" in relative.parts[2:3]:
                continue
            try:
                text = path.read_text("utf-8")
            except UnicodeDecodeError:
                continue
            if is_copy(text):
                found.append(relative)
    return found
