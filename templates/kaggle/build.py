"""The kaggle kind's derived files: a bundled synthetic competition folder, one per task type.

Nothing in CI reaches Kaggle, and competition data may not be redistributed, so
every generated project ships a small stand-in in the exact shape of a Kaggle
competition: ``train.csv``, ``test.csv`` and ``sample_submission.csv`` under
``data/sample/synthetic_competition/``. The target has a known signal (numeric
effects, a 5-level and a 3-level category, and a 60-level "store" whose effect
only target encoding can learn), plus two pure-noise columns and missing values.

The id and target columns are the user's answers, so the header line of each
file is a Jinja expression; only the file for the chosen task type is rendered
(its name is empty otherwise). scripts/sync.py calls :func:`build`: writing
regenerates the files; checking validates the committed ones by schema and
statistics, not bytes, which depend on NumPy's random stream.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

FOLDER = Path(__file__).resolve().parent / "{{cookiecutter.project_slug}}/data/sample/synthetic_competition"
TASKS = ("regression", "binary", "multiclass")
TRAIN_ROWS, TEST_ROWS = 800, 400
SEED = 20_240
ID, TARGET = "{{ cookiecutter.id_column }}", "{{ cookiecutter.target_column }}"
FEATURES = ["age", "income", "visits", "tenure", "ratio", "region", "segment", "store", "noise_a", "noise_b"]
CLASSES = ["alpha", "beta", "gamma"]
REGIONS = {"north": 0.3, "south": -0.2, "east": 0.1, "west": 0.0, "central": -0.4}
SEGMENTS = {"basic": -0.3, "plus": 0.1, "premium": 0.5}


def file_name(task: str, name: str) -> str:
    """The template file name: renders to ``name`` for ``task`` (and for a competition), else to nothing."""
    condition = f'cookiecutter.task_type == "{task}"'
    if name != "train.csv":
        condition += ' and cookiecutter.data_source == "kaggle"'
    return "{% if " + condition + " %}" + name + "{% endif %}"


def make_competition(task: str, seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(train, test, sample_submission) for ``task``, identical for the same seed."""
    rng = np.random.default_rng(seed + TASKS.index(task))
    n = TRAIN_ROWS + TEST_ROWS
    store_effect = rng.normal(0, 0.6, 60)
    frame = pd.DataFrame(
        {
            ID: np.arange(1, n + 1),
            "age": rng.integers(18, 80, n),
            "income": np.round(np.exp(rng.normal(10.6, 0.5, n)), 0),
            "visits": rng.poisson(4, n),
            "tenure": np.round(rng.uniform(0, 20, n), 1),
            "ratio": np.round(rng.beta(2, 5, n), 3),
            "region": rng.choice(list(REGIONS), n),
            "segment": rng.choice(list(SEGMENTS), n, p=[0.5, 0.3, 0.2]),
            "store": [f"S{index:02d}" for index in rng.integers(0, 60, n)],
            "noise_a": np.round(rng.normal(0, 1, n), 3),
            "noise_b": rng.choice(["x", "y", "z"], n),
        }
    )
    store = frame["store"].str[1:].astype(int).to_numpy()
    latent = (
        0.8 * np.log(frame["income"] / 40_000)
        + 0.15 * (frame["visits"] - 4)
        + 0.5 * np.sin((frame["age"] - 18) / 10)
        + 0.05 * frame["tenure"]
        + 1.2 * frame["ratio"]
        + frame["region"].map(REGIONS)
        + frame["segment"].map(SEGMENTS)
        + store_effect[store]
    ).to_numpy()
    if task == "regression":
        target = np.round(np.exp(11.5 + 0.5 * latent + rng.normal(0, 0.12, n)), -2)
    elif task == "binary":
        chance = 1 / (1 + np.exp(-(2.0 * (latent - np.median(latent)) - 0.6)))
        target = (rng.random(n) < chance).astype(int)
    else:
        noisy = latent + rng.normal(0, 0.35, n)
        target = np.array(CLASSES, dtype=object)[np.digitize(noisy, np.quantile(noisy, [0.45, 0.8]))]
    frame[TARGET] = target
    for column, share in (("income", 0.06), ("tenure", 0.1), ("region", 0.04)):
        frame.loc[rng.random(n) < share, column] = np.nan
    train, test = frame.iloc[:TRAIN_ROWS].reset_index(drop=True), frame.iloc[TRAIN_ROWS:].reset_index(drop=True)
    test = test.drop(columns=TARGET)
    constant = CLASSES[0] if task == "multiclass" else 0.5 if task == "binary" else float(train[TARGET].median())
    submission = pd.DataFrame({ID: test[ID], TARGET: constant})
    return train, test, submission


def to_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def problems(task: str, texts: dict[str, str]) -> list[str]:
    """What is wrong with the committed files of ``task``, judged by schema and statistics."""
    try:
        frames = {name: pd.read_csv(io.StringIO(text)) for name, text in texts.items()}
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return [f"{task}: not a readable CSV ({error})"]
    found = []
    train = frames["train.csv"]
    if list(train.columns) != [ID, *FEATURES, TARGET]:
        return [f"{task}: train.csv must have the columns {[ID, *FEATURES, TARGET]}"]
    if len(train) != TRAIN_ROWS or train[ID].tolist() != list(range(1, TRAIN_ROWS + 1)):
        found.append(f"{task}: train.csv must have {TRAIN_ROWS} rows with ids 1..{TRAIN_ROWS}")
    y = train[TARGET]
    if task == "regression":
        signal = np.corrcoef(np.log(y), np.log(train["income"].fillna(train["income"].median())))[0, 1]
        if not (y > 0).all() or signal < 0.2:
            found.append(f"{task}: the target must be positive and follow log income (correlation {signal:.2f})")
    elif task == "binary":
        if set(y) != {0, 1} or not 0.2 <= y.mean() <= 0.6:
            found.append(f"{task}: the target must be 0/1 with 20-60% positives")
    elif set(y) != set(CLASSES):
        found.append(f"{task}: the target must take the classes {CLASSES}")
    store_means = train.groupby("store")[TARGET].apply(lambda s: s.astype("category").cat.codes.mean())
    if train["store"].nunique() < 50 or store_means.std() == 0:
        found.append(f"{task}: the store column must have many levels with different targets")
    if "test.csv" in frames:
        test, sample = frames["test.csv"], frames["sample_submission.csv"]
        if list(test.columns) != [ID, *FEATURES] or len(test) != TEST_ROWS:
            found.append(f"{task}: test.csv must have {TEST_ROWS} rows and the train columns less the target")
        elif list(sample.columns) != [ID, TARGET] or sample[ID].tolist() != test[ID].tolist():
            found.append(f"{task}: sample_submission.csv must list the test ids in order, then the target")
    return found


def build(*, check: bool) -> list[str]:
    """Write the sample competitions, or check the committed ones; return the problems found."""
    found = []
    for task in TASKS:
        frames = dict(zip(("train.csv", "test.csv", "sample_submission.csv"), make_competition(task), strict=True))
        paths = {name: FOLDER / file_name(task, name) for name in frames}
        if not check:
            FOLDER.mkdir(parents=True, exist_ok=True)
            for name, path in paths.items():
                path.write_text(to_csv(frames[name]), encoding="utf-8")
            continue
        missing = [path.name for path in paths.values() if not path.exists()]
        if missing:
            found.append(f"{task}: {', '.join(missing)} missing: run python scripts/sync.py")
            continue
        found += problems(task, {name: path.read_text("utf-8") for name, path in paths.items()})
    return found
