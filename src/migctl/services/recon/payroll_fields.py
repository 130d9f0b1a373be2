"""The vocabulary of the payroll parallel run: causes, column specs, income types, patterns.

Pure text rules, no store. Money is integer cents; a difference is ``new - legacy``. A compared
key is (employee, Incomes Register income type, period); the employee is the *legacy* id
(the new system's id translated back through the key map), held in memory only and replaced
by its keyed pseudonym (:mod:`migctl.services.pseudonym`) before anything leaves the engine.
"""

from __future__ import annotations

from migctl.importers import Column, TableSpec

# The words every kind shares (and what they mean) are the recon vocabulary's, re-exported.
from migctl.services.recon.fields import ACCEPTED as ACCEPTED
from migctl.services.recon.fields import AMOUNT_DIFFERS as AMOUNT_DIFFERS
from migctl.services.recon.fields import HARMLESS as HARMLESS
from migctl.services.recon.fields import MATCHED as MATCHED
from migctl.services.recon.fields import PAYROLL as PAYROLL
from migctl.services.recon.fields import ROUNDING as ROUNDING

MISSING_EMPLOYEE = "missing_employee"
EXTRA_EMPLOYEE = "extra_employee"
MISSING_PAY = "missing_pay"
EXTRA_PAY = "extra_pay"
UNMAPPED = "unmapped_wage_type"

#: Every payroll cause, in the order documents list them.
CAUSES = (MISSING_EMPLOYEE, EXTRA_EMPLOYEE, MISSING_PAY, EXTRA_PAY, AMOUNT_DIFFERS, UNMAPPED,
          ROUNDING, ACCEPTED)

#: Differences of one income type with the same relative difference (to 0.01 %) across at
#: least this many employees are reported as one pattern.
PATTERN_MIN_EMPLOYEES = 5
#: A decision on a whole pattern is stored under this key prefix (``pattern:P213-0.80``).
PATTERN_KEY = "pattern:"

PAYROLL_TABLE = TableSpec(what="payroll results", columns=(
    Column("employee_id", ("henkilönumero", "henkilonumero", "hlönro", "työntekijä")),
    Column("period", ("kausi", "palkkakausi", "jakso")),
    Column("wage_type", ("palkkalaji",)),
    Column("amount", ("summa", "euroa")),
    Column("units", ("yksiköt", "yksikot", "kpl"), required=False),
    Column("org_unit", ("organisaatioyksikkö", "organisaatioyksikko", "yksikkö"),
           required=False),
))
WAGE_TYPES_TABLE = TableSpec(what="wage-type mapping", columns=(
    Column("legacy_wage_type", ("vanha_palkkalaji", "legacy")),
    Column("new_wage_type", ("uusi_palkkalaji", "new"), required=False),
    Column("income_type", ("tulolaji",), required=False),
    Column("name", ("nimi", "selite"), required=False),
))
KEY_MAP_TABLE = TableSpec(what="employee key map", columns=(
    Column("legacy_employee_id", ("vanha_henkilönumero", "vanha")),
    Column("new_employee_id", ("uusi_henkilönumero", "uusi")),
))

#: The Incomes Register's wage income types are three-digit codes in four series: 100
#: (totals), 200 (itemised wages), 300 (separately reported), 400 (deducted items). A code
#: outside these ranges is an unknown income type.
INCOME_TYPE_RANGES = ((101, 110), (201, 240), (301, 365), (401, 420))

# wage-type mapping findings
W_UNMAPPED = "W001"
W_UNKNOWN_INCOME = "W002"
W_CONFLICT = "W003"


def known_income_type(code: str) -> bool:
    """Is ``code`` an income type of the Incomes Register's wage series (``201``: yes)?"""
    if len(code) != 3 or not code.isdigit():
        return False
    number = int(code)
    return any(low <= number <= high for low, high in INCOME_TYPE_RANGES)


def relative_bp(legacy: int, difference: int) -> int | None:
    """The relative difference in hundredths of a per cent (``-80`` for −0.80 %), rounded
    half away from zero; None when the legacy amount is zero."""
    if legacy == 0:
        return None
    scaled = difference * 10000
    size = abs(legacy)
    value = (abs(scaled) * 2 + size) // (2 * size)
    return value if scaled >= 0 else -value


def pattern_id(income_type: str, bp: int) -> str:
    """``P213-0.80``: the income type and the relative difference in per cent."""
    sign = "-" if bp < 0 else "+"
    return f"P{income_type}{sign}{abs(bp) // 100}.{abs(bp) % 100:02d}"


def within_tolerance(legacy: int | None, difference: int, *, cents: int, pct: object) -> bool:
    """Rounding: |difference| ≤ the absolute tolerance, or ≤ ``pct`` per cent of the legacy
    amount (``pct`` a Decimal; 0 turns the relative tolerance off)."""
    size = abs(difference)
    if size <= cents:
        return True
    from decimal import Decimal

    assert isinstance(pct, Decimal)
    return legacy is not None and pct > 0 and size * 100 <= abs(legacy) * pct
