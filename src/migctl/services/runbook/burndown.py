"""Tasks remaining over time, planned and actual, and the share of tasks done on time.

For the status document's readers (the steering-group report's burndown chart, the
``on_time_pct`` KPI). Both look at one run — the active one, else the last finished — and at
the tasks that run did not skip: the plan counts down at each task's baseline finish, the
run at each actual end. A task is *on time* when it was done by its baseline latest finish.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from migctl.services.runbook.documents import Burndown
from migctl.services.runbook.plan import PlanningContext, moment

if TYPE_CHECKING:
    from migctl.services.runbook.critical_path import Plan

#: At most this many points per curve (a 10,000-task runbook stays a small document).
MAX_POINTS = 200


def _thin(points: list[list[datetime | int]]) -> list[list[datetime | int]]:
    if len(points) <= MAX_POINTS:
        return points
    step = (len(points) - 1) / (MAX_POINTS - 1)
    return [points[round(i * step)] for i in range(MAX_POINTS)]


def _countdown(start: datetime, total: int, finishes: list[datetime]) -> list[list[datetime | int]]:
    points: list[list[datetime | int]] = [[start, total]]
    remaining = total
    for at in sorted(finishes):
        remaining -= 1
        if points[-1][0] == at:
            points[-1][1] = remaining
        else:
            points.append([at, remaining])
    return _thin(points)


def burndown(context: PlanningContext, baseline: Plan) -> Burndown | None:
    """``{"run", "planned": [[time, remaining]…], "actual": […]}``, or None without a run."""
    runbook = context.runbook
    run = runbook.run
    if run is None:
        return None
    counted = [i for i, state in enumerate(runbook.states) if state.status != "skipped"]
    planned = _countdown(moment(baseline.start), len(counted),
                         [moment(baseline.earliest_finish[i]) for i in counted])
    done = [end for i in counted if runbook.states[i].status == "done"
            and (end := runbook.states[i].actual_end) is not None]
    return {"run": run.name, "planned": planned,
            "actual": _countdown(run.started_at, len(counted), done)}


def on_time_pct(context: PlanningContext, baseline: Plan) -> float | None:
    """Share of the run's done tasks finished by their baseline latest finish (None: none)."""
    done = [(i, state.actual_end) for i, state in enumerate(context.runbook.states)
            if state.status == "done" and state.actual_end is not None]
    if not done:
        return None
    on_time = sum(1 for i, end in done
                  if end is not None and end <= moment(baseline.latest_finish[i]))
    return round(100 * on_time / len(done), 1)
