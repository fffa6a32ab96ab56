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
from {{ cookiecutter.package_name }}.config import RECIPES, project_paths
from {{ cookiecutter.package_name }}.data import DataError
from {{ cookiecutter.package_name }}.models import MODELS
from {{ cookiecutter.package_name }}.report import comparison_table, fill_readme


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m {__package__}", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="project folder (default: the one around the working directory)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    sub.add_parser("data", help="download the official CIFAR-10 archive (MD5-checked) into data/raw/")
    steps = {"train": "train the recipe's network", "all": "train, evaluate, figures, report"}
    for name, text in steps.items():
        step = sub.add_parser(name, help=text)
        step.add_argument("--recipe", choices=RECIPES, default="quick", help="training recipe (default: quick)")
        step.add_argument("--model", choices=MODELS, help="network (default: the recipe's)")
        step.add_argument("--epochs", type=int, help="epochs (default: the recipe's)")
        step.add_argument("--width", type=float, help="channel multiplier (default: the recipe's)")
        step.add_argument("--resume", action="store_true", help="continue from models/checkpoint.pt")
        step.add_argument("--compile", action="store_true", help="use torch.compile")
        step.add_argument("--device", default="auto", help="cuda, mps or cpu (default: the best available)")
        step.add_argument("--no-progress", action="store_true", help="no progress bar (logs only)")
    sub.add_parser("evaluate", help="score the trained model on the test split")
    sub.add_parser("figures", help="draw the result figures into results/")
    sub.add_parser("report", help="fill the README results section from results/metrics.json")
    compare = sub.add_parser("compare", help="simple CNN vs VGG vs ResNet under one budget: table and plot")
    compare.add_argument("--epochs", type=int, default=4, help="epochs per model (default: 4)")
    compare.add_argument("--width", type=float, help="channel multiplier (default: 1 on CUDA, 0.25 elsewhere)")
    compare.add_argument("--device", default="auto")
    bench = sub.add_parser("benchmark", help="training images/s and s/epoch per recipe on data of the real shape")
    bench.add_argument("--steps", type=int, default=10, help="timed steps per recipe (default: 10)")
    bench.add_argument("--warmup", type=int, default=2, help="untimed steps first (default: 2)")
    bench.add_argument("--recipes", help=f"comma-separated, from {', '.join(RECIPES)} (default: all)")
    bench.add_argument("--models", help="comma-separated networks to run under each recipe (default: its own)")
    bench.add_argument("--device", default="auto")
    bench.add_argument("--compile", action="store_true", help="use torch.compile")
{%- if cookiecutter.include_api == "yes" %}
    serve = sub.add_parser("serve", help="serve the prediction API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
{%- endif %}
    return parser


def split(text: str | None) -> list[str] | None:
    return [item.strip() for item in text.split(",")] if text else None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = project_paths(args.root)
    started = time.perf_counter()
    try:
        if args.command == "data":
            from {{ cookiecutter.package_name }}.download import download

            print(f"wrote {download(paths)}")
        if args.command in ("train", "all"):
            recipe = RECIPES[args.recipe]
            changes = {"model": args.model, "epochs": args.epochs, "width": args.width}
            recipe = recipe.with_(**{key: value for key, value in changes.items() if value is not None})
            recipe = recipe.with_(compile=args.compile)
            pipeline.train(paths, recipe, resume=args.resume, device=args.device, progress=not args.no_progress)
        if args.command in ("evaluate", "all"):
            metrics = pipeline.evaluate(paths)
            print(f"test accuracy {metrics['headline']['value']:.1%} ({metrics['dataset']['name']})")
        if args.command in ("figures", "all"):
            for path in pipeline.figures(paths):
                print(f"wrote {path.relative_to(paths.root)}")
        if args.command in ("report", "all"):
            print(f"updated {fill_readme(paths).relative_to(paths.root)}")
        if args.command == "compare":
            summary = pipeline.compare(paths, epochs=args.epochs, width=args.width, device=args.device)
            print(comparison_table(summary))
            print("wrote results/comparison.json, results/comparison.png")
        if args.command == "benchmark":
            from {{ cookiecutter.package_name }}.benchmark import benchmark

            output = paths.results / "benchmark.json"
            benchmark(
                split(args.recipes), split(args.models), args.steps, args.warmup, args.device, args.compile, output
            )
            print(f"wrote {output.relative_to(paths.root)}")
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
        pipeline.record_run_time(paths, seconds)
        print(f"done in {seconds:.1f}s (timings in {paths.timings.relative_to(paths.root)})")
    return 0
