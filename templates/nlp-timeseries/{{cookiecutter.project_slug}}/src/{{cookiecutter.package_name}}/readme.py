{#- synced from templates/_common/project/src/{{cookiecutter.package_name}}/readme.py by scripts/sync.py -#}
"""Fill the README's results section from results/metrics.json, the same way in every project.

Only the text between the two markers changes, so the rest of the README stays
the author's own. The section always opens by naming the data the figures were
measured on, and says so loudly when that was the bundled synthetic sample.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .atomic import write_text

START = "<!-- results:start -->"
END = "<!-- results:end -->"


class MarkerError(ValueError):
    """The README lacks one well-ordered pair of results markers."""


def dataset_note(metrics: dict[str, Any]) -> str:
    """One line naming the data behind the results, with a warning for the synthetic sample."""
    dataset = metrics["dataset"]
    line = f"Data: {dataset['name']} (`{dataset['path']}`, {dataset['rows']:,} rows)."
    if dataset["synthetic"]:
        line = (
            "> **Synthetic sample:** these results come from the bundled synthetic data, not real"
            " measurements. Run `make data`, then `make all`, before quoting them.\n\n" + line
        )
    return line


def replace_results(text: str, body: str) -> str:
    """``text`` with the part between the results markers replaced by ``body``."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise MarkerError(f"README.md needs exactly one {START} ... {END} pair to hold the results")
    head, rest = text.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{body}\n{END}{tail}"


def write_results(readme: Path, metrics: dict[str, Any], body: str) -> Path:
    """Write the dataset note and ``body`` (the kind's tables and figures) into ``readme``."""
    text = replace_results(readme.read_text("utf-8"), f"{dataset_note(metrics)}\n\n{body}")
    return write_text(readme, text)
