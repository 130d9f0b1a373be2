"""Runbook tasks: add, change, remove, show and list, with dependency integrity and audit.

Definitions (title, duration, dependencies…) are shared by every run; status and actual times
belong to a run (:mod:`migctl.services.runbook.transitions`). Every change to a task bumps its
``version`` with ``UPDATE … WHERE version = :expected``, so a concurrent stale edit is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from migctl.errors import Conflict, NotFound, OptionError, option_name
from migctl.services.audit import Actor, changes, describe_changes, record
from migctl.services.runbook import runs
from migctl.services.runbook.documents import (
    DecisionRecord,
    TaskDetail,
    TaskDocument,
    TaskListRow,
)
from migctl.services.runbook.fields import (
    TaskFields,
    check_kind_duration,
    normalize_kind,
    normalize_status,
    task_key,
)
from migctl.services.runbook.integrity import cycle_message, find_cycle
from migctl.services.runbook.plan import late_positions, planning_context
from migctl.services.runbook.read import (
    Runbook,
    RunLike,
    StateRow,
    TaskRow,
    execute,
    load_runbook,
)
from migctl.store.tables import GATE_CRITERION, GATE_DECISION, SYSTEM, TASK, TASK_DEPENDENCY
from migctl.values import format_duration


def task_document(runbook: Runbook, position: int) -> TaskDocument:
    """The stable JSON shape of one task with its state in the run being looked at."""
    task = runbook.tasks[position]
    state = runbook.states[position]
    blocked_by = None
    if state.blocked_by_id is not None and state.blocked_by_id in runbook.by_id:
        blocked_by = runbook.tasks[runbook.by_id[state.blocked_by_id]].key
    return {
        "key": task.key,
        "title": task.title,
        "workstream": task.workstream,
        "system": task.system,
        "owner": task.owner,
        "kind": task.kind,
        "duration": format_duration(task.duration_minutes),
        "duration_minutes": task.duration_minutes,
        "planned_start": task.planned_start,
        "depends_on": [runbook.tasks[d].key for d in runbook.depends_on[position]],
        "rollback_note": task.rollback_note,
        "criteria": task.criteria,
        "source_file": task.source_file,
        "source_row": task.source_row,
        "version": task.version,
        "run": runbook.run.name if runbook.run else None,
        "status": state.status,
        "actual_start": state.actual_start,
        "actual_end": state.actual_end,
        "block_reason": state.block_reason,
        "blocked_by": blocked_by,
        "note": state.note,
    }


def _snapshot(task: TaskRow, depends_on: list[str]) -> dict[str, object]:
    """What the audit log keeps of a task's definition (its before/after)."""
    return {
        "title": task.title, "workstream": task.workstream, "system": task.system,
        "owner": task.owner, "kind": task.kind, "duration_minutes": task.duration_minutes,
        "planned_start": task.planned_start, "rollback_note": task.rollback_note,
        "criteria": task.criteria, "depends_on": depends_on,
    }


def _position(runbook: Runbook, key: str) -> int:
    position = runbook.index.get(task_key(key))
    if position is None:
        raise NotFound(f"no task {key!r}; `migctl task list` shows the keys")
    return position


def system_ids(session: Session) -> dict[str, int]:
    return {key: id_ for id_, key in execute(session, select(SYSTEM.c.id, SYSTEM.c.key))}


def _system_id(session: Session, key: str | None) -> int | None:
    if not key:
        return None
    found = system_ids(session).get(key.strip().lower())
    if found is None:
        raise OptionError("no such system; `migctl system list` shows the keys", field="system",
                          value=key)
    return found


def _check_dependencies(runbook: Runbook, key: str, depends_on: list[str]) -> None:
    """Refuses unknown keys, the task itself, and dependencies that would close a cycle."""
    for dep in depends_on:
        if dep == key:
            raise Conflict(f"{key} cannot depend on itself")
        if dep not in runbook.index:
            raise OptionError("no such task", field="depends_on", value=dep)
    graph = {t.key: [runbook.tasks[d].key for d in runbook.depends_on[i]]
             for i, t in enumerate(runbook.tasks)}
    graph[key] = list(depends_on)
    cycle = find_cycle(graph)
    if cycle is not None:
        raise Conflict(cycle_message(cycle))


