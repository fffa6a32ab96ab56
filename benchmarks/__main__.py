"""python -m benchmarks [--only SECTION,...] [--runs N]: measure, then write RESULTS.md and results.json.

Sections: generation (per kind and engine), first-result (per kind: install, `make all`,
`make test`), real-data (the tabular kind on the real house-price data in ../shared/data,
per tuning budget), cnn-recipes (the cifar10-cnn kind's training images/s per recipe and
network on the device at hand), tiers (this repository's fast tier; `tiers-full` adds
`bash .ci/run`).
Sections not rerun keep their last figures from results.json, each with its own date, so
RESULTS.md always shows the newest measurement of every section.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks import cnn_recipes, first_result, generation, real_data, tiers
from benchmarks.machine import describe

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SECTIONS = ("generation", "first-result", "real-data", "cnn-recipes", "tiers", "tiers-full")


def kinds() -> list[str]:
    return list(json.loads((ROOT / "cookiecutter.json").read_text("utf-8"))["templates"])


def render(results: dict[str, dict]) -> str:
    """RESULTS.md: one table per section, each with the machine and date it was measured on."""
    lines = [
        "# Benchmarks",
        "",
        "Written by `python -m benchmarks` (see its `--help`); every figure below was measured by it.",
    ]

    def header(section: str, title: str, command: str) -> None:
        machine = results[section]["machine"]
        where = f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, {machine['os']}"
        lines.extend(
            ["", f"## {title}", "", f"`{command}` on {machine['date']}: {where}, Python {machine['python']}.", ""]
        )

    if "generation" in results:
        runs = results["generation"]["rows"][0]["runs"]
        header("generation", "Generation time", f"python -m benchmarks --only generation --runs {runs}")
        lines += ["| kind | cookiecutter (s) | copier (s) | copier / cookiecutter |", "|---|---|---|---|"]
        by_kind: dict[str, dict[str, float]] = {}
        for row in results["generation"]["rows"]:
            by_kind.setdefault(row["kind"], {})[row["engine"]] = row["median_s"]
        for kind, engines in by_kind.items():
            ratio = engines["copier"] / engines["cookiecutter"]
            lines.append(f"| {kind} | {engines['cookiecutter']:.2f} | {engines['copier']:.2f} | {ratio:.1f}× |")
        lines += ["", f"Median of {runs} whole-process runs from a clean clone, `init_git=no`. "
                  + results["generation"]["note"]]  # fmt: skip
    if "first-result" in results:
        header("first-result", "Time to a first result (bundled sample)", "python -m benchmarks --only first-result")
        lines += [
            "| kind | generate (s) | install (s) | `make all` (s) | `make all` peak memory (MiB) | `make test` (s) |",
            "|---|---|---|---|---|---|",
        ]
        for row in results["first-result"]["rows"]:
            lines.append(
                f"| {row['kind']} | {row['generate_s']} | {row['install_s']} | {row['make_all_s']} "
                f"| {row['make_all_peak_mib']} | {row['make_test_s']} |"
            )
    if "real-data" in results and "rows" in results["real-data"]:
        header("real-data", "tabular on the real Kaggle house-price data", "python -m benchmarks --only real-data")
        lines += [
            "| budget | selected | CV log-RMSE | hold-out log-RMSE | `make all` (s) |",
            "|---|---|---|---|---|",
        ]
        for row in results["real-data"]["rows"]:
            lines.append(
                f"| {row['budget']} | {row['selected']} | {row['cv_rmsle']:.4f} ± {row['cv_rmsle_std']:.4f} "
                f"| {row['holdout_rmsle']:.4f} | {row['make_all_s']} |"
            )
        lines += ["", f"Data: {results['real-data']['rows'][0]['dataset']}, 1,460 sales, 80/20 split, 5-fold CV."]
    if "cnn-recipes" in results:
        section = results["cnn-recipes"]
        header("cnn-recipes", "cifar10-cnn training speed per recipe", "python -m benchmarks --only cnn-recipes")
        device = section["device"]
        lines += [
            f"Device: {device['device']} ({device['device_name']}), PyTorch {device['torch']}, "
            f"{device['threads']} threads; random images of CIFAR-10's shape (50,000 × 3 × 32 × 32), "
            f"{section['steps']} timed training steps after {section['warmup']} untimed; no accuracy (no real data).",
            "",
            "| recipe | network | batch | parameters | images/s | s/epoch |",
            "|---|---|---|---|---|---|",
        ]
        for row in section["rows"]:
            lines.append(
                f"| {row['recipe']} | {row['model']} | {row['batch_size']} | {row['parameters']:,} "
                f"| {row['images_per_second']:,.0f} | {row['seconds_per_epoch']:,.1f} |"
            )
        lines += ["", "No GPU was at hand: the GPU recipes ran on the CPU, and airbench was not timed beside them."
                  if device["device"] == "cpu" else "airbench is not timed yet on this device."]  # fmt: skip
    if "tiers" in results:
        header("tiers", "This repository's tests", "python -m benchmarks --only tiers")
        lines.append(f'- fast tier (`pytest -m "not slow" -n 2`): {results["tiers"]["fast_tier_s"]} s')
        if "ci_run_s" in results["tiers"]:
            lines.append(f"- `bash .ci/run` (fast and slow tiers, installs included): {results['tiers']['ci_run_s']} s")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", default="generation,first-result,cnn-recipes,tiers", help=f"comma-separated: {', '.join(SECTIONS)}"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per generation measurement (default: 5)")
    args = parser.parse_args(argv)
    chosen = [section.strip() for section in args.only.split(",") if section.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section {', '.join(unknown)}: choose among {', '.join(SECTIONS)}")
    store = HERE / "results.json"
    results = json.loads(store.read_text("utf-8")) if store.exists() else {}
    machine = describe()
    if "generation" in chosen:
        note = ("cookiecutter-data-science 2.3.0 installs from the registry but clones its template from GitHub "
                "at run time, so it cannot be timed on a machine without internet access.")  # fmt: skip
        results["generation"] = {"machine": machine, "rows": generation.measure(kinds(), args.runs), "note": note}
    if "first-result" in chosen:
        results["first-result"] = {"machine": machine, "rows": [first_result.measure(kind) for kind in kinds()]}
    if "real-data" in chosen:
        results["real-data"] = {"machine": machine, **real_data.measure()}
    if "cnn-recipes" in chosen:
        results["cnn-recipes"] = {"machine": machine, **cnn_recipes.measure()}
    if "tiers" in chosen or "tiers-full" in chosen:
        results["tiers"] = {"machine": machine, **tiers.measure(full="tiers-full" in chosen)}
    store.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (HERE / "RESULTS.md").write_text(render(results), encoding="utf-8")
    print(f"wrote {store.relative_to(ROOT)} and benchmarks/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
