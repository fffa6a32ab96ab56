{#- synced from templates/_common/project/src/{{cookiecutter.package_name}}/notebooks.py by scripts/sync.py -#}
"""Run the notebooks top to bottom and keep their outputs (`make notebooks`).

GitHub renders a notebook's saved outputs, and a reviewer reads the figures there,
so `make notebooks` executes both in place after `make all` (they read its results).
The pre-commit hook strips execution counts and metadata but keeps the outputs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from {{ cookiecutter.package_name }}.root import find_root


def execute(path: Path, timeout: int = 600):
    """Execute the notebook at ``path`` from its own folder; return it with its outputs."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3").execute(cwd=str(path.parent))
    return notebook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m {__name__}", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks to run (default: notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((find_root() / "notebooks").glob("*.ipynb"))
    try:
        import nbformat
        from nbclient.exceptions import CellExecutionError
    except ModuleNotFoundError as error:
        print(f"error: {error.name} is missing: run `make install` (pip install -e '.[dev]')", file=sys.stderr)
        return 1
    for path in paths:
        try:
            nbformat.write(execute(path), path)
        except CellExecutionError as error:
            reason = str(error).strip().splitlines()[-1] if str(error).strip() else "a cell failed"
            print(f"error: {path.name}: {reason}", file=sys.stderr)
            return 1
        print(f"ran {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
