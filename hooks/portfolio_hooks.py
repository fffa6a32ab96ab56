"""Shared generation logic for every ml-portfolio kind, in one copy.

Cookiecutter reaches it through the thin shims in ``templates/<kind>/hooks/``;
copier through the validators that ``scripts/sync.py`` copies into
``copier.yml`` and through the ``post-copy`` task below. It needs only the
standard library and Jinja2, which both engines already install.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

# Public standard-library modules of Python 3.10 to 3.13 (sys.stdlib_module_names,
# frozen so copier.yml does not change with the maintainer's interpreter; a test
# checks it still covers the running one).
STDLIB_MODULES = frozenset(
    """
    abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64
    bdb binascii binhex bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code
    codecs codeop collections colorsys compileall concurrent configparser contextlib
    contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal
    difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl
    filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass
    gettext glob graphlib grp gzip hashlib heapq hmac html http idlelib imaplib imghdr imp
    importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging
    lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt
    multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse
    os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib
    posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat
    queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select
    selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd
    sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct
    subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile
    termios textwrap this threading time timeit tkinter token tokenize tomllib trace
    traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu
    uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc
    zipapp zipfile zipimport zlib zoneinfo
    """.split()
)

KEYWORDS = frozenset(
    """
    and as assert async await break case class continue def del elif else except
    false finally for from global if import in is lambda match none nonlocal not or
    pass raise return true try type while with yield
    """.split()
)

# Import names of the libraries generated projects depend on (now or in a later
# kind): a package of that name would shadow the real one.
DEPENDENCIES = frozenset(
    """
    catboost datasets fastapi httpx ipykernel joblib jupyter kaggle lightgbm
    matplotlib multipart nbclient nbformat numpy openml pandas pil pydantic
    pytest python_multipart requests scipy seaborn sklearn starlette statsmodels
    threadpoolctl tokenizers torch torchvision tqdm transformers uvicorn xgboost
    yaml yfinance
    """.split()
)

SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# The slug becomes a folder name, well inside every file system's 255-byte limit.
# The package name also appears in generated import lines, which must stay within
# ruff's 120 columns (tests/helpers.py's "longest-names" answers check both limits).
# questions.json cuts the derived defaults to these lengths.
MAX_SLUG = 60
MAX_PACKAGE = 40
LOWER = "abcdefghijklmnopqrstuvwxyz"
DIGITS = "0123456789"

# One Jinja validator per checked answer: it renders to the one-line error, or to
# nothing when the answer is fine. Copier runs them as question validators; the
# cookiecutter pre-generation hook renders the very same strings with Jinja2.
VALIDATORS: dict[str, str] = {
    "project_slug": (
        "{%- set ns = namespace(bad=not project_slug) -%}"
        "{%- for c in project_slug -%}"
        '{%- if c not in "' + LOWER + DIGITS + '-" -%}{%- set ns.bad = true -%}{%- endif -%}'
        "{%- endfor -%}"
        '{%- if ns.bad or project_slug[0] not in "' + LOWER + '"'
        ' or project_slug[-1] == "-" or "--" in project_slug -%}'
        'project_slug "{{ project_slug }}" is not a valid folder name: use lowercase'
        " letters, digits and single hyphens, starting with a letter"
        " (e.g. house-price-prediction)."
        "{%- elif project_slug|length > " + str(MAX_SLUG) + " -%}"
        'project_slug "{{ project_slug }}" is too long: use at most ' + str(MAX_SLUG) + " characters."
        "{%- endif -%}"
    ),
    "package_name": (
        "{%- set ns = namespace(bad=not package_name) -%}"
        "{%- for c in package_name -%}"
        '{%- if c not in "' + LOWER + DIGITS + '_" -%}{%- set ns.bad = true -%}{%- endif -%}'
        "{%- endfor -%}"
        '{%- if ns.bad or package_name[0] not in "' + LOWER + '" -%}'
        'package_name "{{ package_name }}" is not a valid Python package name: use'
        " lowercase letters, digits and underscores, starting with a letter"
        " (e.g. house_prices)."
        "{%- elif package_name in " + json.dumps(sorted(KEYWORDS)) + " -%}"
        'package_name "{{ package_name }}" is a Python keyword: pick another name,'
        " e.g. my_{{ package_name }}."
        "{%- elif package_name in " + json.dumps(sorted(STDLIB_MODULES)) + " -%}"
        'package_name "{{ package_name }}" would shadow the standard-library module'
        " of that name: pick another, e.g. my_{{ package_name }}."
        "{%- elif package_name in " + json.dumps(sorted(DEPENDENCIES)) + " -%}"
        'package_name "{{ package_name }}" would shadow the dependency of that name:'
        " pick another, e.g. my_{{ package_name }}."
        "{%- elif package_name|length > " + str(MAX_PACKAGE) + " -%}"
        'package_name "{{ package_name }}" is too long: use at most ' + str(MAX_PACKAGE) + " characters."
        "{%- endif -%}"
    ),
    "author_email": (
        '{%- set parts = author_email.split("@") -%}'
        "{%- if author_email.split() != [author_email] or parts|length != 2"
        ' or not parts[0] or "." not in parts[1] or parts[1][0] == "."'
        ' or parts[1][-1] == "." -%}'
        'author_email "{{ author_email }}" is not an email address: use the form'
        " name@example.com."
        "{%- endif -%}"
    ),
    "python_version": (
        "{%- if python_version not in " + json.dumps(list(SUPPORTED_PYTHONS)) + " -%}"
        'python_version "{{ python_version }}" is not supported: choose one of ' + ", ".join(SUPPORTED_PYTHONS) + "."
        "{%- endif -%}"
    ),
}

ANSWERS_FILE = ".copier-answers.yml"
ANSWERS_HEADER = "# Written at generation; `copier update` reads it. Do not edit by hand.\n"


def validate(answers: dict[str, Any]) -> list[str]:
    """Return the one-line error of every answer that fails its validator."""
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    errors = []
    for name, template in VALIDATORS.items():
        if name in answers:
            message = env.from_string(template).render(answers).strip()
            if message:
                errors.append(message)
    return errors


def double_quoted(text: str) -> str:
    """A double-quoted string valid in YAML, TOML, JSON and Python, with every other character literal.

    ``tojson`` would write emoji as surrogate-pair escapes, which TOML rejects and
    YAML reads back as two broken characters. The generated pyproject.toml and
    the answers-file template apply the same replacements in Jinja.
    """
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t")):
        text = text.replace(raw, escaped)
    return f'"{text}"'


def render_answers_file(answers: dict[str, Any]) -> str:
    """Format answers exactly as the copier answers-file template does (sorted keys, quoted values)."""
    lines = [f"{key}: {double_quoted(str(answers[key]))}\n" for key in sorted(answers)]
    return ANSWERS_HEADER + "".join(lines)


def _git(cwd: Path, *args: str) -> str | None:
    """Run git and return its stripped output, or None when git or the repo is missing."""
    if shutil.which("git") is None:
        return None
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else None


def template_source(repo_root: Path) -> tuple[str, str | None]:
    """Return (_src_path, _commit) for the template clone at ``repo_root``.

    Cookiecutter clones remote templates into its ``cookiecutters_dir``; only then
    is the clone's origin the source the user named. A local template is recorded
    by its absolute path, which ``copier update`` can read back.
    """
    commit = _git(repo_root, "describe", "--tags", "--always")
    source = str(repo_root.resolve())
    try:
        from cookiecutter.config import get_user_config

        clones = Path(get_user_config()["cookiecutters_dir"]).expanduser().resolve()
    except Exception:  # the hook must not fail on an unreadable user config
        clones = None
    if clones is not None and repo_root.resolve().parent == clones:
        origin = _git(repo_root, "remote", "get-url", "origin") or source
        # copier reads a file:// URL as a plain folder, not a git repository: record the path.
        source = url2pathname(urlparse(origin).path) if origin.startswith("file://") else origin
    return source, commit


def remove_empty_dirs(project_dir: Path) -> None:
    """Delete folders left empty by skipped optional files (both engines leave them)."""
    for folder in sorted(project_dir.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        inside_git = ".git" in folder.relative_to(project_dir).parts
        if folder.is_dir() and not inside_git and not any(folder.iterdir()):
            folder.rmdir()


def init_git(project_dir: Path, kind: str) -> None:
    """Make the project a git repository with a first commit; warn, never fail."""
    if shutil.which("git") is None:
        print("warning: git is not installed; skipped `git init`.", file=sys.stderr)
        return
    if (project_dir / ".git").exists():
        return
    if _git(project_dir, "init", "--quiet") is None:
        print("warning: `git init` failed; the project is not a repository.", file=sys.stderr)
        return
    _git(project_dir, "checkout", "--quiet", "-b", "main")
    _git(project_dir, "add", "--all")
    commit = subprocess.run(
        ["git", "commit", "--quiet", "-m", f"Initial commit from ml-portfolio ({kind})"],
        cwd=project_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    if commit.returncode != 0:
        reason = (commit.stderr or commit.stdout).strip().splitlines()
        print(
            "warning: initialised the git repository without a first commit"
            f" ({reason[-1] if reason else 'git commit failed'}); set user.name and"
            " user.email with `git config`, then `git add -A && git commit`.",
            file=sys.stderr,
        )


def cookiecutter_pre_generate(context: dict[str, Any]) -> int:
    """Reject bad answers before cookiecutter writes anything it keeps."""
    errors = validate(context)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


def cookiecutter_post_generate(project_dir: Path, context: dict[str, Any], kind_dir: Path) -> int:
    """Finish a cookiecutter project the way the copier tasks finish a copier one.

    ``kind_dir`` is the sub-template's folder (``templates/<kind>``), resolved by
    the hook shim, since ``_repo_dir`` may be relative to another folder.
    """
    repo_root = kind_dir.parents[1]
    template = json.loads((kind_dir / "cookiecutter.json").read_text("utf-8"))
    answers = {"kind": context["_kind"]}
    answers.update((key, context[key]) for key in template if not key.startswith("_"))
    source, commit = template_source(repo_root)
    recorded = {"_src_path": source, **({"_commit": commit} if commit else {}), **answers}
    (project_dir / ANSWERS_FILE).write_text(render_answers_file(recorded), encoding="utf-8")
    return finish(project_dir, kind=answers["kind"], init=context["init_git"] == "yes")


def next_steps(project_dir: Path) -> str:
    """What to type next, printed once the project exists (both engines)."""
    activate = r".venv\Scripts\activate" if os.name == "nt" else "source .venv/bin/activate"
    return (
        f"\nCreated {project_dir.resolve()}\nNext:\n"
        f"  cd {project_dir.resolve()}\n"
        f"  python -m venv .venv && {activate} && make install\n"
        "  make all      # the whole pipeline on the bundled synthetic sample, results in README.md\n"
        "  make test     # the project's own tests\n"
    )


def finish(project_dir: Path, *, kind: str, init: bool) -> int:
    """Steps shared by both engines after the files are written."""
    remove_empty_dirs(project_dir)
    if init:
        init_git(project_dir, kind)
    print(next_steps(project_dir))
    return 0


def is_local_path(source: str) -> bool:
    """True for a template given as a folder, False for a URL or a gh:/gl: shortcut."""
    return not ("://" in source or source.startswith(("gh:", "gl:", "git@", "git+")))


def absolute_source(project_dir: Path, cwd: str | None) -> None:
    """Record a local template copied by copier as an absolute path, as cookiecutter does.

    Copier stores the path as typed (``.``), which ``copier update`` run from the
    project would resolve to the project itself. ``cwd`` is where the user ran
    copier (the shell's PWD); without it the answers file is left as it is.
    """
    answers = project_dir / ANSWERS_FILE
    if not cwd or not answers.exists():
        return
    lines = answers.read_text("utf-8").splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("_src_path: "):
            source = json.loads(line.removeprefix("_src_path: "))  # our quoting is valid JSON too
            if is_local_path(source) and not Path(source).is_absolute():
                resolved = str((Path(cwd) / source).resolve())
                lines[index] = render_answers_file({"_src_path": resolved}).removeprefix(ANSWERS_HEADER)
    answers.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line used by copier's tasks (``post-copy``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    post = sub.add_parser("post-copy", help="finish a project copier has just written")
    post.add_argument("--kind", required=True)
    post.add_argument("--init-git", choices=("yes", "no"), required=True)
    args = parser.parse_args(argv)
    absolute_source(Path.cwd(), os.environ.get("PWD"))
    return finish(Path.cwd(), kind=args.kind, init=args.init_git == "yes")


if __name__ == "__main__":
    sys.exit(main())
