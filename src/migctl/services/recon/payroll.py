"""The payroll parallel run: legacy and new payroll results compared per employee × income
type × period, every cent of the difference under exactly one cause.

Two engines read the files into a :class:`Compared` (the keys whose amounts differ, how many
keys are equal, the employees of each side, the control totals): :func:`read_compared` here
(the shared reader, pure Python: the oracle, and the path that names a bad cell's
file:row:column) and :mod:`payroll_columnar` (DuckDB, for big files). :func:`classify` turns a
``Compared`` into a :class:`PayrollOutcome` the same way for both — causes, patterns,
decisions, pseudonyms. The invariant: every key of either side is matched (no difference) or
one :class:`PayFound`, and every line of an unmapped wage type is one ``PayFound``, so the
differences add up to the total difference to the cent (``explained`` checks it against totals
summed independently from the lines). Counts are per compared key, except
``unmapped_wage_type``: per legacy line (a new-side line of a wage type the mapping does not
know is explained under that cause, its euros in the cause's sum, but not counted).
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from migctl.errors import InputError
from migctl.importers import read_table
from migctl.importers.fast import cell_tuples
from migctl.services.mapping.ledger import cents_decimal, parse_cents
from migctl.services.pseudonym import Pseudonymiser
from migctl.services.recon.causes import Decision
from migctl.services.recon.payroll_documents import (
    IncomeRow,
    PatternDocument,
    PayDifference,
    PayrollDocument,
    PayTotals,
)
from migctl.services.recon.payroll_fields import (
    ACCEPTED,
    AMOUNT_DIFFERS,
    CAUSES,
    EXTRA_EMPLOYEE,
    EXTRA_PAY,
    HARMLESS,
    KEY_MAP_TABLE,
    MATCHED,
    MISSING_EMPLOYEE,
    MISSING_PAY,
    PATTERN_KEY,
    PATTERN_MIN_EMPLOYEES,
    PAYROLL,
    PAYROLL_TABLE,
    ROUNDING,
    UNMAPPED,
    pattern_id,
    relative_bp,
    within_tolerance,
)
from migctl.services.recon.payroll_wagemap import WageMap

Key = tuple[str, str, str]  # (employee, income type, period)
COLUMNS = ["employee_id", "period", "wage_type", "amount", "org_unit"]


@dataclass
class Compared:
    """What an engine hands :func:`classify`. Employees are raw ids here (never stored)."""

    candidates: list[tuple[Key, int | None, int | None]] = field(default_factory=list)
    matched: int = 0
    legacy_employees: set[str] = field(default_factory=set)
    target_employees: set[str] = field(default_factory=set)
    org: dict[str, str] = field(default_factory=dict)  # employee → org unit
    #: one entry per line of a wage type the mapping does not carry:
    #: (side, employee, wage type, period, cents)
    unmapped: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    by_income: dict[str, list[int]] = field(default_factory=dict)  # → [legacy, target]
    by_period: dict[str, list[int]] = field(default_factory=dict)
    by_org: dict[str, list[int]] = field(default_factory=dict)
    legacy_rows: int = 0
    target_rows: int = 0


# --- the pure-Python engine -----------------------------------------------------------------

def read_key_map(path: Path) -> dict[str, str]:
    """New employee id → legacy employee id (the key map is written legacy → new)."""
    table = read_table(path, KEY_MAP_TABLE)
    inverse: dict[str, str] = {}
    for number, cells, (legacy, new) in cell_tuples(table, ["legacy_employee_id",
                                                            "new_employee_id"]):
        if not legacy or not new:
            raise table.make_row(number, cells).error(
                "legacy_employee_id" if not legacy else "new_employee_id", "is empty")
        if inverse.get(new, legacy) != legacy:
            raise table.make_row(number, cells).error(
                "new_employee_id", "is the new id of two legacy employees")
        inverse[new] = legacy
    return inverse


@dataclass
class Side:
    keyed: defaultdict[Key, int] = field(default_factory=lambda: defaultdict(int))
    employees: dict[str, int] = field(default_factory=dict)  # employee → cents over lines
    org: dict[str, str] = field(default_factory=dict)  # employee → smallest org unit named
    unmapped: list[tuple[str, str, str, str, int]] = field(default_factory=list)
    by_income: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_period: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    rows: int = 0


def read_side(path: Path, name: str, income_of: dict[str, str],
              ids: dict[str, str] | None = None) -> Side:
    """One side's lines summed by key; ``ids`` translates the new system's employee ids back
    to the legacy ones. A bad cell stops the run naming file:row:column."""
    table = read_table(path, PAYROLL_TABLE)
    side = Side()
    for number, cells, texts in cell_tuples(table, COLUMNS):
        employee, period, wage_type, amount, org = texts
        for column, text in zip(COLUMNS[:4], texts, strict=False):
            if not text:
                raise table.make_row(number, cells).error(column, "is empty")
        try:
            cents = parse_cents(amount)
        except ValueError as exc:
            raise table.make_row(number, cells).error("amount", str(exc)) from None
        if ids:
            employee = ids.get(employee, employee)
        side.rows += 1
        side.employees[employee] = side.employees.get(employee, 0) + cents
        if org and (employee not in side.org or org < side.org[employee]):
            side.org[employee] = org
        side.by_period[period] += cents
        income = income_of.get(wage_type)
        if income is None:
            side.unmapped.append((name, employee, wage_type, period, cents))
            side.by_income[""] += cents
            continue
        side.by_income[income] += cents
        side.keyed[employee, income, period] += cents
    if not side.rows:
        raise InputError("has no rows: a payroll comparison needs both sides", file=table.file)
    return side


def org_units(legacy: dict[str, str], target: dict[str, str]) -> dict[str, str]:
    """An employee's org unit: the legacy side's (smallest named), else the new side's."""
    return {**target, **legacy}


