"""`recon run`: three steps, so the store is not locked while a million rows are compared.

:func:`plan` reads the definition, the decisions and (balances) prepares the mapping in a read
transaction; :func:`compare` reads the files and compares them (no store access);
:func:`record_run` stores the run in a short write transaction; :func:`export` writes every
difference to CSV or XLSX.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select as core_select
from sqlmodel import Session

from migctl.errors import InputError, NotFound, OptionError
from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor, record
from migctl.services.mapping.files import file_sha256
from migctl.services.mapping.ledger import cents_decimal, format_cents
from migctl.services.mapping.translate import Prepared, prepare
from migctl.services.recon.causes import Decision
from migctl.services.recon.documents import DefinitionDocument, ReconDocument
from migctl.services.recon.fields import (
    BALANCES,
    DEFAULT_LIMIT,
    KEYMAP,
    SETMAP,
    CompareRule,
    parse_compare,
    tolerance_cents,
)
from migctl.services.recon.outcome import Outcome
from migctl.services.recon.read import (
    KEY_SEPARATOR,
    decision_rows,
    get_definition,
    join_key,
    recon_id,
)
from migctl.store.db import execute
from migctl.store.models.recon import ReconRun
from migctl.store.tables import CUTOVER_RUN


@dataclass
class Plan:
    """What one run needs from the store."""

    definition: DefinitionDocument
    recon_id: int
    legacy: Path
    target: Path
    decisions: list[Decision]
    cutover_run_id: int | None = None
    cutover_run: str | None = None
    prepared: Prepared | None = None
    rules: list[CompareRule] = field(default_factory=list)
    #: column → code translations read from the store (``col=set:NAME``), beside the files'
    set_codes: dict[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def mapping(self) -> str | None:
        return None if self.prepared is None else self.prepared.label


def _cutover(session: Session, name: str | None) -> tuple[int | None, str | None]:
    query = core_select(CUTOVER_RUN.c.id, CUTOVER_RUN.c.name)
    if name is not None:
        row = execute(session, query.where(CUTOVER_RUN.c.name == name)).first()
        if row is None:
            raise NotFound(f"no cutover run {name!r} (see `migctl cutover run list`)")
    else:
        row = execute(session, query.where(CUTOVER_RUN.c.status == "active")).first()
    return (None, None) if row is None else (int(row.id), str(row.name))


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    return path


def plan(session: Session, *, name: str, legacy: Path | None = None,
         target: Path | None = None, cutover_run: str | None = None) -> Plan:
    """Load what the run needs; the files given override the definition's for this run."""
    definition = get_definition(session, name)
    recon = recon_id(session, name)
    decisions = [Decision(tuple(row["key"].split(KEY_SEPARATOR)), row["fingerprint"],
                          row["cause"], row["reason"], row["decided_by"])
                 for row in decision_rows(session, recon)]
    run_id, run_name = _cutover(session, cutover_run)
    result = Plan(definition, recon,
                  _existing(legacy or Path(definition["legacy"])),
                  _existing(target or Path(definition["target"])),
                  decisions, run_id, run_name)
    if definition["kind"] == BALANCES:
        result.prepared = prepare(session, ref=definition["mapping_set"],
                                  cost_objects=definition["cost_objects"])
    else:
        result.rules = [parse_compare(text) for text in definition["compare"]]
        result.set_codes = _set_codes(session, result.rules)
    return result


def _set_codes(session: Session, rules: list[CompareRule]) -> dict[str, Mapping[str, str]]:
    from migctl.services.recon.codemap import set_codes

    return {rule.column: set_codes(session, rule.keymap) for rule in rules
            if rule.kind == SETMAP and rule.keymap is not None}


def compare(run: Plan, *, today: date, engine: str = "auto") -> tuple[Outcome, str]:
    """Compare the two files; (outcome, the engine that did it)."""
    definition = run.definition
    if run.prepared is not None:
        return _balances(run, today=today, engine=engine)
    from migctl.services.recon.items import read_keymap, reconcile_items

    keymaps: dict[str, Mapping[str, str]] = {
        rule.column: read_keymap(Path(rule.keymap)) for rule in run.rules
        if rule.kind == KEYMAP and rule.keymap is not None}
    keymaps.update(run.set_codes)
    if engine in ("auto", "duckdb") and not keymaps:
        from migctl.services.recon import columnar

        if engine == "duckdb" or columnar.worth_it(run.legacy, run.target):
            outcome = columnar.reconcile_items(
                definition["name"], legacy=run.legacy, target=run.target,
                keys=definition["keys"], rules=run.rules, decisions=run.decisions)
            return outcome, "duckdb"
    return reconcile_items(definition["name"], legacy=run.legacy, target=run.target,
                           keys=definition["keys"], rules=run.rules, keymaps=keymaps,
                           decisions=run.decisions), "python"


