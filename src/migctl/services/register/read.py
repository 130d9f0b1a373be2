"""The programme register read through SQLAlchemy Core: listings, details and what status,
gate criteria, KPIs and readiness compute from it.

No ORM here, so ``migctl status`` and the board can read the register without SQLModel. Every
function that speaks of *overdue* takes ``today`` (a date in the programme's time zone), so a
status ``--as-of`` the past and the tests see the register as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select

from migctl.errors import NotFound, OptionError
from migctl.services.register import settings
from migctl.services.register.documents import (
    ActionDetail,
    ActionDocument,
    ActionSignal,
    DecisionDocument,
    HistoryEntry,
    OverdueAction,
    RiskDetail,
    RiskDocument,
    RiskReviewDocument,
)
from migctl.services.register.fields import (
    ACTION_STATUSES,
    GATE_DECISION_PREFIX,
    OPEN_ACTION_STATUSES,
    days_overdue,
    normalize_action_status,
    normalize_category,
    normalize_key,
    normalize_risk_status,
    normalize_score,
    score,
    split_keys,
    trend,
)
from migctl.store.db import execute
from migctl.store.tables import (
    AUDIT_EVENT,
    CUTOVER_RUN,
    GATE_DECISION,
    REGISTER_ACTION,
    REGISTER_DECISION,
    REGISTER_RISK,
    REGISTER_RISK_REVIEW,
    TASK,
)

if TYPE_CHECKING:
    from migctl.store.db import Db

T = TypeVar("T")


def _checked(parse: Callable[[str], T], text: str | None, field: str) -> T | None:
    """A filter value read by ``parse``; a bad one is an OptionError naming ``field``."""
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        raise OptionError(str(exc), field=field) from None


# --- actions ------------------------------------------------------------------------------

def action_document(row: Any, today: date) -> ActionDocument:
    """The stable JSON shape of one action (a ``register_action`` row or the ORM object)."""
    late = days_overdue(row.due, row.status, today)
    return {
        "key": row.key, "title": row.title, "category": row.category, "owner": row.owner,
        "due": row.due, "status": row.status, "systems": split_keys(row.systems),
        "tasks": split_keys(row.tasks), "incidents": split_keys(row.incidents),
        "risks": split_keys(row.risks), "notes": row.notes, "done_at": row.done_at,
        "overdue": late is not None, "days_overdue": late,
    }


def _action_order(document: ActionDocument) -> tuple[bool, date, str]:
    """Open actions first, by due date (none last), then by key."""
    return (document["status"] not in OPEN_ACTION_STATUSES, document["due"] or date.max,
            document["key"])


def action_documents(db: Db, *, today: date) -> list[ActionDocument]:
    rows = [action_document(row, today) for row in execute(db, select(REGISTER_ACTION))]
    return sorted(rows, key=_action_order)


def list_actions(
    db: Db, *, today: date, status: str | None = None, category: str | None = None,
    owner: str | None = None, system: str | None = None, overdue_only: bool = False,
) -> list[ActionDocument]:
    """Actions filtered by the given values (each optional)."""
    wanted_status = _checked(normalize_action_status, status, "status")
    wanted_category = _checked(lambda t: normalize_category(t, settings.categories(db)),
                               category, "category")
    rows = action_documents(db, today=today)
    return [
        row for row in rows
        if (wanted_status is None or row["status"] == wanted_status)
        and (wanted_category is None or row["category"] == wanted_category)
        and (not owner or row["owner"].casefold() == owner.strip().casefold())
        and (not system or system.strip().lower() in row["systems"])
        and (not overdue_only or row["overdue"])
    ]


def action_row(db: Db, key: str) -> Any:
    """The ``register_action`` row of ``key``, or NotFound."""
    row = execute(db, select(REGISTER_ACTION).where(
        REGISTER_ACTION.c.key == key.strip().upper())).first()
    if row is None:
        raise NotFound(f"no action {key!r}; `migctl action list` shows the keys")
    return row


def history(db: Db, entity_type: str, key: str) -> list[HistoryEntry]:
    """The audit events of one register entry, oldest first."""
    query = (select(AUDIT_EVENT.c.at, AUDIT_EVENT.c.actor, AUDIT_EVENT.c.action,
                    AUDIT_EVENT.c.summary)
             .where(AUDIT_EVENT.c.entity_type == entity_type, AUDIT_EVENT.c.entity_key == key)
             .order_by(AUDIT_EVENT.c.at, AUDIT_EVENT.c.id))
    return [{"at": at, "actor": actor, "action": action, "summary": summary}
            for at, actor, action, summary in execute(db, query)]


def show_action(db: Db, key: str, *, today: date) -> ActionDetail:
    row = action_row(db, key)
    mitigates = sorted(execute(db, select(REGISTER_RISK.c.key).where(
        REGISTER_RISK.c.mitigation_id == row.id)).scalars())
    document = action_document(row, today)
    return {**document, "mitigates": mitigates,
            "history": history(db, "action", row.key)}


def overdue_actions(db: Db, today: date) -> list[OverdueAction]:
    """Every open action past its due date, most overdue first."""
    result: list[OverdueAction] = []
    for row in action_documents(db, today=today):
        if row["days_overdue"] is not None and row["due"] is not None:
            result.append({"key": row["key"], "title": row["title"], "owner": row["owner"],
                           "category": row["category"], "due": row["due"],
                           "days_overdue": row["days_overdue"], "systems": row["systems"]})
    return sorted(result, key=lambda r: (-r["days_overdue"], r["key"]))


def count_actions_overdue(db: Db, today: date) -> int:
    """The built-in KPI ``actions_overdue``."""
    return len(overdue_actions(db, today))


def _due_before(due: date, planned: date | None) -> bool:
    return planned is None or planned >= due


def action_signals(
    db: Db, today: date, failing_gates: Mapping[str, date | None]
) -> list[ActionSignal]:
    """Readiness signals: an overdue action is amber on each system it is linked to, red when a
    gate it is due before has failed its criteria.

    ``failing_gates`` maps the key of each gate whose criteria fail to its planned date. Only
    the gates an action is linked to (through its tasks) can make it red.
    """
    gates = set(execute(db, select(TASK.c.key).where(TASK.c.kind == "gate")).scalars())
    signals: list[ActionSignal] = []
    for action in action_documents(db, today=today):
        late, due = action["days_overdue"], action["due"]
        if late is None or due is None:
            continue
        # Red only for a gate the action is linked to (its tasks) that is due after the
        # action and fails its criteria: the action is then what holds that gate back.
        failing = [g for g in action["tasks"] if g in gates and g in failing_gates
                   and _due_before(due, failing_gates[g])]
        gate = failing[0] if failing else None
        for system in action["systems"]:
            signals.append({"level": "red" if gate else "amber", "system": system,
                            "action": action["key"], "title": action["title"],
                            "owner": action["owner"], "due": due, "days_overdue": late,
                            "gate": gate})
    return signals


# --- risks --------------------------------------------------------------------------------

def _reviews(db: Db) -> dict[int, list[RiskReviewDocument]]:
    """Every risk's reviews, oldest first, by risk id."""
    query = select(REGISTER_RISK_REVIEW).order_by(REGISTER_RISK_REVIEW.c.reviewed_at,
                                                  REGISTER_RISK_REVIEW.c.id)
    reviews: dict[int, list[RiskReviewDocument]] = {}
    for row in execute(db, query):
        reviews.setdefault(row.risk_id, []).append({
            "reviewed_at": row.reviewed_at, "reviewed_by": row.reviewed_by,
            "likelihood": row.likelihood, "impact": row.impact,
            "score": score(row.likelihood, row.impact), "note": row.note})
    return reviews


