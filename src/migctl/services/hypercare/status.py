"""The incidents section of the status: what is open, how old, how fast cases get closed.

Open means open *at the status time*: opened at or before it and not closed by then, so
``migctl status --as-of`` shows the past truthfully. Signals: an open critical incident is red
on its system, an open high one amber; a breach of the provider's service levels
(:mod:`migctl.services.hypercare.sla`) is amber on the incident's system.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from migctl.services.hypercare.documents import IncidentRow
from migctl.services.hypercare.fields import SEVERITIES, severity_rank
from migctl.services.hypercare.read import incident_rows
from migctl.services.hypercare.settings import targets
from migctl.services.hypercare.sla import SlaCase, SlaSummary, summarise
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
    sla: SlaSummary
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
    sla = summarise([{"key": r["key"], "reference": r["reference"], "system": r["system"],
                      "severity": r["severity"], "title": r["title"],
                      "opened_at": r["opened_at"], "responded_at": r["responded_at"],
                      "closed_at": r["closed_at"]} for r in rows],
                    targets(context.session), now)
    signals.extend(signal for case in sla["breaches"] for signal in _breach_signals(case))
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
        "sla": sla,
        "signals": signals,
    }


def _breach(case: SlaCase, measure: str) -> tuple[str, dict[str, str | None]]:
    """The reason and params of one missed target."""
    from migctl.values import format_duration

    response = measure == "response"
    minutes = case["response_minutes"] if response else case["resolution_minutes"]
    target = format_duration(case["response_target"] if response
                             else case["resolution_target"])
    took = None if minutes is None else format_duration(minutes)
    reason = (f"{case['key']} ({case['severity']}) missed its {measure} target {target}: "
              + ("still waiting" if took is None else f"took {took}"))
    return reason, {"incident": case["key"], "severity": case["severity"], "target": target,
                    "took": took}


def _breach_signals(case: SlaCase) -> list[Signal]:
    """Amber on the system: the response and the resolution target, each when missed."""
    found: list[Signal] = []
    if case["response_breached"]:
        reason, params = _breach(case, "response")
        found.append(signal("amber", reason, code="sla-response-breached",
                            system=case["system"], **params))
    if case["resolution_breached"]:
        reason, params = _breach(case, "resolution")
        found.append(signal("amber", reason, code="sla-resolution-breached",
                            system=case["system"], **params))
    return found
