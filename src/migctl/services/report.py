"""The steering-group report's data: the status document plus the KPI history for trends."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from migctl.services.kpis_read import history
from migctl.services.status import build_status


def build_report(session: Session, *, now: datetime | None = None) -> dict[str, Any]:
    """``{"status": <status document>, "kpi_history": {metric: [{"at", "value", "source"}]}}``."""
    now = now or datetime.now(UTC)
    return {
        "status": build_status(session, now=now),
        "kpi_history": {metric: [p.document() for p in points]
                        for metric, points in history(session, until=now).items()},
    }
