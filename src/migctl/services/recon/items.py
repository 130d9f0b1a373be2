"""Items: record by record (open AP/AR items, suppliers, assets) by key columns, each compared
column under its rule (:class:`fields.CompareRule`).

The pure-Python engine: it reads both files with the shared reader and is the oracle the tests
hold the columnar engine (:mod:`columnar`) to. One difference per key, its cause by
precedence: ``duplicate_key`` (the key twice on one side), ``missing_in_target``,
``unexpected_in_target``, ``untranslated`` (a code the key map does not know), the first
compared column that differs beyond its rule (``field_differs`` with the column), ``rounding``
(only within-tolerance differences), else matched. The amount column (the first one compared
by tolerance, else a column named ``amount``) gives every difference its amount, so the
differences add up to the total difference of that column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from migctl import values
from migctl.errors import InputError
from migctl.importers import Column, TableSpec, read_table
from migctl.importers.fast import cell_tuples
from migctl.importers.tabular import normalize_header
from migctl.services.mapping.ledger import parse_cents
from migctl.services.recon.causes import Decision, Found, Key, apply_decisions
from migctl.services.recon.fields import (
    ABSOLUTE,
    DATE,
    DUPLICATE,
    FIELD_DIFFERS,
    ITEMS,
    MISSING,
    ROUNDING,
    TEXT,
    TRANSLATED,
    UNEXPECTED,
    UNTRANSLATED,
    CompareRule,
    fold_text,
    tolerance_cents,
)
from migctl.services.recon.outcome import Outcome
from migctl.services.recon.totals import ControlTotals

AMOUNT_NAMES = ("amount", "summa")


def amount_rules(rules: Iterable[CompareRule]) -> tuple[list[CompareRule], str | None]:
    """The rules with a plain ``amount`` column compared to the cent, and the amount column:
    the first column compared by tolerance, else one named ``amount`` (``summa``)."""
    result = [CompareRule(r.column, ABSOLUTE, Decimal(0))
              if r.kind == "exact" and normalize_header(r.column) in AMOUNT_NAMES else r
              for r in rules]
    numeric = [r.column for r in result if r.numeric]
    return result, numeric[0] if numeric else None


@dataclass
class Side:
    """One file's records: key → (row, raw texts, parsed values); keys seen more than once."""

    file: str
    records: dict[Key, tuple[int, tuple[str, ...], tuple[object, ...]]] = field(
        default_factory=dict)
    duplicates: dict[Key, int] = field(default_factory=dict)  # key → amount over all its rows
    amount_cents: int = 0
    rows: int = 0


def _parse(rule: CompareRule, text: str) -> object:
    if not text:
        return None
    if rule.numeric:
        return parse_cents(text)
    if rule.kind == DATE:
        return values.parse_date(text).isoformat()
    if rule.kind == TEXT:
        return fold_text(text)
    return text


def read_side(path: Path, keys: list[str], rules: list[CompareRule], amount: str | None, *,
              encoding: str | None = None, delimiter: str | None = None,
              sheet: str | None = None) -> Side:
    """Read one side; a cell that its rule cannot parse stops the run (file:row:column)."""
    names = [*keys, *(r.column for r in rules)]
    spec = TableSpec(what="items", columns=tuple(Column(n) for n in dict.fromkeys(names)))
    table = read_table(path, spec, encoding=encoding, delimiter=delimiter, sheet=sheet)
    side = Side(table.file)
    width = len(keys)
    at_amount = [r.column for r in rules].index(amount) if amount is not None else -1
    records = side.records
    for number, cells, texts in cell_tuples(table, names):
        key = tuple(texts[:width])
        if not all(key):
            raise table.make_row(number, cells).error(keys[key.index("")], "is empty")
        compared = tuple(texts[width:])
        parsed = []
        for rule, text in zip(rules, compared, strict=True):
            try:
                parsed.append(_parse(rule, text))
            except ValueError as exc:
                raise table.make_row(number, cells).error(rule.column, str(exc)) from None
        cents = parsed[at_amount] if at_amount >= 0 else 0
        cents = cents if isinstance(cents, int) else 0
        side.amount_cents += cents
        side.rows += 1
        if key in records or key in side.duplicates:
            if key not in side.duplicates:
                first = records[key][2][at_amount] if at_amount >= 0 else 0
                side.duplicates[key] = first if isinstance(first, int) else 0
            side.duplicates[key] += cents
            continue
        records[key] = (number, compared, tuple(parsed))
    if not side.rows:
        raise InputError("has no rows: a reconciliation needs both sides", file=table.file)
    return side


