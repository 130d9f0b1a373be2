"""`recon run` for a payroll reconciliation: plan (read transaction), compare (no store),
record (a short write transaction), as for the other kinds.

What is stored of a run: counts, totals, the run document (pseudonyms only; per-employee
amounts only for open differences) and ``findings`` — every open difference as
[key, cause, seal, difference, cause] (the seal: :func:`payroll.seal`, keyed, no amount in
it), every accepted one without its amount, and every pattern as
[["pattern:ID"], "pattern", fingerprint, difference, cause], so a reviewer can decide on any
of them. A decision copies the seal and keeps no amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from migctl.errors import NotFound
from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor, record
from migctl.services.mapping.ledger import cents_decimal, format_cents
from migctl.services.pseudonym import Pseudonymiser
from migctl.services.recon.causes import Decision
from migctl.services.recon.documents import DefinitionDocument
from migctl.services.recon.fields import tolerance_cents
from migctl.services.recon.payroll import PayrollOutcome, Tolerance, classify, read_compared
from migctl.services.recon.payroll_documents import PayrollDocument
from migctl.services.recon.payroll_fields import ACCEPTED, AMOUNT_DIFFERS, PATTERN_KEY
from migctl.services.recon.payroll_wagemap import WageMap
from migctl.services.recon.payroll_write import latest_wage_map
from migctl.services.recon.read import KEY_SEPARATOR, decision_rows, get_definition, recon_id
from migctl.services.recon.runs import _cutover, _existing, add_run_row

#: Both files together bigger than this go to DuckDB (its start-up costs more below).
COLUMNAR_BYTES = 8 * 1024 * 1024


@dataclass
class PayrollPlan:
    definition: DefinitionDocument
    recon_id: int
    legacy: Path
    target: Path
    key_map: Path | None
    wage_map: WageMap
    wage_map_version: int
    decisions: list[Decision]
    tolerance: Tolerance
    cutover_run_id: int | None = None
    cutover_run: str | None = None


def plan(session: Session, *, name: str, legacy: Path | None = None,
         target: Path | None = None, cutover_run: str | None = None) -> PayrollPlan:
    definition = get_definition(session, name)
    recon = recon_id(session, name)
    stored = latest_wage_map(session, recon)
    if stored is None:
        raise NotFound(f"payroll reconciliation {name!r} has no wage-type mapping: add it "
                       "again with --wage-types")
    decisions = [Decision(tuple(row["key"].split(KEY_SEPARATOR)), row["fingerprint"],
                          row["cause"], row["reason"], row["decided_by"])
                 for row in decision_rows(session, recon)]
    run_id, run_name = _cutover(session, cutover_run)
    key_map = definition.get("key_map")
    return PayrollPlan(
        definition, recon, _existing(legacy or Path(definition["legacy"])),
        _existing(target or Path(definition["target"])),
        _existing(Path(key_map)) if key_map else None, stored[1], stored[0], decisions,
        Tolerance(tolerance_cents(definition["tolerance"]),
                  definition.get("tolerance_pct", Decimal(0))),
        run_id, run_name)


def compare(run: PayrollPlan, pseudonymiser: Pseudonymiser, *, engine: str = "auto"
            ) -> tuple[PayrollOutcome, str]:
    """Compare the two files; (outcome, the engine that did it)."""
    used = "python"
    compared = None
    if engine == "duckdb" or (engine == "auto" and run.legacy.stat().st_size
                              + run.target.stat().st_size > COLUMNAR_BYTES):
        from migctl.services.recon import payroll_columnar

        try:
            compared = payroll_columnar.read_compared(run.legacy, run.target, run.wage_map,
                                                      run.key_map)
            used = "duckdb"
        except payroll_columnar.Fallback:
            compared = None
    if compared is None:
        compared = read_compared(run.legacy, run.target, run.wage_map, run.key_map)
    outcome = classify(run.definition["name"], compared, run.wage_map,
                       pseudonym=pseudonymiser, tolerance=run.tolerance,
                       decisions=run.decisions)
    outcome.wage_map_version = run.wage_map_version
    return outcome, used


def stored_findings(outcome: PayrollOutcome) -> list[list[Any]]:
    """What decisions can be taken on (see the module's docstring)."""
    result: list[list[Any]] = []
    for item in outcome.found:
        if item.cause == ACCEPTED:
            original = item.decision.cause if item.decision else ACCEPTED
            result.append([list(item.key), ACCEPTED, "", "", original])
        elif item.failing:
            result.append([list(item.key), item.cause, item.seal,
                           format_cents(item.difference), item.cause])
    for pattern in outcome.patterns:
        result.append([[PATTERN_KEY + pattern.id],
                       ACCEPTED if pattern.decision else "pattern", pattern.fingerprint(),
                       format_cents(pattern.difference), AMOUNT_DIFFERS])
    return result


def record_run(session: Session, actor: Actor, run: PayrollPlan, outcome: PayrollOutcome, *,
               engine: str, started: datetime, now: datetime, limit: int = 1000
               ) -> PayrollDocument:
    legacy, target = outcome.totals
    row = add_run_row(session, actor, run, outcome,
                      mapping=f"wage types v{run.wage_map_version}", engine=engine,
                      totals=(legacy, legacy, target, target - legacy),
                      findings=stored_findings(outcome), started=started, now=now)
    document = outcome.document(limit=limit, run_id=row.id, cutover_run=run.cutover_run)
    row.report = to_jsonable(document)
    failing = sum(1 for item in outcome.found if item.failing and item.counted)
    verdict = "clean" if outcome.clean else f"NOT clean ({failing} open)"
    record(session, actor, entity_type="reconciliation", entity_key=run.definition["name"],
           action="run",
           summary=f"payroll run {row.id}: {verdict}, {document['employees']['compared']} "
                   f"employees, difference {cents_decimal(target - legacy)}", at=now)
    return document


def export(outcome: PayrollOutcome, path: Path) -> int:
    """Every difference (pseudonyms only) to CSV or XLSX, by the file's suffix."""
    from migctl.errors import OptionError
    from migctl.services.mapping.outputs import open_writer

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise OptionError("must end in .csv or .xlsx", field="export", value=str(path))
    columns = ["cause", "employee", "income_type", "period", "org_unit", "wage_type",
               "legacy", "target", "difference", "pattern"]
    with open_writer(path, fmt, columns, {"legacy", "target", "difference"}) as writer:
        for item in outcome.found:
            writer.write([item.cause, item.employee, item.income_type, item.period,
                          item.org_unit, item.wage_type,
                          "" if item.legacy is None else format_cents(item.legacy),
                          "" if item.target is None else format_cents(item.target),
                          format_cents(item.difference), item.pattern or ""])
    return len(outcome.found)
