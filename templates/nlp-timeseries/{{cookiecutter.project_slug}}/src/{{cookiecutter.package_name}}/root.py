{#- synced from templates/_common/project/src/{{cookiecutter.package_name}}/root.py by scripts/sync.py -#}
"""Where the project is, so every command and notebook finds data/, models/ and results/."""

from __future__ import annotations

from pathlib import Path


def find_root(start: Path | None = None) -> Path:
    """Return the nearest folder holding pyproject.toml (notebooks run one level down)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").exists():
            return folder
    return here
