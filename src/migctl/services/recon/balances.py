"""Balances: the legacy trial balance carried through the mapping against the target's trial
balance extract, per key (target account, target dimension values, period).

The legacy side goes through exactly the engine of ``mapping translate --aggregate``
(:func:`migctl.services.mapping.translate.prepare` and its hot loop: tiers, validity dates,
splits, largest remainder, cost-objects sets); lines it cannot translate become
``untranslated`` differences (the mapping's fault, not the load's). The target extract has the
columns that ``--aggregate`` writes (``target_account``, one column per target dimension,
``period``, ``amount``); rows with the same key are summed on each side before comparing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from migctl.errors import InputError
from migctl.importers import Column, Table, TableSpec, read_table
from migctl.importers.fast import cell_tuples
from migctl.services.mapping.fields import normalize_code
from migctl.services.mapping.ledger import LedgerReader, parse_cents, parse_period
from migctl.services.mapping.perf import gc_paused
from migctl.services.mapping.translate import Prepared, Reconciliation
from migctl.services.mapping.translate import _run as carry_lines
from migctl.services.recon.causes import Decision, Found, Key, apply_decisions, classify_balances
from migctl.services.recon.fields import BALANCES, UNTRANSLATED
from migctl.services.recon.outcome import Outcome
from migctl.services.recon.totals import ControlTotals

#: Columns of an ``--aggregate`` output that are not part of the key (ignored when present).
AGGREGATE_EXTRAS = ("source_rows", "lines")


def target_spec(dimensions: list[str]) -> TableSpec:
    return TableSpec(what="target trial balance", columns=(
        Column("target_account", ("kohdetili", "uusi tili", "account", "tili")),
        *(Column(key, required=False) for key in dimensions),
        Column("period", ("kausi", "jakso"), required=False),
        Column("amount", ("summa", "saldo", "balance")),
        *(Column(extra, required=False) for extra in AGGREGATE_EXTRAS),
    ))


def check_dimensions(table: Table, dimensions: list[str]) -> None:
    """The extract's dimension columns must be exactly the target dimensions the mapping
    writes (InputError naming the header row otherwise)."""
    missing = [key for key in dimensions if not table.has_column(key)]
    if missing or table.extra_headers:
        problem = f"missing {', '.join(missing)}" if missing else \
            f"{', '.join(repr(h) for h in table.extra_headers)} is not one of them"
        raise InputError(f"the dimension columns do not match the target dimensions "
                         f"({', '.join(dimensions) or 'none'}): {problem}",
                         file=table.file, row=table.header_row)


def read_target(path: Path, dimensions: list[str], *, encoding: str | None = None,
                delimiter: str | None = None, sheet: str | None = None
                ) -> tuple[dict[Key, int], int]:
    """The target extract summed by key, and its number of rows. The extract's dimension
    columns must be exactly the target dimensions the mapping writes."""
    table = read_table(path, target_spec(dimensions), encoding=encoding, delimiter=delimiter,
                       sheet=sheet)
    check_dimensions(table, dimensions)
    columns = ["target_account", *dimensions, "period", "amount"]
    sums: defaultdict[Key, int] = defaultdict(int)
    codes: dict[str, str] = {"": ""}
    periods: dict[str, str] = {"": ""}
    rows = 0
    for number, cells, texts in cell_tuples(table, columns):
        at = "target_account"
        try:
            head = []
            for position, text in enumerate(texts[:-2]):
                at = columns[position]
                code = codes.get(text)
                if code is None:
                    code = codes[text] = normalize_code(text, what=at)
                head.append(code)
            if not head[0]:
                raise ValueError("is empty")
            at = "period"
            period = periods.get(texts[-2])
            if period is None:
                period = periods[texts[-2]] = parse_period(texts[-2])[0]
            at = "amount"
            if not texts[-1]:
                raise ValueError("is empty")
            cents = parse_cents(texts[-1])
        except ValueError as exc:
            raise table.make_row(number, cells).error(at, str(exc)) from None
        sums[(*head, period)] += cents
        rows += 1
    if not rows:
        raise InputError("has no rows: a reconciliation needs both sides", file=table.file)
    return dict(sums), rows


def carry(prepared: Prepared, path: Path, *, today: date, on: date | None = None,
          encoding: str | None = None, delimiter: str | None = None, sheet: str | None = None
          ) -> tuple[dict[Key, int], Sequence[Mapping[str, Any]], dict[str, int], int]:
    """The legacy lines through the mapping, summed by key as ``--aggregate`` sums them;
    the untranslated lines as ``mapping translate`` reports them; the legacy lines' sums by
    period (the translation's own "before" totals); the number of lines."""
    co = prepared.cost_objects
    reader = LedgerReader(path, sheet=sheet, delimiter=delimiter, encoding=encoding,
                          source_dimension=co.source_dimension if co is not None else None)
    totals = Reconciliation()
    buckets: dict[tuple[str, ...], list[Any]] = {}
    with gc_paused():
        carry_lines(prepared, reader, totals, today=today, on=on, progress=None,
                    buckets=buckets, bucket_rows=False)  # only the sums are compared
    if not reader.rows:
        raise InputError("has no rows: a reconciliation needs both sides", file=reader.file)
    return ({key: bucket[0] for key, bucket in buckets.items()}, totals.untranslated,
            dict(totals.before), reader.rows)


def untranslated_found(lines: Iterable[Mapping[str, Any]]) -> list[Found]:
    """Untranslated lines summed by (legacy account, cost centre, period): one difference each,
    the legacy amount the target cannot have received through the mapping."""
    sums: defaultdict[Key, int] = defaultdict(int)
    for line in lines:
        key = (line["account"], line["cost_centre"] or "", line["period"] or "")
        sums[key] += int(line["amount"] * 100)
    return [Found(UNTRANSLATED, key, cents, None, -cents)
            for key, cents in sums.items() if cents]


#: The key's account of what a mapping's split shares not summing to 100 % lost or added.
SPLIT_SHARES = "split-shares"


def share_residuals(legacy_sums: Mapping[str, int], translated_periods: Mapping[str, int],
                    untranslated: list[Found]) -> list[Found]:
    """Per period, the legacy amount the mapping neither translated nor refused: a split whose
    shares do not sum to 100 % carries the line rounded by its total (``mapping translate``
    reports the period as not reconciling). The mapping's fault, so ``untranslated``, under the
    key (``split-shares``, "", period)."""
    rest: defaultdict[str, int] = defaultdict(int)
    for period, cents in legacy_sums.items():
        rest[period] += cents
    for period, cents in translated_periods.items():
        rest[period] -= cents
    for item in untranslated:
        rest[item.key[-1]] += item.difference  # its difference is minus its legacy amount
    return [Found(UNTRANSLATED, (SPLIT_SHARES, "", period), cents, None, -cents)
            for period, cents in sorted(rest.items()) if cents]


def by_period_and_account(amounts: Mapping[Key, int]) -> Sides:
    """A side summed by key's period and by its target account."""
    periods: defaultdict[str, int] = defaultdict(int)
    accounts: defaultdict[str, int] = defaultdict(int)
    for key, cents in amounts.items():
        periods[key[-1]] += cents
        accounts[key[0]] += cents
    return dict(periods), dict(accounts)


def compare_balances(name: str, *, translated: dict[Key, int], target: dict[Key, int],
                     untranslated: list[Found], legacy_sums: Mapping[str, int],
                     dimensions: list[str], tolerance: int,
                     decisions: Iterable[Decision] = ()) -> Outcome:
    """The pure comparison (no files, no store): what the tests and the oracle share."""
    found, matched = classify_balances(translated, target, tolerance=tolerance)
    return balances_outcome(name, found=found, matched=matched, untranslated=untranslated,
                            legacy_sums=legacy_sums,
                            translated=by_period_and_account(translated),
                            target=by_period_and_account(target), dimensions=dimensions,
                            decisions=decisions)


#: A side's sums (by period, by target account).
Sides = tuple[dict[str, int], dict[str, int]]


def balances_outcome(name: str, *, found: list[Found], matched: int, untranslated: list[Found],
                     legacy_sums: Mapping[str, int], translated: Sides, target: Sides,
                     dimensions: list[str], decisions: Iterable[Decision]) -> Outcome:
    """The outcome from the classified keys and each side's sums: shared by the pure and the
    columnar comparison (:mod:`migctl.services.recon.balances_columnar`)."""
    residual = share_residuals(legacy_sums, translated[0], untranslated)
    found = apply_decisions([*found, *untranslated, *residual], decisions)
    totals = ControlTotals()
    for period, cents in legacy_sums.items():
        totals.add_legacy(period, cents)
    for account, cents in translated[1].items():
        totals.add_class_legacy(account, cents)
    for item in (*untranslated, *residual):
        totals.add_class_legacy(item.key[0], item.legacy or 0)
    totals.add_side("translated", *translated)
    totals.add_side("target", *target)
    return Outcome(name, BALANCES, ("target_account", *dimensions, "period"), found, matched,
                   totals)


def reconcile_balances(name: str, prepared: Prepared, *, legacy: Path, target: Path,
                       today: date, tolerance: int, decisions: Iterable[Decision] = (),
                       on: date | None = None) -> Outcome:
    """Read both sides and compare them."""
    dimensions = prepared.dimension_keys
    target_sums, target_rows = read_target(target, dimensions)
    translated, lines, before, rows = carry(prepared, legacy, today=today, on=on)
    outcome = compare_balances(name, translated=translated, target=target_sums,
                               untranslated=untranslated_found(lines), legacy_sums=before,
                               dimensions=dimensions, tolerance=tolerance, decisions=decisions)
    outcome.legacy_rows, outcome.target_rows = rows, target_rows
    return outcome