def compare_sides(legacy: Side, target: Side) -> Compared:
    result = Compared(legacy_employees=set(legacy.employees),
                      target_employees=set(target.employees),
                      org=org_units(legacy.org, target.org),
                      unmapped=[*legacy.unmapped, *target.unmapped],
                      legacy_rows=legacy.rows, target_rows=target.rows)
    for key, cents in legacy.keyed.items():
        other = target.keyed.get(key)
        if other == cents:
            result.matched += 1
        else:
            result.candidates.append((key, cents, other))
    result.candidates.extend((key, None, cents) for key, cents in target.keyed.items()
                             if key not in legacy.keyed)
    for rows, before, after in ((result.by_income, legacy.by_income, target.by_income),
                                (result.by_period, legacy.by_period, target.by_period)):
        for name in sorted({*before, *after}):
            rows[name] = [before.get(name, 0), after.get(name, 0)]
    by_org: dict[str, list[int]] = {}
    for at, side in enumerate((legacy, target)):
        for employee, cents in side.employees.items():
            by_org.setdefault(result.org.get(employee, ""), [0, 0])[at] += cents
    result.by_org = dict(sorted(by_org.items()))
    return result


def read_compared(legacy: Path, target: Path, wage_map: WageMap,
                  key_map: Path | None = None) -> Compared:
    """The pure-Python engine: both files through the shared reader."""
    ids = read_key_map(key_map) if key_map is not None else None
    return compare_sides(read_side(legacy, "legacy", wage_map.legacy),
                         read_side(target, "target", wage_map.new, ids))


# --- classification, shared by both engines -------------------------------------------------