def _balances(run: Plan, *, today: date, engine: str) -> tuple[Outcome, str]:
    """DuckDB where it can decide (:mod:`balances_columnar`), else the pure comparison."""
    from migctl.services.recon.balances import reconcile_balances

    definition, prepared = run.definition, run.prepared
    assert prepared is not None
    options: dict[str, Any] = {"legacy": run.legacy, "target": run.target, "today": today,
                               "tolerance": tolerance_cents(definition["tolerance"]),
                               "decisions": list(run.decisions)}
    if engine in ("auto", "duckdb"):
        from migctl.services.mapping.columnar import Fallback
        from migctl.services.recon import balances_columnar

        if engine == "duckdb" or balances_columnar.worth_it(run.legacy, run.target, prepared):
            try:
                return balances_columnar.reconcile_balances_columnar(
                    definition["name"], prepared, **options), "duckdb"
            except Fallback:
                pass
    return reconcile_balances(definition["name"], prepared, **options), "python"


def _findings(outcome: Outcome) -> list[list[Any]]:
    """Every difference as [key, cause, fingerprint, difference, cause before acceptance]."""
    return [[list(item.key), item.cause,
             item.decision.fingerprint if item.decision else item.fingerprint(),
             format_cents(item.difference),
             item.decision.cause if item.decision else item.cause]
            for item in outcome.found]


class StoredPlan(Protocol):
    """What a stored run takes from either kind's plan."""

    @property
    def definition(self) -> DefinitionDocument: ...
    @property
    def recon_id(self) -> int: ...
    @property
    def legacy(self) -> Path: ...
    @property
    def target(self) -> Path: ...
    @property
    def cutover_run_id(self) -> int | None: ...


class StoredOutcome(Protocol):
    """What a stored run takes from either kind's outcome."""

    @property
    def clean(self) -> bool: ...
    @property
    def explained(self) -> bool: ...
    @property
    def legacy_rows(self) -> int: ...
    @property
    def target_rows(self) -> int: ...
    @property
    def counts(self) -> dict[str, int]: ...
    @property
    def unexplained_cents(self) -> int: ...


def add_run_row(session: Session, actor: Actor, run: StoredPlan, outcome: StoredOutcome, *,
                mapping: str | None, engine: str, totals: tuple[int, int, int, int],
                findings: list[list[Any]], started: datetime, now: datetime) -> ReconRun:
    """Store one run of either kind (its id filled in, its report still to come); ``totals``
    in cents: legacy, translated, target, difference."""
    legacy, translated, target, difference = totals
    row = ReconRun(
        recon_id=run.recon_id, version=run.definition["version"],
        cutover_run_id=run.cutover_run_id, legacy_file=str(run.legacy),
        legacy_sha256=file_sha256(run.legacy), target_file=str(run.target),
        target_sha256=file_sha256(run.target), mapping=mapping, engine=engine,
        clean=outcome.clean, explained=outcome.explained, legacy_rows=outcome.legacy_rows,
        target_rows=outcome.target_rows, counts=outcome.counts,
        legacy_total=cents_decimal(legacy), translated_total=cents_decimal(translated),
        target_total=cents_decimal(target), difference=cents_decimal(difference),
        unexplained=cents_decimal(outcome.unexplained_cents), started_at=started,
        finished_at=now, actor=actor.name, findings=findings)
    session.add(row)
    session.flush()
    return row


def record_run(session: Session, actor: Actor, run: Plan, outcome: Outcome, *, engine: str,
               started: datetime, now: datetime, limit: int = DEFAULT_LIMIT) -> ReconDocument:
    """Store the run and return its document (``run_id`` filled in)."""
    totals = outcome.totals.overall
    row = add_run_row(session, actor, run, outcome, mapping=run.mapping, engine=engine,
                      totals=(totals.legacy, totals.translated, totals.target,
                              totals.difference),
                      findings=_findings(outcome), started=started, now=now)
    document = outcome.document(limit=limit, run_id=row.id, cutover_run=run.cutover_run)
    row.report = to_jsonable(document)
    failing = sum(1 for item in outcome.found if item.failing)
    record(session, actor, entity_type="reconciliation", entity_key=run.definition["name"],
           action="run",
           summary=f"run {row.id}: {'clean' if outcome.clean else f'NOT clean ({failing} open)'}"
                   f", difference {cents_decimal(totals.difference)}",
           at=now)
    return document


def export(outcome: Outcome, path: Path) -> int:
    """Every difference (not only the shown ones) to CSV or XLSX, by the file's suffix."""
    from migctl.services.mapping.outputs import open_writer

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise OptionError("must end in .csv or .xlsx", field="export", value=str(path))
    names = list(outcome.key_names)
    columns = ["cause", *names, "legacy", "target", "difference", "other_key", "column",
               "moved"]
    with open_writer(path, fmt, columns, {"difference", "moved"}) as writer:
        for item in outcome.found:
            doc = outcome.difference(item)
            key = doc["key"]
            cells = [key.get(n, "") for n in names] if set(key) <= set(names) else \
                [*key.values(), *[""] * (len(names) - len(key))][:len(names)]
            other = doc["other_key"]
            writer.write([item.cause, *cells, _cell(doc["legacy"]), _cell(doc["target"]),
                          format_cents(item.difference),
                          join_key(list(other.values())) if other else "",
                          item.column or "",
                          format_cents(item.moved) if item.moved is not None else ""])
    return len(outcome.found)


def _cell(value: object) -> str:
    return "" if value is None else str(value)
