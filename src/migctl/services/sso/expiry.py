"""Certificate expiry read against the programme's calendar, not against a fixed 30 days.

A certificate that expires before go-live blocks the go-live; one that expires inside the
cutover window or hypercare (until the hypercare-end milestone) hits the programme when it can
least afford it; one that expires within 30 days after hypercare is the next team's surprise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

AFTER_HYPERCARE = timedelta(days=30)

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Calendar:
    """The programme's moments (UTC); any may be unknown."""

    go_live: datetime | None = None
    window_start: datetime | None = None
    window_end: datetime | None = None
    hypercare_end: datetime | None = None


@dataclass(frozen=True, slots=True)
class Collision:
    severity: Severity | None
    collides_with: str | None  # "expired", "before go-live", "cutover window", "hypercare", …
    days_left: int


def judge(not_after: datetime, calendar: Calendar, *, now: datetime) -> Collision:
    """How an expiry at ``not_after`` meets the calendar as of ``now``."""
    days_left = (not_after - now).days
    if not_after <= now:
        return Collision("error", "expired", days_left)
    window_start, window_end = calendar.window_start, calendar.window_end
    if window_start and window_end and window_start <= not_after <= window_end:
        return Collision("error", "cutover window", days_left)
    if calendar.go_live and not_after < calendar.go_live:
        return Collision("error", "before go-live", days_left)
    start = calendar.go_live or window_start
    if start and calendar.hypercare_end and start <= not_after <= calendar.hypercare_end:
        return Collision("error", "hypercare", days_left)
    if calendar.hypercare_end and not_after <= calendar.hypercare_end + AFTER_HYPERCARE:
        return Collision("warning", "30 days after hypercare", days_left)
    return Collision(None, None, days_left)
