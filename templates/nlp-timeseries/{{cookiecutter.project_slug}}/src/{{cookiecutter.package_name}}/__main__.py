{#- synced from templates/_common/project/src/{{cookiecutter.package_name}}/__main__.py by scripts/sync.py -#}
"""Entry point for ``python -m {{ cookiecutter.package_name }}``."""

from {{ cookiecutter.package_name }}.cli import main

raise SystemExit(main())
