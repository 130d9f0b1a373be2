"""The documents of a payroll parallel run (``recon run NAME -f json`` for a payroll recon).

No raw employee id or name appears in any of them: ``employee`` is always a pseudonym.
Per-employee amounts are listed for open differences only; the harmless ones (rounding,
accepted) are in the counts, the euros by cause and the control totals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NotRequired, TypedDict

from migctl.services.recon.payroll_wagemap import WageFinding


class PayKey(TypedDict):
    employee: str  # pseudonym
    income_type: str  # "" for an unmapped wage type's line
    period: str


class PayDifference(TypedDict):
    cause: str
    key: PayKey
    legacy: Decimal | None
    target: Decimal | None
    difference: Decimal
    org_unit: str
    wage_type: NotRequired[str]  # unmapped_wage_type: the wage type no mapping carries
    pattern: NotRequired[str]  # amount_differs: the pattern it belongs to


class PayTotals(TypedDict):
    legacy: Decimal
    target: Decimal
    difference: Decimal


class PeriodRow(PayTotals):
    period: str


class IncomeRow(PayTotals):
    income_type: str  # "" for the lines of unmapped wage types
    name: str
    open: int  # open differences under this income type


class OrgRow(PayTotals):
    org_unit: str


class PatternDocument(TypedDict):
    id: str
    income_type: str
    relative_pct: Decimal  # e.g. -0.80
    members: int  # employees
    keys: int  # employee × income type × period keys
    difference: Decimal
    org_units: list[str]
    accepted: bool
    accepted_by: NotRequired[str]
    reason: NotRequired[str]


class EmployeeCounts(TypedDict):
    legacy: int
    target: int
    compared: int  # employees on either side


class WageTypesDocument(TypedDict):
    file: str
    version: int | None
    findings: list[WageFinding]


class PayrollDocument(TypedDict):
    recon: str
    kind: str
    run_id: int | None
    cutover_run: str | None
    clean: bool
    explained: bool
    counts: dict[str, int]
    employees: EmployeeCounts
    totals: PayTotals
    by_cause: dict[str, Decimal]  # euros by cause: they add up to totals.difference
    unexplained: Decimal
    by_period: list[PeriodRow]
    by_income_type: list[IncomeRow]
    by_org_unit: list[OrgRow]
    patterns: list[PatternDocument]
    wage_types: WageTypesDocument
    differences: list[PayDifference]
    truncated: bool