def add_task(
    session: Session, actor: Actor, *, key: str, data: TaskFields, now: datetime
) -> TaskDocument:
    key = task_key(key)
    runbook = load_runbook(session)
    if key in runbook.index:
        raise Conflict(f"task {key!r} already exists; use `migctl task set {key}` to change it")
    if not data.title:
        raise OptionError("a task needs a {option}", field="title")
    kind = data.kind or "task"
    if data.duration_minutes is None:
        if kind != "milestone":
            raise OptionError(f"a {kind} needs a {{option}} (e.g. 90m, 4h, 2d)", field="duration")
        data.duration_minutes = 0
    try:
        check_kind_duration(kind, data.duration_minutes)
    except ValueError as exc:
        raise OptionError(str(exc), field="duration") from None
    depends_on = data.depends_on or []
    _check_dependencies(runbook, key, depends_on)
    values = data.given() | {"kind": kind, "key": key, "version": 1, "created_at": now,
                             "updated_at": now, "system_id": _system_id(session, data.system)}
    try:
        task_id = execute(session, insert(TASK).values(**values)).inserted_primary_key[0]  # type: ignore[index]
    except IntegrityError:  # another process added the same key since we looked
        raise Conflict(f"task {key!r} was just added by someone else") from None
    if depends_on:
        ids = [runbook.tasks[runbook.index[d]].id for d in depends_on]
        execute(session, insert(TASK_DEPENDENCY),
                [{"task_id": task_id, "depends_on_id": dep_id} for dep_id in ids])
    active = runs.active_run(session)
    if active is not None:
        runs.ensure_states(session, active, [task_id])
    created = load_runbook(session, active)
    document = task_document(created, created.index[key])
    record(session, actor, entity_type="task", entity_key=key, action="create",
           summary=f"added {kind} {key} ({data.title})",
           after=_snapshot(created.tasks[created.index[key]], depends_on))
    return document


def update_task(
    session: Session, actor: Actor, *, key: str, data: TaskFields, now: datetime
) -> TaskDocument:
    runbook = load_runbook(session)
    position = _position(runbook, key)
    task = runbook.tasks[position]
    before = _snapshot(task, [runbook.tasks[d].key for d in runbook.depends_on[position]])
    given = data.given()
    kind = given.get("kind", task.kind)
    minutes = given.get("duration_minutes", task.duration_minutes)
    if "kind" in given and given["kind"] == "milestone" and "duration_minutes" not in given:
        minutes = given["duration_minutes"] = 0
    try:
        check_kind_duration(kind, minutes)
    except ValueError as exc:
        raise OptionError(str(exc), field="duration") from None
    if task.kind == "gate" and kind != "gate":
        _refuse_gate_with_criteria(session, task, kind)
    if "title" in given and not given["title"]:
        raise OptionError("{option} must not be empty", field="title")
    if data.system is not None:
        given["system_id"] = _system_id(session, data.system)
    after = dict(before) | {k: v for k, v in given.items() if k in before}
    if data.system is not None:
        after["system"] = data.system.strip().lower() or None
    if data.depends_on is not None:
        _check_dependencies(runbook, task.key, data.depends_on)
        after["depends_on"] = list(data.depends_on)
    diff = changes(before, after)
    if not diff:
        return task_document(load_runbook(session, runs.active_run(session)), position)
    result = execute(session, update(TASK)
                     .where(TASK.c.id == task.id, TASK.c.version == task.version)
                     .values(**given, version=task.version + 1, updated_at=now))
    if result.rowcount != 1:
        raise Conflict(f"task {task.key} was changed by someone else while this command ran; "
                       "nothing was written: check `migctl task show` and try again")
    if data.depends_on is not None and "depends_on" in diff:
        execute(session, delete(TASK_DEPENDENCY).where(TASK_DEPENDENCY.c.task_id == task.id))
        if data.depends_on:
            execute(session, insert(TASK_DEPENDENCY), [
                {"task_id": task.id, "depends_on_id": runbook.tasks[runbook.index[d]].id}
                for d in data.depends_on])
    record(session, actor, entity_type="task", entity_key=task.key, action="update",
           summary=describe_changes(diff), before=before, after=after)
    return task_document(load_runbook(session, runs.active_run(session)), position)


def _refuse_gate_with_criteria(session: Session, task: TaskRow, kind: str) -> None:
    """Only gates have criteria (as on import): turning a gate into a task would orphan them."""
    count = execute(session, select(func.count()).select_from(GATE_CRITERION)
                    .where(GATE_CRITERION.c.task_id == task.id)).scalar_one()
    if count or task.criteria:
        raise Conflict(f"{task.key} is a gate with criteria and only gates have criteria; "
                       f"remove them first (`migctl task criteria remove {task.key} --all`), "
                       f"then make it a {kind}")


