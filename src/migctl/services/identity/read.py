"""Identity-check runs read through SQLAlchemy Core: the history and the latest run.

:func:`latest_run` is what the gate criteria (``identity-coverage``, ``trained``), the status
section "identity", its readiness signals and the built-in KPIs read.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from migctl.services.identity.documents import RunSummary
from migctl.store.db import execute
from migctl.store.tables import IDENTITY_RUN
from migctl.values import iso_utc

if TYPE_CHECKING:
    from migctl.store.db import Db

_SUMMARY = [c for c in IDENTITY_RUN.c if c.name not in ("report", "files")]


def _pcts(stored: Mapping[str, Any] | None) -> dict[str, Decimal]:
    return {key: Decimal(str(value)) for key, value in (stored or {}).items()}


def summary(row: Mapping[Any, Any]) -> RunSummary:
    return {"run_id": row["id"], "on": row["on_date"].isoformat(), "key_check": row["key_check"],
            "active": dict(row["active_by_env"] or {}), "coverage_pct": _pcts(row["coverage"]),
            "system_coverage_pct": _pcts(row["systems"]),
            "training_coverage_pct": _pcts(row["trained"]),
            "counts": {k: int(v) for k, v in (row["counts"] or {}).items()},
            "errors": row["errors"], "warnings": row["warnings"], "actor": row["actor"],
            "finished_at": iso_utc(row["finished_at"])}


def history(db: Db, *, limit: int | None = None, until: datetime | None = None
            ) -> list[RunSummary]:
    """Every run (finished by ``until``), newest first."""
    query = select(*_SUMMARY).order_by(IDENTITY_RUN.c.id.desc())
    if until is not None:
        query = query.where(IDENTITY_RUN.c.finished_at <= until)
    if limit is not None:
        query = query.limit(limit)
    return [summary(row._mapping) for row in execute(db, query)]


def latest_run(db: Db, until: datetime | None = None) -> RunSummary | None:
    """The newest run finished by ``until`` (a gate's ``--as-of``, the status's time)."""
    found = history(db, limit=1, until=until)
    return found[0] if found else None


def run_report(db: Db, run_id: int) -> dict[str, Any] | None:
    """A stored run's document (findings up to the limit it was stored with)."""
    found = execute(db, select(IDENTITY_RUN.c.report).where(IDENTITY_RUN.c.id == run_id)
                    ).scalar()
    return dict(found) if found is not None else None
