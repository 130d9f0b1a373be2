"""The critical-path planner, pure: a forward and a backward pass over the dependency DAG (no
store; :mod:`migctl.services.runbook.plan` feeds it from the runbook).

Pure and linear in tasks + dependencies: plain data in (times as integer seconds since the
epoch, durations in minutes), plain data out. The rules, as the README documents them:

* **Forward pass.** A task starts at the latest of: the plan start, the finish of everything it
  depends on, its fixed planned start, and (when re-planning a live run) now. Done tasks use
  their actual start and end; an in-progress task its actual start and the later of actual
  start + duration and now; a skipped task takes no time. The plan ends at the latest finish.
* **Backward pass.** A task must finish by the plan end and before the latest start of
  everything that depends on it; a fixed planned start is an appointment, so a task's latest
  start is also no later than its planned start (work before an appointment must be done by
  then).
* **Slack** = latest start − earliest start. **Critical** = slack ≤ 0 (negative slack: the
  task will miss an appointment or is behind the plan by that much).
* **Critical path**: the longest chain of dependencies into the plan end — from the task that
  finishes last, back through the dependency that finishes last at each step, to a task that
  depends on nothing. Without fixed starts every task on it has zero slack (the classic
  critical path); with them it still shows the chain of work leading to each appointment, while
  ``critical`` marks only the tasks with no slack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from migctl.services.runbook.graph import successors, topological_order

MINUTE = 60

#: Statuses whose times come from the actuals instead of the plan.
STARTED = frozenset({"in_progress", "done"})


class PlanTask(NamedTuple):
    """One task as the planner sees it; ``depends_on`` holds indexes into the task list."""

    key: str
    duration: int  # minutes
    depends_on: tuple[int, ...] = ()
    planned_start: int | None = None  # fixed start, epoch seconds
    status: str = "todo"
    actual_start: int | None = None  # epoch seconds
    actual_end: int | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """Times per task (same index as the input), in epoch seconds."""

    start: int
    end: int
    order: list[int]  # topological
    earliest_start: list[int]
    earliest_finish: list[int]
    latest_start: list[int]
    latest_finish: list[int]
    critical_path: list[int]

    def slack(self, index: int) -> int:
        """Seconds the task may slip without moving an appointment or the plan end."""
        return self.latest_start[index] - self.earliest_start[index]

    def critical(self, index: int) -> bool:
        return self.latest_start[index] <= self.earliest_start[index]

    def chronological(self) -> list[int]:
        """Indexes by earliest start, ties in dependency order."""
        position = {index: rank for rank, index in enumerate(self.order)}
        return sorted(self.order, key=lambda i: (self.earliest_start[i], position[i]))


def _in_progress(task: PlanTask) -> bool:
    """In progress, or blocked/failed after starting without finishing: its start is a fact."""
    if task.status == "in_progress":
        return True
    return task.status == "blocked" and task.actual_start is not None \
        and task.actual_end is None


def plan(tasks: Sequence[PlanTask], *, start: int, now: int | None = None) -> Plan:
    """Plan ``tasks`` from ``start``; with ``now`` (a live run) nothing unstarted starts earlier.

    Raises :class:`~migctl.services.runbook.graph.CycleError` when the dependencies loop.
    """
    depends_on = [task.depends_on for task in tasks]
    succ = successors(depends_on)
    order = topological_order(depends_on, succ)
    count = len(tasks)
    es = [0] * count
    ef = [0] * count
    floor = start if now is None else max(start, now)

    for index in order:
        task = tasks[index]
        ready = start
        for dep in task.depends_on:
            if ef[dep] > ready:
                ready = ef[dep]
        status = task.status
        if status == "done" and (task.actual_start is not None or task.actual_end is not None):
            began = task.actual_start if task.actual_start is not None else task.actual_end
            finished = task.actual_end if task.actual_end is not None else began
            assert began is not None and finished is not None
            es[index], ef[index] = began, max(began, finished)
        elif _in_progress(task) and task.actual_start is not None:
            began = task.actual_start
            finish = began + task.duration * MINUTE
            if now is not None and now > finish:
                finish = now
            es[index], ef[index] = began, finish
        elif status == "skipped":
            es[index] = ef[index] = ready
        else:
            begin = ready if ready > floor else floor
            if task.planned_start is not None and task.planned_start > begin:
                begin = task.planned_start
            es[index], ef[index] = begin, begin + task.duration * MINUTE

    end = max(ef) if count else start
    ls = [0] * count
    lf = [0] * count
    for index in reversed(order):
        finish = end
        for nxt in succ[index]:
            if ls[nxt] < finish:
                finish = ls[nxt]
        task = tasks[index]
        latest = finish - (ef[index] - es[index])
        if task.planned_start is not None and task.status != "skipped" \
                and task.planned_start < latest:
            latest = task.planned_start
        lf[index], ls[index] = finish, latest

    return Plan(start=start, end=end, order=order, earliest_start=es, earliest_finish=ef,
                latest_start=ls, latest_finish=lf,
                critical_path=_critical_path(tasks, order, es, ef, ls, end))


def _critical_path(
    tasks: Sequence[PlanTask], order: list[int], es: list[int], ef: list[int], ls: list[int],
    end: int,
) -> list[int]:
    """The longest chain into the plan end, first task first (see the module docstring)."""
    if not tasks:
        return []
    position = {index: rank for rank, index in enumerate(order)}

    def rank(i: int) -> tuple[int, int, int]:  # latest finish, then least slack, then order
        return (-ef[i], ls[i] - es[i], position[i])

    # The end: of the tasks finishing last, the one last in dependency order (a closing
    # milestone rather than the task it waits for).
    current = max((i for i in range(len(tasks)) if ef[i] == end), key=lambda i: position[i])
    chain = [current]
    while tasks[current].depends_on:
        current = min(tasks[current].depends_on, key=rank)
        chain.append(current)
    chain.reverse()
    return chain
