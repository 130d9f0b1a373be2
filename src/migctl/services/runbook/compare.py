"""Plan versus actual across runs: per task, per workstream, and the biggest overruns.

A task's planned minutes are its duration; its actual minutes in a run are actual end − actual
start when it was done there. Workstream sums count only the tasks done in that run, so a
skipped task neither helps nor hurts. An overrun is actual − planned (negative: faster).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.errors import UsageError
from migctl.services.runbook.documents import (
    CompareDocument,
    ComparedTask,
    Overrun,
    OverrunSummary,
    TaskInRun,
    Work,
)
from migctl.services.runbook.read import (
    Runbook,
    RunLike,
    load_runbook,
    run_document,
    run_named,
)

if TYPE_CHECKING:
    from migctl.store.db import Db

DEFAULT_TOP = 10


def _actual_minutes(runbook: Runbook, position: int) -> int | None:
    state = runbook.states[position]
    if state.status != "done" or state.actual_start is None or state.actual_end is None:
        return None
    return int((state.actual_end - state.actual_start).total_seconds() // 60)


def _run_summary(runbook: Runbook) -> Work:
    planned = actual = done = 0
    for position, task in enumerate(runbook.tasks):
        minutes = _actual_minutes(runbook, position)
        if minutes is not None:
            done += 1
            planned += task.duration_minutes
            actual += minutes
    return {"done": done, "planned_minutes": planned, "actual_minutes": actual,
            "overrun_minutes": actual - planned}


def biggest_overruns(db: Db, run: RunLike, *, top: int = 3,
                     base: Runbook | None = None) -> OverrunSummary:
    """One run's plan-versus-actual work and its biggest overruns (the status summary)."""
    document = compare_runs(db, [run.name], top=top, base=base)
    return {"work": document["runs"][0]["work"],
            "biggest_overruns": document["biggest_overruns"]}


def compare_runs(db: Db, names: list[str], *, top: int = DEFAULT_TOP,
                 base: Runbook | None = None) -> CompareDocument:
    """Compare one run with the plan, or two runs with the plan and with each other."""
    if not 1 <= len(names) <= 2:
        raise UsageError("compare one run with the plan, or two runs with each other")
    chosen = [run_named(db, name) for name in names]
    if len(chosen) == 2 and chosen[0].id == chosen[1].id:
        raise UsageError("name two different runs")
    books = [load_runbook(db, run, base=base) for run in chosen]
    base = books[0]

    tasks: list[ComparedTask] = []
    overruns: list[Overrun] = []
    streams: dict[str, list[Work]] = {}
    for position, task in enumerate(base.tasks):
        planned = task.duration_minutes
        per_run: list[TaskInRun] = []
        sums = streams.setdefault(task.workstream, [
            {"done": 0, "planned_minutes": 0, "actual_minutes": 0, "overrun_minutes": 0}
            for _ in chosen])
        for index, (run, book) in enumerate(zip(chosen, books, strict=True)):
            actual = _actual_minutes(book, position)
            overrun = None if actual is None else actual - planned
            per_run.append({"status": book.states[position].status, "actual_minutes": actual,
                            "overrun_minutes": overrun})
            if actual is None or overrun is None:
                continue
            sums[index]["done"] += 1
            sums[index]["planned_minutes"] += planned
            sums[index]["actual_minutes"] += actual
            sums[index]["overrun_minutes"] += overrun
            if overrun > 0:
                overruns.append({
                    "run": run.name, "key": task.key, "title": task.title,
                    "workstream": task.workstream, "planned_minutes": planned,
                    "actual_minutes": actual, "overrun_minutes": overrun,
                    "ratio": round(actual / planned, 2) if planned else None,
                })
        tasks.append({"key": task.key, "title": task.title, "workstream": task.workstream,
                      "planned_minutes": planned, "runs": per_run})
    overruns.sort(key=lambda o: (-o["overrun_minutes"], o["run"], o["key"]))
    return {
        "runs": [{**run_document(db, run), "work": _run_summary(book)}
                 for run, book in zip(chosen, books, strict=True)],
        "tasks": tasks,
        "workstreams": [{"workstream": name, "runs": sums}
                        for name, sums in sorted(streams.items())],
        "biggest_overruns": overruns[:top],
    }
