"""The register's part of the status and report: counts, overdue actions, top risks, heat map.

:func:`register_section` computes the document from the store; :func:`build_section` is the
status section (registered in :mod:`migctl.services.status.registry`), which adds the
readiness signals: an overdue action is amber on each linked system, red when a gate it is due
before fails its criteria (read from the cutover section, so the section is derived).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from migctl.services.register import settings
from migctl.services.register.documents import (
    ActionCounts,
    OwnerCounts,
    RegisterSection,
    RiskDocument,
    TopRisk,
)
from migctl.services.register.fields import ACTION_STATUSES, OPEN_ACTION_STATUSES
from migctl.services.register.read import (
    action_documents,
    action_signals,
    overdue_actions,
    risk_documents,
)
from migctl.services.status.context import signal

if TYPE_CHECKING:
    from migctl.services.gates.status import GateCriteriaRow
    from migctl.services.register.documents import ActionDocument
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal
    from migctl.store.db import Db

#: How many risks the report lists under "top risks".
TOP_RISKS = 5


def action_counts(actions: list[ActionDocument], categories: tuple[str, ...]) -> ActionCounts:
    """Counts per category and status, and per owner (open, overdue, done)."""
    by_category = {c: dict.fromkeys(ACTION_STATUSES, 0) for c in categories}
    by_owner: dict[str, OwnerCounts] = {}
    for action in actions:
        by_category.setdefault(action["category"], dict.fromkeys(ACTION_STATUSES, 0))
        by_category[action["category"]][action["status"]] += 1
        owner = by_owner.setdefault(action["owner"], {"open": 0, "overdue": 0, "done": 0})
        if action["status"] in OPEN_ACTION_STATUSES:
            owner["open"] += 1
        if action["overdue"]:
            owner["overdue"] += 1
        if action["status"] == "done":
            owner["done"] += 1
    return {
        "total": len(actions),
        "open": sum(a["status"] in OPEN_ACTION_STATUSES for a in actions),
        "overdue": sum(a["overdue"] for a in actions),
        "done": sum(a["status"] == "done" for a in actions),
        "by_category": by_category,
        "by_owner": dict(sorted(by_owner.items())),
    }


def heat_map(risks: list[RiskDocument]) -> list[list[int]]:
    """Open risks counted by likelihood (rows, 1 first) and impact (columns, 1 first)."""
    cells = [[0] * 5 for _ in range(5)]
    for risk in risks:
        if risk["status"] == "open":
            cells[risk["likelihood"] - 1][risk["impact"] - 1] += 1
    return cells


def top_risks(risks: list[RiskDocument], count: int = TOP_RISKS) -> list[TopRisk]:
    """The open risks with the highest scores (rising ones first among equals)."""
    open_risks = [r for r in risks if r["status"] == "open"]
    open_risks.sort(key=lambda r: (-r["score"], r["trend"] != "up", r["key"]))
    return [
        {"key": r["key"], "title": r["title"], "owner": r["owner"], "score": r["score"],
         "trend": r["trend"], "previous_score": r["previous_score"],
         "mitigation": r["mitigation"], "mitigation_status": r["mitigation_status"],
         "mitigation_overdue": r["mitigation_overdue"], "review_due": r["review_due"]}
        for r in open_risks[:count]
    ]


def register_section(db: Db, today: date, *, top: int = TOP_RISKS) -> RegisterSection:
    """Actions per category and owner, every overdue action, the top risks, the heat map."""
    categories = settings.categories(db)
    high = settings.high_score(db)
    actions = action_documents(db, today=today)
    risks = risk_documents(db, today=today)
    open_risks = [r for r in risks if r["status"] == "open"]
    return {
        "today": today,
        "actions": action_counts(actions, categories),
        "overdue": overdue_actions(db, today),
        "risks": {"open": len(open_risks), "high": sum(r["score"] >= high for r in open_risks),
                  "high_score": high, "review_due": sum(r["review_due"] for r in open_risks)},
        "top_risks": top_risks(risks, top),
        "heat_map": heat_map(risks),
        "categories": list(categories),
    }


# --- the status section -------------------------------------------------------------------

class RegisterStatusSection(RegisterSection):
    """The register section of `migctl status`: the document above and its signals."""

    signals: list[Signal]


def _failing_gates(context: StatusContext) -> dict[str, date | None]:
    """Gates whose criteria fail, by key, with their planned date (from the cutover section)."""
    cutover = context.sections.get("cutover")
    if cutover is None or "error" in cutover:
        return {}
    gates = cast("list[GateCriteriaRow]", cutover.get("gates", []))
    return {row["key"]: row["planned_start"].astimezone(context.tz).date()
            for row in gates if row["state"] == "fail"}


def build_section(context: StatusContext) -> RegisterStatusSection:
    """The register as a status section: overdue actions are signals on their systems."""
    document = register_section(context.session, context.today)
    signals = [
        signal(found["level"], f"action {found['action']} ({found['title']}) is "
               f"{found['days_overdue']} d overdue, owner {found['owner'] or '–'}"
               + (f"; gate {found['gate']} is failing" if found["gate"] else ""),
               code="action-overdue", system=found["system"], action=found["action"],
               title=found["title"], owner=found["owner"], days=found["days_overdue"],
               gate=found["gate"])
        for found in action_signals(context.session, context.today, _failing_gates(context))]
    return {**document, "signals": signals}
