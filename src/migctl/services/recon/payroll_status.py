"""The "People" section (payroll part): each payroll parallel run's latest run — employees
compared, differences by cause and income type, patterns, euros not explained — and the trend
across the parallel-run months (every run, oldest first). Pseudonyms only: the section reads
the stored run documents, which never hold an employee id.

A payroll run that is not clean is red (wrong pay on the first payday); a payroll
reconciliation never run is amber.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from sqlalchemy import select

from migctl.services.recon.payroll_fields import HARMLESS, MATCHED, PAYROLL
from migctl.services.recon.read import list_definitions, recon_id
from migctl.services.status.context import signal
from migctl.store.db import execute
from migctl.store.tables import CUTOVER_RUN, RECON_RUN
from migctl.values import iso_utc

if TYPE_CHECKING:
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal


class TrendPoint(TypedDict):
    run_id: int
    periods: list[str]
    cutover_run: str | None
    finished_at: str | None
    employees: int
    open: int
    difference: Decimal
    unexplained: Decimal
    clean: bool


class PatternRow(TypedDict):
    id: str
    income_type: str
    relative_pct: Decimal
    members: int
    org_units: list[str]
    accepted: bool


class PayrollRow(TypedDict):
    recon: str
    run_id: int | None  # the latest run, None when never run
    clean: bool | None
    employees: int
    counts: dict[str, int]  # by cause (non-zero), matched left out
    open_by_income_type: dict[str, int]
    patterns: list[PatternRow]
    difference: Decimal
    unexplained: Decimal
    trend: list[TrendPoint]


class PeopleTotals(TypedDict):
    payroll_runs: int
    clean: int
    not_clean: int
    never_run: int
    employees: int
    open_differences: int
    unexplained: Decimal


class PeopleSection(TypedDict):
    payroll: list[PayrollRow]
    totals: PeopleTotals
    signals: list[Signal]


def open_count(counts: dict[str, int]) -> int:
    return sum(n for cause, n in counts.items() if cause not in HARMLESS and cause != MATCHED)


def _runs(context: StatusContext, recon: int) -> list[Any]:
    """The runs finished by the time judged (``--as-of`` sees the past as it was)."""
    query = select(RECON_RUN.c.id, RECON_RUN.c.report, RECON_RUN.c.finished_at,
                   CUTOVER_RUN.c.name.label("cutover")).outerjoin(
        CUTOVER_RUN, CUTOVER_RUN.c.id == RECON_RUN.c.cutover_run_id).where(
        RECON_RUN.c.recon_id == recon, RECON_RUN.c.finished_at <= context.now).order_by(
        RECON_RUN.c.finished_at, RECON_RUN.c.id)
    return list(execute(context.session, query))


def _point(row: Any) -> TrendPoint:
    report = row.report or {}
    return {"run_id": int(row.id), "periods": [p["period"] for p in report.get("by_period", [])],
            "cutover_run": row.cutover, "finished_at": iso_utc(row.finished_at),
            "employees": int(report.get("employees", {}).get("compared", 0)),
            "open": open_count(report.get("counts", {})),
            "difference": Decimal(str(report.get("totals", {}).get("difference", 0))),
            "unexplained": Decimal(str(report.get("unexplained", 0))),
            "clean": bool(report.get("clean"))}


def _row(name: str, runs: list[Any]) -> PayrollRow:
    if not runs:
        return {"recon": name, "run_id": None, "clean": None, "employees": 0, "counts": {},
                "open_by_income_type": {}, "patterns": [], "difference": Decimal(0),
                "unexplained": Decimal(0), "trend": []}
    latest = runs[-1]
    report = latest.report or {}
    point = _point(latest)
    return {
        "recon": name, "run_id": point["run_id"], "clean": point["clean"],
        "employees": point["employees"],
        "counts": {c: n for c, n in report.get("counts", {}).items() if n and c != MATCHED},
        "open_by_income_type": {r["income_type"] or "-": r["open"]
                                for r in report.get("by_income_type", []) if r["open"]},
        "patterns": [{"id": p["id"], "income_type": p["income_type"],
                      "relative_pct": Decimal(str(p["relative_pct"])), "members": p["members"],
                      "org_units": p["org_units"], "accepted": p["accepted"]}
                     for p in report.get("patterns", [])],
        "difference": point["difference"], "unexplained": point["unexplained"],
        "trend": [_point(run) for run in runs]}


def build_section(context: StatusContext) -> PeopleSection:
    rows: list[PayrollRow] = []
    signals: list[Signal] = []
    for definition in list_definitions(context.session):
        if definition["kind"] != PAYROLL:
            continue
        name = definition["name"]
        row = _row(name, _runs(context, recon_id(context.session, name)))
        rows.append(row)
        if row["run_id"] is None:
            signals.append(signal("amber", f"payroll comparison {name} has never run",
                                  code="payroll-not-run", system=definition["system"],
                                  recon=name))
        elif not row["clean"]:
            open_n = open_count(row["counts"])
            signals.append(signal(
                "red", f"payroll {name} is not clean: {open_n} open difference(s), "
                f"{row['unexplained']} EUR not explained", code="payroll-not-clean",
                system=definition["system"], recon=name, open=open_n,
                unexplained=str(row["unexplained"])))
    ran = [row for row in rows if row["run_id"] is not None]
    totals: PeopleTotals = {
        "payroll_runs": len(rows), "clean": sum(1 for row in ran if row["clean"]),
        "not_clean": sum(1 for row in ran if not row["clean"]),
        "never_run": len(rows) - len(ran),
        "employees": sum(row["employees"] for row in ran),
        "open_differences": sum(open_count(row["counts"]) for row in ran),
        "unexplained": sum((row["unexplained"] for row in ran), Decimal(0))}
    return {"payroll": rows, "totals": totals, "signals": signals}