@dataclass(frozen=True, slots=True)
class PayFound:
    cause: str
    employee: str  # pseudonym
    income_type: str
    period: str
    legacy: int | None
    target: int | None
    difference: int
    org_unit: str
    wage_type: str = ""
    pattern: str | None = None
    decision: Decision | None = None
    #: what must stay the same for a per-employee decision to carry forward (see :func:`seal`)
    seal: str = ""

    @property
    def key(self) -> Key:
        return (self.employee, self.income_type, self.period)

    @property
    def failing(self) -> bool:
        return self.cause not in HARMLESS

    @property
    def counted(self) -> bool:
        """Whether it adds to ``counts``: every compared key does, and every legacy line of an
        unmapped wage type; a new-side line of a wage type the mapping does not know is
        explained (its euros stay under its cause) but not counted."""
        return not (self.wage_type and self.legacy is None)


def seal(secret: bytes, cause: str, employee: str, income_type: str, wage_type: str,
         difference: int) -> str:
    """A per-employee difference's fingerprint, keyed (HMAC-SHA256 with the pseudonym key):
    a decision stores this instead of the amount, so an accepted difference's euros are not
    kept, yet the decision holds while the cause and the difference stay the same (in any
    period: the period is not part of it)."""
    message = "\x1f".join((cause, employee, income_type, wage_type, str(difference)))
    return "hmac-sha256:" + hmac.new(secret, message.encode("utf-8"), "sha256").hexdigest()


@dataclass
class Pattern:
    id: str
    income_type: str
    bp: int
    employees: list[str]  # pseudonyms, sorted
    keys: int
    difference: int
    org_units: list[str]
    decision: Decision | None = None

    def fingerprint(self) -> str:
        """A pattern decision holds while the pattern has the same members."""
        return hashlib.sha256("\n".join(self.employees).encode()).hexdigest()[:32]


@dataclass
class Tolerance:
    cents: int = 1
    pct: Decimal = Decimal(0)


def _cause(key: Key, before: int | None, after: int | None, compared: Compared,
           tolerance: Tolerance) -> str | None:
    difference = (after or 0) - (before or 0)
    if difference == 0:
        return None
    if after is None:
        return MISSING_PAY if key[0] in compared.target_employees else MISSING_EMPLOYEE
    if before is None:
        return EXTRA_PAY if key[0] in compared.legacy_employees else EXTRA_EMPLOYEE
    if within_tolerance(before, difference, cents=tolerance.cents, pct=tolerance.pct):
        return ROUNDING
    return AMOUNT_DIFFERS


def _expected(legacy: int, bp: int) -> int:
    """``legacy`` × ``bp`` / 10 000, rounded half away from zero (cents)."""
    scaled = abs(legacy * bp)
    cents = (scaled * 2 + 10000) // 20000
    return cents if legacy * bp >= 0 else -cents


def find_patterns(found: list[PayFound]) -> tuple[list[Pattern], dict[Key, Pattern]]:
    """Amount differences of one income type with the same relative difference across at
    least :data:`PATTERN_MIN_EMPLOYEES` employees: the rate is the most common relative
    difference (to 0.01 %); a member is every difference of the income type that the rate
    gives to the cent (±1 cent: a small amount's relative difference is blurred by its
    rounding). Returns the patterns and each member key's pattern."""
    by_income: defaultdict[str, list[PayFound]] = defaultdict(list)
    rates: defaultdict[tuple[str, int], set[str]] = defaultdict(set)
    for item in found:
        if item.cause == AMOUNT_DIFFERS and item.legacy:
            bp = relative_bp(item.legacy, item.difference)
            if bp is not None:
                by_income[item.income_type].append(item)
                rates[item.income_type, bp].add(item.employee)
    assigned: dict[Key, Pattern] = {}
    patterns = []
    for (income, bp), employees in sorted(rates.items(), key=lambda r: (-len(r[1]), r[0])):
        if len(employees) < PATTERN_MIN_EMPLOYEES:
            break
        members = [item for item in by_income[income] if item.key not in assigned
                   and abs(item.difference - _expected(item.legacy or 0, bp)) <= 1]
        who = sorted({m.employee for m in members})
        if len(who) < PATTERN_MIN_EMPLOYEES:
            continue
        pattern = Pattern(pattern_id(income, bp), income, bp, who, len(members),
                          sum(m.difference for m in members),
                          sorted({m.org_unit for m in members if m.org_unit}))
        patterns.append(pattern)
        assigned.update((m.key, pattern) for m in members)
    return patterns, assigned


