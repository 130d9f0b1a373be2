"""Changes to the programme register: actions, risks, reviews and decisions, each audited.

Every change lands in the audit log (entity ``action:KEY``, ``risk:KEY``, ``decision:KEY``),
which is the entry's history. Values arrive as text (from options or spreadsheet cells) and are
read by :func:`action_fields` / :func:`risk_fields`, whose errors name the parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select
from sqlmodel import Session
from sqlmodel import select as orm_select

from migctl import values
from migctl.errors import Conflict, NotFound, OptionError
from migctl.services.audit import Actor, changes, describe_changes, record
from migctl.services.register import settings
from migctl.services.register.documents import ActionDocument, DecisionDocument, RiskDocument
from migctl.services.register.fields import (
    ACTION_PREFIX,
    DECISION_PREFIX,
    RISK_PREFIX,
    join_keys,
    normalize_action_status,
    normalize_category,
    normalize_key,
    normalize_level,
    normalize_risk_status,
    split_keys,
)
from migctl.services.register.read import action_document, risk_documents, show_decision
from migctl.store.db import execute
from migctl.store.models import RegisterAction
from migctl.store.models.register import RegisterDecision, RegisterRisk, RegisterRiskReview
from migctl.store.tables import (
    INCIDENT,
    REGISTER_ACTION,
    REGISTER_DECISION,
    REGISTER_RISK,
    SYSTEM,
    TASK,
)

if TYPE_CHECKING:
    from sqlalchemy import Column

    from migctl.store.db import Db

T = TypeVar("T")

#: Column widths, checked before the database (PostgreSQL) refuses.
TEXT_LIMITS = {"title": 500, "owner": 200, "decided_by": 200}
LINKS_LIMIT = 500


def _parsed(parse: Callable[[str], T], text: str | None, name: str) -> T | None:
    if text is None or not text.strip():
        return None
    try:
        return parse(text)
    except ValueError as exc:
        raise OptionError(str(exc), field=name) from None


def _text(text: str | None, name: str) -> str | None:
    if text is None:
        return None
    value = text.strip()
    limit = TEXT_LIMITS.get(name)
    if limit is not None and len(value) > limit:
        raise OptionError(f"is longer than {limit} characters", field=name)
    return value


# --- links --------------------------------------------------------------------------------

#: What each kind of link names: (table, key column, how keys are spelled, what it is).
LINK_TABLES = {
    "systems": (SYSTEM, str.lower, "system"),
    "tasks": (TASK, str.upper, "task"),
    "incidents": (INCIDENT, str.upper, "incident"),
    "risks": (REGISTER_RISK, str.upper, "risk"),
    "mitigation": (REGISTER_ACTION, str.upper, "action"),
    "gates": (TASK, str.upper, "gate"),
}


def known_keys(db: Db, kind: str) -> set[str]:
    table, _, _ = LINK_TABLES[kind]
    query = select(table.c.key)
    if kind == "gates":
        query = query.where(table.c.kind == "gate")
    return set(execute(db, query).scalars())


def check_links(db: Db, kind: str, text: str, known: set[str] | None = None) -> str:
    """``text`` (comma-separated keys) as stored, or a ValueError naming an unknown key."""
    _, spell, what = LINK_TABLES[kind]
    keys = [spell(k) for k in split_keys(text)]
    existing = known if known is not None else known_keys(db, kind)
    for key in keys:
        if key not in existing:
            raise ValueError(f"no {what} {key!r}")
    stored = join_keys(keys)
    if len(stored) > LINKS_LIMIT:
        raise ValueError(f"links are longer than {LINKS_LIMIT} characters")
    return stored


def _links(db: Db, kind: str, text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return check_links(db, kind, text)
    except ValueError as exc:
        raise OptionError(str(exc), field=kind) from None


def next_key(db: Db, table_key: Column[str], prefix: str) -> str:
    """ACT-001, ACT-002, …: one more than the highest number with ``prefix`` in the store."""
    highest = 0
    for key in execute(db, select(table_key).where(table_key.startswith(prefix))).scalars():
        suffix = key[len(prefix):]
        if suffix.isdigit():
            highest = max(highest, int(suffix))
    return f"{prefix}{highest + 1:03d}"


def _new_key(db: Db, key: str | None, table_key: Column[str], prefix: str, what: str) -> str:
    if key is None:
        return next_key(db, table_key, prefix)
    try:
        key = normalize_key(key, what=f"a {what} key")
    except ValueError as exc:
        raise OptionError(str(exc), field="key") from None
    exists = execute(db, select(table_key).where(table_key == key)).first()
    if exists is not None:
        raise Conflict(f"{what} {key} already exists; use `migctl {what} set {key}`"
                       if what != "decision" else f"decision {key} already exists")
    return key


# --- actions ------------------------------------------------------------------------------

@dataclass
class ActionFields:
    """Validated input; ``None`` means "not given" (keep on update)."""

    title: str | None = None
    category: str | None = None
    owner: str | None = None
    due: date | None = None
    status: str | None = None
    systems: str | None = None
    tasks: str | None = None
    incidents: str | None = None
    risks: str | None = None
    notes: str | None = None
    clear: set[str] = field(default_factory=set)  # "due": empty it explicitly


def action_fields(db: Db, *, title: str | None = None, category: str | None = None,
                  owner: str | None = None, due: str | None = None, status: str | None = None,
                  systems: str | None = None, tasks: str | None = None,
                  incidents: str | None = None, risks: str | None = None,
                  notes: str | None = None) -> ActionFields:
    """Read what someone typed; an error names the parameter (``--due``, …)."""
    categories = settings.categories(db)
    return ActionFields(
        title=_text(title, "title"),
        category=_parsed(lambda t: normalize_category(t, categories), category, "category"),
        owner=_text(owner, "owner"),
        due=_parsed(values.parse_date, due, "due"),
        status=_parsed(normalize_action_status, status, "status"),
        systems=_links(db, "systems", systems), tasks=_links(db, "tasks", tasks),
        incidents=_links(db, "incidents", incidents), risks=_links(db, "risks", risks),
        notes=_text(notes, "notes"),
        clear={"due"} if due is not None and not due.strip() else set(),
    )


ACTION_SNAPSHOT = ("title", "category", "owner", "due", "status", "systems", "tasks",
                   "incidents", "risks", "notes")


def _action_snapshot(action: RegisterAction) -> dict[str, object]:
    return {name: getattr(action, name) for name in ACTION_SNAPSHOT}


def get_action(session: Session, key: str) -> RegisterAction:
    action = session.exec(orm_select(RegisterAction).where(
        RegisterAction.key == key.strip().upper())).first()
    if action is None:
        raise NotFound(f"no action {key!r}; `migctl action list` shows the keys")
    return action


def _apply_action(action: RegisterAction, data: ActionFields, now: datetime) -> None:
    for name in ACTION_SNAPSHOT:
        value = getattr(data, name)
        if value is not None:
            setattr(action, name, value)
    if "due" in data.clear:
        action.due = None
    if not action.title:
        raise OptionError("must not be empty", field="title")
    if action.status == "done":
        action.done_at = action.done_at or now
    else:
        action.done_at = None


def add_action(session: Session, actor: Actor, *, data: ActionFields, now: datetime,
               today: date, key: str | None = None) -> ActionDocument:
    """A new action (``key`` defaults to the next ACT-nnn); it needs a title and a category."""
    if not data.title:
        raise OptionError("an action needs {option}", field="title")
    if not data.category:
        raise OptionError("an action needs {option} (one of "
                          f"{', '.join(settings.categories(session))})", field="category")
    key = _new_key(session, key, REGISTER_ACTION.c.key, ACTION_PREFIX, "action")
    action = RegisterAction(key=key, title=data.title, category=data.category)
    _apply_action(action, data, now)
    action.created_at = action.updated_at = now
    session.add(action)
    session.flush()
    record(session, actor, entity_type="action", entity_key=key, action="create",
           summary=f"added {action.category} action {key}: {action.title}",
           after=_action_snapshot(action), at=now)
    return action_document(action, today)


def update_action(session: Session, actor: Actor, *, key: str, data: ActionFields,
                  now: datetime, today: date, verb: str = "update"
                  ) -> tuple[ActionDocument, bool]:
    """Change the fields given; returns the action and whether anything changed."""
    action = get_action(session, key)
    before = _action_snapshot(action)
    _apply_action(action, data, now)
    diff = changes(before, _action_snapshot(action))
    if diff:
        action.updated_at = now
        session.add(action)
        session.flush()
        record(session, actor, entity_type="action", entity_key=action.key, action=verb,
               summary=describe_changes(diff), before=before, after=_action_snapshot(action),
               at=now)
    return action_document(action, today), bool(diff)


def done_action(session: Session, actor: Actor, *, key: str, now: datetime,
                today: date, note: str | None = None) -> ActionDocument:
    action = get_action(session, key)
    if action.status == "done":
        raise Conflict(f"action {action.key} is already done")
    notes = None
    if note and note.strip():
        notes = f"{action.notes}\n{note.strip()}".strip()
    data = ActionFields(status="done", notes=notes)
    return update_action(session, actor, key=key, data=data, now=now, today=today,
                         verb="done")[0]


# --- risks --------------------------------------------------------------------------------

@dataclass
class RiskFields:
    title: str | None = None
    owner: str | None = None
    likelihood: int | None = None
    impact: int | None = None
    status: str | None = None
    mitigation: str | None = None  # an action key; "" detaches
    systems: str | None = None
    notes: str | None = None


def risk_fields(db: Db, *, title: str | None = None, owner: str | None = None,
                likelihood: str | None = None, impact: str | None = None,
                status: str | None = None, mitigation: str | None = None,
                systems: str | None = None, notes: str | None = None) -> RiskFields:
    return RiskFields(
        title=_text(title, "title"), owner=_text(owner, "owner"),
        likelihood=_parsed(normalize_level, likelihood, "likelihood"),
        impact=_parsed(normalize_level, impact, "impact"),
        status=_parsed(normalize_risk_status, status, "status"),
        mitigation=_links(db, "mitigation", mitigation),
        systems=_links(db, "systems", systems), notes=_text(notes, "notes"),
    )


def get_risk(session: Session, key: str) -> RegisterRisk:
    risk = session.exec(orm_select(RegisterRisk).where(
        RegisterRisk.key == key.strip().upper())).first()
    if risk is None:
        raise NotFound(f"no risk {key!r}; `migctl risk list` shows the keys")
    return risk


def _mitigation_key(session: Session, risk: RegisterRisk) -> str | None:
    if risk.mitigation_id is None:
        return None
    action = session.get(RegisterAction, risk.mitigation_id)
    return action.key if action else None


def _risk_snapshot(session: Session, risk: RegisterRisk) -> dict[str, object]:
    return {"title": risk.title, "owner": risk.owner, "likelihood": risk.likelihood,
            "impact": risk.impact, "status": risk.status,
            "mitigation": _mitigation_key(session, risk), "systems": risk.systems,
            "notes": risk.notes}


def _apply_risk(session: Session, risk: RegisterRisk, data: RiskFields, now: datetime) -> None:
    for name in ("title", "owner", "likelihood", "impact", "systems", "notes"):
        value = getattr(data, name)
        if value is not None:
            setattr(risk, name, value)
    if data.mitigation is not None:
        risk.mitigation_id = (get_action(session, data.mitigation).id
                              if data.mitigation else None)
    if data.status is not None:
        risk.status = data.status
        risk.closed_at = (risk.closed_at or now) if data.status == "closed" else None
    if not risk.title:
        raise OptionError("must not be empty", field="title")


def _risk_document(session: Session, risk: RegisterRisk, today: date) -> RiskDocument:
    session.flush()
    return next(r for r in risk_documents(session, today=today) if r["key"] == risk.key)


def add_risk(session: Session, actor: Actor, *, data: RiskFields, now: datetime, today: date,
             key: str | None = None) -> RiskDocument:
    """A new open risk (``key`` defaults to the next RISK-nnn); likelihood and impact 1–5."""
    if not data.title:
        raise OptionError("a risk needs {option}", field="title")
    for name in ("likelihood", "impact"):
        if getattr(data, name) is None:
            raise OptionError("a risk needs {option} (1–5)", field=name)
    key = _new_key(session, key, REGISTER_RISK.c.key, RISK_PREFIX, "risk")
    risk = RegisterRisk(key=key, title=data.title, likelihood=data.likelihood or 0,
                        impact=data.impact or 0)
    _apply_risk(session, risk, data, now)
    risk.created_at = risk.updated_at = now
    session.add(risk)
    record(session, actor, entity_type="risk", entity_key=key, action="create",
           summary=f"added risk {key} ({risk.likelihood}×{risk.impact}): {risk.title}",
           after=_risk_snapshot(session, risk), at=now)
    return _risk_document(session, risk, today)


def update_risk(session: Session, actor: Actor, *, key: str, data: RiskFields, now: datetime,
                today: date, verb: str = "update") -> tuple[RiskDocument, bool]:
    risk = get_risk(session, key)
    before = _risk_snapshot(session, risk)
    _apply_risk(session, risk, data, now)
    after = _risk_snapshot(session, risk)
    diff = changes(before, after)
    if diff:
        risk.updated_at = now
        session.add(risk)
        record(session, actor, entity_type="risk", entity_key=risk.key, action=verb,
               summary=describe_changes(diff), before=before, after=after, at=now)
    return _risk_document(session, risk, today), bool(diff)


def close_risk(session: Session, actor: Actor, *, key: str, now: datetime, today: date,
               note: str | None = None) -> RiskDocument:
    risk = get_risk(session, key)
    if risk.status == "closed":
        raise Conflict(f"risk {risk.key} is already closed")
    notes = f"{risk.notes}\n{note.strip()}".strip() if note and note.strip() else None
    return update_risk(session, actor, key=key, data=RiskFields(status="closed", notes=notes),
                       now=now, today=today, verb="close")[0]


def review_risk(session: Session, actor: Actor, *, key: str, by: str, at: datetime,
                now: datetime, today: date, data: RiskFields | None = None,
                note: str = "") -> RiskDocument:
    """Record a review (who, when, the score it stood at), after any reassessment in ``data``."""
    risk = get_risk(session, key)
    if risk.status == "closed":
        raise Conflict(f"risk {risk.key} is closed; reopen it with "
                       f"`migctl risk set {risk.key} --status open` to review it")
    if not by.strip():
        raise OptionError("names who reviewed the risk; must not be empty", field="by")
    if at > now:
        raise OptionError("is in the future", field="at")
    if data is not None:
        update_risk(session, actor, key=key, data=data, now=now, today=today, verb="reassess")
    record_review(session, actor, key=risk.key, by=by.strip(), at=at,
                  likelihood=risk.likelihood, impact=risk.impact, now=now, note=note.strip())
    return _risk_document(session, risk, today)


def record_review(session: Session, actor: Actor, *, key: str, by: str, at: datetime,
                  likelihood: int, impact: int, now: datetime, note: str = "") -> None:
    """A past review with the score it stood at then (review history from meeting minutes)."""
    risk = get_risk(session, key)
    assert risk.id is not None
    session.add(RegisterRiskReview(risk_id=risk.id, reviewed_by=by, reviewed_at=at,
                                   likelihood=likelihood, impact=impact, note=note))
    record(session, actor, entity_type="risk", entity_key=risk.key, action="review",
           summary=f"reviewed by {by} at {likelihood}×{impact}" + (f": {note}" if note else ""),
           at=now)


# --- decisions ----------------------------------------------------------------------------

def add_decision(session: Session, actor: Actor, *, title: str, by: str, at: datetime,
                 now: datetime, why: str = "", systems: str | None = None,
                 tasks: str | None = None, gates: str | None = None,
                 key: str | None = None) -> DecisionDocument:
    """Record what was decided, by whom, when, why, and what it affects."""
    what = _text(title, "title")
    if not what:
        raise OptionError("a decision needs {option} (what was decided)", field="title")
    who = _text(by, "decided_by")
    if not who:
        raise OptionError("a decision needs {option} (who decided)", field="by")
    if at > now:
        raise OptionError("is in the future", field="at")
    key = _new_key(session, key, REGISTER_DECISION.c.key, DECISION_PREFIX, "decision")
    decision = RegisterDecision(
        key=key, title=what, decided_by=who, decided_at=at, rationale=why.strip(),
        systems=_links(session, "systems", systems) or "",
        tasks=_links(session, "tasks", tasks) or "",
        gates=_links(session, "gates", gates) or "", created_at=now)
    session.add(decision)
    session.flush()
    record(session, actor, entity_type="decision", entity_key=key, action="create",
           summary=f"{who} decided: {what}",
           after={"title": what, "decided_by": who, "decided_at": at,
                  "rationale": decision.rationale, "systems": decision.systems,
                  "tasks": decision.tasks, "gates": decision.gates}, at=now)
    return show_decision(session, key)
