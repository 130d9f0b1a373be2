"""The "sso" section of `migctl status`: the latest result of every check, per system × env.

Besides the matrix it publishes ``pass_rate`` per environment, which the built-in KPIs
``sso_pass_rate_<env>`` and the steering-group report read.

Signals: a system whose latest result fails is red; a system going live within 14 days whose
checks never ran or are older than 24 hours is amber (its SSO is unproven right before go-live).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NotRequired, TypedDict

from sqlalchemy import select

from migctl.services.sso.cert_calendar import CertRow, next_expiries
from migctl.services.sso.documents import CheckState
from migctl.services.sso.matrix import age_minutes, build_matrix, pass_rates
from migctl.services.sso.read import latest_results
from migctl.services.status.context import signal
from migctl.store.db import execute
from migctl.store.tables import SSO_RUN, SYSTEM

if TYPE_CHECKING:
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal

STALE_AFTER = timedelta(hours=24)
GO_LIVE_WINDOW_DAYS = 14

#: The four outcomes a check's latest result can have, as the counts name them.
OUTCOMES = ("pass", "warn", "fail", "never")


class Finding(TypedDict):
    code: str
    severity: str
    message: str


class CheckItem(TypedDict):
    """A check with its latest result, as :func:`~migctl.services.sso.read.latest_results`."""

    id: int
    system: str
    env: str
    kind: str
    url: str
    status: str  # one of OUTCOMES
    checked_at: datetime | None
    run_id: int | None
    duration_ms: int | None
    findings: list[Finding]


SsoCounts = TypedDict("SsoCounts", {"checks": int, "pass": int, "warn": int, "fail": int,
                                    "never": int})
MatrixCell = TypedDict("MatrixCell", {
    "system": str, "env": str, "status": str, "checks": int, "pass": int, "warn": int,
    "fail": int, "never": int, "checked_at": datetime | None, "age_minutes": int | None})
LastRun = TypedDict("LastRun", {
    "id": int, "started_at": datetime, "age_minutes": int,
    # the run's own counts (sso/runs.py), spread in
    "checks": NotRequired[int], "pass": NotRequired[int], "warn": NotRequired[int],
    "fail": NotRequired[int]})


class Problem(CheckState):
    codes: list[str]
    message: str


class SsoSection(TypedDict):
    counts: SsoCounts
    last_run: LastRun | None
    environments: list[str]
    matrix: list[MatrixCell]
    pass_rate: dict[str, float | None]  # environment → % passing (None: none ran)
    problems: list[Problem]
    #: the next certificates to expire among those the checks still see, each with the
    #: milestone it collides with (issue 22)
    expiries: list[CertRow]
    signals: list[Signal]


def _problem(item: CheckItem) -> Problem:
    return {"id": item["id"], "system": item["system"], "env": item["env"],
            "kind": item["kind"], "status": item["status"], "checked_at": item["checked_at"],
            "codes": sorted({f["code"] for f in item["findings"]}),
            "message": item["findings"][0]["message"] if item["findings"] else ""}


def build_section(context: StatusContext) -> SsoSection:
    session, now = context.session, context.now
    items = latest_results(session)
    tally = Counter(item["status"] for item in items)
    last = execute(session, select(SSO_RUN).order_by(SSO_RUN.c.started_at.desc(),
                                                     SSO_RUN.c.id.desc())).first()
    last_run: LastRun | None = None if last is None else {
        "id": last.id, "started_at": last.started_at,
        "age_minutes": age_minutes(last.started_at, now), **last.counts}
    matrix = build_matrix(items, now=now)
    return {
        "counts": {"checks": len(items), "pass": tally["pass"], "warn": tally["warn"],
                   "fail": tally["fail"], "never": tally["never"]},
        "last_run": last_run,
        "environments": matrix["environments"],
        "matrix": matrix["matrix"],
        "pass_rate": pass_rates(items),
        "problems": [_problem(i) for i in items if i["status"] in ("fail", "warn")],
        "expiries": next_expiries(session, now),
        "signals": _signals(context, items),
    }


def _signals(context: StatusContext, items: list[CheckItem]) -> list[Signal]:
    by_system: dict[str, list[CheckItem]] = {}
    for item in items:
        by_system.setdefault(item["system"], []).append(item)
    systems = {s.key: s for s in execute(context.session, select(
        SYSTEM.c.key, SYSTEM.c.planned_go_live, SYSTEM.c.status).where(
        SYSTEM.c.key.in_(list(by_system))))}
    signals: list[Signal] = []
    for key, checks in sorted(by_system.items()):
        failing = [c for c in checks if c["status"] == "fail"]
        if failing:
            names = ", ".join(
                f"{c['env']} {c['kind']} ({', '.join(sorted({f['code'] for f in c['findings']}))})"
                for c in failing)
            signals.append(signal("red", f"SSO check failing: {names}", code="sso-failing",
                                  system=key, checks=names))
        system = systems.get(key)
        go_live = system.planned_go_live if system else None
        if system is None or go_live is None or system.status in ("live", "retired"):
            continue
        days = (go_live - context.today).days
        if not 0 <= days <= GO_LIVE_WINDOW_DAYS:
            continue
        stale = [c for c in checks if c["checked_at"] is None
                 or context.now - c["checked_at"] > STALE_AFTER]
        if stale:
            signals.append(signal(
                "amber", f"{len(stale)} SSO check(s) never run or older than 24 h, "
                         f"go-live in {days} d", code="sso-stale", system=key,
                count=len(stale), days=days))
    return signals
