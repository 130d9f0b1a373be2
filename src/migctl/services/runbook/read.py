"""The runbook's Core reads: tasks, dependencies and one run's states as plain rows, runs (as
rows and as documents), settings and decisions.

Listing, planning and status all start here. Reads use SQLAlchemy Core over the generated
tables of :mod:`migctl.store.tables` (no ORM, no SQLModel), so a command that only reads —
``task plan`` on a 10,000-task runbook must answer within a second, ``status`` must start
fast — does not pay for importing the ORM layer. Works with a Session (inside a command's
transaction) or a plain Connection. Writes (:mod:`.tasks`, :mod:`.transitions`,
:mod:`.runs`…) use the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple, Protocol

from sqlalchemy import Select, func, select

from migctl.errors import NotFound
from migctl.services.runbook.documents import LatestDecision, RunCounts, RunDocument
from migctl.services.runbook.fields import normalize_run_name
from migctl.store.db import execute
from migctl.store.tables import (
    CUTOVER_RUN,
    GATE_DECISION,
    SETTING,
    SYSTEM,
    TASK,
    TASK_DEPENDENCY,
    TASK_RUN_STATE,
)

if TYPE_CHECKING:
    from migctl.store.db import Db

__all__ = ["execute"]  # re-exported: the runbook's modules run their statements through it


class RunLike(Protocol):
    """What reading needs of a run: a :class:`RunRow` or the ORM ``CutoverRun``."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def finished_at(self) -> datetime | None: ...


class RunRow(NamedTuple):
    id: int
    name: str
    kind: str
    status: str
    started_at: datetime
    finished_at: datetime | None


def run_query() -> Select[tuple[int, str, str, str, datetime, datetime | None]]:
    """The columns of a :class:`RunRow`, for a ``where`` to narrow."""
    run = CUTOVER_RUN.c
    return select(run.id, run.name, run.kind, run.status, run.started_at, run.finished_at)


def active_run_row(db: Db) -> RunRow | None:
    row = execute(db, run_query().where(CUTOVER_RUN.c.status == "active")).first()
    return None if row is None else RunRow._make(row)


def run_for_reading(db: Db, name: str | None) -> RunRow | None:
    """The run a listing or plan looks at: the one named, else the active one, else none."""
    if not name:
        return active_run_row(db)
    row = execute(db, run_query().where(CUTOVER_RUN.c.name == name.strip().lower())).first()
    if row is None:
        raise NotFound(f"no cutover run {name!r}; `migctl cutover run list` shows the runs")
    return RunRow._make(row)


def run_named(db: Db, name: str) -> RunRow:
    """One run by its name (refused as the run commands refuse it: bad name, unknown run)."""
    row = execute(db, run_query().where(CUTOVER_RUN.c.name == normalize_run_name(name))).first()
    if row is None:
        raise NotFound(f"no cutover run {name!r}; `migctl cutover run list` shows the runs")
    return RunRow._make(row)


def last_finished_run(db: Db, kind: str | None = None) -> RunRow | None:
    """The run (of ``kind``, if given) that finished last."""
    query = run_query().where(CUTOVER_RUN.c.status == "finished")
    if kind is not None:
        query = query.where(CUTOVER_RUN.c.kind == kind)
    row = execute(db, query.order_by(CUTOVER_RUN.c.finished_at.desc())).first()
    return None if row is None else RunRow._make(row)


def read_settings(db: Db, keys: list[str]) -> dict[str, str]:
    """Stored values of ``keys`` (absent keys are left out: callers know their defaults)."""
    return dict(execute(db, select(SETTING.c.key, SETTING.c.value)
                        .where(SETTING.c.key.in_(keys))).all())


class TaskRow(NamedTuple):
    """One task's definition (a named tuple: 10,000 of them are built in milliseconds)."""

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


class StateRow(NamedTuple):
    """One task's state in one run; a task without a row is ``todo`` at version 0."""

    id: int | None
    status: str
    actual_start: datetime | None
    actual_end: datetime | None
    block_reason: str | None
    blocked_by_id: int | None
    note: str | None
    version: int
    #: When the row last changed (a failed or blocked task's "since"); None without a row.
    updated_at: datetime | None = None


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
    run: RunLike | None

    def task(self, key: str) -> TaskRow | None:
        position = self.index.get(key)
        return None if position is None else self.tasks[position]

    def dependants(self) -> list[list[int]]:
        from migctl.services.runbook.graph import successors

        return successors(self.depends_on)


