"""Times and durations typed on the command line: one parser, read in the programme's time zone."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session


def parse_time(session: Session, text: str, option: str) -> Any:
    """A date and time typed by a person, read in the programme's time zone, as UTC."""
    from migctl.services.settings import timezone

    return parse_time_in(timezone(session), text, option)


def parse_time_in(tz: tzinfo, text: str, option: str) -> Any:
    from migctl.errors import UsageError
    from migctl.values import parse_datetime

    try:
        return parse_datetime(text, tz)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def max_age_minutes(text: str) -> int:
    """``--max-age`` in minutes (a usage error when it does not parse)."""
    from migctl.errors import UsageError
    from migctl.values import parse_duration

    try:
        minutes = parse_duration(text)
    except ValueError as exc:
        raise UsageError(f"--max-age: {exc}") from None
    if minutes <= 0:
        raise UsageError("--max-age must be more than 0")
    return minutes
