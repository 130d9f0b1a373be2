"""Ledger lines (trial balances, GL lines) streamed from CSV/XLSX, amounts in exact cents.

Columns: ``account`` [tili], optional ``cost_centre`` [kustannuspaikka], optional ``period``
[kausi], and either ``amount`` [summa] (signed, debit positive) or ``debit`` [debet] and
``credit`` [kredit]. For a cost-objects set the line's *source value* is read from a column
named by the set's legacy dimension key when the file has one, else from ``cost_centre``.
Amounts are parsed as ``Decimal`` (Finnish formats included) and must have at most two
decimals; they travel as integer cents, which is the same exact arithmetic as two-place
decimals without the per-operation cost.
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
from migctl.importers.tabular import normalize_header
from migctl.services.mapping.fields import normalize_code

LEDGER_TABLE = TableSpec(
    what="ledger lines",
    columns=(
        Column("account", ("tili", "source_account", "vanha tili"), type="code"),
        Column("cost_centre", ("kustannuspaikka", "cost center", "kp"), required=False,
               type="code"),
        Column("period", ("kausi", "jakso"), required=False, type="period"),
        Column("amount", ("summa", "saldo", "balance"), required=False, type="amount"),
        Column("debit", ("debet",), required=False, type="amount"),
        Column("credit", ("kredit",), required=False, type="amount"),
    ),
)

CENTS = Decimal("0.01")
_PERIOD_PATTERNS = (  # ASCII digits only, as every number (values.parse_decimal)
    (re.compile(r"(\d{4})-(\d{1,2})", re.ASCII), (1, 2)),
    (re.compile(r"(\d{4})/(\d{1,2})", re.ASCII), (1, 2)),
    (re.compile(r"(\d{4})(\d{2})", re.ASCII), (1, 2)),
    (re.compile(r"(\d{1,2})[/.](\d{4})", re.ASCII), (2, 1)),
)


#: Amounts have at most 15 digits before the decimal mark (values.MAX_INTEGER_DIGITS).
MAX_CENTS = 10 ** (values.MAX_INTEGER_DIGITS + 2)


def parse_cents(text: str) -> int:
    """``-1 234,56`` → ``-123456``; more than two decimals is an error (not silently rounded).

    Plain amounts (``-1234,56``, ``1234.5``, ``12``) take a fast path of string operations;
    everything else goes through :func:`values.parse_decimal`.
    """
    if text[-3:-2] in (",", ".") and text[-2:].isdigit() and "_" not in text \
            and text.isascii():
        try:  # "-1234,56" → int("-123456"); anything int() refuses takes the long way
            cents = int(text[:-3] + text[-2:])
        except ValueError:
            pass
        else:
            if -MAX_CENTS < cents < MAX_CENTS:
                return cents  # beyond the bounds: the long way says why
    elif text.isascii() and text.isdigit() and len(text) <= values.MAX_INTEGER_DIGITS:
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
            if not values.MIN_YEAR <= year <= values.MAX_YEAR:  # 0001-12 is a typing error
                raise ValueError(f"{text!r} is not a period in this programme's era "
                                 f"({values.MIN_YEAR}–{values.MAX_YEAR})")
            last = calendar.monthrange(year, month)[1]
            return f"{year:04d}-{month:02d}", date(year, month, last)
    try:
        day = values.parse_date(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a period (use 2025-12 or a date)") from None
    return day.isoformat(), day


#: One ledger line: (row, account code — or what ``lines(account_key)`` made of it —, cost
#: centre or None, period or "", the period's last day or None, amount in cents, source value
#: of the legacy dimension or None — the cost centre unless the file has a column of its own
#: for it). A plain tuple: a million of them are made per run.
Line = tuple[int, Any, str | None, str, date | None, int, str | None]

COST_CENTRE = "cost_centre"


def ledger_table(source_dimension: str | None) -> TableSpec:
    """The ledger columns, plus a column named by ``source_dimension`` unless that key is
    already a name of the cost-centre column (``kustannuspaikka``)."""
    if source_dimension is None:
        return LEDGER_TABLE
    folded = normalize_header(source_dimension)
    if any(folded in c.match_keys() for c in LEDGER_TABLE.columns):
        return LEDGER_TABLE
    return LEDGER_TABLE.derive(Column(source_dimension, required=False, type="code"))


class LedgerReader:
    """Streams :data:`Line` s from one file; errors name the file, row and column."""

    def __init__(self, path: Path, *, sheet: str | None = None, header_row: int | None = None,
                 delimiter: str | None = None, encoding: str | None = None,
                 source_dimension: str | None = None) -> None:
        spec = ledger_table(source_dimension)
        self.table: Table = read_table(path, spec, sheet=sheet, header_row=header_row,
                                       delimiter=delimiter, encoding=encoding)
        #: where a line's source value (for a cost-objects set) comes from
        self.value_column = source_dimension if source_dimension is not None and \
            spec is not LEDGER_TABLE and self.table.has_column(source_dimension) else COST_CENTRE
        has_amount = self.table.has_column("amount")
        has_sides = self.table.has_column("debit") or self.table.has_column("credit")
        if has_amount == has_sides:
            what = "both 'amount' and 'debit'/'credit'" if has_amount else \
                "neither 'amount' (or 'summa') nor 'debit'/'credit' (or 'debet'/'kredit')"
            raise InputError(f"the header has {what}; give one of them", file=self.table.file,
                             row=self.table.header_row)
        self.sides = has_sides
        self.path = path
        self.file = self.table.file
        self.source = self.table.source
        self.rows = 0

    def _fail(self, number: int, cells: list[str], column: str, message: str) -> InputError:
        return self.table.make_row(number, cells).error(column, message)

    def _picker(self, columns: list[str]) -> Callable[[list[str]], tuple[str, ...]]:
        """Cells of ``columns`` from a raw row (``IndexError`` for a short row); a column the
        file lacks reads as ``""``."""
        indices = [self.table.positions.get(c, -1) for c in columns]
        if min(indices) >= 0:
            return itemgetter(*indices)

        def pick(cells: list[str]) -> tuple[str, ...]:
            return tuple(cells[i] if i >= 0 else "" for i in indices)

        return pick

    def lines(self, account_key: Callable[[str], Any] | None = None) -> Iterator[Line]:
        """Every non-empty line, in file order.

        The loop runs a million times, so it reads raw cells (no per-line :class:`Row`) and
        remembers what each distinct cell text means: an account, a cost centre, a period
        (worked out, and any error raised, by the methods below on a text's first sight).
        With ``account_key``, lines carry ``account_key(code)`` instead of the code (callers
        use it to attach what they know about the account, at one lookup per line).
        """
        accounts: dict[str, object] = {}
        centres: dict[str, str | None] = {"": None}
        periods: dict[str, tuple[str, date | None]] = {"": ("", None)}
        sides = self.sides
        own_values = self.value_column != COST_CENTRE
        source_values: dict[str, str | None] = {"": None}
        pick = self._picker(["account", COST_CENTRE, "period",
                             *(("debit", "credit") if sides else ("amount", "amount")),
                             self.value_column])
        width = max(self.table.positions.values()) + 1
        for number, cells in self.table.raw:
            try:
                account_text, centre_text, period_text, first, second, value_text = pick(cells)
            except IndexError:
                cells = [*cells, *[""] * (width - len(cells))]
                account_text, centre_text, period_text, first, second, value_text = pick(cells)
            account = accounts.get(account_text)
            if account is None:
                if not "".join((account_text, centre_text, period_text, first, second,
                                value_text)).strip():
                    continue  # an empty row
                account = accounts[account_text] = self._account(account_text, account_key,
                                                                 number, cells)
            centre = centres.get(centre_text, _MISSING)
            if centre is _MISSING:
                centre = centres[centre_text] = self._code(centre_text, COST_CENTRE,
                                                           "cost centre", number, cells)
            value = centre
            if own_values:
                value = source_values.get(value_text, _MISSING)
                if value is _MISSING:
                    value = source_values[value_text] = self._code(
                        value_text, self.value_column, self.value_column, number, cells)
            found = periods.get(period_text)
            if found is None:
                found = periods[period_text] = self._period(period_text, number, cells)
            period, day = found
            try:
                cents = _side_cents(first, second) if sides else \
                    parse_cents(first) if first else _empty()
            except ValueError:
                raise self._amount_error(number, cells, first, second) from None
            self.rows += 1
            yield number, account, centre, period, day, cents, value

    def _account(self, text: str, account_key: Callable[[str], Any] | None, number: int,
                 cells: list[str]) -> object:
        if not text.strip():
            raise self._fail(number, cells, "account", "is empty")
        try:
            code = normalize_code(text, what="account")
        except ValueError as exc:
            raise self._fail(number, cells, "account", str(exc)) from None
        return account_key(code) if account_key else code

    def _code(self, text: str, column: str, what: str, number: int, cells: list[str]
              ) -> str | None:
        """A cost centre or source value; None for an empty cell."""
        try:
            return normalize_code(text, what=what) if text.strip() else None
        except ValueError as exc:
            raise self._fail(number, cells, column, str(exc)) from None

    def _period(self, text: str, number: int, cells: list[str]) -> tuple[str, date | None]:
        try:
            return parse_period(text) if text.strip() else ("", None)
        except ValueError as exc:
            raise self._fail(number, cells, "period", str(exc)) from None

    def _amount_error(self, number: int, cells: list[str], first: str, second: str
                      ) -> InputError:
        """The error of the amount cell (or debit, or credit) that did not parse."""
        if not self.sides:
            if not first:
                return self._fail(number, cells, "amount", "is empty")
            texts = [("amount", first)]
        else:
            texts = [("debit", first.strip()), ("credit", second.strip())]
        for column, text in texts:
            try:
                if text:
                    parse_cents(text)
            except ValueError as exc:
                return self._fail(number, cells, column, str(exc))
        raise AssertionError("the amount parsed on a second try")


def _side_cents(debit: str, credit: str) -> int:
    """Debit minus credit, either may be empty."""
    debit, credit = debit.strip(), credit.strip()
    return (parse_cents(debit) if debit else 0) - (parse_cents(credit) if credit else 0)


def _empty() -> int:
    raise ValueError("is empty")


_MISSING: Any = object()
