"""scripts/classroom.py: one repository per roster row, names kept literally, bad rows refused one by one."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import KINDS, ROOT, parse_file

sys.path.insert(0, str(ROOT / "scripts"))
import classroom  # noqa: E402

KIND = KINDS[0]
# Jinja, both quotes, a backslash and shell syntax: all of it must reach the files as typed.
HOSTILE_NAME = '{{ cookiecutter.project_slug }} {% if 1 %}x{% endif %} "Bo" O\'Neil \\ $(rm -rf ~) 🚀'


def write_roster(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    import csv

    path = folder / "roster.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "github_username", "email"])
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("engine", ["cookiecutter", "copier"])
def test_four_rows_make_three_repositories_and_one_clear_error(tmp_path, capsys, engine):
    roster = write_roster(
        tmp_path,
        [
            ("Ada Lovelace", "ada-l", "ada@example.com"),
            (HOSTILE_NAME, "bo", ""),
            ("Carol", "carol", "not-an-email"),
            ("Dan", "dan-d", "dan@example.org"),
        ],
    )
    config = tmp_path / "course.yml"
    config.write_text('project_name: "Assignment 1: Prices"\ninit_git: "no"\nlicense: MIT\n', encoding="utf-8")
    out = tmp_path / "class"
    status = classroom.main(
        [str(roster), "--kind", KIND, "--out", str(out), "--config", str(config), "--engine", engine]
    )
    captured = capsys.readouterr()

    assert status == 1
    made = sorted(path.name for path in out.iterdir())
    assert made == ["assignment-1-prices-ada-l", "assignment-1-prices-bo", "assignment-1-prices-dan-d"]
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert errors == [
        f'error: {roster}, line 4 (Carol): author_email "not-an-email" is not an email address:'
        " use the form name@example.com."
    ]
    assert "3 of 4 repositories made" in captured.out
    hostile = out / "assignment-1-prices-bo"
    assert f"# Assignment 1: Prices ({HOSTILE_NAME})\n" in (hostile / "README.md").read_text("utf-8")
    for path in hostile.rglob("*"):
        if path.is_file():
            parse_file(path)  # the name is escaped wherever it lands (TOML, YAML, Python)
    tomllib = pytest.importorskip("tomllib")
    pyproject = tomllib.loads((hostile / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["authors"][0]["name"] == HOSTILE_NAME


def test_empty_names_and_taken_folders_are_refused_before_anything_is_made(tmp_path, capsys):
    roster = write_roster(tmp_path, [("Ada", "ada", ""), ("", "nobody", ""), ("Ada Again", "ada", "")])
    out = tmp_path / "class"
    status = classroom.main([str(roster), "--kind", KIND, "--out", str(out), "--config", str(write_config(tmp_path))])
    err = capsys.readouterr().err
    assert status == 1
    assert [path.name for path in out.iterdir()] == ["house-price-prediction-ada"]
    assert "line 3 (no name): the name is empty" in err
    assert "line 4 (Ada Again): folder 'house-price-prediction-ada' is already taken by line 2" in err


def write_config(folder: Path) -> Path:
    path = folder / "course.yml"
    path.write_text('init_git: "no"\n', encoding="utf-8")
    return path


def test_a_roster_without_its_columns_or_an_unknown_answer_stops_with_one_line(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student,login\nAda,ada\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="the roster needs the columns name, github_username"):
        classroom.main([str(roster), "--kind", KIND, "--out", str(tmp_path / "out")])
    config = tmp_path / "course.yml"
    config.write_text("colour: blue\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="colour are not questions of"):
        classroom.main([str(roster), "--kind", KIND, "--out", str(tmp_path / "out"), "--config", str(config)])
