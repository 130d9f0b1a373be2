"""`mapping validate --balances`: M001 for ledger lines with money on them and no rule.

The lines are matched with the same :class:`RuleIndex` as `mapping translate`, so a balance
that validation passes is a balance translation can carry. Findings are one per account and
cost centre (with the amount, the number of lines and the first line's row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from migctl.checks import CheckReport
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
    accounts: set[str]  # accounts reported by M001 from the balances


def check_balances(
    *,
    rules: list[Rule],
    report: CheckReport,
    path: Path,
    today: date,
    on: date | None = None,
    reader_options: dict[str, Any] | None = None,
) -> BalanceCheck:
    """Add an M001 finding for every (account, cost centre) with non-zero lines but no rule."""
    reader = LedgerReader(path, **(reader_options or {}))
    index = RuleIndex(rules)
    matched: dict[tuple[str, str | None, date], bool] = {}
    missing: dict[tuple[str, str | None], list[Any]] = {}  # → [first row, cents, lines, day]
    magnitude = covered = lines = 0
    for row, account, centre, _period, day, cents in reader.lines():
        lines += 1
        if cents == 0:
            continue
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
        where = f"{account}" + (f" / cost centre {centre}" if centre else "")
        noun = "line" if count == 1 else "lines"
        report.add(finding(
            "M001", f"{where} has a balance of {cents_decimal(cents)} ({count} {noun}) but no "
                    f"rule applies on {when}", file=reader.file, row=row, source=account))
    return BalanceCheck(reader.file, file_sha256(path), lines, coverage_pct(covered, magnitude),
                        {account for account, _ in missing})
