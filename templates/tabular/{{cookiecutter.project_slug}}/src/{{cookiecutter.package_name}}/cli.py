"""Command line: ``python -m {{ cookiecutter.package_name }} <command>``; the Makefile wraps it.

Every command prints what it did, and any problem with the data or the order of
steps ends with one ``error:`` line and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from {{ cookiecutter.package_name }} import pipeline
from {{ cookiecutter.package_name }}.config import BUDGETS, project_paths
from {{ cookiecutter.package_name }}.data import DataError
from {{ cookiecutter.package_name }}.download import SOURCES, download
from {{ cookiecutter.package_name }}.report import fill_readme


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="project folder (default: the one around the working directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    data = sub.add_parser("data", help="download the real data into data/raw/")
    data.add_argument("--source", choices=SOURCES, default="openml", help="where from (default: openml)")
    data.add_argument("--url", help="CSV address, with --source url")
    data.add_argument("--sha256", help="expected SHA-256 of the download, with --source url")
    steps = {"train": "tune and select models on the training split", "all": "train, evaluate, figures, report"}
    for name, text in steps.items():
        step = sub.add_parser(name, help=text)
        step.add_argument("--budget", choices=BUDGETS, default="quick", help="tuning budget (default: quick)")
        step.add_argument("--models", help="comma-separated candidate names (default: all)")
    sub.add_parser("evaluate", help="score the tuned models on the test split")
    sub.add_parser("figures", help="draw the result figures into results/")
    sub.add_parser("report", help="fill the README results table from results/metrics.json")
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