def _apply_patterns(found: list[PayFound], patterns: list[Pattern],
                    assigned: dict[Key, Pattern], decisions: dict[tuple[str, ...], Decision]
                    ) -> list[PayFound]:
    for pattern in patterns:
        decision = decisions.get((PATTERN_KEY + pattern.id,))
        if decision is not None and decision.fingerprint == pattern.fingerprint():
            pattern.decision = decision
    result = []
    for item in found:
        member = assigned.get(item.key) if item.cause == AMOUNT_DIFFERS else None
        if member is not None:
            item = replace(item, pattern=member.id)
            if member.decision is not None:
                item = replace(item, cause=ACCEPTED, decision=member.decision)
        result.append(item)
    return result


def _apply_decisions(found: list[PayFound], decisions: dict[tuple[str, ...], Decision]
                     ) -> list[PayFound]:
    """Per employee × income type × period, or per employee × income type (any period):
    a failing difference the decision saw as it is now is accepted."""
    result = []
    for item in found:
        if item.failing:
            decision = decisions.get(item.key) or decisions.get(item.key[:2])
            if decision is not None and decision.fingerprint == item.seal:
                item = replace(item, cause=ACCEPTED, decision=decision)
        result.append(item)
    return result


def classify(name: str, compared: Compared, wage_map: WageMap, *,
             pseudonym: Pseudonymiser, tolerance: Tolerance,
             decisions: Iterable[Decision] = ()) -> PayrollOutcome:
    """Every differing key and every unmapped line: one cause each; then patterns and
    decisions. Raw employee ids end here: what comes out holds pseudonyms."""
    found: list[PayFound] = []
    matched = compared.matched
    org = compared.org
    for key, before, after in compared.candidates:
        cause = _cause(key, before, after, compared, tolerance)
        if cause is None:
            matched += 1
            continue
        who = pseudonym(key[0])
        difference = (after or 0) - (before or 0)
        found.append(PayFound(cause, who, key[1], key[2], before, after, difference,
                              org.get(key[0], ""),
                              seal=seal(pseudonym.key, cause, who, key[1], "", difference)))
    for side, employee, wage_type, period, cents in compared.unmapped:
        legacy = side == "legacy"
        who = pseudonym(employee)
        difference = -cents if legacy else cents
        found.append(PayFound(UNMAPPED, who, "", period, cents if legacy else None,
                              None if legacy else cents, difference, org.get(employee, ""),
                              wage_type,
                              seal=seal(pseudonym.key, UNMAPPED, who, "", wage_type,
                                        difference)))
    by_key = {decision.key: decision for decision in decisions}
    patterns, assigned = find_patterns(found)
    found = _apply_decisions(_apply_patterns(found, patterns, assigned, by_key), by_key)
    found.sort(key=lambda f: (not f.failing, -abs(f.difference), f.key, f.wage_type))
    return PayrollOutcome(name, found, matched, compared, patterns, wage_map)


# --- the outcome and its document -----------------------------------------------------------

