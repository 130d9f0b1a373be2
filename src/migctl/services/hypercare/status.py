"""The incidents section of the status: what is open, how old, how fast cases get closed.

Open means open *at the status time*: opened at or before it and not closed by then, so
``migctl status --as-of`` shows the past truthfully. Signals: an open critical incident is red
on its system, an open high one amber.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from migctl.services.hypercare.documents import IncidentRow
from migctl.services.hypercare.fields import SEVERITIES, severity_rank
from migctl.services.hypercare.read import incident_rows
from migctl.services.status.context import signal

if TYPE_CHECKING:
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal


class IncidentCounts(TypedDict):
    total: int
    open: int
    closed: int
    by_status: dict[str, int]


class IncidentsSection(TypedDict):
    counts: IncidentCounts
    open_by_severity: dict[str, int]
    open_by_age: dict[str, dict[str, int]]  # severity → age bucket → count
    oldest_open: OpenIncident | None
    mean_time_to_close_hours: float | None
    open: list[OpenIncident]
    signals: list[Signal]


#: Age buckets of open incidents: (key, from day, to day exclusive or None).
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("under_7_days", 0, 7),
    ("7_to_30_days", 7, 30),
    ("over_30_days", 30, None),
)
SIGNAL_LEVEL = {"critical": "red", "high": "amber"}


class OpenIncident(IncidentRow):
    """An incident open at the status time, with its age."""

    age_days: int
    age_hours: float


def age_bucket(days: int) -> str:
    for key, low, high in AGE_BUCKETS:
        if days >= low and (high is None or days < high):
            return key
    return AGE_BUCKETS[0][0]  # opened "in the future" by clock skew: newest bucket


def build_section(context: StatusContext) -> IncidentsSection:
    now = context.now
    rows = incident_rows(context.session, until=now)
    by_status: dict[str, int] = {}
    open_rows: list[OpenIncident] = []
    close_hours: list[float] = []
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + 1
        closed_at = row["closed_at"]
        if closed_at is not None and closed_at <= now:
            close_hours.append((closed_at - row["opened_at"]).total_seconds() / 3600)
        else:
            age = now - row["opened_at"]
            open_rows.append({**row, "age_days": age.days,
                              "age_hours": round(age.total_seconds() / 3600, 1)})
    open_rows.sort(key=lambda r: (severity_rank(r["severity"]), r["opened_at"], r["key"]))
    open_by_severity = dict.fromkeys(SEVERITIES, 0)
    open_by_age = {s: {key: 0 for key, _, _ in AGE_BUCKETS} for s in SEVERITIES}
    for row in open_rows:
        open_by_severity[row["severity"]] += 1
        open_by_age[row["severity"]][age_bucket(row["age_days"])] += 1
    oldest = min(open_rows, key=lambda r: (r["opened_at"], r["key"]), default=None)
    signals = [
        signal(SIGNAL_LEVEL[row["severity"]],
               f"open {row['severity']} incident {row['key']}: {row['title']}",
               code="incident-open", system=row["system"], incident=row["key"],
               severity=row["severity"], title=row["title"])
        for row in open_rows if row["severity"] in SIGNAL_LEVEL
    ]
    return {
        "counts": {
            "total": len(rows),
            "open": len(open_rows),
            "closed": len(close_hours),
            "by_status": dict(sorted(by_status.items())),
        },
        "open_by_severity": open_by_severity,
        "open_by_age": open_by_age,
        "oldest_open": oldest,
        "mean_time_to_close_hours": (
            round(sum(close_hours) / len(close_hours), 1) if close_hours else None),
        "open": open_rows,
        "signals": signals,
    }
