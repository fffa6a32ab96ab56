"""Answer fuzzing: every answer set makes a valid project or is refused cleanly, under both engines.

Free text (names, descriptions, the GitHub user name) is typed the way a person types it:
cookiecutter's prompts are answered in-process, since cookiecutter renders command-line
values as Jinja but keeps typed ones literally; copier takes `data` literally. Each
example either succeeds, and then every structured file parses, ruff passes, the package
imports and the text is kept exactly; or it is refused with one line and no folder.
The default run is short; `pytest tests/test_fuzz.py --deep` tries many more answer sets.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
import yaml
from helpers import KINDS, kind_questions, parse_file, ruff, run_cookiecutter, run_copier, tree
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

TEXT_QUESTIONS = ("project_name", "description", "author_name", "github_username")
TRICKY = [
    "{{ 7*7 }}",
    "{% raw %}",
    "{# not a comment #}",
    "\"quoted\" 'single' \\back\\slash",
    "  leading and trailing  ",
    "emoji 🚀👩🏽‍💻🇺🇦",
    "日本語のプロジェクト",
    "مشروع عربي",
    "x" * 300,
    "tab\there",
    "line\u2028separator",
    "${{ github.token }}",
    "---",
    "null",
    "# not a heading",
]
# What a person can type or paste into a prompt: any character but control characters and lone surrogates.
TYPED = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=60)
FREE_TEXT = st.one_of(TYPED, st.sampled_from(TRICKY))
IDENTIFIER = st.one_of(st.from_regex(r"[a-z][a-z0-9]{0,8}([-_][a-z0-9]{1,4}){0,2}", fullmatch=True), TYPED)
EMAIL = st.one_of(st.emails(), TYPED)
# No shrinking: one example costs a second or two, and the failing answers are printed as found.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]
# The default run is derandomized so CI sees the same answer sets every time; --deep explores anew.
SHORT = settings(
    max_examples=4, deadline=None, phases=PHASES, derandomize=True, suppress_health_check=list(HealthCheck)
)
DEEP = settings(max_examples=150, deadline=None, phases=PHASES, suppress_health_check=list(HealthCheck))


def answer_sets(kind: str) -> st.SearchStrategy[dict[str, str]]:
    """Free text always; identifiers and every choice question sometimes."""
    choices = {name: st.sampled_from(value) for name, value in kind_questions(kind).items() if isinstance(value, list)}
    optional = {"project_slug": IDENTIFIER, "package_name": IDENTIFIER, "author_email": EMAIL, **choices}
    return st.fixed_dictionaries({name: FREE_TEXT for name in TEXT_QUESTIONS}, optional=optional)


@contextmanager
def typed_answers(answers: dict[str, str]):
    """Answer cookiecutter's prompts as a person at the keyboard would."""
    import cookiecutter.prompt as prompt

    def variable(name, default, prompts=None, prefix=""):
        return answers.get(name, default)

    def choice(name, options, prompts=None, prefix=""):
        return answers.get(name, options[0])

    with (
        mock.patch.object(prompt, "read_user_variable", variable),
        mock.patch.object(prompt, "read_user_choice", choice),
    ):
        yield


def generate(engine: str, template: Path, out: Path, kind: str, answers: dict[str, str]) -> tuple[Path | None, str]:
    """(the project folder, "") or (None, the engine's error) when it refused the answers."""
    answers = {**answers, "init_git": "no"}
    try:
        if engine == "copier":
            return run_copier(template, out / "project", kind, answers), ""
        from cookiecutter.main import cookiecutter

        with typed_answers(answers):
            return Path(cookiecutter(str(template), output_dir=str(out), directory=f"templates/{kind}")), ""
    except Exception as error:  # the engines' exception types differ; check_outcome judges the message
        return None, str(error)


def check_outcome(project: Path | None, out: Path, answers: dict[str, str], output: str) -> None:
    if project is None:
        assert not any(out.iterdir()), "a refused answer set left files behind"
        errors = [
            line for line in output.splitlines() if " is not " in line or "would shadow" in line or "keyword" in line
        ]
        assert errors, f"refused without a one-line reason:\n{output[-2000:]}"
        return
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text("utf-8"))
    for name in TEXT_QUESTIONS:
        assert recorded[name] == answers[name], name
    assert (project / "README.md").read_text("utf-8").startswith(f"# {answers['project_name']}\n")
    for relative in tree(project):
        parse_file(project / relative)
    if sys.version_info >= (3, 11):
        import tomllib

        meta = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
        assert meta["description"] == answers["description"]
        assert meta["authors"][0]["name"] == answers["author_name"]
    lint = ruff("check", cwd=project)
    assert lint.returncode == 0, lint.stdout
    package = recorded["package_name"]
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    imported = subprocess.run([sys.executable, "-c", f"import {package}"], env=env, capture_output=True, text=True)
    assert imported.returncode == 0, imported.stderr


def fuzz_once(template: Path, kind: str, engine: str, answers: dict[str, str], capfd) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        capfd.readouterr()
        project, error = generate(engine, template, out, kind, answers)
        captured = capfd.readouterr()
        check_outcome(project, out, answers, "\n".join([captured.out, captured.err, error]))


@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
@pytest.mark.parametrize("kind", KINDS)
def test_any_answers_give_a_valid_project_or_a_clean_refusal(template, capfd, kind, engine):
    @SHORT
    @given(answer_sets(kind))
    def run(answers):
        fuzz_once(template, kind, engine, answers, capfd)

    run()


@pytest.mark.deep
@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
@pytest.mark.parametrize("kind", KINDS)
def test_many_answer_sets(template, capfd, kind, engine):
    @DEEP
    @given(answer_sets(kind))
    def run(answers):
        fuzz_once(template, kind, engine, answers, capfd)

    run()


@pytest.mark.parametrize("kind", KINDS)
def test_same_answers_same_bytes(template, tmp_path, kind):
    """No timestamps or random ids: each engine, run twice with the same answers, writes the same bytes."""
    answers = {"init_git": "no", "project_name": "Twice 🚀", "license": "Apache-2.0"}
    first = run_cookiecutter(template, tmp_path / "a", kind, answers)
    second = run_cookiecutter(template, tmp_path / "b", kind, answers)
    assert tree(first) == tree(second)
    assert tree(run_copier(template, tmp_path / "c", kind, answers)) == tree(
        run_copier(template, tmp_path / "d", kind, answers)
    )
