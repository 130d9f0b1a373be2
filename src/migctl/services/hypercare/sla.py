"""The provider's service levels: response and resolution times of incidents against the
per-severity targets (:mod:`migctl.services.hypercare.settings`), as of a time.

* **Response time** = first response − opened. A case resolved without a recorded response
  counts its resolution as the first response. A case with neither, still open past its
  response target, has *breached* it already (pending); before the target it is not judged.
* **Resolution time** = closed (resolved or closed) − opened; an open case past its target has
  breached it, before that it is not judged.
* ``met_pct`` per measure = cases judged that met the target / cases judged (None with none).
* A **breach** is a readiness signal (amber) on the incident's system while the case is open,
  and for :data:`RECENT_DAYS` after it closed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TypedDict

from migctl.services.hypercare.fields import SEVERITIES

RECENT_DAYS = 7


class SlaInput(TypedDict):
    """One incident as the SLA judgement reads it."""

    key: str
    reference: str | None
    system: str | None
    severity: str
    title: str
    opened_at: datetime
    responded_at: datetime | None
    closed_at: datetime | None


class SlaCase(SlaInput):
    """One incident judged against its targets (minutes; None: not measured yet)."""

    response_minutes: int | None
    resolution_minutes: int | None
    response_target: int
    resolution_target: int
    response_breached: bool
    resolution_breached: bool


class SlaMeasure(TypedDict):
    judged: int
    met: int
    met_pct: float | None
    median_minutes: int | None


class SlaSeverity(TypedDict):
    severity: str
    response_target_minutes: int
    resolution_target_minutes: int
    response: SlaMeasure
    resolution: SlaMeasure


class SlaSummary(TypedDict):
    by_severity: list[SlaSeverity]
    response: SlaMeasure
    resolution: SlaMeasure
    breaches: list[SlaCase]


def _minutes(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds()) // 60)


def judge(row: SlaInput, targets: dict[str, dict[str, int]], now: datetime) -> SlaCase:
    """One incident's response and resolution against its severity's targets, at ``now``."""
    goal = targets[row["severity"]]
    opened = row["opened_at"]
    closed = row["closed_at"] if row["closed_at"] is not None and row["closed_at"] <= now \
        else None
    responded = row["responded_at"] if row["responded_at"] is not None \
        and row["responded_at"] <= now else None
    first = responded if responded is not None else closed
    response = _minutes(opened, first) if first is not None else None
    resolution = _minutes(opened, closed) if closed is not None else None
    waited = _minutes(opened, now)
    return {
        **row, "closed_at": closed, "responded_at": responded,
        "response_minutes": response, "resolution_minutes": resolution,
        "response_target": goal["response"], "resolution_target": goal["resolution"],
        # measured: against the target; not yet: breached once the target has passed
        "response_breached": (response if response is not None else waited) > goal["response"],
        "resolution_breached": (resolution if resolution is not None else waited)
        > goal["resolution"],
    }


def _measure(cases: list[SlaCase], measure: str) -> SlaMeasure:
    judged = met = 0
    times: list[int] = []
    for case in cases:
        minutes = case["response_minutes"] if measure == "response" \
            else case["resolution_minutes"]
        breached = case["response_breached"] if measure == "response" \
            else case["resolution_breached"]
        if minutes is None and not breached:
            continue  # open, within its target: not judged yet
        judged += 1
        met += not breached
        if minutes is not None:
            times.append(minutes)
    times.sort()
    return {"judged": judged, "met": met,
            "met_pct": round(100 * met / judged, 1) if judged else None,
            "median_minutes": times[(len(times) - 1) // 2] if times else None}


def summarise(rows: list[SlaInput], targets: dict[str, dict[str, int]], now: datetime
              ) -> SlaSummary:
    cases = [judge(row, targets, now) for row in rows]
    recent = now - timedelta(days=RECENT_DAYS)
    breaches = [c for c in cases if (c["response_breached"] or c["resolution_breached"])
                and (c["closed_at"] is None or c["closed_at"] >= recent)]
    breaches.sort(key=lambda c: (SEVERITIES.index(c["severity"]), c["opened_at"], c["key"]))
    return {
        "by_severity": [
            {"severity": s, "response_target_minutes": targets[s]["response"],
             "resolution_target_minutes": targets[s]["resolution"],
             "response": _measure([c for c in cases if c["severity"] == s], "response"),
             "resolution": _measure([c for c in cases if c["severity"] == s], "resolution")}
            for s in SEVERITIES],
        "response": _measure(cases, "response"),
        "resolution": _measure(cases, "resolution"),
        "breaches": breaches,
    }
