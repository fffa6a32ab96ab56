"""The forecasting track's bundled sample: a synthetic daily price series, clearly named so.

``data/sample/synthetic_prices.csv`` holds about three years of business days in
the loader's flat yfinance layout (Date, Open, High, Low, Close, Volume), so the
project runs offline. Daily log returns are drawn with a fixed seed from a model
with the features real prices show and models can look for: a trend, a weekly
(day-of-week) pattern, volatility clustering (GARCH(1,1)), a little momentum
(AR(1)), and a regime change two thirds in (the trend turns down, volatility rises).

build.py calls :func:`build`: writing regenerates the file; checking validates the
committed one by schema and statistics, not bytes, which depend on NumPy.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

FILE = (
    Path(__file__).resolve().parent
    / "{{cookiecutter.project_slug}}/data/sample"
    / '{% if cookiecutter.track == "forecasting" %}synthetic_prices.csv{% endif %}'
)
SEED = 20_260
DAYS = 780  # business days, about three years
START = "2022-01-03"
REGIME_CHANGE = 520
COLUMNS = ["Date", "Open", "High", "Low", "Close", "Volume"]
WEEKDAY_EFFECT = np.array([-0.0025, 0.0010, 0.0015, 0.0005, -0.0005])  # Monday to Friday, sums to zero


def make_prices(seed: int = SEED, days: int = DAYS) -> pd.DataFrame:
    """The synthetic series, identical for the same seed."""
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range(START, periods=days, name="Date")
    drift = np.where(np.arange(days) < REGIME_CHANGE, 0.0007, -0.0004)
    long_run = np.where(np.arange(days) < REGIME_CHANGE, 0.009, 0.015) ** 2  # daily variance per regime
    alpha, beta = 0.08, 0.88
    variance, previous, returns = long_run[0], 0.0, np.empty(days)
    for day in range(days):
        variance = long_run[day] * (1 - alpha - beta) + alpha * previous**2 + beta * variance
        shock = np.sqrt(variance) * rng.standard_t(5) / np.sqrt(5 / 3)
        momentum = 0.08 * (returns[day - 1] - drift[day - 1]) if day else 0.0
        returns[day] = drift[day] + WEEKDAY_EFFECT[dates[day].dayofweek] + momentum + shock
        previous = shock
    close = 100 * np.exp(np.cumsum(returns))
    opened = np.concatenate([[100.0], close[:-1]]) * np.exp(rng.normal(0, 0.002, days))
    spread = np.abs(rng.normal(0, 0.006, (2, days)))
    frame = pd.DataFrame(
        {
            "Open": opened,
            "High": np.maximum(opened, close) * (1 + spread[0]),
            "Low": np.minimum(opened, close) * (1 - spread[1]),
            "Close": close,
            "Volume": np.round(2e6 * (1 + 40 * np.abs(returns)) * rng.lognormal(0, 0.25, days)).astype(int),
        },
        index=dates,
    )
    return frame.round({"Open": 4, "High": 4, "Low": 4, "Close": 4})


def to_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(date_format="%Y-%m-%d", lineterminator="\n")


def problems_of(text: str) -> list[str]:
    """What is wrong with a committed sample, judged by schema and statistics."""
    frame = pd.read_csv(io.StringIO(text))
    if list(frame.columns) != COLUMNS:
        return [f"{FILE.name}: columns {list(frame.columns)}, expected {COLUMNS}"]
    problems = []
    dates = pd.to_datetime(frame["Date"], format="%Y-%m-%d")
    if len(frame) != DAYS:
        problems.append(f"{len(frame)} rows, expected {DAYS}")
    if not dates.is_monotonic_increasing or dates.duplicated().any() or (dates.dt.dayofweek > 4).any():
        problems.append("dates must be increasing, unique business days")
    if not (frame[["Open", "High", "Low", "Close"]] > 0).all().all():
        problems.append("prices must be positive")
    if (frame["High"] < frame[["Open", "Close"]].max(axis=1) - 1e-3).any():
        problems.append("High below Open or Close")
    if (frame["Low"] > frame[["Open", "Close"]].min(axis=1) + 1e-3).any():
        problems.append("Low above Open or Close")
    returns = np.diff(np.log(frame["Close"].to_numpy()))
    before, after = returns[: REGIME_CHANGE - 1], returns[REGIME_CHANGE - 1 :]
    if not 0.007 < before.std() < 0.014 or not 0.011 < after.std() < 0.022:
        problems.append(f"volatility {before.std():.4f} / {after.std():.4f} per regime is off")
    if not before.mean() > after.mean():
        problems.append("the trend should turn down after the regime change")
    size = np.abs(returns - returns.mean())
    if np.corrcoef(size[:-1], size[1:])[0, 1] < 0.03:
        problems.append("no volatility clustering (|return| not autocorrelated)")
    return problems


def build(*, check: bool) -> list[str]:
    """Write the sample, or with ``check`` return what is wrong with the committed one."""
    if not check:
        FILE.parent.mkdir(parents=True, exist_ok=True)
        FILE.write_text(to_csv(make_prices()), encoding="utf-8")
        return []
    if not FILE.exists():
        return [f"{FILE.name} is missing: run scripts/sync.py"]
    return [f"{FILE.name}: {problem}" for problem in problems_of(FILE.read_text(encoding="utf-8"))]
