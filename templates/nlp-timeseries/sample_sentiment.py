"""The sentiment track's bundled sample: data/sample/synthetic_reviews.csv.

Short movie reviews written for this template from phrase templates (none is a
real review), labelled positive or negative, with the noise real reviews have:
mixed opinions, negations ("not bad"), HTML line breaks and links as in the IMDB
archive, a few emoji and non-English words, and about 7% of labels flipped, so no
model can reach 100%. Only ``random.Random.random()`` drives the choices (its output
is guaranteed across Python versions), so the file is the same on every machine.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = (
    HERE
    / "{{cookiecutter.project_slug}}"
    / "data"
    / "sample"
    / '{% if cookiecutter.track == "sentiment" %}synthetic_reviews.csv{% endif %}'
)
SEED = 20240611
ROWS = 600
POSITIVE_SHARE = 0.55
FLIP_SHARE = 0.07
COLUMNS = ["id", "text", "label"]
LABELS = ("negative", "positive")

SUBJECTS = [
    "the film",
    "this movie",
    "the story",
    "the acting",
    "the script",
    "the soundtrack",
    "the ending",
    "the cast",
    "the director's work",
    "the cinematography",
    "the dialogue",
    "the lead performance",
    "the pacing",
    "the plot",
    "the second half",
    "the sequel",
    "the main character",
    "the animation",
]
POSITIVE = [
    "was wonderful",
    "is a delight",
    "was brilliant",
    "felt fresh and honest",
    "is beautifully shot",
    "kept me hooked",
    "was genuinely funny",
    "moved me to tears",
    "is a masterpiece",
    "was superb",
    "worked perfectly",
    "is charming from start to finish",
    "was excellent",
    "felt warm and clever",
    "deserves every award",
    "is gripping",
    "was a joy to watch",
    "is smart and touching",
]
NEGATIVE = [
    "was dull",
    "is a mess",
    "was painfully slow",
    "felt lazy and cheap",
    "is badly edited",
    "bored me to sleep",
    "was not funny at all",
    "made no sense",
    "is a disaster",
    "was awful",
    "fell completely flat",
    "is predictable from start to finish",
    "was terrible",
    "felt cold and empty",
    "wasted a great cast",
    "is forgettable",
    "was a chore to sit through",
    "is clumsy and loud",
]
POSITIVE_CLOSERS = [
    "Highly recommended.",
    "I would watch it again.",
    "Ten out of ten.",
    "Go see it.",
    "A must-see.",
    "Loved it 😍",
    "Best film of the year.",
    "Bring the whole family.",
    "Magnifique !",
]
NEGATIVE_CLOSERS = [
    "Avoid it.",
    "I want my money back.",
    "Two out of ten.",
    "Skip this one.",
    "What a waste of time.",
    "Hated it 😡",
    "Worst film of the year.",
    "Do not bother.",
    "Quelle déception.",
]
# Negated phrases carry the opposite sentiment of their words: bag-of-words models need bigrams for them.
NEGATED_POSITIVE = ["was not bad at all", "was never boring", "is not a waste of time", "did not disappoint"]
NEGATED_NEGATIVE = ["was not good", "is not worth it", "was never exciting", "did not impress me"]
NEUTRAL = [
    "I saw it on a Sunday afternoon.",
    "It runs for about two hours.",
    "My friend picked it.",
    "It is based on a novel.",
    "The trailer shows most of it.",
    "I watched it at home.",
    "It came out last year.",
    "There is a long flashback in the middle.",
]
EXTRAS = ["<br /><br />", " More at https://example.com/review .", " (spoilers ahead)", ""]


def _pick(rng: random.Random, options: list[str]) -> str:
    return options[int(rng.random() * len(options))]


def _sentence(rng: random.Random, positive: bool) -> str:
    if rng.random() < 0.15:
        verb = _pick(rng, NEGATED_POSITIVE if positive else NEGATED_NEGATIVE)
    else:
        verb = _pick(rng, POSITIVE if positive else NEGATIVE)
    subject = _pick(rng, SUBJECTS)
    return f"{subject[0].upper()}{subject[1:]} {verb}."


def review(rng: random.Random, positive: bool) -> str:
    """One review: two or three opinions (one may disagree with the verdict), filler and a closer."""
    opinions = [_sentence(rng, positive) for _ in range(2 + int(rng.random() * 2))]
    if rng.random() < 0.35:  # a mixed review: one sentence pulls the other way
        opinions[int(rng.random() * len(opinions))] = "But " + _sentence(rng, not positive).lower()
    parts = opinions
    if rng.random() < 0.5:
        parts.insert(int(rng.random() * (len(parts) + 1)), _pick(rng, NEUTRAL))
    if rng.random() < 0.7:
        parts.append(_pick(rng, POSITIVE_CLOSERS if positive else NEGATIVE_CLOSERS))
    text = " ".join(parts)
    extra = _pick(rng, EXTRAS)
    if extra == "<br /><br />":
        cut = text.find(". ") + 1 or len(text)
        return text[:cut] + extra + text[cut:].lstrip()
    return text + extra


def rows() -> list[dict[str, str]]:
    rng = random.Random(SEED)
    table = []
    for index in range(ROWS):
        positive = rng.random() < POSITIVE_SHARE
        text = review(rng, positive)
        if rng.random() < FLIP_SHARE:  # label noise, as in any hand-labelled corpus
            positive = not positive
        table.append({"id": f"r{index:04d}", "text": text, "label": LABELS[positive]})
    return table


def render() -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows())
    return buffer.getvalue()


def validate(text: str) -> list[str]:
    """What is wrong with a sample file's content, judged by schema and statistics."""
    table = list(csv.DictReader(io.StringIO(text)))
    if not table or list(table[0]) != COLUMNS:
        return [f"columns must be {COLUMNS}"]
    problems = []
    if not 300 <= len(table) <= 2000:
        problems.append(f"{len(table)} rows, expected a few hundred")
    if {row["label"] for row in table} != set(LABELS):
        problems.append(f"labels must be {LABELS}")
    share = sum(row["label"] == "positive" for row in table) / len(table)
    if not 0.45 <= share <= 0.65:
        problems.append(f"positive share {share:.2f} outside 0.45-0.65")
    if len({row["id"] for row in table}) != len(table) or any(not row["text"].strip() for row in table):
        problems.append("ids must be unique and texts non-empty")
    if any(marker in text for marker in ("{{", "{%", "{#")):
        problems.append("the file must not hold Jinja markers")
    return problems


def build(*, check: bool) -> list[str]:
    """Write the sample, or (with ``check``) return what is wrong with the committed one."""
    expected = render()
    if not check:
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        TARGET.write_text(expected, encoding="utf-8", newline="\n")
        return validate(expected)
    if not TARGET.exists():
        return [f"{TARGET.relative_to(HERE)} is missing: run scripts/sync.py"]
    problems = validate(TARGET.read_text(encoding="utf-8"))
    if not problems and TARGET.read_text(encoding="utf-8") != expected:
        problems.append(f"{TARGET.relative_to(HERE)} differs from what sample_sentiment.py writes: run scripts/sync.py")
    return problems
