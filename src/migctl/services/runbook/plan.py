"""The planner applied to the store: which start, which actuals, what is late, what is next,
and the plan's documents. The pure passes are :mod:`migctl.services.runbook.critical_path`.

Definitions (documented in the README):

* **Plan start**: ``--start``, else the earliest of the cutover window start and the fixed
  planned starts, else now. A rehearsal is planned from its own start: its fixed times move by
  (rehearsal start − production plan start), keeping their distance from the start.
* **Forecast**: the plan with the run's actuals; while a run is active nothing unstarted can
  start before now. **Baseline**: the same plan with no actuals (what was promised).
* **Late**: in an active run (or before any run), a task that has not started although its
  baseline latest start has passed, or that is in progress past its baseline latest finish.
  Because fixed planned starts cap latest starts, a task whose fixed time has passed is late.
* **Ready** (``task next``): todo or failed, not blocked, everything it depends on done or
  skipped. Most critical first: least forecast slack, then earliest start.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from migctl import values
from migctl.config import DEFAULT_TIMEZONE
from migctl.errors import Conflict
from migctl.services.runbook.critical_path import MINUTE, Plan, PlanTask, plan
from migctl.services.runbook.documents import NextRow, PlanDocument, ScheduleRow
from migctl.services.runbook.fields import RESOLVED, TIMEZONE, WINDOW_START
from migctl.services.runbook.graph import CycleError
from migctl.services.runbook.integrity import describe_cycle
from migctl.services.runbook.read import Runbook, read_settings

if TYPE_CHECKING:
    from migctl.store.db import Db


def epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def iso(seconds: int) -> str:
    """The JSON datetime format (ISO 8601 UTC with ``Z``) straight from epoch seconds."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


@dataclass(frozen=True)
class PlanningContext:
    runbook: Runbook
    start: int  # epoch seconds
    shift: int  # seconds added to every fixed planned start (rehearsals)
    now: int
    live: bool  # an active run: nothing unstarted starts before now
    tz: tzinfo

    def forecast(self) -> Plan:
        return self._plan(with_actuals=True, now=self.now if self.live else None)

    def baseline(self) -> Plan:
        return self._plan(with_actuals=False, now=None)

    def _plan(self, *, with_actuals: bool, now: int | None) -> Plan:
        try:
            return plan(self.tasks(with_actuals=with_actuals), start=self.start, now=now)
        except CycleError as exc:
            # Add, set and import refuse cycles; one in the store came from elsewhere
            # (a hand edit, an old bug). Say which tasks, not "internal error".
            keys = [self.runbook.tasks[i].key for i in exc.cycle]
            raise Conflict(f"the runbook in the store has a dependency cycle "
                           f"{describe_cycle(keys)} (→ reads 'depends on'); remove one of those "
                           "dependencies with `migctl task set`") from None

    def tasks(self, *, with_actuals: bool) -> list[PlanTask]:
        shift = self.shift
        result = []
        make = PlanTask._make
        for task, deps, state in zip(self.runbook.tasks, self.runbook.depends_on,
                                     self.runbook.states, strict=True):
            planned = None if task.planned_start is None else epoch(task.planned_start) + shift
            if with_actuals and state.id is not None:
                result.append(make((
                    task.key, task.duration_minutes, deps, planned, state.status,
                    None if state.actual_start is None else epoch(state.actual_start),
                    None if state.actual_end is None else epoch(state.actual_end))))
            else:
                result.append(make((task.key, task.duration_minutes, deps, planned, "todo",
                                    None, None)))
        return result


def programme_zone(db: Db) -> tzinfo:
    """The programme's time zone, read without the settings service (see ``data``)."""
    return values.zone(read_settings(db, [TIMEZONE]).get(TIMEZONE) or DEFAULT_TIMEZONE)


def default_start(db: Db, runbook: Runbook, tz: tzinfo) -> datetime | None:
    """The earliest of the cutover window start and the fixed planned starts."""
    window_start = read_settings(db, [WINDOW_START]).get(WINDOW_START)
    candidates = [t.planned_start for t in runbook.tasks if t.planned_start is not None]
    if window_start:
        candidates.append(values.parse_datetime(window_start, tz))
    return min(candidates) if candidates else None


