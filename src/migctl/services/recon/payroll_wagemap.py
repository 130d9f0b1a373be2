"""The wage-type mapping of a payroll parallel run: legacy wage type → new wage type and its
Incomes Register income type (*tulolaji*), read with the shared reader and validated.

Findings (not errors — the mapping is a work in progress during a parallel run):
``W001`` a legacy wage type without a new wage type or income type (its lines stay
``unmapped_wage_type``), ``W002`` an income type the Incomes Register does not define,
``W003`` a legacy wage type mapped twice differently, or a new wage type under two income
types (a conflicting legacy wage type is left unmapped: the comparison cannot choose). A wage
type paid but absent from the mapping shows in the run as ``unmapped_wage_type`` lines.
An empty legacy wage type cell is an input error (file:row:column).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from migctl.importers import read_table
from migctl.importers.fast import cell_tuples
from migctl.services.recon.payroll_fields import (
    W_CONFLICT,
    W_UNKNOWN_INCOME,
    W_UNMAPPED,
    WAGE_TYPES_TABLE,
    known_income_type,
)


class WageFinding(TypedDict):
    code: str
    severity: str  # "warning" | "error"
    message: str
    wage_type: str
    row: int | None


@dataclass
class WageMap:
    """The mapping's usable entries and its findings."""

    file: str
    entries: list[list[str]] = field(default_factory=list)  # [legacy, new, income, name]
    findings: list[WageFinding] = field(default_factory=list)
    legacy: dict[str, str] = field(default_factory=dict)  # legacy wage type → income type
    new: dict[str, str] = field(default_factory=dict)  # new wage type → income type
    names: dict[str, str] = field(default_factory=dict)  # income type → first name given

    @classmethod
    def from_entries(cls, file: str, entries: list[list[str]],
                     findings: list[WageFinding] | None = None) -> WageMap:
        wage_map = cls(file, [list(e) for e in entries], list(findings or []))
        wage_map._index()
        return wage_map

    def _index(self) -> None:
        seen: dict[str, tuple[str, str]] = {}
        unusable: set[str] = set()  # without a valid target, or mapped twice differently
        for legacy, new, income, name in self.entries:
            if not new or not income or not known_income_type(income):
                unusable.add(legacy)
                continue
            if seen.setdefault(legacy, (new, income)) != (new, income):
                unusable.add(legacy)
            self.new.setdefault(new, income)
            if name:
                self.names.setdefault(income, name)
        self.legacy = {legacy: income for legacy, (_, income) in seen.items()
                       if legacy not in unusable}


def _finding(code: str, message: str, wage_type: str, row: int | None,
             severity: str = "warning") -> WageFinding:
    return {"code": code, "severity": severity, "message": message, "wage_type": wage_type,
            "row": row}


def validate(rows: list[tuple[int, list[str]]]) -> list[WageFinding]:
    """Findings over the rows ``(row number, [legacy, new, income, name])``."""
    findings: list[WageFinding] = []
    first: dict[str, tuple[int, str, str]] = {}
    income_of_new: dict[str, tuple[int, str]] = {}
    for number, (legacy, new, income, _name) in rows:
        if not new or not income:
            findings.append(_finding(W_UNMAPPED, f"legacy wage type {legacy} has no "
                                     f"{'new wage type' if not new else 'income type'}: its "
                                     "lines stay unmapped", legacy, number))
            continue
        if not known_income_type(income):
            findings.append(_finding(W_UNKNOWN_INCOME, f"income type {income!r} of legacy wage "
                                     f"type {legacy} is not an Incomes Register wage income "
                                     "type", legacy, number, "error"))
            continue
        before = first.setdefault(legacy, (number, new, income))
        if before[1:] != (new, income):
            findings.append(_finding(W_CONFLICT, f"legacy wage type {legacy} is mapped to "
                                     f"{before[1]}/{before[2]} on row {before[0]} and to "
                                     f"{new}/{income} here: left unmapped", legacy, number,
                                     "error"))
        known = income_of_new.setdefault(new, (number, income))
        if known[1] != income:
            findings.append(_finding(W_CONFLICT, f"new wage type {new} has income type "
                                     f"{known[1]} on row {known[0]} and {income} here",
                                     new, number, "error"))
    return findings


def read_wage_map(path: Path) -> WageMap:
    """Read and validate the mapping file; an empty legacy wage type is an input error."""
    table = read_table(path, WAGE_TYPES_TABLE)
    names = ["legacy_wage_type", "new_wage_type", "income_type", "name"]
    rows: list[tuple[int, list[str]]] = []
    for number, cells, texts in cell_tuples(table, names):
        if not texts[0]:
            raise table.make_row(number, cells).error("legacy_wage_type", "is empty")
        rows.append((number, texts))
    if not rows:
        from migctl.errors import InputError

        raise InputError("has no rows: a payroll comparison needs the wage-type mapping",
                         file=table.file)
    return WageMap.from_entries(table.file, [texts for _, texts in rows], validate(rows))
