"""Reconciliations read through SQLAlchemy Core: definitions, decisions, runs.

:func:`latest_run` is what the gate criterion ``recon-clean:NAME``, the status section
"Data load", the readiness signal and the built-in KPIs read (each a thin adapter over it).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import RowMapping, select

from migctl.errors import NotFound
from migctl.services.recon.documents import DecisionDocument, DefinitionDocument, RunSummary
from migctl.services.recon.fields import ACCEPTED
from migctl.store.db import columns_except, execute
from migctl.store.tables import CUTOVER_RUN, RECON_DECISION, RECON_RUN, RECONCILIATION, SYSTEM
from migctl.values import iso_utc

if TYPE_CHECKING:
    from datetime import datetime

    from migctl.store.db import Db

#: The separator of a key's values (``recon accept --key 400000,100,2025-12``).
KEY_SEPARATOR = ","


def join_key(values: list[str] | tuple[str, ...]) -> str:
    return KEY_SEPARATOR.join(values)


def definition_document(row: Mapping[Any, Any], system: str | None) -> DefinitionDocument:
    document = _definition_document(row, system)
    if row["kind"] == "payroll":
        document["wage_types"] = row["wage_types_file"]
        document["key_map"] = row["key_map_file"] or None
        document["tolerance_pct"] = Decimal(row["tolerance_pct"])
    return document


def _definition_document(row: Mapping[Any, Any], system: str | None) -> DefinitionDocument:
    return {
        "name": row["name"], "kind": row["kind"], "version": row["version"],
        "legacy": row["legacy_file"], "target": row["target_file"], "system": system,
        "mapping_set": row["mapping_set"], "cost_objects": row["cost_objects"],
        "tolerance": Decimal(row["tolerance"]),
        "keys": [k for k in row["keys"].split(",") if k],
        "compare": [c for c in row["compare"].splitlines() if c],
        "description": row["description"],
        "created_at": iso_utc(row["created_at"]), "updated_at": iso_utc(row["updated_at"]),
    }


def _definitions(db: Db, name: str | None = None) -> list[DefinitionDocument]:
    query = select(RECONCILIATION, SYSTEM.c.key.label("system_key")).outerjoin(
        SYSTEM, SYSTEM.c.id == RECONCILIATION.c.system_id).order_by(RECONCILIATION.c.name)
    if name is not None:
        query = query.where(RECONCILIATION.c.name == name)
    return [definition_document(row._mapping, row.system_key) for row in execute(db, query)]


def list_definitions(db: Db) -> list[DefinitionDocument]:
    return _definitions(db)


def get_definition(db: Db, name: str) -> DefinitionDocument:
    found = _definitions(db, name)
    if not found:
        raise NotFound(f"no reconciliation named {name!r} (see `migctl recon list`)")
    return found[0]


def recon_id(db: Db, name: str) -> int:
    found = execute(db, select(RECONCILIATION.c.id).where(RECONCILIATION.c.name == name)
                    ).scalar()
    if found is None:
        raise NotFound(f"no reconciliation named {name!r} (see `migctl recon list`)")
    return int(found)


def _summary(row: RowMapping, name: str, kind: str) -> RunSummary:
    return {
        "run_id": row["id"], "recon": name, "kind": kind, "version": row["version"],
        "cutover_run": row["cutover_name"], "clean": bool(row["clean"]),
        "counts": dict(row["counts"] or {}),
        "legacy": Decimal(row["legacy_total"]), "target": Decimal(row["target_total"]),
        "difference": Decimal(row["difference"]), "unexplained": Decimal(row["unexplained"]),
        "legacy_file": row["legacy_file"], "legacy_sha256": row["legacy_sha256"],
        "target_file": row["target_file"], "target_sha256": row["target_sha256"],
        "finished_at": iso_utc(row["finished_at"]),
    }


def _runs_query(recon: int) -> Any:
    return select(*columns_except(RECON_RUN, "report", "findings"),
                  CUTOVER_RUN.c.name.label("cutover_name")).outerjoin(
        CUTOVER_RUN, CUTOVER_RUN.c.id == RECON_RUN.c.cutover_run_id).where(
        RECON_RUN.c.recon_id == recon)


def history(db: Db, name: str) -> list[RunSummary]:
    """Every run of ``name``, oldest first (across rehearsals)."""
    definition = get_definition(db, name)
    query = _runs_query(recon_id(db, name)).order_by(RECON_RUN.c.finished_at, RECON_RUN.c.id)
    return [_summary(row._mapping, name, definition["kind"]) for row in execute(db, query)]


def latest_run(db: Db, name: str, cutover_run: str | None = None, *,
               until: datetime | None = None) -> RunSummary | None:
    """The latest run of ``name``: for the named cutover run, else for the active one when
    there is one, else the latest run at all. None when there is no such run. ``until``: only
    runs finished by then (gates and status pass the time judged, so ``--as-of`` sees the
    past as it was)."""
    definition = get_definition(db, name)
    query = _runs_query(recon_id(db, name))
    if until is not None:
        query = query.where(RECON_RUN.c.finished_at <= until)
    if cutover_run is not None:
        query = query.where(CUTOVER_RUN.c.name == cutover_run)
    else:
        active = execute(db, select(CUTOVER_RUN.c.id).where(CUTOVER_RUN.c.status == "active")
                         ).scalar()
        if active is not None:
            query = query.where(RECON_RUN.c.cutover_run_id == active)
    row = execute(db, query.order_by(RECON_RUN.c.finished_at.desc(), RECON_RUN.c.id.desc())
                  .limit(1)).first()
    return None if row is None else _summary(row._mapping, name, definition["kind"])


def latest_findings(db: Db, recon: int) -> tuple[int, list[list[Any]]] | None:
    """The newest run's id and its findings ([key, cause, fingerprint, difference] each)."""
    row = execute(db, select(RECON_RUN.c.id, RECON_RUN.c.findings).where(
        RECON_RUN.c.recon_id == recon).order_by(RECON_RUN.c.finished_at.desc(),
                                                RECON_RUN.c.id.desc()).limit(1)).first()
    return None if row is None else (int(row.id), list(row.findings or []))


