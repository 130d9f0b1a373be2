"""Gates and their stored criteria, read through SQLAlchemy Core.

What evaluation needs (status, `task gate-check`, lint) without importing the ORM; adding and
removing criteria is :mod:`migctl.services.gates.criteria`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select

from migctl.errors import NotFound, UsageError
from migctl.services.runbook.fields import task_key
from migctl.services.runbook.read import TaskRow, execute
from migctl.store.tables import GATE_CRITERION, SYSTEM, TASK

if TYPE_CHECKING:
    from migctl.store.db import Db


class CriterionRow(NamedTuple):
    id: int
    task_id: int
    spec: str
    created_at: datetime
    created_by: str
    source_row: int | None


def criteria_by_task(db: Db, task_ids: Iterable[int] | None = None
                     ) -> dict[int, list[CriterionRow]]:
    """Task id → its criteria, in the order they were added."""
    query = select(GATE_CRITERION.c.id, GATE_CRITERION.c.task_id, GATE_CRITERION.c.spec,
                   GATE_CRITERION.c.created_at, GATE_CRITERION.c.created_by,
                   GATE_CRITERION.c.source_row).order_by(GATE_CRITERION.c.id)
    if task_ids is not None:
        query = query.where(GATE_CRITERION.c.task_id.in_(list(task_ids)))
    result: dict[int, list[CriterionRow]] = {}
    for row in execute(db, query):
        item = CriterionRow._make(row)
        result.setdefault(item.task_id, []).append(item)
    return result


def find_gate(db: Db, key: str) -> TaskRow:
    """One gate's definition, read alone (a gate check need not load a 10,000-task runbook)."""
    wanted = task_key(key)
    row = execute(db, select(
        TASK.c.id, TASK.c.key, TASK.c.title, TASK.c.workstream, SYSTEM.c.key, TASK.c.owner,
        TASK.c.kind, TASK.c.duration_minutes, TASK.c.planned_start, TASK.c.rollback_note,
        TASK.c.criteria, TASK.c.source_file, TASK.c.source_row, TASK.c.version)
        .select_from(TASK.outerjoin(SYSTEM, SYSTEM.c.id == TASK.c.system_id))
        .where(TASK.c.key == wanted)).first()
    if row is None:
        raise NotFound(f"no task {key!r}; `migctl task list` shows the keys")
    task = TaskRow._make(row)
    if task.kind != "gate":
        raise UsageError(f"{task.key} is a {task.kind}, not a gate; only gates have criteria")
    return task
