"""`mapping validate --balances`: M001 (M012 for a cost-objects set) for money without a rule.

The lines are matched with the same :class:`RuleIndex` as `mapping translate`, so a balance
that validation passes is a balance translation can carry. Findings are one per account and
cost centre (with the amount, the number of lines and the first line's row); for a
cost-objects set, one per value of its legacy dimension that carries money.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from migctl.checks import CheckReport, Finding
from migctl.importers import ReadOptions
from migctl.services.mapping.checks import coverage_pct, finding
from migctl.services.mapping.files import file_sha256
from migctl.services.mapping.index import NO_RULE, RuleIndex
from migctl.services.mapping.ledger import LedgerReader, cents_decimal
from migctl.services.mapping.rules import Rule


@dataclass
class BalanceCheck:
    file: str
    sha256: str
    lines: int
    coverage_amount: Decimal
    accounts: set[str]  # accounts (or source values) reported from the balances


#: Builds the finding for money without a rule: (file, row, key, cost centre, cents, lines,
#: day) → Finding.
MissingFinding = Callable[[str, int, str, str | None, int, int, date], Finding]


def _account_finding(file: str, row: int, account: str, centre: str | None, cents: int,
                     count: int, when: date) -> Finding:
    where = f"{account}" + (f" / cost centre {centre}" if centre else "")
    noun = "line" if count == 1 else "lines"
    return finding("M001", f"{where} has a balance of {cents_decimal(cents)} ({count} {noun}) "
                           f"but no rule applies on {when}", file=file, row=row, source=account)


def check_balances(
    *,
    rules: list[Rule],
    report: CheckReport,
    path: Path,
    today: date,
    on: date | None = None,
    reader_options: ReadOptions | None = None,
    source_dimension: str | None = None,
    missing_finding: MissingFinding | None = None,
) -> BalanceCheck:
    """Add a finding for every (account, cost centre) with non-zero lines but no rule; with
    ``source_dimension`` (a cost-objects set), for every value of it instead — lines without
    a value need no cost-object rule and are not counted."""
    reader = LedgerReader(path, source_dimension=source_dimension, **(reader_options or {}))
    index = RuleIndex(rules)
    make = missing_finding or _account_finding
    by_value = source_dimension is not None
    matched: dict[tuple[str, str | None, date], bool] = {}
    missing: dict[tuple[str, str | None], list[Any]] = {}  # → [first row, cents, lines, day]
    magnitude = covered = lines = 0
    for row, account, centre, _period, day, cents, value in reader.lines():
        lines += 1
        if cents == 0:
            continue
        if by_value:
            if value is None:
                continue
            account, centre = value, None
        when = on or day or today
        key = (account, centre, when)
        has_rule = matched.get(key)
        if has_rule is None:
            has_rule = matched[key] = index.match(account, centre, when) is not NO_RULE
        size = abs(cents)
        magnitude += size
        if has_rule:
            covered += size
            continue
        entry = missing.get((account, centre))
        if entry is None:
            missing[(account, centre)] = [row, cents, 1, when]
        else:
            entry[1] += cents
            entry[2] += 1
    for (account, centre), (row, cents, count, when) in sorted(
            missing.items(), key=lambda item: item[1][0]):
        report.add(make(reader.file, row, account, centre, cents, count, when))
    return BalanceCheck(reader.file, file_sha256(path), lines, coverage_pct(covered, magnitude),
                        {account for account, _ in missing})