@dataclass(frozen=True)
class Removed:
    key: str
    unlinked: list[str]  # tasks that depended on it


def remove_task(session: Session, actor: Actor, *, key: str, force: bool = False) -> Removed:
    runbook = load_runbook(session)
    position = _position(runbook, key)
    task = runbook.tasks[position]
    dependants = [runbook.tasks[i].key for i in runbook.dependants()[position]]
    if dependants and not force:
        raise Conflict(
            f"{', '.join(dependants)} depend{'s' if len(dependants) == 1 else ''} on "
            f"{task.key}; pass {option_name('force')} to remove it and unlink them"
        )
    before = _snapshot(task, [runbook.tasks[d].key for d in runbook.depends_on[position]])
    execute(session, delete(TASK_DEPENDENCY).where(
        (TASK_DEPENDENCY.c.task_id == task.id) | (TASK_DEPENDENCY.c.depends_on_id == task.id)))
    execute(session, delete(TASK).where(TASK.c.id == task.id))
    summary = f"removed {task.kind} {task.key}"
    if dependants:
        summary += f"; unlinked {', '.join(dependants)}"
    record(session, actor, entity_type="task", entity_key=task.key, action="delete",
           summary=summary, before=before | {"dependants": dependants})
    return Removed(key=task.key, unlinked=dependants)


def show_task(session: Session, *, key: str, run: RunLike | None) -> TaskDetail:
    runbook = load_runbook(session, run)
    position = _position(runbook, key)
    decisions: list[DecisionRecord] = []
    if run is not None and runbook.tasks[position].kind == "gate":
        decisions = gate_decisions(session, run, runbook.tasks[position].id)
    return {**task_document(runbook, position),
            "dependants": [runbook.tasks[i].key for i in runbook.dependants()[position]],
            "state_version": runbook.states[position].version, "decisions": decisions}


def gate_decisions(session: Session, run: RunLike, task_id: int) -> list[DecisionRecord]:
    """A gate's decisions in ``run``, oldest first, each with the criteria evidence it was
    based on (``override``/``reason``: a go despite failing criteria, and why)."""
    return [
        {"decision": row[0], "decided_by": row[1], "note": row[2], "decided_at": row[3],
         "override": row[4], "reason": row[5], "evidence": row[6]}
        for row in execute(session, select(
            GATE_DECISION.c.decision, GATE_DECISION.c.decided_by, GATE_DECISION.c.note,
            GATE_DECISION.c.decided_at, GATE_DECISION.c.override, GATE_DECISION.c.reason,
            GATE_DECISION.c.evidence)
            .where(GATE_DECISION.c.run_id == run.id, GATE_DECISION.c.task_id == task_id)
            .order_by(GATE_DECISION.c.decided_at, GATE_DECISION.c.id))
    ]


@dataclass(frozen=True)
class TaskFilter:
    status: str | None = None
    owner: str | None = None
    workstream: str | None = None
    system: str | None = None
    late: bool = False
    blocked: bool = False

    def normalized_status(self) -> str | None:
        if self.status is None:
            return None
        try:
            return normalize_status(self.status)
        except ValueError as exc:
            raise OptionError(str(exc), field="status") from None


def _matches(text: str | None, wanted: str | None) -> bool:
    return wanted is None or (text or "").casefold() == wanted.strip().casefold()


def list_tasks(
    session: Session, *, run: RunLike | None, filters: TaskFilter, now: datetime
) -> list[TaskListRow]:
    """Tasks in runbook order with their state in ``run`` and whether they are late."""
    runbook = load_runbook(session, run)
    status = filters.normalized_status()
    late = late_positions(planning_context(session, runbook, now=now))
    rows: list[TaskListRow] = []
    for position, task in enumerate(runbook.tasks):
        state: StateRow = runbook.states[position]
        if status is not None and state.status != status:
            continue
        if filters.blocked and state.status != "blocked":
            continue
        if filters.late and position not in late:
            continue
        if not (_matches(task.owner, filters.owner) and _matches(task.workstream,
                                                                 filters.workstream)
                and _matches(task.system, filters.system)):
            continue
        rows.append({**task_document(runbook, position), "late": position in late})
    return rows


def parse_kind_option(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return normalize_kind(text)
    except ValueError as exc:
        raise OptionError(str(exc), field="kind") from None

