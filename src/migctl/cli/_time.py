"""Times, dates and durations typed on the command line: one parser, in the programme's zone.

Each parser takes the command's parameter name (``field``); a value that does not parse
becomes an :class:`~migctl.errors.OptionError` the error boundary words as that command's
option (``--as-of: 'x' is not a date and time …``). ``None`` stays ``None``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING

from migctl.cli._options import checked

if TYPE_CHECKING:
    from migctl.store.db import Db


def now() -> datetime:
    """The current moment, in UTC."""
    return datetime.now(UTC)


def parse_time(db: Db, text: str | None, field: str) -> datetime | None:
    """A date and time typed by a person, read in the programme's time zone, as UTC."""
    if text is None:
        return None
    from migctl.services.settings import timezone

    return parse_time_in(timezone(db), text, field)


def parse_time_in(tz: tzinfo, text: str | None, field: str) -> datetime | None:
    from migctl.values import parse_datetime

    return checked(field, text, lambda t: parse_datetime(t, tz))


def parse_day(text: str | None, field: str) -> date | None:
    """A calendar date (2024-01-31 or 31.1.2024)."""
    from migctl.values import parse_date

    return checked(field, text, parse_date)


def today(tz: tzinfo) -> date:
    """Today in the programme's time zone."""
    return now().astimezone(tz).date()


def max_age_minutes(text: str, field: str = "max_age") -> int:
    """How old evidence may be (``24h``, ``90m``), in minutes; more than 0."""
    from migctl.errors import OptionError
    from migctl.values import parse_duration

    minutes: int = checked(field, text, parse_duration)
    if minutes <= 0:
        raise OptionError("{option} must be more than 0", field=field)
    return minutes
