"""The "sso" section of `migctl status`: the latest result of every check, per system × env.

Besides the matrix it publishes ``pass_rate`` per environment, which the built-in KPIs
``sso_pass_rate_<env>`` and the steering-group report read.

Signals: a system whose latest result fails is red; a system going live within 14 days whose
checks never ran or are older than 24 hours is amber (its SSO is unproven right before go-live).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from migctl.services.sso.matrix import age_minutes, build_matrix, pass_rates
from migctl.services.sso.read import latest_results
from migctl.services.status.sections import signal
from migctl.store.db import execute
from migctl.store.tables import SSO_RUN, SYSTEM

if TYPE_CHECKING:
    from migctl.services.sso.documents import LatestResult
    from migctl.services.status.sections import StatusContext

STALE_AFTER = timedelta(hours=24)
GO_LIVE_WINDOW_DAYS = 14


def build_section(context: StatusContext) -> dict[str, Any]:
    session, now = context.session, context.now
    items = latest_results(session)
    tally = Counter(item["status"] for item in items)
    last = execute(session, select(SSO_RUN).order_by(SSO_RUN.c.started_at.desc(),
                                                     SSO_RUN.c.id.desc())).first()
    last_run = None if last is None else {
        "id": last.id, "started_at": last.started_at,
        "age_minutes": age_minutes(last.started_at, now), **last.counts}
    return {
        "counts": {"checks": len(items), **{s: tally[s] for s in ("pass", "warn", "fail",
                                                                  "never")}},
        "last_run": last_run,
        **build_matrix(items, now=now),
        "pass_rate": pass_rates(items),
        "problems": [
            {"id": i["id"], "system": i["system"], "env": i["env"], "kind": i["kind"],
             "status": i["status"], "checked_at": i["checked_at"],
             "codes": sorted({f["code"] for f in i["findings"]}),
             "message": i["findings"][0]["message"] if i["findings"] else ""}
            for i in items if i["status"] in ("fail", "warn")],
        "signals": _signals(context, items),
    }


def _signals(context: StatusContext, items: list[LatestResult]) -> list[dict[str, Any]]:
    by_system: dict[str, list[LatestResult]] = {}
    for item in items:
        by_system.setdefault(item["system"], []).append(item)
    systems = {s.key: s for s in execute(context.session, select(
        SYSTEM.c.key, SYSTEM.c.planned_go_live, SYSTEM.c.status).where(
        SYSTEM.c.key.in_(list(by_system))))}
    signals = []
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