def read_keymap(path: Path) -> dict[str, str]:
    """A two-column key map: legacy code → target code (header ``legacy``/``target`` or
    ``vanha``/``uusi``)."""
    spec = TableSpec(what="key map", columns=(Column("legacy", ("vanha", "source", "from")),
                                              Column("target", ("uusi", "to"))))
    table = read_table(path, spec)
    mapping: dict[str, str] = {}
    for number, cells, (legacy, target) in cell_tuples(table, ["legacy", "target"]):
        if not legacy or not target:
            raise table.make_row(number, cells).error("legacy" if not legacy else "target",
                                                      "is empty")
        mapping[legacy] = target
    return mapping


@dataclass(frozen=True)
class Comparer:
    """Compares the parsed values of one key on both sides under the rules."""

    rules: list[CompareRule]
    keymaps: Mapping[str, Mapping[str, str]]

    def compare(self, legacy: tuple[object, ...], target: tuple[object, ...]
                ) -> tuple[str, int] | None:
        """(cause, column index) of the first rule that fails, ("rounding", -1) when only
        tolerances absorbed a difference, None when every column is equal."""
        rounding = False
        for at, rule in enumerate(self.rules):
            before, after = legacy[at], target[at]
            if rule.kind in TRANSLATED and before is not None:
                before = self.keymaps[rule.column].get(str(before))
                if before is None:
                    return UNTRANSLATED, at
            if before == after:
                continue
            if rule.numeric and isinstance(before, int) and isinstance(after, int):
                size = abs(after - before)
                assert rule.tolerance is not None
                limit = tolerance_cents(rule.tolerance) if rule.kind == ABSOLUTE else None
                if (size <= limit) if limit is not None else \
                        (size * 100 <= abs(before) * rule.tolerance):
                    rounding = True
                    continue
            return FIELD_DIFFERS, at
        return (ROUNDING, -1) if rounding else None


def compare_items(name: str, legacy: Side, target: Side, *, keys: list[str],
                  rules: list[CompareRule], amount: str | None,
                  keymaps: Mapping[str, Mapping[str, str]] | None = None,
                  decisions: Iterable[Decision] = ()) -> Outcome:
    """Every key of either side: matched or one difference."""
    comparer = Comparer(rules, keymaps or {})
    at_amount = [r.column for r in rules].index(amount) if amount is not None else -1

    def cents(record: tuple[int, tuple[str, ...], tuple[object, ...]] | None) -> int | None:
        if record is None:
            return None
        value = record[2][at_amount] if at_amount >= 0 else 0
        return value if isinstance(value, int) else 0

    found: list[Found] = []
    matched = 0
    for key in dict.fromkeys([*legacy.records, *target.records]):
        before, after = legacy.records.get(key), target.records.get(key)
        if key in legacy.duplicates or key in target.duplicates:
            l_sum = legacy.duplicates.get(key, cents(before))
            t_sum = target.duplicates.get(key, cents(after))
            found.append(Found(DUPLICATE, key, l_sum, t_sum, (t_sum or 0) - (l_sum or 0)))
            continue
        l_cents, t_cents = cents(before), cents(after)
        if before is None or after is None:
            cause = MISSING if after is None else UNEXPECTED
            found.append(Found(cause, key, l_cents, t_cents, (t_cents or 0) - (l_cents or 0)))
            continue
        verdict = comparer.compare(before[2], after[2])
        if verdict is None:
            matched += 1
            continue
        cause, at = verdict
        column = rules[at].column if at >= 0 else None
        found.append(Found(
            cause, key, l_cents, t_cents, (t_cents or 0) - (l_cents or 0), column=column,
            legacy_value=before[1][at] if at >= 0 else None,
            target_value=after[1][at] if at >= 0 else None))
    found = apply_decisions(found, decisions)
    totals = ControlTotals()
    totals.overall.legacy = totals.overall.translated = legacy.amount_cents
    totals.overall.target = target.amount_cents
    outcome = Outcome(name, ITEMS, tuple(keys), found, matched, totals, amount_column=amount)
    outcome.legacy_rows, outcome.target_rows = legacy.rows, target.rows
    return outcome


def reconcile_items(name: str, *, legacy: Path, target: Path, keys: list[str],
                    rules: list[CompareRule], keymaps: Mapping[str, Mapping[str, str]] | None
                    = None, decisions: Iterable[Decision] = ()) -> Outcome:
    """Read both files (the pure-Python path) and compare them."""
    rules, amount = amount_rules(rules)
    legacy_side = read_side(legacy, keys, rules, amount)
    target_side = read_side(target, keys, rules, amount)
    return compare_items(name, legacy_side, target_side, keys=keys, rules=rules, amount=amount,
                         keymaps=keymaps, decisions=decisions)