def _risk_document(row: Any, reviews: Sequence[RiskReviewDocument],
                   mitigation: Any, today: date, review_days: int) -> RiskDocument:
    current = score(row.likelihood, row.impact)
    direction, previous = trend(current, [r["score"] for r in reviews])
    last = reviews[-1] if reviews else None
    seen = (last["reviewed_at"] if last else row.created_at).date()
    late = (days_overdue(mitigation.due, mitigation.status, today)
            if mitigation is not None else None)
    return {
        "key": row.key, "title": row.title, "owner": row.owner,
        "likelihood": row.likelihood, "impact": row.impact, "score": current,
        "status": row.status, "mitigation": mitigation.key if mitigation else None,
        "mitigation_status": mitigation.status if mitigation else None,
        "mitigation_overdue": late is not None, "systems": split_keys(row.systems),
        "trend": direction, "previous_score": previous,
        "last_reviewed_at": last["reviewed_at"] if last else None,
        "last_reviewed_by": last["reviewed_by"] if last else None,
        "review_due": row.status == "open" and (today - seen).days > review_days,
        "notes": row.notes, "closed_at": row.closed_at,
    }


def risk_documents(db: Db, *, today: date) -> list[RiskDocument]:
    """Every risk: open ones first, by score (highest first), then by key."""
    actions = {row.id: row for row in execute(db, select(REGISTER_ACTION))}
    reviews = _reviews(db)
    days = settings.review_days(db)
    rows = [_risk_document(row, reviews.get(row.id, []), actions.get(row.mitigation_id),
                           today, days)
            for row in execute(db, select(REGISTER_RISK))]
    return sorted(rows, key=lambda r: (r["status"] != "open", -r["score"], r["key"]))


