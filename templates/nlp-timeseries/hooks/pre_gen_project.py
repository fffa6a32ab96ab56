{#- synced from templates/_common/hooks/pre_gen_project.py by scripts/sync.py -#}
"""Cookiecutter pre-generation hook: a shim over the shared hooks/portfolio_hooks.py."""

import json
import os
import sys
from pathlib import Path

context = json.loads({{ cookiecutter|tojson|tojson }})
# Hooks run inside the new project; a relative _repo_dir is relative to where cookiecutter started.
starts = [Path(os.environ.get("PWD", os.sep)), Path(context["_output_dir"]), *Path(context["_output_dir"]).parents]
found = [(s / context["_repo_dir"]).resolve() for s in starts if (s / context["_repo_dir"] / "kind.json").is_file()]
if not found:
    sys.exit(f"error: cannot locate the template from {context['_repo_dir']!r}: give its absolute path")
sys.path.insert(0, str(found[0].parents[1] / "hooks"))
import portfolio_hooks  # noqa: E402

sys.exit(portfolio_hooks.cookiecutter_pre_generate(context))
