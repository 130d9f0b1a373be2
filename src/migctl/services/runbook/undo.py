"""`task undo KEY --reason TEXT`: revert a task's last transition in a run, audited.

A transition made in error (``task fail`` instead of ``task done``) is put back as it was
before: status, actual times, note and block reason, read from the transition's audit event.
The undo is an audit event of its own (action ``undo``, naming the event it reverts and why);
the next undo reverts the transition before that one. Refused, with nothing written, when the
task has changed since (its status is not what the transition left), when there is nothing
left to undo in the run, and for gate decisions — a go or no-go also blocked or released tasks
downstream and is kept as evidence: record the right decision with ``task decide``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session

from migctl.errors import Conflict, OptionError
from migctl.services.audit import Actor, flush_pending, record
from migctl.services.runbook.read import execute
from migctl.services.runbook.transitions import Change, _prepare, _write
from migctl.store.tables import AUDIT_EVENT

#: The state columns an undo puts back.
RESTORED = ("status", "actual_start", "actual_end", "note", "block_reason", "blocked_by_id")
_TIMES = ("actual_start", "actual_end")


class _Event(NamedTuple):
    id: int
    action: str
    before: Mapping[str, object]
    after: Mapping[str, object]


def _events(session: Session, key: str, run: str) -> list[_Event]:
    """The task's transition, decision and undo events in ``run``, newest first."""
    flush_pending(session)
    event = AUDIT_EVENT.c
    rows = execute(session, select(event.id, event.action, event.before, event.after)
                   .where(event.entity_type == "task", event.entity_key == key,
                          event.action.in_(("transition", "decide", "undo")))
                   .order_by(event.id.desc())).all()
    return [_Event(row[0], row[1], row[2] or {}, row[3] or {}) for row in rows
            if (row[3] or {}).get("run") == run]


def _last_undoable(events: list[_Event], key: str, run: str) -> _Event:
    undone = {e.after.get("undoes") for e in events if e.action == "undo"}
    for item in events:
        if item.action == "undo" or item.id in undone:
            continue
        if item.action == "decide":
            raise Conflict(f"the last change of {key} in {run} is a gate decision; it is not "
                           f"undone: record the right one with `migctl task decide {key}`")
        return item
    raise Conflict(f"nothing to undo: {key} has no transition left to revert in {run}")


def _restored(before: Mapping[str, object]) -> dict[str, object]:
    values: dict[str, object] = {name: before.get(name) for name in RESTORED}
    for name in _TIMES:
        text = values[name]
        values[name] = datetime.fromisoformat(text) if isinstance(text, str) else text
    return values


def undo(session: Session, actor: Actor, *, key: str, reason: str, at: datetime,
         run_name: str | None = None) -> Change:
    """Revert the last transition of ``key`` in the active (or named) run."""
    if not reason.strip():
        raise OptionError("undo needs a {option}: why the transition was wrong (kept in the "
                          "log)", field="reason")
    run, runbook, position = _prepare(session, run_name, key)
    key, state = runbook.tasks[position].key, runbook.states[position]
    last = _last_undoable(_events(session, key, run.name), key, run.name)
    left = last.after.get("status")
    if state.status != left:
        raise Conflict(f"cannot undo {key}: it is {state.status} now, not {left} as its last "
                       f"transition in {run.name} left it; nothing was written")
    values = _restored(last.before)
    _write(session, run, key, state, at, **values)
    back = str(values["status"])
    record(session, actor, entity_type="task", entity_key=key, action="undo",
           summary=f"{key} in {run.name}: {state.status} → {back} (undid {state.status}: "
                   f"{reason.strip()})",
           before={"run": run.name, "status": state.status, "actual_start": state.actual_start,
                   "actual_end": state.actual_end, "note": state.note,
                   "block_reason": state.block_reason, "blocked_by_id": state.blocked_by_id},
           after={"run": run.name, "at": at, "undoes": last.id, "reason": reason.strip()}
                 | values)
    return Change(key=key, run=run.name, before=state.status, after=back, at=at, blocked=[],
                  released=[])
