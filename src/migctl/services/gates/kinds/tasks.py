"""``tasks-done:KEY,KEY…`` / ``tasks-done:workstream=NAME``: the tasks (every task of the
workstream but the gate) are done, or skipped, in the cutover run looked at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NotRequired, TypedDict

from sqlalchemy import and_, select

from migctl import values
from migctl.errors import option_name
from migctl.services.gates.criterion import Context, Names, Outcome, named
from migctl.services.runbook.fields import RESOLVED, normalize_task_key
from migctl.store.db import execute
from migctl.store.tables import TASK, TASK_RUN_STATE

if TYPE_CHECKING:
    from migctl.services.runbook.read import RunLike


@dataclass(frozen=True)
class TasksDone:
    keys: tuple[str, ...] = ()
    workstream: str | None = None  # instead of keys: every task of this workstream

    @property
    def spec(self) -> str:
        if self.workstream is not None:
            return f"tasks-done:workstream={self.workstream}"
        return "tasks-done:" + ",".join(self.keys)


class TaskEvidence(TypedDict):
    key: str
    status: str
    actual_end: datetime | None


class TasksEvidence(TypedDict):
    run: str | None
    missing: NotRequired[list[str]]
    tasks: NotRequired[list[TaskEvidence]]
    done: NotRequired[int]
    total: NotRequired[int]


def _states(criterion: TasksDone, context: Context, gate: str | None, run: RunLike
            ) -> list[TaskEvidence]:
    """The tasks a ``tasks-done`` names with their state in ``run``, in runbook order.

    From the runbook the caller loaded (status), else one query (a gate check)."""
    wanted = None if criterion.workstream is None else criterion.workstream.casefold()
    rows: list[tuple[str, str, str, datetime | None]]
    book = context.runbook
    if book is not None and book.run is not None and book.run.id == run.id:
        rows = [(t.key, t.workstream, book.states[i].status, book.states[i].actual_end)
                for i, t in enumerate(book.tasks)]
    else:
        state = TASK_RUN_STATE.c
        joined = TASK.outerjoin(TASK_RUN_STATE, and_(state.task_id == TASK.c.id,
                                                     state.run_id == run.id))
        query = select(TASK.c.key, TASK.c.workstream, state.status, state.actual_end
                       ).select_from(joined).order_by(TASK.c.id)
        if wanted is None:
            query = query.where(TASK.c.key.in_(criterion.keys))
        rows = [(k, w or "", s or "todo", e) for k, w, s, e in execute(context.session, query)]
    if wanted is not None:
        return [{"key": k, "status": s, "actual_end": e}
                for k, w, s, e in rows if w.casefold() == wanted and k != gate]
    found: dict[str, TaskEvidence] = {k: {"key": k, "status": s, "actual_end": e}
                                      for k, _, s, e in rows if k in criterion.keys}
    return [found[k] for k in criterion.keys if k in found]


class TasksDoneKind:
    name = "tasks-done"
    usage = "tasks-done:KEY,…, tasks-done:workstream=NAME"

    def parse(self, rest: str, raw: str) -> TasksDone:
        if rest.casefold().startswith("workstream="):
            workstream = rest.partition("=")[2].strip()
            if not workstream:
                raise ValueError(f"{raw!r}: name the workstream (tasks-done:workstream=NAME)")
            return TasksDone(workstream=workstream)
        keys = [normalize_task_key(k) for k in values.split_list(rest.replace(";", ","))]
        if not keys:
            raise ValueError(f"{raw!r}: list the task keys (tasks-done:KEY,KEY…)")
        return TasksDone(keys=tuple(keys))

    def problem(self, criterion: TasksDone, names: Names, gate: str | None) -> str | None:
        workstream = criterion.workstream
        if workstream is not None and workstream.casefold() not in names.workstreams:
            return f"no task has the workstream {workstream!r}; `migctl task list` shows them"
        for key in criterion.keys:
            if key == gate:
                return f"{key} cannot wait for itself"
            if key not in names.tasks:
                return f"unknown task {key!r}; `migctl task list` shows the keys"
        return None

    def evaluate(self, criterion: TasksDone, context: Context, gate: str | None
                 ) -> Outcome[TasksEvidence]:
        run = context.run
        evidence: TasksEvidence = {"run": None if run is None else run.name}
        if run is None:
            return Outcome(False, "no cutover run to look at (start one, or name it with "
                           f"{option_name('run')})", evidence)
        rows = _states(criterion, context, gate, run)
        missing = [k for k in criterion.keys if k not in {row["key"] for row in rows}]
        if missing:
            evidence["missing"] = missing
            return Outcome(False, f"no task {', '.join(missing)} in the runbook", evidence)
        waiting = [r for r in rows if r["status"] not in RESOLVED]
        evidence.update({"tasks": rows, "done": len(rows) - len(waiting), "total": len(rows)})
        if not rows:
            return Outcome(False, f"the workstream {criterion.workstream} has no tasks",
                           evidence)
        if waiting:
            listed = named([f"{r['key']} ({r['status']})" for r in waiting], ", ")
            return Outcome(False, f"{len(waiting)} of {len(rows)} task(s) not done in "
                           f"{run.name}: {listed}", evidence)
        return Outcome(True, f"all {len(rows)} task(s) done in {run.name}", evidence)
