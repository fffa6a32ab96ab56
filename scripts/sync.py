"""Regenerate every derived file of the template, or check that none has drifted.

    python scripts/sync.py           # rewrite what is derived, delete orphaned copies
    python scripts/sync.py --check   # fail, naming each file and the fix, if anything drifted

Derived, each from one source:
- templates/<kind>/cookiecutter.json   from templates/_common/questions.json + templates/<kind>/kind.json
- copier.yml                           from the same, the menu (cookiecutter.json) and hooks/portfolio_hooks.py
- the shared files inside each kind    from templates/_common/ (+ templates/<kind>/slots/)
- the options tables of README.md and docs/options.md   from the questions
- each kind's own derived files        by templates/<kind>/build.py (e.g. the bundled sample)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path

import common_files
import copier_yml
import questions
from questions import SyncError

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "python scripts/sync.py"


def derived_files(root: Path = ROOT) -> dict[Path, tuple[str, str]]:
    """Every derived file: relative path -> (text it must hold, where to edit it instead)."""
    menu = questions.menu(root)
    files: dict[Path, tuple[str, str]] = {}
    contexts = {}
    for kind in menu:
        text = questions.cookiecutter_json(kind, root)
        contexts[kind] = json.loads(text)
        files[Path("templates", kind, "cookiecutter.json")] = (
            text,
            f"{questions.COMMON_QUESTIONS.as_posix()} or templates/{kind}/kind.json",
        )
    files[Path("copier.yml")] = (copier_yml.build(menu, contexts), "the questions or scripts/copier_yml.py")
    files.update(common_files.expected_copies(root))
    for document, columns in (("README.md", ("rule",)), ("docs/options.md", ("rule", "controls"))):
        current = (root / document).read_text("utf-8")
        table = questions.options_table(columns, root)
        files[Path(document)] = (questions.with_options_table(current, table, document), "the questions")
    return files


def kind_builders(root: Path = ROOT) -> dict[str, object]:
    """Each kind's build.py module (its own derived files), when it has one."""
    builders = {}
    for kind in questions.menu(root):
        path = root / "templates" / kind / "build.py"
        if path.exists():
            spec = importlib.util.spec_from_file_location(f"build_{kind.replace('-', '_')}", path)
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
            except ModuleNotFoundError as error:
                rerun_in_test_environment(root, error)
            builders[kind] = module
    return builders


def rerun_in_test_environment(root: Path, error: ModuleNotFoundError) -> None:
    """A kind's build.py needs the test tools (numpy, pandas): use the repository's .venv when this is not it."""
    venv = root / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if venv.exists() and Path(sys.prefix).resolve() != (root / ".venv").resolve():
        os.execv(venv, [str(venv), *sys.argv])
    raise SyncError(f"{error.name} is missing: run `python -m pip install --group test` (bash .ci/run does) first")


def sync(root: Path = ROOT, *, check: bool) -> list[str]:
    """Write (or with ``check`` compare) every derived file; return the problems found."""
    problems = []
    files = derived_files(root)
    for path, (text, source) in files.items():
        target = root / path
        if target.exists() and target.read_text("utf-8") == text:
            continue
        if check:
            state = (
                "differs from its source (edited by hand, or the source changed)" if target.exists() else "is missing"
            )
            problems.append(f"{path.as_posix()} {state}: edit {source}, then run {COMMAND}")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    for orphan in common_files.orphans({path: text for path, (text, _) in files.items()}, root):
        if check:
            problems.append(
                f"{orphan.as_posix()} is a copy of a file no longer in templates/_common: delete it ({COMMAND} does)"
            )
        else:
            (root / orphan).unlink()
    for kind, builder in kind_builders(root).items():
        problems += [f"templates/{kind}/build.py: {problem}" for problem in builder.build(check=check)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; fail if a derived file has drifted")
    args = parser.parse_args(argv)
    try:
        problems = sync(check=args.check)
    except SyncError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if not args.check and not problems:
        print("derived files are up to date")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
