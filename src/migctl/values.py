"""Parsing what people type into cells and options: numbers, dates, times, durations, flags.

Pure functions raising ``ValueError`` with a human message; importers wrap them into
file:row:column errors, the CLI into option errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 error``, ``8 errors``: English for people reading a count."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def identifier(text: str, pattern: re.Pattern[str], *, upper: bool = False, what: str) -> str:
    """A key or name as stored: stripped, in one case, and matching ``pattern`` whole.

    Otherwise a ValueError: ``'x' is not {what}`` (``what`` says what a good one looks like).
    """
    value = text.strip()
    value = value.upper() if upper else value.lower()
    if not pattern.fullmatch(value):
        raise ValueError(f"{_cut(text)!r} is not {what}")
    return value


def choose(text: str, words: Iterable[str], aliases: Mapping[str, str] | None = None, *,
           what: str, use: str | None = None) -> str:
    """The canonical word of a vocabulary (statuses, kinds, roles…) for what someone typed.

    One rule for every vocabulary, so a cell reads the same in every importer: case and runs
    of spaces do not matter, ``-`` and `` `` also match ``_`` (``In progress`` → ``in_progress``),
    and ``aliases`` (Finnish words, synonyms) map to canonical words. Otherwise a ValueError:
    ``'x' is not {what}; use {use}`` (default: the canonical words, comma-separated).
    """
    canonical = tuple(words)
    folded = " ".join(text.casefold().split())
    for key in (folded, folded.replace(" ", "_").replace("-", "_")):
        if key in canonical:
            return key
        if aliases and key in aliases:
            return aliases[key]
    raise ValueError(f"{_cut(text)!r} is not {what}; use {use or ', '.join(canonical)}")


_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009\t'")
_MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-"})


def parse_decimal(text: str) -> Decimal:
    """Finnish and machine number formats: ``-1 234,56``, ``1.234,56``, ``1234.5``, ``12,5 %``.

    With both separators the last one is the decimal mark; a lone comma is a decimal comma;
    several dots are thousands separators. A trailing minus (``123,45-``) and a leading unicode
    minus are accepted; a euro sign or percent sign is ignored.
    """
    raw = text
    value = text.strip().translate(_MINUSES).replace("€", "").replace("%", "")
    value = value.translate(_SPACES)
    if value.startswith("(") and value.endswith(")"):
        value = "-" + value[1:-1]
    if value.endswith("-") and not value.startswith("-"):
        value = "-" + value[:-1]
    if value.startswith("+"):
        value = value[1:]
    if not value:
        raise ValueError("empty number")
    commas, dots = value.count(","), value.count(".")
    if commas and dots:
        if value.rfind(",") > value.rfind("."):
            value = value.replace(".", "").replace(",", ".")
        else:
            value = value.replace(",", "")
    elif commas == 1:
        value = value.replace(",", ".")
    elif commas > 1:
        raise ValueError(f"{_cut(raw)!r} is not a number (several commas)")
    elif dots > 1:
        value = value.replace(".", "")
    if not _NUMBER.fullmatch(value):
        raise ValueError(f"{_cut(raw)!r} is not a number")
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{_cut(raw)!r} is not a number") from None
    if not result.is_finite():
        raise ValueError(f"{_cut(raw)!r} is not a finite number")
    return within_bounds(result, raw)


#: Numbers people type (amounts, KPI values, thresholds) stay within these bounds (README,
#: "Conventions"): a 27-digit amount is a broken extract, not a figure to carry on with.
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 6
_NUMBER = re.compile(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")


def within_bounds(number: Decimal, raw: str) -> Decimal:
    """``number`` when it has at most 15 integer digits and 6 decimals, else a ValueError."""
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite, checked by the caller
    integer_digits = len(digits) + exponent if digits != (0,) else 0
    if integer_digits > MAX_INTEGER_DIGITS:
        raise ValueError(f"{_cut(raw)!r} is too large (at most {MAX_INTEGER_DIGITS} digits "
                         "before the decimal mark)")
    if exponent < -MAX_DECIMALS and number != number.quantize(Decimal(1).scaleb(-MAX_DECIMALS)):
        raise ValueError(f"{_cut(raw)!r} has more than {MAX_DECIMALS} decimals")
    return number


def cut(text: str, limit: int = 40) -> str:
    """A cell's text short enough to quote in a one-line error (a 100,000-character cell is
    never echoed whole)."""
    return text if len(text) <= limit else text[:limit] + "…"


_cut = cut


_FI_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)


def parse_date(text: str) -> date:
    """``2024-01-31``, ``31.1.2024`` or an ISO datetime at midnight (as XLSX dates arrive)."""
    value = text.strip()
    match = _ISO_DATE.fullmatch(value) or _ISO_DATE.fullmatch(value.split("T")[0].split(" ")[0])
    if match and (match.group(0) == value or _is_midnight(value)):
        year, month, day = (int(g) for g in match.groups())
    else:
        fi = _FI_DATE.fullmatch(value)
        if not fi:
            raise ValueError(f"{_cut(text)!r} is not a date (use 2024-01-31 or 31.1.2024)")
        day, month, year = (int(g) for g in fi.groups())
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{_cut(text)!r} is not a date in this programme's era "
                         f"({MIN_YEAR}–{MAX_YEAR})")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{_cut(text)!r} is not a valid date") from None


#: Dates outside these years are typing errors (0001), not plans (README, "Conventions");
#: the upper bound leaves room to convert between time zones.
MIN_YEAR = 1900
MAX_YEAR = 9998


def _is_midnight(value: str) -> bool:
    rest = value[10:].lstrip("T ").rstrip("Z")
    return rest in ("", "00:00", "00:00:00")


_FI_DATETIME = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})[ T]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?",
                          re.ASCII)


def parse_datetime(text: str, tz: tzinfo) -> datetime:
    """An aware datetime in UTC. Naive input is read in ``tz`` (the project's time zone).

    Accepts ISO 8601 (with or without offset, ``T`` or space) and Finnish ``31.12.2026 16:00``.
    """
    value = text.strip()
    if not value:
        raise ValueError("empty date and time")
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = _FI_DATETIME.fullmatch(value)
        if match:
            day, month, year, hour, minute = (int(g) for g in match.groups()[:5])
            second = int(match.group(6) or 0)
            try:
                parsed = datetime(year, month, day, hour, minute, second)
            except ValueError:
                parsed = None
        elif _FI_DATE.fullmatch(value):
            parsed = datetime.combine(parse_date(value), datetime.min.time())
    if parsed is None or not value.isascii():
        raise ValueError(
            f"{_cut(text)!r} is not a date and time (use 2026-12-31T16:00 or 31.12.2026 16:00)"
        )
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise ValueError(f"{_cut(text)!r} is not a date in this programme's era "
                         f"({MIN_YEAR}–{MAX_YEAR})")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(UTC)


_DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(min|d|h|m)", re.I | re.ASCII)


def parse_duration(text: str) -> int:
    """Minutes from ``90m``, ``4h``, ``2d``, ``1h30m``, ``1,5h`` or a bare number of minutes."""
    value = text.strip().lower().replace(" ", "")
    if not value:
        raise ValueError("empty duration")
    if value.isascii() and value.isdigit():
        return _duration_bounded(int(value), text)
    position = 0
    minutes = Decimal(0)
    for match in _DURATION_PART.finditer(value):
        if match.start() != position:
            break
        amount = Decimal(match.group(1).replace(",", "."))
        unit = match.group(2)
        minutes += amount * {"d": 1440, "h": 60, "m": 1, "min": 1}[unit]
        position = match.end()
    if position != len(value) or position == 0:
        raise ValueError(f"{_cut(text)!r} is not a duration (use 90m, 4h, 2d or 1h30m)")
    if minutes != minutes.to_integral_value():
        raise ValueError(f"{_cut(text)!r} is not a whole number of minutes")
    return _duration_bounded(int(minutes), text)


#: The longest duration (about 270 years, "any age" in a --max-age): more is a typing error
#: that would carry times beyond what a calendar can hold.
MAX_DURATION_MINUTES = 100_000 * 24 * 60


def _duration_bounded(minutes: int, text: str) -> int:
    if minutes > MAX_DURATION_MINUTES:
        raise ValueError(f"{_cut(text)!r} is too long; durations are at most "
                         f"{MAX_DURATION_MINUTES // 1440} days")
    return minutes


def format_duration(minutes: int) -> str:
    """The shortest of ``2d``, ``4h``, ``1h30m``, ``45m``."""
    if minutes == 0:
        return "0m"
    sign = "-" if minutes < 0 else ""
    minutes = abs(minutes)
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days}d")
    if hours:
        parts.append(f"{hours}h")
    if mins:
        parts.append(f"{mins}m")
    return sign + "".join(parts)


_TRUE = {"1", "true", "yes", "y", "x", "kyllä", "k", "on", "active", "aktiivinen", "voimassa"}
_FALSE = {"0", "false", "no", "n", "ei", "e", "off", "inactive", "passiivinen", "-"}


def parse_bool(text: str, *, default: bool | None = None) -> bool:
    value = text.strip().casefold()
    if not value and default is not None:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{_cut(text)!r} is not yes/no (use 1/0, true/false, kyllä/ei)")


def split_list(text: str) -> list[str]:
    """Items separated by `,` or `;` (or `|`), blanks dropped, order kept, duplicates removed."""
    items = [p.strip() for p in re.split(r"[,;|]", text)]
    seen: dict[str, None] = {}
    for item in items:
        if item:
            seen.setdefault(item, None)
    return list(seen)


@lru_cache(maxsize=8)
def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {name!r}") from None


def to_local(moment: datetime, tz: tzinfo) -> datetime:
    return moment.astimezone(tz)


def format_local(moment: datetime | None, tz: tzinfo, *, seconds: bool = False) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(tz)
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def iso_utc(moment: datetime | None) -> str | None:
    """The one datetime format of JSON documents: ISO 8601 in UTC with ``Z``."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def days_between(start: date, end: date) -> int:
    return (end - start).days


def add_minutes(moment: datetime, minutes: int) -> datetime:
    return moment + timedelta(minutes=minutes)
