"""KPIs' vocabulary: names, directions, sources, value limits, and how values are written.

Pure (no store), shared by the KPI commands (:mod:`migctl.services.kpis.write`), the status section
and gate criteria (``kpi:palkka_virheet<=5``) without importing the ORM.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from migctl.values import choose, identifier

NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
DIRECTIONS = ("up", "down")
DIRECTION_ALIASES = {
    "up": "up", "down": "down", "higher": "up", "lower": "down", "ylös": "up", "alas": "down",
    "nouseva": "up", "laskeva": "down",
}
SOURCES = ("snapshot", "record")
UNIT_LIMIT = 16  # the column's width
#: Largest magnitude a KPI value may have (the column holds 18 digits, 4 of them decimals).
MAX_VALUE = Decimal("1e14")


def normalize_name(text: str) -> str:
    return identifier(text, NAME_PATTERN,
                      what="a KPI name (lower-case letters, digits and '_', starting with a "
                           "letter; at most 64)")


def normalize_direction(text: str) -> str:
    return choose(text, (), DIRECTION_ALIASES, what="a direction",
                  use="up (higher is better) or down")


def check_value(value: Decimal) -> Decimal:
    if abs(value) >= MAX_VALUE:
        raise ValueError(f"{value} is too large for a KPI value")
    return value


def plain(value: Decimal | None) -> str:
    """``84.5000`` → ``84.5``, ``100.0000`` → ``100`` (never exponent notation)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


#: A stored KPI value older than this is shown ``stale`` (a week: KPIs are recorded weekly at
#: the least; ``kpi snapshot`` runs nightly). Gate criteria use their own ``--max-age``.
STALE_AFTER_MINUTES = 7 * 24 * 60


def age_minutes(at: datetime, now: datetime) -> int:
    """Whole minutes from ``at`` to ``now`` (0 for a value from the future)."""
    return max(int((now - at).total_seconds() // 60), 0)
