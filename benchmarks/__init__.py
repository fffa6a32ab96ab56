"""Reproducible measurements of the template: `python -m benchmarks` writes RESULTS.md and results.json."""
