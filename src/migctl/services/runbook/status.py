"""The cutover section of `migctl status`: progress, forecast, late, blocked, gates, what next.

Signals (facts behind the programme RAG):

* red — a late task that is critical in the forecast (on its system, else programme-wide);
* red — a failed task in the active run (key, owner, since when, the note given);
* red — a blocked task (key, owner, since when, the reason);
* red — a gate whose latest decision in the active run is no-go;
* red — the cutover work is forecast to end after the cutover window;
* amber — the forecast end is after the planned end;
* amber — a gate whose criteria fail within a week of its planned start
  (:mod:`migctl.services.gates.status`, which also gives each gate's criteria state).

The **cutover end** is when everything the go-live milestone (setting ``cutover.go_live``)
waits for is finished; without a go-live milestone it is the plan end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, TypedDict

from migctl.services.gates.status import GateCriteriaRow
from migctl.services.gates.status import gate_rows as criteria_rows
from migctl.services.runbook.burndown import burndown, on_time_pct
from migctl.services.runbook.compare import biggest_overruns
from migctl.services.runbook.critical_path import Plan
from migctl.services.runbook.documents import (
    Burndown,
    LatestDecision,
    NextRow,
    RunCounts,
    RunWithOverruns,
)
from migctl.services.runbook.fields import RESOLVED
from migctl.services.runbook.plan import (
    PlanningContext,
    late_positions,
    moment,
    next_rows,
    planning_context,
)
from migctl.services.runbook.read import (
    Runbook,
    StateRow,
    active_run_row,
    last_finished_run,
    latest_decisions,
    load_runbook,
    run_document,
)
from migctl.services.runbook.settings import go_live_key, window
from migctl.services.settings import get
from migctl.services.status.context import signal
from migctl.values import format_duration, format_local

if TYPE_CHECKING:
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal

NEXT_SHOWN = 5
BLOCKED_SIGNALLED = 10  # blocked tasks signalled one by one; the rest in one signal


# --- the section's document ---------------------------------------------------------------

class RunInfo(TypedDict):
    name: str
    kind: str
    started_at: datetime


class PlannedForecast(TypedDict):
    planned: datetime
    forecast: datetime


class Window(TypedDict):
    start: datetime | None
    end: datetime | None


class GoLive(PlannedForecast):
    key: str


class WorkstreamProgress(TypedDict):
    workstream: str
    done: int
    skipped: int
    total: int


class Progress(RunCounts):
    pct: float | None
    by_workstream: list[WorkstreamProgress]


class Milestone(PlannedForecast):
    key: str
    title: str
    status: str


class LateTask(TypedDict):
    key: str
    title: str
    system: str | None
    owner: str
    status: str
    latest_start: datetime
    latest_finish: datetime
    critical: bool


class BlockedTask(TypedDict):
    key: str
    title: str
    system: str | None
    owner: str
    reason: str | None
    blocked_by: str | None
    since: datetime | None


class FailedTask(TypedDict):
    key: str
    title: str
    system: str | None
    owner: str
    reason: str | None  # the note given with `task fail --reason` (a no-go's note on a gate)
    since: datetime | None


class AwaitingGate(TypedDict):
    key: str
    title: str
    status: str
    planned_start: datetime | None
    earliest_start: datetime
    ready: bool
    decision: LatestDecision | None


#: The last finished rehearsal: ``run_document`` plus ``biggest_overruns``.
Rehearsal = RunWithOverruns


class Tracked(TypedDict):
    on_time_pct: float | None
    burndown: Burndown | None


class CutoverSection(TypedDict):
    timezone: str
    run: RunInfo | None
    planned_start: datetime | None
    planned_end: datetime | None
    forecast_end: datetime | None
    cutover_end: PlannedForecast | None
    window: Window
    go_live: GoLive | None
    progress: Progress
    on_time_pct: float | None
    milestones: list[Milestone]
    burndown: Burndown | None
    late: list[LateTask]
    blocked: list[BlockedTask]
    failed: list[FailedTask]
    gates_awaiting: list[AwaitingGate]
    gates: list[GateCriteriaRow]
    next: list[NextRow]
    last_rehearsal: Rehearsal | None
    signals: list[Signal]


# --- building it --------------------------------------------------------------------------

def _ready_by(runbook: Runbook, result: Plan, go_live: int | None) -> int:
    """Epoch seconds when the cutover work is done (see the module docstring)."""
    if go_live is None:
        return result.end
    deps = runbook.depends_on[go_live]
    if not deps:
        return result.earliest_start[go_live]
    return max(result.earliest_finish[d] for d in deps)


def _progress(runbook: Runbook) -> Progress:
    counts = dict.fromkeys(("todo", "in_progress", "done", "failed", "skipped", "blocked"), 0)
    streams: dict[str, WorkstreamProgress] = {}
    for task, state in zip(runbook.tasks, runbook.states, strict=True):
        counts[state.status] += 1
        entry = streams.setdefault(task.workstream, {"workstream": task.workstream, "done": 0,
                                                     "skipped": 0, "total": 0})
        entry["total"] += 1
        if state.status == "done":
            entry["done"] += 1
        elif state.status == "skipped":
            entry["skipped"] += 1
    total = len(runbook.tasks)
    finished = counts["done"] + counts["skipped"]
    return {
        "todo": counts["todo"], "in_progress": counts["in_progress"], "done": counts["done"],
        "failed": counts["failed"], "skipped": counts["skipped"], "blocked": counts["blocked"],
        "total": total,
        "pct": round(100 * finished / total, 1) if total else None,  # no runbook: no percentage
        "by_workstream": [streams[name] for name in sorted(streams)],
    }


def _last_rehearsal(context: StatusContext, base: Runbook | None = None
                    ) -> RunWithOverruns | None:
    run = last_finished_run(context.session, "rehearsal")
    if run is None:
        return None
    return {**run_document(context.session, run),
            **biggest_overruns(context.session, run, base=base)}


def _tracked(context: StatusContext, planning: PlanningContext, baseline: Plan) -> Tracked:
    """Burndown and on-time share of the active run, else of the last finished one."""
    if planning.runbook.run is None:
        finished = last_finished_run(context.session)
        if finished is None:
            return {"on_time_pct": None, "burndown": None}
        planning = planning_context(
            context.session, load_runbook(context.session, finished, base=planning.runbook),
            now=context.now)
        baseline = planning.baseline()
    return {"on_time_pct": on_time_pct(planning, baseline),
            "burndown": burndown(planning, baseline)}


def _milestones(runbook: Runbook, baseline: Plan, forecast: Plan) -> list[Milestone]:
    """Milestones by planned time: planned vs forecast (what the report's table shows)."""
    rows: list[Milestone] = [
        {"key": task.key, "title": task.title, "planned": moment(baseline.earliest_start[i]),
         "forecast": moment(forecast.earliest_start[i]), "status": runbook.states[i].status}
        for i, task in enumerate(runbook.tasks) if task.kind == "milestone"
    ]
    return sorted(rows, key=lambda row: row["planned"])


def _zone_name(context: StatusContext) -> str:
    """The zone the view shows times in (sections are rendered without the whole document)."""
    return get(context.session, "programme.timezone")


def _empty(context: StatusContext) -> CutoverSection:
    start, end = window(context.session)
    return {"timezone": _zone_name(context), "run": None, "planned_start": None,
            "planned_end": None, "forecast_end": None, "cutover_end": None,
            "window": {"start": start, "end": end}, "go_live": None,
            "progress": _progress(load_runbook(context.session)), "on_time_pct": None,
            "milestones": [], "burndown": None, "late": [], "blocked": [], "failed": [],
            "gates_awaiting": [], "gates": [], "next": [],
            "last_rehearsal": _last_rehearsal(context),
            "signals": []}


@dataclass(frozen=True)
class _Plans:
    """The runbook of the active run (if any) and its baseline and forecast plans."""

    context: StatusContext
    runbook: Runbook
    planning: PlanningContext
    baseline: Plan
    forecast: Plan

    def local(self, epoch: int) -> str:
        return format_local(moment(epoch), self.context.tz)


def _late(plans: _Plans) -> tuple[list[LateTask], list[Signal]]:
    """Tasks that should have started by now; a critical one is a red signal."""
    runbook, baseline = plans.runbook, plans.baseline
    rows: list[LateTask] = []
    signals: list[Signal] = []
    for position in sorted(late_positions(plans.planning, baseline),
                           key=lambda i: (baseline.latest_start[i], i)):
        task = runbook.tasks[position]
        critical = plans.forecast.critical(position)
        rows.append({
            "key": task.key, "title": task.title, "system": task.system, "owner": task.owner,
            "status": runbook.states[position].status,
            "latest_start": moment(baseline.latest_start[position]),
            "latest_finish": moment(baseline.latest_finish[position]), "critical": critical,
        })
        if critical:
            latest_start = plans.local(baseline.latest_start[position])
            signals.append(signal(
                "red", f"{task.key} is late (should have started by {latest_start}) and "
                       "critical", code="task-late", system=task.system, task=task.key,
                latest_start=latest_start))
    return rows, signals


def _since(state: StateRow) -> datetime | None:
    """When a task failed or was blocked: its failure time, else when its row last changed."""
    return state.actual_end if state.status == "failed" and state.actual_end else state.updated_at


def _stuck_sentence(row: BlockedTask | FailedTask, what: str, tz: tzinfo) -> str:
    since = format_local(row["since"], tz) if row["since"] else "?"
    sentence = f"{row['key']} {what} (owner {row['owner'] or '?'}, since {since})"
    return sentence + (f": {row['reason']}" if row["reason"] else "")


def _blocked(runbook: Runbook, tz: tzinfo) -> tuple[list[BlockedTask], list[Signal]]:
    """Blocked tasks, each a red signal (the first ten; the rest counted in one)."""
    rows: list[BlockedTask] = []
    for position, state in enumerate(runbook.states):
        if state.status != "blocked":
            continue
        task = runbook.tasks[position]
        holder = runbook.by_id.get(state.blocked_by_id or -1)
        rows.append({
            "key": task.key, "title": task.title, "system": task.system, "owner": task.owner,
            "reason": state.block_reason,
            "blocked_by": None if holder is None else runbook.tasks[holder].key,
            "since": _since(state),
        })
    signals = [signal("red", _stuck_sentence(row, "is blocked", tz),
                      code="task-blocked", system=row["system"], task=row["key"],
                      block_reason=row["reason"], owner=row["owner"],
                      since=format_local(row["since"], tz) if row["since"] else None)
               for row in rows[:BLOCKED_SIGNALLED]]
    if len(rows) > BLOCKED_SIGNALLED:
        more = len(rows) - BLOCKED_SIGNALLED
        signals.append(signal("red", f"{more} more tasks are blocked",
                              code="tasks-blocked-more", count=more))
    return rows, signals


def _failed(runbook: Runbook, tz: tzinfo) -> tuple[list[FailedTask], list[Signal]]:
    """Failed tasks (gates failed by a no-go have their own signal), each a red signal."""
    rows: list[FailedTask] = []
    signals: list[Signal] = []
    for position, state in enumerate(runbook.states):
        task = runbook.tasks[position]
        if state.status != "failed":
            continue
        row: FailedTask = {"key": task.key, "title": task.title, "system": task.system,
                           "owner": task.owner, "reason": state.note, "since": _since(state)}
        rows.append(row)
        if task.kind == "gate":  # a no-go: gate-no-go says it with who decided
            continue
        signals.append(signal(
            "red", _stuck_sentence(row, "failed", tz), code="task-failed",
            system=task.system, task=task.key, owner=task.owner,
            since=format_local(row["since"], tz) if row["since"] else None,
            note=state.note))
    return rows, signals


def _no_go(task_key: str, system: str | None, decision: LatestDecision) -> Signal:
    return signal(
        "red", f"no-go at {task_key} by {decision['decided_by']}"
               + (f": {decision['note']}" if decision["note"] else ""),
        code="gate-no-go", system=system, gate=task_key,
        decided_by=decision["decided_by"], note=decision["note"])


def _awaiting(plans: _Plans) -> tuple[list[AwaitingGate], list[Signal]]:
    """Open gates of the active run that are ready, under way or decided; no-go is red."""
    runbook = plans.runbook
    if runbook.run is None:
        return [], []
    decisions = latest_decisions(plans.context.session, runbook.run)
    gates: list[AwaitingGate] = []
    signals: list[Signal] = []
    for position, task in enumerate(runbook.tasks):
        state = runbook.states[position]
        if task.kind != "gate" or state.status in RESOLVED:
            continue
        decision = decisions.get(task.id)
        ready = all(runbook.states[d].status in RESOLVED for d in runbook.depends_on[position])
        if decision is not None and decision["decision"] == "no-go":
            signals.append(_no_go(task.key, task.system, decision))
        if ready or state.status in ("in_progress", "failed") or decision is not None:
            gates.append({
                "key": task.key, "title": task.title, "status": state.status,
                "planned_start": task.planned_start,
                "earliest_start": moment(plans.forecast.earliest_start[position]),
                "ready": ready, "decision": decision,
            })
    return gates, signals


def _ends(plans: _Plans, go_live: int | None, window_end: datetime | None
          ) -> tuple[PlannedForecast, list[Signal]]:
    """When the cutover work ends (planned, forecast); a slip is amber, a window overrun red."""
    baseline, forecast, tz = plans.baseline, plans.forecast, plans.context.tz
    signals: list[Signal] = []
    if forecast.end > baseline.end:
        slip = (forecast.end - baseline.end) // 60
        forecast_end, planned_end = plans.local(forecast.end), plans.local(baseline.end)
        signals.append(signal(
            "amber", f"forecast end {forecast_end} is {format_duration(slip)} after the planned "
                     f"end {planned_end}", code="forecast-late", forecast_end=forecast_end,
            slip=format_duration(slip), planned_end=planned_end))
    cutover_end: PlannedForecast = {
        "planned": moment(_ready_by(plans.runbook, baseline, go_live)),
        "forecast": moment(_ready_by(plans.runbook, forecast, go_live))}
    if window_end is not None and cutover_end["forecast"] > window_end:
        forecast_end = format_local(cutover_end["forecast"], tz)
        ends = format_local(window_end, tz)
        signals.append(signal(
            "red", f"the cutover is forecast to end {forecast_end}, after the window end "
                   f"{ends}", code="window-overrun", forecast_end=forecast_end, window_end=ends))
    return cutover_end, signals


def _go_live(plans: _Plans, go_live: int | None) -> GoLive | None:
    if go_live is None:
        return None
    return {"key": plans.runbook.tasks[go_live].key,
            "planned": moment(plans.baseline.earliest_start[go_live]),
            "forecast": moment(plans.forecast.earliest_start[go_live])}


def build_section(context: StatusContext) -> CutoverSection:
    session = context.session
    run = active_run_row(session)
    runbook = load_runbook(session, run)
    if not runbook.tasks:
        return _empty(context)
    planning = planning_context(session, runbook, now=context.now)
    baseline = planning.baseline()
    plans = _Plans(context, runbook, planning, baseline,
                   planning.forecast() if run is not None else baseline)
    window_start, window_end = window(session)
    go_live = runbook.index.get(go_live_key(session) or "")
    late, late_signals = _late(plans)
    blocked, blocked_signals = _blocked(runbook, context.tz)
    failed, failed_signals = _failed(runbook, context.tz)
    awaiting, awaiting_signals = _awaiting(plans)
    gate_rows, gate_signals = criteria_rows(context, runbook, baseline)
    cutover_end, end_signals = _ends(plans, go_live, window_end)
    progress = _progress(runbook)
    if run is None:
        # No run in progress: nothing is being done, so no percentage (the KPI keeps its
        # last snapshot instead of dropping to 0 % between rehearsals).
        progress["pct"] = None
    tracked = _tracked(context, planning, baseline)
    return {
        "timezone": _zone_name(context),
        "run": None if run is None else {"name": run.name, "kind": run.kind,
                                         "started_at": run.started_at},
        "planned_start": moment(baseline.start),
        "planned_end": moment(baseline.end),
        "forecast_end": moment(plans.forecast.end),
        "cutover_end": cutover_end,
        "window": {"start": window_start, "end": window_end},
        "go_live": _go_live(plans, go_live),
        "progress": progress,
        "on_time_pct": tracked["on_time_pct"],
        "burndown": tracked["burndown"],
        "milestones": _milestones(runbook, baseline, plans.forecast),
        "late": late,
        "blocked": blocked,
        "failed": failed,
        "gates_awaiting": awaiting,
        "gates": gate_rows,
        "next": next_rows(planning, plans.forecast, limit=NEXT_SHOWN),
        "last_rehearsal": _last_rehearsal(context, runbook),
        "signals": [*late_signals, *failed_signals, *blocked_signals, *awaiting_signals,
                    *gate_signals, *end_signals],
    }
