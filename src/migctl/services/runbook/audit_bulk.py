"""Many audit events in one Core insert: an import of 10,000 tasks records 10,000 events.

The same fields as :func:`migctl.services.audit.record`, without building an ORM object per
event (which would cost seconds at that size).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session

from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor
from migctl.services.runbook.data import execute
from migctl.services.runbook.tables import AUDIT


@dataclass(frozen=True, slots=True)
class Event:
    entity_type: str
    entity_key: str
    action: str
    summary: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


def _plain(data: dict[str, Any] | None) -> dict[str, Any] | None:
    """JSON-ready values pass as they are; others (datetimes, Decimals) are converted."""
    if data is None or all(isinstance(v, str | int | float | bool | list | type(None))
                           for v in data.values()):
        return data
    result: dict[str, Any] = to_jsonable(data)
    return result


def record_many(session: Session, actor: Actor, events: list[Event], *, at: datetime) -> None:
    if not events:
        return
    execute(session, insert(AUDIT), [
        {"at": at, "actor": actor.name, "command": actor.command,
         "entity_type": event.entity_type, "entity_key": event.entity_key,
         "action": event.action, "summary": event.summary,
         "before": _plain(event.before), "after": _plain(event.after)}
        for event in events
    ])
