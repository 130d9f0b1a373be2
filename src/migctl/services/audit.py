"""The audit log: every change records who, when, which command, and what before/after."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict

from sqlalchemy import event, insert, select
from sqlmodel import Session

from migctl.jsoncodec import to_jsonable
from migctl.store.tables import AUDIT_EVENT

#: What an event records before and after a change: a snapshot of the entity's fields, open by
#: nature (each entity type has its own), stored as JSON.
Snapshot = Mapping[str, object]


class AuditEventDocument(TypedDict):
    """One event as ``migctl log -f json`` prints it."""

    id: int | None
    at: datetime
    actor: str
    command: str
    entity_type: str
    entity_key: str
    action: str
    summary: str
    before: dict[str, object] | None
    after: dict[str, object] | None


@dataclass(frozen=True)
class Actor:
    """Who is changing the store, and through which command (e.g. ``migctl system add``)."""

    name: str
    command: str


def record(
    session: Session,
    actor: Actor,
    *,
    entity_type: str,
    entity_key: str,
    action: str,
    summary: str,
    before: Snapshot | None = None,
    after: Snapshot | None = None,
    at: datetime | None = None,
) -> None:
    """Queue one event; queued events are inserted in bulk when the transaction commits.

    Imports record thousands of events: one multi-row insert at commit costs a fraction of an
    ORM object or a statement per event. Reading the log flushes the queue first.
    """
    pending: list[dict[str, object]] = session.info.setdefault(_PENDING, [])
    pending.append({
        "at": at or datetime.now(UTC),
        "actor": actor.name,
        "command": actor.command,
        "entity_type": entity_type,
        "entity_key": entity_key,
        "action": action,
        "summary": summary,
        "before": _jsonable(before),
        "after": _jsonable(after),
    })


_PENDING = "migctl_audit_pending"


def flush_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        session.connection().execute(insert(AUDIT_EVENT), pending)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    flush_pending(session)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


#: Field → (old value, new value).
Diff = dict[str, tuple[object, object]]


def changes(before: Snapshot, after: Snapshot) -> Diff:
    """Fields whose values differ, as (old, new)."""
    return {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}


def describe_changes(diff: Diff) -> str:
    return ", ".join(f"{k}: {_short(old)} → {_short(new)}" for k, (old, new) in diff.items())


def record_update(
    session: Session,
    actor: Actor,
    *,
    entity_type: str,
    entity_key: str,
    before: Snapshot,
    after: Snapshot,
    action: str = "update",
    prefix: str = "",
    at: datetime | None = None,
) -> bool:
    """Record an update event if ``after`` differs from ``before``; whether it did.

    The summary is ``prefix`` and the changed fields (``status: planned → live``).
    """
    diff = changes(before, after)
    if diff:
        record(session, actor, entity_type=entity_type, entity_key=entity_key, action=action,
               summary=prefix + describe_changes(diff), before=before, after=after, at=at)
    return bool(diff)


def _short(value: object) -> str:
    text = "∅" if value in (None, "") else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _jsonable(data: Snapshot | None) -> dict[str, object] | None:
    if data is None:
        return None
    result: dict[str, object] = to_jsonable(dict(data))
    return result


# --- imports ----------------------------------------------------------------------------------


def record_import(
    session: Session, actor: Actor, *, file: str, summary: str, at: datetime | None = None
) -> None:
    """The one event closing an import of ``file``."""
    record(session, actor, entity_type="import", entity_key=file, action="import",
           summary=summary, at=at)


def list_events(
    session: Session,
    *,
    entity: str | None = None,
    since: datetime | None = None,
    actor: str | None = None,
    limit: int | None = None,
) -> list[AuditEventDocument]:
    """Newest first. ``entity`` is ``TYPE`` or ``TYPE:KEY`` (e.g. ``system:raindance``)."""
    flush_pending(session)
    table = AUDIT_EVENT.c
    query = select(AUDIT_EVENT)
    if entity:
        entity_type, _, entity_key = entity.partition(":")
        query = query.where(table.entity_type == entity_type)
        if entity_key:
            query = query.where(table.entity_key == entity_key)
    if since is not None:
        query = query.where(table.at >= since)
    if actor:
        query = query.where(table.actor == actor)
    query = query.order_by(table.at.desc(), table.id.desc())
    if limit:
        query = query.limit(limit)
    return [
        {
            "id": e.id,
            "at": e.at,
            "actor": e.actor,
            "command": e.command,
            "entity_type": e.entity_type,
            "entity_key": e.entity_key,
            "action": e.action,
            "summary": e.summary,
            "before": e.before,
            "after": e.after,
        }
        for e in session.connection().execute(query)
    ]
