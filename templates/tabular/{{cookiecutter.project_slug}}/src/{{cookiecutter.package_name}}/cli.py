"""Command line: ``python -m {{ cookiecutter.package_name }} <command>``; the Makefile wraps it.

Every command prints what it did, and any problem with the data or the order of
steps ends with one ``error:`` line and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from {{ cookiecutter.package_name }} import pipeline
from {{ cookiecutter.package_name }}.config import BUDGETS, project_paths
from {{ cookiecutter.package_name }}.data import DataError, load_csv
from {{ cookiecutter.package_name }}.download import SOURCES, download
from {{ cookiecutter.package_name }}.models import BLEND, candidates
from {{ cookiecutter.package_name }}.report import fill_readme

DESCRIPTION = (
    "House-price pipeline: download the data, tune and select models, score them on the test split,"
    " draw figures and fill the README{% if cookiecutter.include_api == "yes" %}, serve the prediction API{% endif %}."
    " Without `data` (or --data), every step uses the bundled synthetic sample."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}", description=DESCRIPTION)
    parser.add_argument("--root", type=Path, help="project folder (default: the one around the working directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")

    data = command("data", "download the real data into data/raw/")
    data.add_argument("--source", choices=SOURCES, default="openml", help="where from (default: openml)")
    data.add_argument("--url", help="CSV address, with --source url")
    data.add_argument("--sha256", help="expected SHA-256 of the download, with --source url")
    steps = {"train": "tune and select models on the training split", "all": "train, evaluate, figures and report"}
    for name, text in steps.items():
        step = command(name, text)
        step.add_argument("--budget", choices=BUDGETS, default="quick", help="tuning budget (default: quick)")
        names = ", ".join([*(candidate.name for candidate in candidates()), BLEND])
        step.add_argument("--models", help=f"comma-separated, among: {names} (default: all)")
        step.add_argument(
            "--data",
            type=Path,
            metavar="PATH",
            help="a CSV in the Ames/Kaggle schema to train on (default: data/raw/ after `data`, else the sample)",
        )
    command("evaluate", "score every tuned model once on the held-out test split")
    command("figures", "draw the EDA and result figures into results/")
    command("report", "fill the README results section from results/metrics.json")
{%- if cookiecutter.include_api == "yes" %}
    serve = command("serve", "serve the prediction API (docs at /docs)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
{%- endif %}
    return parser


def checked_data_file(path: Path) -> Path:
    """A --data file, read and checked now, so a wrong file fails before any training starts."""
    load_csv(path)
    return path.resolve()


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = project_paths(args.root)
    started = time.perf_counter()
    try:
        if getattr(args, "data", None) is not None:
            paths = replace(paths, data_file=checked_data_file(args.data))
        if args.command == "data":
            print(f"wrote {download(paths, args.source, args.url, args.sha256)}")
        if args.command in ("train", "all"):
            only = [name.strip() for name in args.models.split(",")] if args.models else None
            pipeline.train(paths, budget=args.budget, only=only)
        if args.command in ("evaluate", "all"):
            metrics = pipeline.evaluate(paths)
            chosen = metrics["selected_metrics"]
            print(
                f"test: RMSE {chosen['rmse']:,.0f}  MAE {chosen['mae']:,.0f}"
                f"  R² {chosen['r2']:.3f}  RMSLE {chosen['rmsle']:.4f}"
            )
        if args.command in ("figures", "all"):
            for path in pipeline.figures(paths):
                print(f"wrote {path.relative_to(paths.root)}")
        if args.command in ("report", "all"):
            print(f"updated {fill_readme(paths).relative_to(paths.root)}")
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
        print(f"done in {time.perf_counter() - started:.1f}s")
    return 0
