"""The vocabulary of reconciliations: kinds, causes, compare rules, text normalisers.

Pure text rules, no store. Money travels as integer cents (``int``); a difference is always
``target - legacy``: positive when the target holds more than the legacy carried over.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

BALANCES = "balances"
ITEMS = "items"
PAYROLL = "payroll"  # the payroll parallel run: services/recon/payroll*.py
KINDS = (BALANCES, ITEMS, PAYROLL)

MISSING = "missing_in_target"
UNEXPECTED = "unexpected_in_target"
AMOUNT_DIFFERS = "amount_differs"
FIELD_DIFFERS = "field_differs"
UNTRANSLATED = "untranslated"
MISPOSTED = "misposted"
DUPLICATE = "duplicate_key"
ROUNDING = "rounding"
ACCEPTED = "accepted"
MATCHED = "matched"

#: Every cause, in the order documents list them.
CAUSES = (MISSING, UNEXPECTED, AMOUNT_DIFFERS, FIELD_DIFFERS, UNTRANSLATED, MISPOSTED,
          DUPLICATE, ROUNDING, ACCEPTED)
#: Causes that do not make a run unclean.
HARMLESS = frozenset({ROUNDING, ACCEPTED})

#: Differences a run document lists unless told otherwise (an export writes them all).
DEFAULT_LIMIT = 1000

NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")

# compare rules
EXACT = "exact"
ABSOLUTE = "absolute"
RELATIVE = "relative"
DATE = "date"
TEXT = "text"
KEYMAP = "map"
SETMAP = "set"
RULE_KINDS = (EXACT, ABSOLUTE, RELATIVE, DATE, TEXT, KEYMAP, SETMAP)
TRANSLATED = (KEYMAP, SETMAP)  # the legacy code is translated before it is compared


@dataclass(frozen=True)
class CompareRule:
    """How one column is compared: ``exact``, ``absolute`` (``tolerance`` in the column's
    unit), ``relative`` (``tolerance`` in per cent), ``date``, ``text``, ``map`` (the legacy
    code translated through the two-column key-map file ``keymap`` first) or ``set`` (through
    the one-to-one rules of the mapping set named by ``keymap``)."""

    column: str
    kind: str = EXACT
    tolerance: Decimal | None = None
    keymap: str | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in (ABSOLUTE, RELATIVE)

    def spec(self) -> str:
        """The rule as written on the command line (``amount=0.5%``)."""
        if self.kind == EXACT:
            return self.column
        if self.kind == ABSOLUTE:
            return f"{self.column}={self.tolerance}"
        if self.kind == RELATIVE:
            return f"{self.column}={self.tolerance}%"
        if self.kind in TRANSLATED:
            return f"{self.column}={self.kind}:{self.keymap}"
        return f"{self.column}={self.kind}"


def parse_compare(text: str) -> CompareRule:
    """``amount``, ``amount=0.01``, ``amount=0.5%``, ``due=date``, ``name=text``,
    ``supplier=map:FILE``, ``account=set:NAME``, ``col=exact`` → a :class:`CompareRule`."""
    column, _, rule = text.partition("=")
    column, rule = column.strip(), rule.strip()
    if not column:
        raise ValueError(f"{text!r} names no column")
    if not rule or rule == EXACT:
        return CompareRule(column)
    if rule in (DATE, TEXT):
        return CompareRule(column, rule)
    for kind, needs in ((KEYMAP, "a key-map file"), (SETMAP, "a mapping set")):
        if rule.startswith(f"{kind}:"):
            if not rule[len(kind) + 1:].strip():
                raise ValueError(f"{text!r}: {kind}: needs {needs}")
            return CompareRule(column, kind, keymap=rule[len(kind) + 1:].strip())
    relative = rule.endswith("%")
    try:
        tolerance = Decimal(rule.rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{text!r}: the rule is exact, a tolerance (0.01 or 0.5%), date, "
                         "text, map:FILE or set:NAME") from None
    if not tolerance.is_finite() or tolerance < 0:
        raise ValueError(f"{text!r}: a tolerance is a number of 0 or more")
    return CompareRule(column, RELATIVE if relative else ABSOLUTE, tolerance)


def fold_text(text: str) -> str:
    """Case-, space- and accent-insensitive form: ``' Åbo  Oy '`` → ``'aboy'``-like."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) and not ch.isspace())


def parse_name(text: str) -> str:
    name = text.strip()
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(f"{text!r} is not a reconciliation name (letters, digits, _ . -; "
                         "at most 64)")
    return name


def account_class(account: str) -> str:
    """An account's class: its first digit (``4`` for ``4010``; ``-`` when it has none)."""
    first = account[:1]
    return first if first.isdigit() else "-"


def tolerance_cents(tolerance: Decimal) -> int:
    """A money tolerance in whole cents (``0.015`` → 1: never wider than asked)."""
    return int(tolerance.scaleb(2).to_integral_value(rounding="ROUND_FLOOR"))
