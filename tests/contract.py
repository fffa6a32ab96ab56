"""The kind contract, read from docs/adding-a-kind.md, and what it expects of one generated project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from helpers import ROOT, kind_spec

START, END = "<!-- contract:start -->", "<!-- contract:end -->"
TYPES = {"int": int, "str": str, "dict": dict, "bool": bool, "float": (int, float)}


def load_contract(root: Path = ROOT) -> dict[str, Any]:
    text = (root / "docs" / "adding-a-kind.md").read_text("utf-8")
    block = text.split(START)[1].split(END)[0].strip()
    return yaml.safe_load(block.removeprefix("```yaml").removesuffix("```"))


CONTRACT = load_contract()


def applies(condition: str, answers: dict[str, str]) -> bool:
    """``always``, ``question=value`` or ``question!=value`` against the answers given."""
    if condition == "always":
        return True
    negate = "!=" in condition
    name, value = condition.split("!=" if negate else "=")
    return (answers[name] != value) if negate else (answers[name] == value)


def select(entries: dict[str, list[str]], answers: dict[str, str], **names: str) -> set[str]:
    """Every item of a conditional list whose condition holds, with ``{package}`` etc. filled in."""
    return {
        item.format(**names) for condition, items in entries.items() if applies(condition, answers) for item in items
    }


def expected_files(kind: str, answers: dict[str, str]) -> set[str]:
    """The contract's files plus the kind's own (its kind.json), for one set of answers."""
    spec = kind_spec(kind)
    package = answers["package_name"]
    return select(CONTRACT["files"], answers, package=package) | select(spec["files"], answers, package=package)


def check_metrics(metrics: dict[str, Any], kind: str) -> list[str]:
    """What a results/metrics.json lacks or gets wrong, by the contract's schema."""
    spec = CONTRACT["metrics"]
    problems = []
    for section, keys in (("", spec["keys"]), ("dataset", spec["dataset"]), ("headline", spec["headline"])):
        found = metrics.get(section, {}) if section else metrics
        for key, kind_of_value in keys.items():
            where = f"{section}.{key}" if section else key
            if key not in found:
                problems.append(f"no {where}")
            elif isinstance(kind_of_value, list):
                if found[key] not in kind_of_value:
                    problems.append(f"{where} is {found[key]!r}, not one of {kind_of_value}")
            elif not isinstance(found[key], TYPES[kind_of_value]) or isinstance(found[key], bool) != (
                kind_of_value == "bool"
            ):
                problems.append(f"{where} is not a {kind_of_value}")
    if not problems:
        if metrics["kind"] != kind:
            problems.append(f"kind is {metrics['kind']!r}, not {kind!r}")
        if metrics["selected"] not in metrics["models"]:
            problems.append(f"selected {metrics['selected']!r} is not among the models tried")
    return problems
