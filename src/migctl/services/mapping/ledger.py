"""Ledger lines (trial balances, GL lines) streamed from CSV/XLSX, amounts in exact cents.

Columns: ``account`` [tili], optional ``cost_centre`` [kustannuspaikka], optional ``period``
[kausi], and either ``amount`` [summa] (signed, debit positive) or ``debit`` [debet] and
``credit`` [kredit]. Amounts are parsed as ``Decimal`` (Finnish formats included) and must
have at most two decimals; they travel as integer cents, which is the same exact arithmetic as
two-place decimals without the per-operation cost.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

from migctl import values
from migctl.errors import InputError
from migctl.importers import Column, Table, TableSpec, read_table
from migctl.services.mapping.codes import normalize_code

LEDGER_TABLE = TableSpec(
    what="ledger lines",
    columns=(
        Column("account", ("tili", "source_account", "vanha tili")),
        Column("cost_centre", ("kustannuspaikka", "cost center", "kp"), required=False),
        Column("period", ("kausi", "jakso"), required=False),
        Column("amount", ("summa", "saldo", "balance"), required=False),
        Column("debit", ("debet",), required=False),
        Column("credit", ("kredit",), required=False),
    ),
)

CENTS = Decimal("0.01")
_PERIOD_PATTERNS = (
    (re.compile(r"(\d{4})-(\d{1,2})"), (1, 2)),
    (re.compile(r"(\d{4})/(\d{1,2})"), (1, 2)),
    (re.compile(r"(\d{4})(\d{2})"), (1, 2)),
    (re.compile(r"(\d{1,2})[/.](\d{4})"), (2, 1)),
)


def parse_cents(text: str) -> int:
    """``-1 234,56`` → ``-123456``; more than two decimals is an error (not silently rounded).

    Plain amounts (``-1234,56``, ``1234.5``, ``12``) take a fast path of string operations;
    everything else goes through :func:`values.parse_decimal`.
    """
    if text[-3:-2] in (",", ".") and "_" not in text and text.isascii():
        try:  # "-1234,56" → int("-123456"); anything int() refuses takes the long way
            return int(text[:-3] + text[-2:])
        except ValueError:
            pass
    elif text.isascii() and text.isdigit():
        return int(text) * 100
    amount = values.parse_decimal(text)
    if amount != amount.quantize(CENTS):
        raise ValueError(f"{text!r} has more than two decimals (cents)")
    return int(amount.scaleb(2))


def cents_decimal(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def format_cents(cents: int) -> str:
    """``-123456`` → ``-1234.56`` (machine format, exact)."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole}.{fraction:02d}"


def parse_period(text: str) -> tuple[str, date]:
    """A period and its last day: ``2025-12``, ``12/2025``, ``202512`` → (``2025-12``, Dec 31);
    a date (``2025-12-31``, ``31.12.2025``) is a period of one day."""
    value = text.strip()
    for pattern, (year_group, month_group) in _PERIOD_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            year, month = int(match.group(year_group)), int(match.group(month_group))
            if not 1 <= month <= 12:
                raise ValueError(f"{text!r} is not a period (month {month})")
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}", date(year, month, last)
    try:
        day = values.parse_date(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a period (use 2025-12 or a date)") from None
    return day.isoformat(), day


#: One ledger line: (row, account, cost centre or None, period or "", the period's last day
#: or None, amount in cents). A plain tuple: a million of them are made per run.
Line = tuple[int, str, str | None, str, date | None, int]


class LedgerReader:
    """Streams :data:`Line` s from one file; errors name the file, row and column."""

    def __init__(self, path: Path, *, sheet: str | None = None, header_row: int | None = None,
                 delimiter: str | None = None, encoding: str | None = None) -> None:
        self.table: Table = read_table(path, LEDGER_TABLE, sheet=sheet, header_row=header_row,
                                       delimiter=delimiter, encoding=encoding)
        has_amount = self.table.has_column("amount")
        has_sides = self.table.has_column("debit") or self.table.has_column("credit")
        if has_amount == has_sides:
            what = "both 'amount' and 'debit'/'credit'" if has_amount else \
                "neither 'amount' (or 'summa') nor 'debit'/'credit' (or 'debet'/'kredit')"
            raise InputError(f"the header has {what}; give one of them", file=self.table.file,
                             row=self.table.header_row)
        self.sides = has_sides
        self.file = self.table.file
        self.source = self.table.source
        self.rows = 0

    def _parse(self, cache: dict[str, Any], parse: Any, column: str, text: str, number: int,
               cells: list[str]) -> Any:
        try:
            value = cache[text] = parse(text)
        except ValueError as exc:
            raise self.table.make_row(number, cells).error(column, str(exc)) from None
        return value

    def _picker(self, columns: list[str]) -> Callable[[list[str]], tuple[str, ...]]:
        """Cells of ``columns`` from a raw row; a column the file lacks reads as ``""``."""
        indices = [self.table.positions.get(c, -1) for c in columns]
        width = max(indices) + 1
        pick: Callable[[list[str]], tuple[str, ...]]
        if min(indices) >= 0:
            pick = itemgetter(*indices)
        else:
            def pick(cells: list[str]) -> tuple[str, ...]:
                return tuple(cells[i] if i >= 0 else "" for i in indices)

        def picked(cells: list[str]) -> tuple[str, ...]:
            if len(cells) < width:
                cells = [*cells, *[""] * (width - len(cells))]
            return pick(cells)

        return picked

    def lines(self) -> Iterator[Line]:
        """Every non-empty line, in file order. The loop reads raw cells (no per-line
        :class:`Row`) and remembers parsed codes and periods: it runs a million times."""
        accounts: dict[str, str] = {}
        centres: dict[str, str] = {}
        periods: dict[str, tuple[str, date]] = {}
        account_code = _code("account")
        centre_code = _code("cost centre")
        parse = self._parse
        sides = self.sides
        pick = self._picker(["account", "cost_centre", "period",
                             *(("debit", "credit") if sides else ("amount", "amount"))])
        for number, cells in self.table.raw:
            account_text, centre_text, period_text, first, second = pick(cells)
            account_text, centre_text = account_text.strip(), centre_text.strip()
            period_text, first = period_text.strip(), first.strip()
            if sides:
                second = second.strip()
            if not account_text:
                if not (centre_text or period_text or first or (sides and second)):
                    continue  # an empty row
                raise self.table.make_row(number, cells).error("account", "is empty")
            account = accounts.get(account_text) or parse(
                accounts, account_code, "account", account_text, number, cells)
            centre = (centres.get(centre_text) or parse(
                centres, centre_code, "cost_centre", centre_text, number, cells)
            ) if centre_text else None
            period, day = (periods.get(period_text) or parse(
                periods, parse_period, "period", period_text, number, cells)
            ) if period_text else ("", None)
            column = "debit" if sides else "amount"
            try:
                if sides:
                    cents = parse_cents(first) if first else 0
                    column = "credit"
                    if second:
                        cents -= parse_cents(second)
                elif first:
                    cents = parse_cents(first)
                else:
                    raise ValueError("is empty")
            except ValueError as exc:
                raise self.table.make_row(number, cells).error(column, str(exc)) from None
            self.rows += 1
            yield number, account, centre, period, day, cents


def _code(what: str) -> Any:
    return lambda text: normalize_code(text, what=what)
