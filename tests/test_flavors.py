"""Starter and solution come from one source: the starter is the solution with its exercise regions
replaced by `raise NotImplementedError("Exercise (...)")`, and nothing else differs."""

from __future__ import annotations

import difflib
import re

import pytest
from helpers import KINDS, ROOT, run_cookiecutter, tree

# "Exercise (<module>.<function>): <what to do>. <test file> checks it."
EXERCISE = re.compile(r"^Exercise \((?P<where>[\w.]+)\): .+ (?P<tests>tests/\S+\.py) checks it\.$")


def raised_message(lines: list[str]) -> str | None:
    """The message of a `raise NotImplementedError(` block of string literals, or None if it is not one."""
    stripped = [line.strip() for line in lines]
    if len(stripped) < 3 or stripped[0] != "raise NotImplementedError(" or stripped[-1] != ")":
        return None
    parts = stripped[1:-1]
    if not all(len(part) >= 2 and part[0] == part[-1] == '"' for part in parts):
        return None
    return "".join(part[1:-1] for part in parts)


@pytest.mark.parametrize("kind", KINDS)
def test_the_starter_is_the_solution_with_exercises_cut_out(tmp_path, kind):
    solution = tree(run_cookiecutter(ROOT, tmp_path / "solution", kind, {"init_git": "no"}))
    starter_root = run_cookiecutter(ROOT, tmp_path / "starter", kind, {"init_git": "no", "flavor": "starter"})
    starter = tree(starter_root)
    assert set(starter) == set(solution)
    exercises = []
    for path in sorted(set(starter) - {".copier-answers.yml"}):
        if starter[path] == solution[path]:
            continue
        old = solution[path].decode("utf-8").splitlines()
        new = starter[path].decode("utf-8").splitlines()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            message = raised_message(new[j1:j2])
            found = EXERCISE.match(message or "")
            assert tag == "replace" and found, f"{path}: the starter differs outside an exercise: {new[j1:j2]}"
            assert old[i1:i2], f"{path}: an exercise replaces no solution code"
            assert (starter_root / found["tests"]).is_file(), f"{path}: {found['tests']} does not exist"
            exercises.append(found["where"])
    assert exercises, f"{kind} has no exercise regions: its starter would be the solution"
