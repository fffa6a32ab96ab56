"""Both engines ask the same questions, with the same defaults, choices and rules."""

from __future__ import annotations

import sys

import pytest
import yaml
from helpers import KINDS, ROOT, kind_questions

sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))
import portfolio_hooks  # noqa: E402
import questions  # noqa: E402

COPIER = yaml.safe_load((ROOT / "copier.yml").read_text("utf-8"))
SHARED = list(questions.shared_questions())


def copier_questions() -> dict[str, dict]:
    return {name: spec for name, spec in COPIER.items() if not name.startswith("_")}


def test_kind_is_asked_first_with_every_menu_entry():
    questions = list(copier_questions())
    assert questions[0] == "kind"
    assert list(COPIER["kind"]["choices"].values()) == KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_same_names_defaults_and_choices(kind):
    cookiecutter = {name: value for name, value in kind_questions(kind).items() if not name.startswith("_")}
    copier = {name: spec for name, spec in copier_questions().items() if name not in ("kind", "cookiecutter")}
    assert list(cookiecutter)[: len(SHARED)] == SHARED
    assert set(cookiecutter) == {name for name, spec in copier.items() if kind_applies(spec, kind)}
    for name, value in cookiecutter.items():
        spec = copier[name]
        if isinstance(value, list):
            assert spec["choices"] == value, name
            assert spec["default"] == value[0], name
        else:
            default = spec["default"]
            if default.startswith("{{ {") and default.endswith("[kind] }}"):
                default = yaml.safe_load(default[3:-9])[kind]
            assert default == value.replace("cookiecutter.", ""), name


def kind_applies(spec: dict, kind: str) -> bool:
    when = spec.get("when")
    return when is None or f'"{kind}"' in str(when)


def test_every_question_has_help():
    for name, spec in copier_questions().items():
        if name != "cookiecutter":
            assert spec.get("help"), name


def test_copier_validators_are_the_hook_rules():
    for name, rule in portfolio_hooks.VALIDATORS.items():
        assert COPIER[name]["validator"] == rule


def test_copier_settings_that_parity_rests_on():
    assert COPIER["_templates_suffix"] == ""
    assert COPIER["_envops"]["undefined"] == "jinja2.StrictUndefined"
    assert COPIER["cookiecutter"]["type"] == "json" and COPIER["cookiecutter"]["when"] is False
    for kind in KINDS:
        assert kind_questions(kind)["_new_lines"] == "\n"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ({"project_slug": "house-prices"}, []),
        ({"project_slug": "a1-b2"}, []),
        ({"package_name": "house_prices"}, []),
        ({"package_name": "my_json"}, []),
        ({"author_email": "first.last+ml@uni.example.ac.uk"}, []),
        ({"python_version": "3.13"}, []),
        ({"project_slug": "House Prices"}, ["not a valid folder name"]),
        ({"project_slug": "2fast"}, ["not a valid folder name"]),
        ({"project_slug": "trailing-"}, ["not a valid folder name"]),
        ({"project_slug": "double--hyphen"}, ["not a valid folder name"]),
        ({"project_slug": ""}, ["not a valid folder name"]),
        ({"package_name": "my-package"}, ["not a valid Python package name"]),
        ({"package_name": "3d"}, ["not a valid Python package name"]),
        ({"package_name": "class"}, ["is a Python keyword"]),
        ({"package_name": "json"}, ["standard-library module"]),
        ({"package_name": "sklearn"}, ["dependency"]),
        ({"package_name": "torch"}, ["dependency"]),
        ({"author_email": "no-at-sign"}, ["not an email address"]),
        ({"author_email": "two@@example.com"}, ["not an email address"]),
        ({"author_email": "space @example.com"}, ["not an email address"]),
        ({"author_email": "me@localhost"}, ["not an email address"]),
        ({"python_version": "3.9"}, ["not supported"]),
        ({"project_slug": "a" * 61}, ["too long"]),
        ({"package_name": "a" * 41}, ["too long"]),
        ({"package_name": "a" * 40}, []),
        ({"project_slug": "a" * 60}, []),
    ],
)
def test_hook_rules(answers, expected):
    errors = portfolio_hooks.validate(answers)
    assert len(errors) == len(expected)
    for error, fragment in zip(errors, expected, strict=True):
        assert fragment in error
        assert repr(next(iter(answers.values())))[1:-1] in error  # names the answer
        assert "\n" not in error
