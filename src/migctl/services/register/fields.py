"""The programme register's vocabulary: categories, statuses, keys, scores, trends.

Pure text rules (no store), shared by the register's writers, importer and readers. Every
vocabulary is read with :func:`migctl.values.choose`, so English and Finnish words, any case,
and ``-``/space for ``_`` are accepted the same way on the command line and in a spreadsheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from migctl.values import choose, identifier

#: The default action categories (the programme setting ``register.categories`` may replace
#: them); Finnish labels as the city writes them.
DEFAULT_CATEGORIES = ("development", "training", "investment", "wider_change")
CATEGORY_FI = {
    "development": "kehittämishanke",
    "training": "koulutus",
    "investment": "investointi",
    "wider_change": "laajempi muutos",
}
CATEGORY_ALIASES = {
    **{fi: en for en, fi in CATEGORY_FI.items()},
    "kehittämishankkeet": "development", "kehittäminen": "development",
    "koulutukset": "training", "investoinnit": "investment", "muutos": "wider_change",
}

ACTION_STATUSES = ("open", "in_progress", "done", "dropped")
OPEN_ACTION_STATUSES = ("open", "in_progress")
ACTION_STATUS_FI = {
    "open": "avoin", "in_progress": "käynnissä", "done": "valmis", "dropped": "luovuttu",
}
ACTION_STATUS_ALIASES = {
    **{fi: en for en, fi in ACTION_STATUS_FI.items()},
    "aloittamatta": "open", "työn alla": "in_progress", "tehty": "done", "valmistunut": "done",
    "peruttu": "dropped", "hylätty": "dropped", "closed": "done",
}

RISK_STATUSES = ("open", "closed")
RISK_STATUS_FI = {"open": "avoin", "closed": "suljettu"}
RISK_STATUS_ALIASES = {**{fi: en for en, fi in RISK_STATUS_FI.items()}, "poistunut": "closed"}

#: Trend of a risk's score since the last review.
TRENDS = ("up", "down", "flat", "new")

LEVELS = range(1, 6)  # likelihood and impact: 1 (rare, minor) … 5 (almost certain, severe)
LEVEL_ALIASES = {
    "hyvin pieni": 1, "pieni": 2, "kohtalainen": 3, "suuri": 4, "hyvin suuri": 5,
    "very low": 1, "low": 2, "medium": 3, "high": 4, "very high": 5,
}
#: A risk at or above this score is *high* (the ``risks_high`` KPI, the heat map's red).
DEFAULT_HIGH_SCORE = 15
#: A risk not reviewed for this many days is flagged.
DEFAULT_REVIEW_DAYS = 30

KEY_PATTERN = re.compile(r"[A-Z][A-Z0-9_.\-]{0,31}")
ACTION_PREFIX = "ACT-"
RISK_PREFIX = "RISK-"
DECISION_PREFIX = "DEC-"
#: Gate decisions (``task decide``) appear among the decisions as ``GD-<id>``.
GATE_DECISION_PREFIX = "GD-"
CATEGORY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")


def normalize_key(text: str, *, what: str = "a register key") -> str:
    return identifier(text, KEY_PATTERN, upper=True,
                      what=f"{what} (e.g. ACT-014: letters, digits, '-', '_', '.'; at most 32)")


def normalize_category(text: str, categories: Sequence[str] = DEFAULT_CATEGORIES) -> str:
    """A category of ``categories`` (English or Finnish names)."""
    aliases = {fi: en for fi, en in CATEGORY_ALIASES.items() if en in categories}
    return choose(text, categories, aliases, what="an action category")


def parse_categories(text: str) -> tuple[str, ...]:
    """The setting ``register.categories``: comma-separated words, e.g. ``training,it``."""
    words = []
    for item in text.split(","):
        word = "_".join(item.strip().casefold().split()).replace("-", "_")
        word = CATEGORY_ALIASES.get(" ".join(item.strip().casefold().split()), word)
        if not word:
            continue
        if not CATEGORY_PATTERN.fullmatch(word):
            raise ValueError(f"{item.strip()!r} is not a category word (letters, digits, '_')")
        words.append(word)
    if not words:
        raise ValueError("needs at least one category")
    return tuple(dict.fromkeys(words))


def category_label_fi(category: str) -> str:
    return CATEGORY_FI.get(category, category.replace("_", " "))


def normalize_action_status(text: str) -> str:
    return choose(text, ACTION_STATUSES, ACTION_STATUS_ALIASES, what="an action status")


def normalize_risk_status(text: str) -> str:
    return choose(text, RISK_STATUSES, RISK_STATUS_ALIASES, what="a risk status")


def normalize_level(text: str) -> int:
    """Likelihood or impact: 1–5 (``3``, ``3.0`` from a spreadsheet, or a word)."""
    folded = " ".join(text.strip().casefold().split())
    if folded in LEVEL_ALIASES:
        return LEVEL_ALIASES[folded]
    number = folded[:-2] if folded.endswith(".0") else folded
    if number.isdigit() and int(number) in LEVELS:
        return int(number)
    raise ValueError(f"{text!r} is not a level from 1 to 5")


def normalize_score(text: str) -> int:
    """A score threshold: 1–25."""
    number = text.strip()
    if number.isdigit() and 1 <= int(number) <= 25:
        return int(number)
    raise ValueError(f"{text!r} is not a score from 1 to 25")


def score(likelihood: int, impact: int) -> int:
    return likelihood * impact


def split_keys(text: str | None) -> list[str]:
    """``"a, b,,c"`` → ``["a", "b", "c"]``: the stored comma-separated links."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


def join_keys(keys: Iterable[str]) -> str:
    return ",".join(dict.fromkeys(k for k in keys if k))


def trend(current: int, reviewed: Sequence[int]) -> tuple[str, int | None]:
    """(trend, the score it is compared with) since the last review.

    ``reviewed`` are the scores the reviews recorded, oldest first. A score changed since the
    latest review is compared with that review; a score the latest review confirmed is compared
    with the review before it, so "the top risk rose" stays visible after the meeting that saw it
    rise. A risk never reviewed has no trend yet (``new``).
    """
    if not reviewed:
        return "new", None
    baseline = reviewed[-1] if current != reviewed[-1] or len(reviewed) == 1 else reviewed[-2]
    if current > baseline:
        return "up", baseline
    if current < baseline:
        return "down", baseline
    return "flat", baseline


def days_overdue(due: date | None, status: str, today: date) -> int | None:
    """Days an open action is past its due date; None when it is not overdue."""
    if due is None or status not in OPEN_ACTION_STATUSES or due >= today:
        return None
    return (today - due).days
