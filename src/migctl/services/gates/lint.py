"""`migctl task lint`: the runbook checked like code, with stable codes for CI.

| code | severity | finding |
|------|----------|---------|
| R001 | error    | task without owner |
| R002 | error    | a task the cutover end waits for is forecast to finish after the window end |
| R003 | error    | no rollback note on a task the point of no return depends on (directly or not) |
| R004 | error    | gate without criteria |
| R005 | error    | non-milestone with zero duration |
| R006 | warning  | duration differs more than 50 % from the median actual of finished rehearsals |
| R007 | warning  | critical task whose owner owns another critical task at the same time |

The cutover end is when everything the go-live milestone (``cutover.go_live``) waits for is
done, else the plan end (as in `migctl status`); R002 looks at the tasks it waits for. R007
reads the same forecast (the active run's, else the plan) and skips finished tasks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from migctl.checks import CheckCode, CheckReport, Finding, Severity
from migctl.errors import NotFound
from migctl.services.gates.read import criteria_by_task
from migctl.services.gates.rehearsals import actual_minutes, finished_rehearsals, median
from migctl.services.runbook.critical_path import MINUTE, Plan
from migctl.services.runbook.fields import RESOLVED, task_key
from migctl.services.runbook.plan import epoch, moment, planning_context
from migctl.services.runbook.read import Runbook, TaskRow, load_runbook, run_for_reading
from migctl.services.runbook.settings import go_live_key, point_of_no_return_key, window
from migctl.values import format_duration, format_local

CODES = [
    CheckCode("R001", "task without owner"),
    CheckCode("R002", "forecast to finish after the cutover window end"),
    CheckCode("R003", "no rollback note before the point of no return"),
    CheckCode("R004", "gate without criteria"),
    CheckCode("R005", "non-milestone with zero duration"),
    CheckCode("R006", "duration far from the rehearsals' median", Severity.WARNING),
    CheckCode("R007", "owner has overlapping critical tasks", Severity.WARNING),
]
#: R006 fires when the median actual differs from the duration by more than this share.
TOLERANCE = Decimal("0.5")


@dataclass(frozen=True)
class LintOptions:
    """Given on the command line; ``None`` falls back to the stored cutover settings."""

    window_start: datetime | None = None
    window_end: datetime | None = None
    point_of_no_return: str | None = None


def ancestors(runbook: Runbook, position: int) -> list[int]:
    """Every task ``position`` depends on, directly or through others (runbook order)."""
    seen: set[int] = set()
    stack = [position]
    while stack:
        for dep in runbook.depends_on[stack.pop()]:
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return sorted(seen)


class _Linter:
    def __init__(self, session: Session, options: LintOptions, now: datetime) -> None:
        self.session = session
        run = run_for_reading(session, None)
        self.runbook = load_runbook(session, run)
        stored_start, stored_end = window(session)
        self.window_start = options.window_start or stored_start
        self.window_end = options.window_end or stored_end
        self.point_of_no_return = options.point_of_no_return or point_of_no_return_key(session)
        start = None
        if options.window_start is not None and (run is None or run.kind == "production"):
            fixed = [t.planned_start for t in self.runbook.tasks if t.planned_start is not None]
            start = min([options.window_start, *fixed])
        self.context = planning_context(session, self.runbook, now=now, start=start)
        self.forecast: Plan = (self.context.forecast() if run is not None
                               else self.context.baseline())
        self.tz = self.context.tz
        self.report = CheckReport("runbook lint", list(CODES))

    def add(self, code: str, task: TaskRow, message: str, **data: Any) -> None:
        severity = next(c.severity for c in CODES if c.code == code)
        self.report.add(Finding(code=code, severity=severity, message=message,
                                file=task.source_file, row=task.source_row, subject=task.key,
                                data={"key": task.key, **data}))

    def local(self, value: datetime | None) -> str:
        return format_local(value, self.tz)

    def _span(self, position: int) -> str:
        start = self.forecast.earliest_start[position]
        finish = self.forecast.earliest_finish[position]
        return f"{self.local(moment(start))} → {self.local(moment(finish))}"

    def run(self) -> CheckReport:
        runbook = self.runbook
        criteria = criteria_by_task(self.session, [t.id for t in runbook.tasks
                                                   if t.kind == "gate"])
        for task in runbook.tasks:
            if not task.owner.strip():
                self.add("R001", task, f"{task.kind} {task.key} has no owner")
            if task.kind == "gate" and not criteria.get(task.id):
                self.add("R004", task, f"gate {task.key} has no criteria; `migctl task criteria "
                                       f"add {task.key} --require SPEC`")
            if task.kind != "milestone" and task.duration_minutes == 0:
                self.add("R005", task, f"{task.kind} {task.key} takes no time; give it a "
                                       "duration or make it a milestone")
        self._window_end()
        self._point_of_no_return()
        self._rehearsals()
        self._overlaps()
        self.report.meta.update({
            "tasks": len(runbook.tasks), "window_start": self.window_start,
            "window_end": self.window_end, "point_of_no_return": self.point_of_no_return,
            "go_live": go_live_key(self.session),
        })
        return self.report

    def _window_end(self) -> None:
        if self.window_end is None:
            return
        runbook, forecast = self.runbook, self.forecast
        go_live = runbook.index.get(go_live_key(self.session) or "")
        waited = ancestors(runbook, go_live) if go_live is not None \
            else range(len(runbook.tasks))
        limit = epoch(self.window_end)
        for i in waited:
            finish = forecast.earliest_finish[i]
            if finish <= limit or runbook.states[i].status == "skipped":
                continue
            task = runbook.tasks[i]
            over = (finish - limit) // MINUTE
            self.add("R002", task,
                     f"forecast to finish {self.local(moment(finish))}, "
                     f"{format_duration(over)} after the window end "
                     f"{self.local(self.window_end)}",
                     forecast_finish=moment(finish), window_end=self.window_end,
                     over_minutes=over)

    def _point_of_no_return(self) -> None:
        if not self.point_of_no_return:
            return
        key = task_key(self.point_of_no_return)
        position = self.runbook.index.get(key)
        if position is None:
            raise NotFound(f"point of no return {key!r}: no such task; `migctl task list` "
                           "shows the keys")
        for i in ancestors(self.runbook, position):
            task = self.runbook.tasks[i]
            if task.kind != "milestone" and not task.rollback_note.strip():
                self.add("R003", task, f"{task.key} has no rollback note, and the point of no "
                                       f"return {key} depends on it", point_of_no_return=key)

    def _rehearsals(self) -> None:
        runs = finished_rehearsals(self.session)
        if not runs:
            return
        samples = actual_minutes(self.session, runs)
        names = [run.name for run in runs]
        for task in self.runbook.tasks:
            actuals = samples.get(task.id)
            if task.kind == "milestone" or not actuals:
                continue
            typical = median(actuals)
            planned = task.duration_minutes
            if abs(typical - planned) <= TOLERANCE * planned:
                continue
            proposed = math.ceil(typical)  # a whole minute, rounded up
            change = ""
            if planned:
                share = round(100 * (typical - planned) / planned)
                change = f" ({'+' if share > 0 else ''}{share} %)"
            self.add("R006", task,
                     f"planned {format_duration(planned)}, median actual "
                     f"{format_duration(proposed)} in {len(actuals)} rehearsal(s){change}; "
                     f"proposed {format_duration(proposed)}",
                     duration_minutes=planned, median_minutes=typical,
                     proposed_minutes=proposed, proposed=format_duration(proposed),
                     actual_minutes=actuals, runs=names)

    def _overlaps(self) -> None:
        runbook, forecast = self.runbook, self.forecast
        by_owner: dict[str, list[int]] = {}
        for i, task in enumerate(runbook.tasks):
            if not task.owner.strip() or runbook.states[i].status in RESOLVED \
                    or not forecast.critical(i) \
                    or forecast.earliest_finish[i] <= forecast.earliest_start[i]:
                continue
            by_owner.setdefault(task.owner.strip().casefold(), []).append(i)
        for positions in by_owner.values():
            overlaps: dict[int, list[int]] = {}
            ordered = sorted(positions, key=lambda i: (forecast.earliest_start[i], i))
            active: list[int] = []
            for i in ordered:
                active = [j for j in active
                          if forecast.earliest_finish[j] > forecast.earliest_start[i]]
                for j in active:
                    overlaps.setdefault(i, []).append(j)
                    overlaps.setdefault(j, []).append(i)
                active.append(i)
            for i in sorted(overlaps):
                task = runbook.tasks[i]
                others = sorted(overlaps[i], key=lambda j: (forecast.earliest_start[j], j))
                named = ", ".join(f"{runbook.tasks[j].key} ({self._span(j)})" for j in others)
                self.add("R007", task,
                         f"{task.owner} owns this critical task ({self._span(i)}) and, at the "
                         f"same time, the critical {named}",
                         owner=task.owner, overlaps=[runbook.tasks[j].key for j in others])


def lint_runbook(session: Session, *, options: LintOptions, now: datetime) -> CheckReport:
    """Every R-code check over the runbook (see the module docstring)."""
    return _Linter(session, options, now).run()
