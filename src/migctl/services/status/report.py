"""The steering-group report's data: the status document, the KPI history for trends, and the
steering group's parts (gates, critical path, rehearsals: :mod:`.steering`)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from migctl.services.kpis.read import history
from migctl.services.status.sections import build_status
from migctl.services.status.steering import build_steering

if TYPE_CHECKING:
    from migctl.services.status.steering import SteeringReport
    from migctl.store.db import Db


def build_report(db: Db, *, now: datetime | None = None) -> SteeringReport:
    """``{"status": <status document>, "kpi_history": {metric: [{"at", "value", "source"}]},
    "steering": {"gates", "cutover", "rehearsals", "estimates"}}``."""
    now = now or datetime.now(UTC)
    return {
        "status": build_status(db, now=now),
        # Point.document() is untyped (kpis/read.py): its shape is KpiPoint
        "kpi_history": {metric: [p.document() for p in points]
                        for metric, points in history(db, until=now).items()},
        "steering": build_steering(db, now=now),
    }
