"""Typed cell access: parse a row's text and, on failure, name the file, row and column."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Protocol, TypeVar

from migctl import values
from migctl.importers.tabular import Row

T = TypeVar("T")


def parse_cell(row: Row, column: str, parser: Callable[[str], T]) -> T | None:
    """None for an empty cell; the parsed value; or an InputError naming the cell."""
    text = row.get(column)
    if not text:
        return None
    try:
        return parser(text)
    except ValueError as exc:
        raise row.error(column, str(exc)) from None


class FromRow(Protocol):
    """Something read from a row (what :func:`unique_cell` names when a value repeats)."""

    @property
    def row(self) -> Row: ...


def unique_cell(row: Row, column: str, parser: Callable[[str], str],
                seen: Mapping[str, FromRow]) -> str:
    """A required cell, parsed, that no earlier row (``seen``, by value) has had."""
    value = parse_cell(row, column, parser)
    if value is None:
        raise row.error(column, "is empty")
    if value in seen:
        raise row.error(column, f"duplicate {column} {value!r} (first on row "
                                f"{seen[value].row.number})")
    return value


def required_text(row: Row, column: str) -> str:
    text = row.get(column)
    if not text:
        raise row.error(column, "is empty")
    return text


def decimal_cell(row: Row, column: str) -> Decimal | None:
    return parse_cell(row, column, values.parse_decimal)


def date_cell(row: Row, column: str) -> date | None:
    return parse_cell(row, column, values.parse_date)


def datetime_cell(row: Row, column: str, tz: tzinfo) -> datetime | None:
    return parse_cell(row, column, lambda text: values.parse_datetime(text, tz))


def bool_cell(row: Row, column: str, *, default: bool) -> bool:
    result = parse_cell(row, column, lambda text: values.parse_bool(text, default=default))
    return default if result is None else result


def choice_cell(
    row: Row, column: str, choices: Mapping[str, str], *, default: str | None = None
) -> str:
    """A value from a closed set; ``choices`` maps accepted spellings (folded) → canonical."""
    text = row.get(column)
    if not text:
        if default is not None:
            return default
        raise row.error(column, "is empty")
    canonical = choices.get(text.strip().casefold())
    if canonical is None:
        allowed = ", ".join(sorted(set(choices.values())))
        raise row.error(column, f"{values.cut(text)!r} is not one of {allowed}")
    return canonical
