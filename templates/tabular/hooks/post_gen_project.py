"""Cookiecutter post-generation hook: a shim over the shared hooks/portfolio_hooks.py."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path({{ cookiecutter._repo_dir|tojson }}).resolve().parents[1] / "hooks"))
import portfolio_hooks  # noqa: E402

context = json.loads({{ cookiecutter|tojson|tojson }})
sys.exit(portfolio_hooks.cookiecutter_post_generate(Path.cwd(), context))
