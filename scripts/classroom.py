"""Generate one repository per student (or team) of a class roster.

    python scripts/classroom.py ROSTER.csv --kind KIND --out DIR [--config COURSE.yml]
                                [--engine cookiecutter|copier] [--template SOURCE]

ROSTER.csv has the columns `name` (a student or a team) and `github_username`, and
optionally `email`. COURSE.yml holds the answers shared by the whole class (any
question of the kind: `project_name` for the assignment title, `license`,
`include_api`, ...). Each row gets those answers plus its own: the project name
"<assignment> (<name>)", the author, the GitHub user, the email, and a folder
"<assignment slug>-<github user>". Roster values are data, never templates: text like
`{{ }}` or quotes in a name is handed to the engine escaped, and kept literally.

A bad row (empty name, invalid email, a folder name another row already takes) gets
a one-line error and the other rows still generate; the run ends with a summary
table and exits with 1 if any row failed. Only the standard library, cookiecutter,
copier and Jinja2 (which both engines bring) are needed.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
from portfolio_hooks import validate  # noqa: E402

REQUIRED_COLUMNS = ("name", "github_username")


@dataclass
class Row:
    number: int  # line in the CSV file (the header is line 1)
    name: str
    github_username: str
    email: str
    slug: str = ""
    status: str = ""


def read_roster(path: Path) -> list[Row]:
    """The roster's rows; a missing column or an unreadable file stops the run with one line."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = [column.strip() for column in reader.fieldnames or []]
            missing = [column for column in REQUIRED_COLUMNS if column not in columns]
            if missing:
                raise SystemExit(f"error: {path}: the roster needs the columns {', '.join(missing)} (found {columns})")
            rows = []
            for number, record in enumerate(reader, start=2):
                record = {(key or "").strip(): (value or "").strip() for key, value in record.items()}
                rows.append(Row(number, record["name"], record["github_username"], record.get("email", "")))
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SystemExit(f"error: cannot read the roster {path}: {error}") from None


def read_config(path: Path | None) -> dict[str, Any]:
    """The course-wide answers (a YAML mapping of question names to answers)."""
    if path is None:
        return {}
    import yaml

    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SystemExit(f"error: cannot read the course config {path}: {error}") from None
    if not isinstance(config, dict):
        raise SystemExit(f"error: {path}: the course config must map question names to answers")
    return {str(key): str(value) for key, value in config.items()}


def questions(kind: str) -> dict[str, Any]:
    """The kind's questions and defaults (its cookiecutter.json, derived from the single source)."""
    path = ROOT / "templates" / kind / "cookiecutter.json"
    if not path.exists():
        kinds = json.loads((ROOT / "cookiecutter.json").read_text("utf-8"))["templates"]
        raise SystemExit(f"error: unknown kind {kind!r}: choose one of {', '.join(kinds)}")
    return json.loads(path.read_text("utf-8"))


def slug_for(text: str, context: dict[str, Any]) -> str:
    """A folder name made from ``text`` by the template's own project_slug rule."""
    import jinja2

    return jinja2.Environment().from_string(context["project_slug"]).render(cookiecutter={"project_name": text})


def literal(value: str) -> str:
    """``value`` as a Jinja expression that renders to exactly ``value``.

    Cookiecutter renders every answer as a template, so a name holding `{{` would be
    evaluated; a quoted string literal is not. Jinja reads backslash escapes in it.
    """
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '{{ "' + escaped + '" }}'


def row_answers(row: Row, course: dict[str, str], context: dict[str, Any]) -> dict[str, str]:
    """The answers of one repository: the course's, then the row's own."""
    assignment = course.get("project_name", context["project_name"])
    answers = {**course, "project_name": f"{assignment} ({row.name})", "author_name": row.name}
    answers["github_username"] = row.github_username or context["github_username"]
    if row.email:
        answers["author_email"] = row.email
    answers["project_slug"] = row.slug
    return answers


def check_row(row: Row, course: dict[str, str], context: dict[str, Any], taken: dict[str, int]) -> str:
    """The row's one-line error, or an empty string."""
    if not row.name:
        return "the name is empty"
    assignment = course.get("project_name", context["project_name"])
    row.slug = slug_for(f"{assignment} {row.github_username or row.name}", context)
    if row.slug in taken:
        return f"folder {row.slug!r} is already taken by line {taken[row.slug]}: give each row its own github_username"
    problems = validate({"project_slug": row.slug, **({"author_email": row.email} if row.email else {})})
    return problems[0] if problems else ""


def generate(engine: str, template: str, kind: str, answers: dict[str, str], out: Path, choices: set[str]) -> None:
    if engine == "cookiecutter":
        from cookiecutter.main import cookiecutter

        # Choice answers must stay equal to a choice; free text is escaped so nothing in it is evaluated.
        context = {key: value if key in choices else literal(value) for key, value in answers.items()}
        cookiecutter(template, no_input=True, output_dir=str(out), extra_context=context, directory=f"templates/{kind}")
    else:
        import copier

        # Copier takes answers as data: they are never rendered.
        copier.run_copy(
            template,
            str(out / answers["project_slug"]),
            data={"kind": kind, **answers},
            defaults=True,
            unsafe=True,
            quiet=True,
        )


def table(rows: list[Row]) -> str:
    width = max([len("folder"), *(len(row.slug) for row in rows)])
    lines = [f"{'line':>4}  {'folder':<{width}}  result", f"{'-' * 4}  {'-' * width}  ------"]
    lines += [f"{row.number:>4}  {row.slug:<{width}}  {row.status}" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path, help="CSV with the columns name, github_username[, email]")
    parser.add_argument("--kind", required=True, help="the portfolio project, e.g. tabular")
    parser.add_argument("--out", type=Path, required=True, help="folder that receives one repository per row")
    parser.add_argument("--config", type=Path, help="YAML file of course-wide answers")
    parser.add_argument("--engine", choices=["cookiecutter", "copier"], default="cookiecutter")
    parser.add_argument("--template", default=str(ROOT), help="template source (default: this clone)")
    args = parser.parse_args(argv)

    context = questions(args.kind)
    choices = {name for name, value in context.items() if isinstance(value, list)}
    course = read_config(args.config)
    unknown = sorted(set(course) - {name for name in context if not name.startswith("_")})
    if unknown:
        raise SystemExit(f"error: {args.config}: {', '.join(unknown)} are not questions of {args.kind}")
    rows = read_roster(args.roster)
    if not rows:
        raise SystemExit(f"error: {args.roster} has no rows")
    args.out.mkdir(parents=True, exist_ok=True)
    taken: dict[str, int] = {}
    for row in rows:
        error = check_row(row, course, context, taken)
        if not error and (args.out / row.slug).exists():
            error = f"{args.out / row.slug} already exists: remove it or choose another --out"
        if error:
            row.status = f"error: {error}"
            print(f"error: {args.roster}, line {row.number} ({row.name or 'no name'}): {error}", file=sys.stderr)
            continue
        taken[row.slug] = row.number
        try:
            generate(args.engine, args.template, args.kind, row_answers(row, course, context), args.out, choices)
        except Exception as error:  # one row's failure must not stop the class
            row.status = f"error: {str(error).strip().splitlines()[-1] if str(error).strip() else type(error).__name__}"
            print(f"error: {args.roster}, line {row.number} ({row.name}): {row.status[7:]}", file=sys.stderr)
            continue
        row.status = "made"
    print(table(rows))
    failed = sum(row.status != "made" for row in rows)
    print(f"{len(rows) - failed} of {len(rows)} repositories made in {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