def load_runbook(db: Db, run: RunLike | None = None, *, base: Runbook | None = None
                 ) -> Runbook:
    """Everything about the runbook, with the states of ``run`` (all ``todo`` without one).

    ``base``: a runbook already loaded in this transaction; its tasks and dependencies are
    reused and only ``run``'s states are read (status looks at two or three runs at once).
    """
    if base is not None:
        return Runbook(tasks=base.tasks, index=base.index, by_id=base.by_id,
                       depends_on=base.depends_on,
                       states=_states(db, run, base.by_id, len(base.tasks)), run=run)
    rows = execute(db,
        select(TASK.c.id, TASK.c.key, TASK.c.title, TASK.c.workstream, SYSTEM.c.key,
               TASK.c.owner, TASK.c.kind, TASK.c.duration_minutes, TASK.c.planned_start,
               TASK.c.rollback_note, TASK.c.criteria, TASK.c.source_file, TASK.c.source_row,
               TASK.c.version)
        .select_from(TASK.outerjoin(SYSTEM, SYSTEM.c.id == TASK.c.system_id))
        .order_by(TASK.c.id)
    ).all()
    tasks = list(map(TaskRow._make, rows))
    by_id = {task.id: index for index, task in enumerate(tasks)}
    position = by_id.__getitem__
    deps: list[list[int]] = [[] for _ in tasks]
    for task_id, depends_on_id in execute(db,
        select(TASK_DEPENDENCY.c.task_id, TASK_DEPENDENCY.c.depends_on_id)
        .order_by(TASK_DEPENDENCY.c.task_id, TASK_DEPENDENCY.c.depends_on_id)
    ):
        deps[position(task_id)].append(position(depends_on_id))
    return Runbook(tasks=tasks, index={t.key: i for i, t in enumerate(tasks)}, by_id=by_id,
                   depends_on=[tuple(d) for d in deps],
                   states=_states(db, run, by_id, len(tasks)), run=run)


def _states(db: Db, run: RunLike | None, by_id: dict[int, int], count: int
            ) -> list[StateRow]:
    states: list[StateRow] = [TODO] * count
    if run is not None:
        state = TASK_RUN_STATE.c
        for row in execute(db,
            select(state.task_id, state.id, state.status, state.actual_start, state.actual_end,
                   state.block_reason, state.blocked_by_id, state.note, state.version,
                   state.updated_at)
            .where(state.run_id == run.id)
        ):
            states[by_id[row[0]]] = StateRow._make(row[1:])
    return states


def source_paths(db: Db) -> dict[str, str]:
    """The runbook files as given at import (base name → path), for GitHub annotations; tasks
    imported before 0015 are left out (annotated by their file's base name)."""
    query = (select(TASK.c.source_file, TASK.c.source_path).distinct()
             .where(TASK.c.source_file.is_not(None), TASK.c.source_path.is_not(None)))
    return {str(file): str(path) for file, path in execute(db, query).all()}


def latest_decisions(db: Db, run: RunLike) -> dict[int, LatestDecision]:
    """Gate task id → its latest decision in ``run``."""
    result: dict[int, LatestDecision] = {}
    decision = GATE_DECISION.c
    for row in execute(db,
        select(decision.task_id, decision.decision, decision.decided_by, decision.note,
               decision.decided_at)
        .where(decision.run_id == run.id)
        .order_by(decision.decided_at, decision.id)
    ):
        result[row[0]] = {"decision": row[1], "decided_by": row[2], "note": row[3],
                          "decided_at": row[4]}
    return result


# --- one run as a document (the run commands, compare and the status screen) -------------

def run_counts(db: Db, run: RunLike) -> RunCounts:
    """Tasks per status in ``run`` (tasks without a state row count as todo), plus the total."""
    total = execute(db, select(func.count()).select_from(TASK)).scalar_one()
    found: dict[str, int] = dict(execute(
        db, select(TASK_RUN_STATE.c.status, func.count())
        .where(TASK_RUN_STATE.c.run_id == run.id).group_by(TASK_RUN_STATE.c.status)).all())
    return {"todo": found.get("todo", 0) + max(total - sum(found.values()), 0),
            "in_progress": found.get("in_progress", 0), "done": found.get("done", 0),
            "failed": found.get("failed", 0), "skipped": found.get("skipped", 0),
            "blocked": found.get("blocked", 0), "total": total}


def run_document(db: Db, run: RunLike) -> RunDocument:
    """The stable JSON shape of one run."""
    elapsed = None
    if run.finished_at is not None:
        elapsed = int((run.finished_at - run.started_at).total_seconds() // 60)
    return {
        "name": run.name,
        "kind": run.kind,
        "status": run.status,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "elapsed_minutes": elapsed,
        "counts": run_counts(db, run),
    }