def list_risks(
    db: Db, *, today: date, status: str | None = None, owner: str | None = None,
    min_score: str | None = None, system: str | None = None,
) -> list[RiskDocument]:
    wanted_status = _checked(normalize_risk_status, status, "status")
    lowest = _checked(normalize_score, min_score, "min_score")
    return [
        row for row in risk_documents(db, today=today)
        if (wanted_status is None or row["status"] == wanted_status)
        and (not owner or row["owner"].casefold() == owner.strip().casefold())
        and (lowest is None or row["score"] >= lowest)
        and (not system or system.strip().lower() in row["systems"])
    ]


def risk_row(db: Db, key: str) -> Any:
    row = execute(db, select(REGISTER_RISK).where(
        REGISTER_RISK.c.key == key.strip().upper())).first()
    if row is None:
        raise NotFound(f"no risk {key!r}; `migctl risk list` shows the keys")
    return row


def show_risk(db: Db, key: str, *, today: date) -> RiskDetail:
    row = risk_row(db, key)
    document = next(r for r in risk_documents(db, today=today) if r["key"] == row.key)
    return {**document, "reviews": _reviews(db).get(row.id, []),
            "history": history(db, "risk", row.key)}


def open_risks_at_or_above(db: Db, at_or_above: int, *,
                           today: date | None = None) -> list[RiskDocument]:
    """Open risks whose score is ``at_or_above`` or more, highest first."""
    return [r for r in risk_documents(db, today=today or date.today())
            if r["status"] == "open" and r["score"] >= at_or_above]


def count_risks_high(db: Db) -> int:
    """The built-in KPI ``risks_high``: open risks at or above ``register.high_score``."""
    return len(open_risks_at_or_above(db, settings.high_score(db)))


# --- decisions ----------------------------------------------------------------------------

def _register_decisions(db: Db) -> list[DecisionDocument]:
    return [
        {"key": row.key, "source": "register", "title": row.title,
         "decided_by": row.decided_by, "decided_at": row.decided_at,
         "rationale": row.rationale, "systems": split_keys(row.systems),
         "tasks": split_keys(row.tasks), "gates": split_keys(row.gates), "decision": None,
         "run": None, "override": False}
        for row in execute(db, select(REGISTER_DECISION))
    ]


def _gate_decisions(db: Db) -> list[DecisionDocument]:
    """Go/no-go decisions recorded by ``task decide``, read from their own table."""
    query = (select(GATE_DECISION.c.id, GATE_DECISION.c.decision, GATE_DECISION.c.decided_by,
                    GATE_DECISION.c.decided_at, GATE_DECISION.c.note, GATE_DECISION.c.override,
                    GATE_DECISION.c.reason, TASK.c.key, TASK.c.title, CUTOVER_RUN.c.name)
             .select_from(GATE_DECISION.join(TASK, GATE_DECISION.c.task_id == TASK.c.id)
                          .join(CUTOVER_RUN, GATE_DECISION.c.run_id == CUTOVER_RUN.c.id)))
    documents: list[DecisionDocument] = []
    for row in execute(db, query):
        why = [part for part in (row.note, row.reason) if part]
        documents.append({
            "key": f"{GATE_DECISION_PREFIX}{row.id}", "source": "gate",
            "title": f"{row.decision}: {row.title}", "decided_by": row.decided_by,
            "decided_at": row.decided_at, "rationale": " — ".join(why), "systems": [],
            "tasks": [], "gates": [row.key], "decision": row.decision, "run": row.name,
            "override": bool(row.override)})
    return documents


def list_decisions(db: Db, *, source: str | None = None,
                   gate: str | None = None) -> list[DecisionDocument]:
    """Register and gate decisions, newest first."""
    rows = _register_decisions(db) + _gate_decisions(db)
    if source:
        wanted = source.strip().lower()
        if wanted not in ("register", "gate"):
            raise OptionError("must be register or gate", field="source", value=source)
        rows = [r for r in rows if r["source"] == wanted]
    if gate:
        rows = [r for r in rows if gate.strip().upper() in r["gates"]]
    return sorted(rows, key=lambda r: (r["decided_at"], r["key"]), reverse=True)


def show_decision(db: Db, key: str) -> DecisionDocument:
    try:
        wanted = normalize_key(key, what="a decision key")
    except ValueError as exc:
        raise NotFound(str(exc)) from None
    for row in list_decisions(db):
        if row["key"] == wanted:
            return row
    raise NotFound(f"no decision {key!r}; `migctl decision list` shows the keys")


__all__ = [
    "ACTION_STATUSES", "action_document", "action_documents", "action_row", "action_signals",
    "count_actions_overdue", "count_risks_high", "history", "list_actions", "list_decisions",
    "list_risks", "open_risks_at_or_above", "overdue_actions", "risk_documents", "risk_row",
    "show_action", "show_decision", "show_risk",
]