def decision_rows(db: Db, recon: int) -> list[RowMapping]:
    query = select(RECON_DECISION).where(RECON_DECISION.c.recon_id == recon).order_by(
        RECON_DECISION.c.key)
    return [row._mapping for row in execute(db, query)]


def list_decisions(db: Db, name: str) -> list[DecisionDocument]:
    """The decisions on ``name``; ``active`` when the newest run still shows the decided
    difference (so it was accepted again), not when the difference changed or went away.
    ``difference`` is None for payroll decisions (no amount is kept)."""
    recon = recon_id(db, name)
    latest = latest_findings(db, recon)
    accepted = {join_key(f[0]) for f in latest[1] if f[1] == ACCEPTED} if latest else set()
    kept = execute(db, select(RECONCILIATION.c.kind).where(RECONCILIATION.c.id == recon)
                   ).scalar() != "payroll"  # payroll decisions keep no amount
    return [{"key": row["key"].split(KEY_SEPARATOR), "cause": row["cause"],
             "difference": Decimal(row["difference"]) if kept else None,
             "reason": row["reason"],
             "by": row["decided_by"], "decided_at": iso_utc(row["decided_at"]),
             "active": _active(row["key"], accepted)} for row in decision_rows(db, recon)]


def _active(key: str, accepted: set[str]) -> bool:
    """The newest run accepted a difference under ``key``, or (payroll's
    PSEUDONYM,INCOME_TYPE decision, any period) under a key it begins."""
    return key in accepted or any(found.startswith(key + KEY_SEPARATOR) for found in accepted)