def planning_context(
    db: Db, runbook: Runbook, *, now: datetime, start: datetime | None = None
) -> PlanningContext:
    run = runbook.run
    tz = programme_zone(db)
    base = default_start(db, runbook, tz)
    shift = 0
    if run is not None and run.kind == "rehearsal":
        start = start or run.started_at
        if base is not None:
            shift = epoch(start) - epoch(base)
    elif start is None:
        start = base or now.replace(second=0, microsecond=0)
    live = run is not None and run.status == "active"
    return PlanningContext(runbook=runbook, start=epoch(start), shift=shift, now=epoch(now),
                           live=live, tz=tz)


def late_positions(context: PlanningContext, baseline: Plan | None = None) -> set[int]:
    """Positions of late tasks (see the module docstring); none in a finished run."""
    run = context.runbook.run
    if run is not None and run.status != "active":
        return set()
    baseline = baseline or context.baseline()
    now = context.now
    late = set()
    for position, state in enumerate(context.runbook.states):
        started = state.actual_start is not None and state.actual_end is None and \
            state.status in ("in_progress", "blocked")
        if started:
            if now > baseline.latest_finish[position]:
                late.add(position)
        elif state.status in ("todo", "failed", "blocked") and \
                baseline.latest_start[position] < now:
            late.add(position)
    return late


def ready_positions(runbook: Runbook) -> list[int]:
    """Tasks that may start now: todo or failed, everything they depend on done or skipped."""
    states = runbook.states
    return [
        position for position, state in enumerate(states)
        if state.status in ("todo", "failed")
        and all(states[d].status in RESOLVED for d in runbook.depends_on[position])
    ]


def plan_document(runbook: Runbook, result: Plan) -> PlanDocument:
    """``task plan -f json``: the shape the README documents, tasks in chronological order."""
    keys = [task.key for task in runbook.tasks]
    es, ef, ls, lf = (result.earliest_start, result.earliest_finish, result.latest_start,
                      result.latest_finish)
    text = {moment: iso(moment) for moment in {*es, *ef, *ls, *lf}}  # times repeat a lot
    return {
        "start": iso(result.start),
        "end": iso(result.end),
        "critical_path": [keys[i] for i in result.critical_path],
        "tasks": [
            {"key": keys[i], "earliest_start": text[es[i]], "earliest_finish": text[ef[i]],
             "latest_start": text[ls[i]], "latest_finish": text[lf[i]],
             "slack_minutes": (ls[i] - es[i]) // MINUTE, "critical": ls[i] <= es[i]}
            for i in result.chronological()
        ],
    }


def schedule_rows(context: PlanningContext, result: Plan) -> list[ScheduleRow]:
    """The plan for people (tables, the timeline): times as datetimes, with task details."""
    runbook = context.runbook
    late = late_positions(context)
    rows: list[ScheduleRow] = []
    for i in result.chronological():
        task = runbook.tasks[i]
        state = runbook.states[i]
        rows.append({
            "key": task.key, "title": task.title, "workstream": task.workstream,
            "system": task.system, "owner": task.owner, "kind": task.kind,
            "status": state.status, "duration_minutes": task.duration_minutes,
            "planned_start": task.planned_start,
            "earliest_start": moment(result.earliest_start[i]),
            "earliest_finish": moment(result.earliest_finish[i]),
            "latest_start": moment(result.latest_start[i]),
            "latest_finish": moment(result.latest_finish[i]),
            "slack_minutes": result.slack(i) // MINUTE,
            "critical": result.critical(i),
            "late": i in late,
        })
    return rows


def next_rows(context: PlanningContext, result: Plan, *, limit: int | None = None
              ) -> list[NextRow]:
    """Ready tasks, most critical first."""
    runbook = context.runbook
    ready = sorted(ready_positions(runbook),
                   key=lambda i: (result.slack(i), result.earliest_start[i], i))
    if limit is not None:
        ready = ready[:limit]
    return [
        {"key": runbook.tasks[i].key, "title": runbook.tasks[i].title,
         "workstream": runbook.tasks[i].workstream, "system": runbook.tasks[i].system,
         "owner": runbook.tasks[i].owner, "kind": runbook.tasks[i].kind,
         "status": runbook.states[i].status, "planned_start": runbook.tasks[i].planned_start,
         "earliest_start": moment(result.earliest_start[i]),
         "latest_start": moment(result.latest_start[i]),
         "slack_minutes": result.slack(i) // MINUTE, "critical": result.critical(i)}
        for i in ready
    ]
