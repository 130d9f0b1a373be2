"""Incidents read through SQLAlchemy Core: what the status section and gate criteria count.

Open means open at a given time: opened at or before it and not closed by then, so a status
``--as-of`` the past, and a gate evaluated at a decision, see the incidents as they were.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from migctl.services.hypercare.documents import IncidentRow
from migctl.services.hypercare.fields import SEVERITIES, normalize_severity, severity_rank
from migctl.store.db import execute
from migctl.store.tables import INCIDENT, SYSTEM

if TYPE_CHECKING:
    from migctl.store.db import Db

def incident_rows(db: Db, *, until: datetime) -> list[IncidentRow]:
    """Every incident opened at or before ``until``, with its system's key."""
    query = (
        select(INCIDENT.c.key, SYSTEM.c.key, INCIDENT.c.severity, INCIDENT.c.title,
               INCIDENT.c.owner, INCIDENT.c.status, INCIDENT.c.opened_at, INCIDENT.c.closed_at,
               INCIDENT.c.reference, INCIDENT.c.responded_at)
        .select_from(INCIDENT.outerjoin(SYSTEM, INCIDENT.c.system_id == SYSTEM.c.id))
        .where(INCIDENT.c.opened_at <= until)
    )
    return [
        {"key": key, "system": system, "severity": severity, "title": title, "owner": owner,
         "status": status, "opened_at": opened_at, "closed_at": closed_at,
         "reference": reference, "responded_at": responded_at}
        for key, system, severity, title, owner, status, opened_at, closed_at, reference,
        responded_at in execute(db, query)
    ]


def count_open(db: Db, *, at_or_above: str, now: datetime) -> int:
    """Incidents open at ``now`` whose severity is ``at_or_above`` or worse (for gate criteria
    such as ``incidents-below:high:1``)."""
    wanted = SEVERITIES[: severity_rank(normalize_severity(at_or_above)) + 1]
    query = select(func.count()).select_from(INCIDENT).where(
        INCIDENT.c.severity.in_(wanted),
        INCIDENT.c.opened_at <= now,
        or_(INCIDENT.c.closed_at.is_(None), INCIDENT.c.closed_at > now),
    )
    return int(execute(db, query).scalar_one())
