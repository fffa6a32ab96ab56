"""Cookiecutter pre-generation hook: a shim over the shared hooks/portfolio_hooks.py."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path({{ cookiecutter._repo_dir|tojson }}).resolve().parents[1] / "hooks"))
import portfolio_hooks  # noqa: E402

sys.exit(portfolio_hooks.cookiecutter_pre_generate(json.loads({{ cookiecutter|tojson|tojson }})))
