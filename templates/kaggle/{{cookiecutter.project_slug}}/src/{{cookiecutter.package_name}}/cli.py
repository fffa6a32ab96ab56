"""Command line: ``python -m {{ cookiecutter.package_name }} <command>``; the Makefile wraps it.

Every command prints what it did, and any problem with the data, the order of
steps or the kaggle tool ends with one ``error:`` line and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from {{ cookiecutter.package_name }} import pipeline
from {{ cookiecutter.package_name }}.config import DataError, project_paths
from {{ cookiecutter.package_name }}.features import FEATURE_SETS
from {{ cookiecutter.package_name }}.folds import SCHEMES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="project folder (default: the one around the working directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
{%- if cookiecutter.data_source == "kaggle" %}
    sub.add_parser("data", help="download the competition files into data/raw/ with the kaggle CLI")
{%- else %}
    data = sub.add_parser("data", help="copy your CSV/Parquet file (path or URL) to data/raw/train.csv")
    data.add_argument("--source", default="", help="path or URL of the file")
{%- endif %}
    folds = sub.add_parser("folds", help="write the fixed folds to data/processed/folds.csv")
    folds.add_argument("--scheme", choices=SCHEMES, default="auto", help="how rows are split (default: auto)")
    folds.add_argument("--column", help="the group or time column, with --scheme group or time")
    folds.add_argument("--force", action="store_true", help="rewrite the folds even if they exist")
    steps = {
        "train": "cross-validate the models and ensembles, log them",
        "all": "folds, train, {% if cookiecutter.data_source == "kaggle" %}submission, {% endif %}figures and README",
    }
    for name, text in steps.items():
        step = sub.add_parser(name, help=text)
        step.add_argument("--models", help="comma-separated candidates (default: every installed one)")
        step.add_argument("--features", choices=list(FEATURE_SETS), default="full", help="feature set (default: full)")
    sub.add_parser("report", help="figures and the README results section from results/metrics.json")
{%- if cookiecutter.data_source == "kaggle" %}
    sub.add_parser("submission", help="write results/submission.csv, validated against sample_submission.csv")
    submit = sub.add_parser("submit", help="upload results/submission.csv to Kaggle")
    submit.add_argument("--message", default="", help="a note appended to the experiment's name")
    sub.add_parser("leaderboard", help="record your submissions' public scores in results/experiments.csv")
{%- endif %}
{%- if cookiecutter.include_api == "yes" %}
    serve = sub.add_parser("serve", help="serve the prediction API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
{%- endif %}
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = project_paths(args.root)
    started = time.perf_counter()
    try:
        if args.command == "data":
{%- if cookiecutter.data_source == "kaggle" %}
            from {{ cookiecutter.package_name }} import kaggle_cli

            for path in kaggle_cli.download(paths.raw):
                print(f"wrote {path.relative_to(paths.root)}")
{%- else %}
            from {{ cookiecutter.package_name }}.data import fetch_own_data

            print(f"wrote {fetch_own_data(paths, args.source).relative_to(paths.root)}")
{%- endif %}
            if paths.folds.exists():
                paths.folds.unlink()
                print("removed data/processed/folds.csv (made for the previous data)")
        if args.command in ("folds", "all"):
            force = getattr(args, "force", False)
            scheme, column = getattr(args, "scheme", "auto"), getattr(args, "column", None)
            print(f"folds: {pipeline.make_folds(paths, scheme, column, force).relative_to(paths.root)}")
        if args.command in ("train", "all"):
            names = [name.strip() for name in args.models.split(",")] if args.models else None
            metrics = pipeline.train(paths, names, args.features)
            headline = metrics["headline"]
            print(f"selected {metrics['selected']}: CV {headline['name']} {headline['value']:.4f}")
{%- if cookiecutter.data_source == "kaggle" %}
        if args.command in ("submission", "all"):
            print(f"wrote {pipeline.submission(paths).relative_to(paths.root)} (checked against sample_submission.csv)")
        if args.command == "submit":
            print(pipeline.submit(paths, args.message))
        if args.command == "leaderboard":
            print(f"recorded {pipeline.leaderboard(paths)} public score(s) in results/experiments.csv")
{%- endif %}
        if args.command in ("report", "all"):
            for path in pipeline.report(paths):
                print(f"wrote {path.relative_to(paths.root)}")
{%- if cookiecutter.include_api == "yes" %}
        if args.command == "serve":
            import uvicorn

            from {{ cookiecutter.package_name }}.api import create_app

            uvicorn.run(create_app(paths.model), host=args.host, port=args.port)
{%- endif %}
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.command == "all":
        seconds = time.perf_counter() - started
        pipeline.write_timings(paths, seconds)  # the whole run's wall time, with the models' from `train`
        print(f"done in {seconds:.1f}s (timings in {paths.timings.relative_to(paths.root)})")
    return 0
