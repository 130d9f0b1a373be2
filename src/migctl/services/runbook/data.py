"""The runbook read in one go: tasks, dependencies and one run's states, as plain rows.

Listing, planning and status all start here. Reading through SQLAlchemy Core (no ORM objects)
keeps a 10,000-task runbook with 30,000 dependencies well under a tenth of a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, Executable, Table, select
from sqlmodel import Session

from migctl.store.models import (
    CutoverRun,
    GateDecision,
    System,
    Task,
    TaskDependency,
    TaskRunState,
)


def table(model: Any) -> Table:
    """The Core table behind a SQLModel class."""
    result: Table = model.__table__
    return result


def execute(session: Session, statement: Executable, params: Any = None
            ) -> CursorResult[*tuple[Any, ...]]:
    """Run a Core statement in the session's transaction (flush ORM changes first if any)."""
    return session.connection().execute(statement, params)


TASK = table(Task)
DEPENDENCY = table(TaskDependency)
RUN = table(CutoverRun)
STATE = table(TaskRunState)
DECISION = table(GateDecision)
SYSTEM = table(System)


@dataclass(frozen=True, slots=True)
class TaskRow:
    id: int
    key: str
    title: str
    workstream: str
    system: str | None
    owner: str
    kind: str
    duration_minutes: int
    planned_start: datetime | None
    rollback_note: str
    criteria: str | None
    source_file: str | None
    source_row: int | None
    version: int


@dataclass(frozen=True, slots=True)
class StateRow:
    """One task's state in one run; a task without a row is ``todo`` at version 0."""

    id: int | None
    status: str
    actual_start: datetime | None
    actual_end: datetime | None
    block_reason: str | None
    blocked_by_id: int | None
    note: str | None
    version: int


TODO = StateRow(id=None, status="todo", actual_start=None, actual_end=None, block_reason=None,
                blocked_by_id=None, note=None, version=0)


@dataclass
class Runbook:
    """Tasks in creation order, ``depends_on`` as indexes, and the states of ``run``."""

    tasks: list[TaskRow]
    index: dict[str, int]  # key → position
    by_id: dict[int, int]  # task id → position
    depends_on: list[tuple[int, ...]]
    states: list[StateRow]
    run: CutoverRun | None

    def task(self, key: str) -> TaskRow | None:
        position = self.index.get(key)
        return None if position is None else self.tasks[position]

    def dependants(self) -> list[list[int]]:
        from migctl.services.runbook.graph import successors

        return successors(self.depends_on)


def load_runbook(session: Session, run: CutoverRun | None = None) -> Runbook:
    """Everything about the runbook, with the states of ``run`` (all ``todo`` without one)."""
    rows = execute(session,
        select(TASK.c.id, TASK.c.key, TASK.c.title, TASK.c.workstream, SYSTEM.c.key,
               TASK.c.owner, TASK.c.kind, TASK.c.duration_minutes, TASK.c.planned_start,
               TASK.c.rollback_note, TASK.c.criteria, TASK.c.source_file, TASK.c.source_row,
               TASK.c.version)
        .select_from(TASK.outerjoin(SYSTEM, SYSTEM.c.id == TASK.c.system_id))
        .order_by(TASK.c.id)
    ).all()
    tasks = [TaskRow(*row) for row in rows]
    by_id = {task.id: position for position, task in enumerate(tasks)}
    deps: list[list[int]] = [[] for _ in tasks]
    for task_id, depends_on_id in execute(session,
        select(DEPENDENCY.c.task_id, DEPENDENCY.c.depends_on_id)
        .order_by(DEPENDENCY.c.task_id, DEPENDENCY.c.depends_on_id)
    ):
        deps[by_id[task_id]].append(by_id[depends_on_id])
    states = [TODO] * len(tasks)
    if run is not None:
        for row in execute(session,
            select(STATE.c.task_id, STATE.c.id, STATE.c.status, STATE.c.actual_start,
                   STATE.c.actual_end, STATE.c.block_reason, STATE.c.blocked_by_id,
                   STATE.c.note, STATE.c.version)
            .where(STATE.c.run_id == run.id)
        ):
            states[by_id[row[0]]] = StateRow(*row[1:])
    return Runbook(tasks=tasks, index={t.key: i for i, t in enumerate(tasks)}, by_id=by_id,
                   depends_on=[tuple(d) for d in deps], states=states, run=run)


def latest_decisions(session: Session, run: CutoverRun) -> dict[int, dict[str, Any]]:
    """Gate task id → its latest decision in ``run``."""
    result: dict[int, dict[str, Any]] = {}
    for row in execute(session,
        select(DECISION.c.task_id, DECISION.c.decision, DECISION.c.decided_by, DECISION.c.note,
               DECISION.c.decided_at)
        .where(DECISION.c.run_id == run.id)
        .order_by(DECISION.c.decided_at, DECISION.c.id)
    ):
        result[row[0]] = {"decision": row[1], "decided_by": row[2], "note": row[3],
                          "decided_at": row[4]}
    return result
