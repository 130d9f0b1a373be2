"""The certificate calendar: every certificate the SSO checks saw, read against the programme.

The programme's moments come from the cutover settings: the window, the go-live milestone's
and the hypercare-end milestone's planned dates (the runbook's baseline plan). `sso certs`
lists every certificate ever seen; the status SSO section lists the next expiries among those
the checks' latest runs still saw, each with the milestone it collides with
(:func:`migctl.services.sso.expiry.judge`).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypedDict

from sqlalchemy import func, select

from migctl.errors import OptionError
from migctl.services.sso.expiry import Calendar, judge
from migctl.store.db import execute
from migctl.store.tables import SSO_CHECK, SSO_SIGHTING, SYSTEM

if TYPE_CHECKING:
    from sqlmodel import Session

    from migctl.services.audit import Actor
    from migctl.store.db import Db

#: How many expiries the status SSO section lists.
NEXT_EXPIRIES = 5


class CertSeenAt(TypedDict):
    check: int
    env: str
    document: str
    at: datetime


class CertRow(TypedDict):
    """One line of `sso certs -f json`."""

    subject: str | None
    issuer: str | None
    sha256: str
    not_after: datetime | None
    days_left: int | None
    severity: str | None  # "error" | "warning" | None
    collides_with: str | None
    seen: list[CertSeenAt]


class CalendarDocument(TypedDict):
    go_live: datetime | None
    window_start: datetime | None
    window_end: datetime | None
    hypercare_end: datetime | None


def _milestone(db: Db, key: str | None, now: datetime) -> datetime | None:
    """The planned start of a runbook task (the baseline plan), None when unknown."""
    if not key:
        return None
    from migctl.services.runbook.plan import moment, planning_context
    from migctl.services.runbook.read import load_runbook

    runbook = load_runbook(db)
    index = runbook.index.get(key)
    if index is None:
        return None
    try:
        baseline = planning_context(db, runbook, now=now).baseline()
    except Exception:  # a runbook that cannot be planned (a cycle) has no dates
        return None
    return moment(baseline.earliest_start[index])


def programme_calendar(db: Db, now: datetime) -> Calendar:
    from migctl.services.runbook.settings import go_live_key, hypercare_end_key, window

    start, end = window(db)
    return Calendar(go_live=_milestone(db, go_live_key(db), now), window_start=start,
                    window_end=end, hypercare_end=_milestone(db, hypercare_end_key(db), now))


def calendar_document(calendar: Calendar) -> CalendarDocument:
    return {"go_live": calendar.go_live, "window_start": calendar.window_start,
            "window_end": calendar.window_end, "hypercare_end": calendar.hypercare_end}


def _latest_runs(db: Db) -> Any:
    """Per check, the newest run that saw anything."""
    return (select(SSO_SIGHTING.c.check_id, func.max(SSO_SIGHTING.c.run_id).label("run_id"))
            .group_by(SSO_SIGHTING.c.check_id).subquery())


def certificate_rows(db: Db, *, now: datetime, until: date | None = None,
                     current: bool = False, calendar: Calendar | None = None) -> list[CertRow]:
    """Every certificate seen (``current``: only what each check's latest run saw), the one
    seen most recently first; ``until``: only those expiring on or before that day (UTC)."""
    calendar = calendar or programme_calendar(db, now)
    query = (select(SSO_SIGHTING, SSO_CHECK.c.environment)
             .join(SSO_CHECK, SSO_CHECK.c.id == SSO_SIGHTING.c.check_id)
             .join(SYSTEM, SYSTEM.c.id == SSO_CHECK.c.system_id)
             .where(SSO_SIGHTING.c.document != "jwks-kid"))
    if current:
        latest = _latest_runs(db)
        query = query.join(latest, (latest.c.check_id == SSO_SIGHTING.c.check_id)
                           & (latest.c.run_id == SSO_SIGHTING.c.run_id))
    if until is not None:
        limit = datetime.combine(until + timedelta(days=1), time(), tzinfo=now.tzinfo)
        query = query.where(SSO_SIGHTING.c.not_after < limit)
    grouped: dict[str, dict[str, Any]] = {}
    for row in execute(db, query.order_by(SSO_SIGHTING.c.run_id, SSO_SIGHTING.c.id)):
        entry = grouped.setdefault(row.ident, {"row": row, "run": 0, "seen": {}})
        entry["row"], entry["run"] = row, max(entry["run"], row.run_id)
        entry["seen"][(row.check_id, row.document)] = {
            "check": row.check_id, "env": row.environment, "document": row.document,
            "at": row.seen_at}
    rows: list[tuple[int, CertRow]] = []
    for sha, entry in grouped.items():
        row = entry["row"]
        verdict = judge(row.not_after, calendar, now=now) if row.not_after else None
        rows.append((entry["run"], {
            "subject": row.subject, "issuer": row.issuer, "sha256": sha,
            "not_after": row.not_after,
            "days_left": verdict.days_left if verdict else None,
            "severity": verdict.severity if verdict else None,
            "collides_with": verdict.collides_with if verdict else None,
            "seen": sorted(entry["seen"].values(), key=lambda s: (-s["at"].timestamp(),
                                                                  s["check"], s["document"]))}))
    rows.sort(key=lambda item: (-item[0], _expiry_key(item[1]), item[1]["sha256"]))
    return [row for _run, row in rows]


def _expiry_key(row: CertRow) -> float:
    return row["not_after"].timestamp() if row["not_after"] else float("inf")


def next_expiries(db: Db, now: datetime, *, limit: int = NEXT_EXPIRIES) -> list[CertRow]:
    """The next certificates to expire among those the checks still see (expired first)."""
    rows = certificate_rows(db, now=now, current=True)
    return sorted(rows, key=lambda row: (_expiry_key(row), row["sha256"]))[:limit]


def set_hypercare_end(session: Session, actor: Actor, key: str) -> str | None:
    """Stores ``cutover.hypercare_end`` ('' clears it); the key must name a runbook task."""
    from migctl.services import settings
    from migctl.services.runbook.fields import task_key
    from migctl.services.runbook.read import load_runbook
    from migctl.services.runbook.settings import HYPERCARE_END

    if not key.strip():
        settings.unset(session, actor, HYPERCARE_END)
        return None
    found = task_key(key)
    if found not in load_runbook(session).index:
        raise OptionError("no such task; `migctl task list` shows the keys",
                          field="hypercare_end", value=found)
    settings.put(session, actor, HYPERCARE_END, found)
    return found
