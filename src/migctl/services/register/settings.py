"""The register's programme settings: its action categories, what a high risk is, review age.

Importing this module registers them with :mod:`migctl.services.settings`; the readers and
writers of the register import it, so the defaults apply wherever the register is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.services.register.fields import (
    DEFAULT_CATEGORIES,
    DEFAULT_HIGH_SCORE,
    DEFAULT_REVIEW_DAYS,
    normalize_score,
    parse_categories,
)
from migctl.services.settings import SettingSpec, get, register

if TYPE_CHECKING:
    from migctl.store.db import Db

CATEGORIES = "register.categories"
HIGH_SCORE = "register.high_score"
REVIEW_DAYS = "register.review_days"


def _check_categories(value: str) -> str:
    return ",".join(parse_categories(value))


def _check_score(value: str) -> str:
    return str(normalize_score(value))


def _check_days(value: str) -> str:
    number = value.strip()
    if not number.isdigit() or int(number) < 1:
        raise ValueError(f"{value!r} is not a number of days (1 or more)")
    return str(int(number))


register(SettingSpec(CATEGORIES, "Action categories of the programme register, comma-separated",
                     ",".join(DEFAULT_CATEGORIES), _check_categories))
register(SettingSpec(HIGH_SCORE, "Risk score (likelihood × impact) from which a risk is high",
                     str(DEFAULT_HIGH_SCORE), _check_score))
register(SettingSpec(REVIEW_DAYS, "Days after which a risk not reviewed is flagged",
                     str(DEFAULT_REVIEW_DAYS), _check_days))


def categories(db: Db) -> tuple[str, ...]:
    try:
        return parse_categories(get(db, CATEGORIES))
    except ValueError:  # stored by an older migctl with other rules: fall back to the default
        return DEFAULT_CATEGORIES


def high_score(db: Db) -> int:
    try:
        return normalize_score(get(db, HIGH_SCORE))
    except ValueError:
        return DEFAULT_HIGH_SCORE


def review_days(db: Db) -> int:
    try:
        return int(_check_days(get(db, REVIEW_DAYS)))
    except ValueError:
        return DEFAULT_REVIEW_DAYS