@dataclass
class PayrollOutcome:
    name: str
    found: list[PayFound]
    matched: int
    compared: Compared
    patterns: list[Pattern]
    wage_map: WageMap
    wage_map_version: int | None = None
    kind: str = PAYROLL

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(CAUSES, 0)
        for item in self.found:
            if item.counted:
                counts[item.cause] += 1
        counts[MATCHED] = self.matched
        return counts

    @property
    def clean(self) -> bool:
        return not any(item.failing for item in self.found)

    @property
    def totals(self) -> tuple[int, int]:
        """(legacy, target) over every line, summed independently of the differences."""
        rows = self.compared.by_period.values()
        return sum(r[0] for r in rows), sum(r[1] for r in rows)

    @property
    def difference_cents(self) -> int:
        legacy, target = self.totals
        return target - legacy

    @property
    def explained(self) -> bool:
        return sum(item.difference for item in self.found) == self.difference_cents

    @property
    def unexplained_cents(self) -> int:
        return sum(abs(item.difference) for item in self.found if item.failing)

    @property
    def legacy_rows(self) -> int:
        return self.compared.legacy_rows

    @property
    def target_rows(self) -> int:
        return self.compared.target_rows

    def by_cause(self) -> dict[str, Decimal]:
        sums = dict.fromkeys(CAUSES, 0)
        for item in self.found:
            sums[item.cause] += item.difference
        return {cause: cents_decimal(cents) for cause, cents in sums.items()}

    def difference(self, item: PayFound) -> PayDifference:
        doc: PayDifference = {
            "cause": item.cause,
            "key": {"employee": item.employee, "income_type": item.income_type,
                    "period": item.period},
            "legacy": None if item.legacy is None else cents_decimal(item.legacy),
            "target": None if item.target is None else cents_decimal(item.target),
            "difference": cents_decimal(item.difference), "org_unit": item.org_unit}
        if item.wage_type:
            doc["wage_type"] = item.wage_type
        if item.pattern is not None:
            doc["pattern"] = item.pattern
        return doc

    def pattern_documents(self) -> list[PatternDocument]:
        result: list[PatternDocument] = []
        for p in self.patterns:
            doc: PatternDocument = {
                "id": p.id, "income_type": p.income_type,
                "relative_pct": Decimal(p.bp).scaleb(-2), "members": len(p.employees),
                "keys": p.keys, "difference": cents_decimal(p.difference),
                "org_units": p.org_units, "accepted": p.decision is not None}
            if p.decision is not None:
                doc["accepted_by"] = p.decision.by
                doc["reason"] = p.decision.reason
            result.append(doc)
        return result

    def income_rows(self) -> list[IncomeRow]:
        open_by: defaultdict[str, int] = defaultdict(int)
        for item in self.found:
            if item.failing and item.counted:
                open_by[item.income_type] += 1
        return [{"income_type": income, "name": self.wage_map.names.get(income, ""),
                 "legacy": cents_decimal(old), "target": cents_decimal(new),
                 "difference": cents_decimal(new - old), "open": open_by.get(income, 0)}
                for income, (old, new) in self.compared.by_income.items()]

    def document(self, *, limit: int = 1000, run_id: int | None = None,
                 cutover_run: str | None = None) -> PayrollDocument:
        """The run document; ``differences``: the open ones (up to ``limit``)."""
        legacy, target = self.totals
        compared = self.compared
        failing = [item for item in self.found if item.failing]
        shown = failing[:limit]
        return {
            "recon": self.name, "kind": PAYROLL, "run_id": run_id, "cutover_run": cutover_run,
            "clean": self.clean, "explained": self.explained, "counts": self.counts,
            "employees": {"legacy": len(compared.legacy_employees),
                          "target": len(compared.target_employees),
                          "compared": len(compared.legacy_employees
                                          | compared.target_employees)},
            "totals": _totals(legacy, target),
            "by_cause": self.by_cause(),
            "unexplained": cents_decimal(self.unexplained_cents),
            "by_period": [{"period": p, **_totals(old, new)}
                          for p, (old, new) in compared.by_period.items()],
            "by_income_type": self.income_rows(),
            "by_org_unit": [{"org_unit": o, **_totals(old, new)}
                            for o, (old, new) in compared.by_org.items()],
            "patterns": self.pattern_documents(),
            "wage_types": {"file": self.wage_map.file, "version": self.wage_map_version,
                           "findings": self.wage_map.findings},
            "differences": [self.difference(item) for item in shown],
            "truncated": len(failing) > len(shown),
        }


def _totals(legacy: int, target: int) -> PayTotals:
    return {"legacy": cents_decimal(legacy), "target": cents_decimal(target),
            "difference": cents_decimal(target - legacy)}
