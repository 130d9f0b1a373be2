"""The cutover section of `migctl status`: progress, forecast, late, blocked, gates, what next.

Signals (facts behind the programme RAG):

* red — a late task that is critical in the forecast (on its system, else programme-wide);
* red — a gate whose latest decision in the active run is no-go;
* red — the cutover work is forecast to end after the cutover window;
* amber — a blocked task;
* amber — the forecast end is after the planned end;
* amber — a gate whose criteria fail within a week of its planned start
  (:mod:`migctl.services.gates.status`, which also gives each gate's criteria state).

The **cutover end** is when everything the go-live milestone (setting ``cutover.go_live``)
waits for is finished; without a go-live milestone it is the plan end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migctl.services.gates.status import gate_rows as criteria_rows
from migctl.services.runbook.burndown import burndown, on_time_pct
from migctl.services.runbook.compare import biggest_overruns
from migctl.services.runbook.critical_path import Plan
from migctl.services.runbook.documents import RunWithOverruns
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
    active_run_row,
    last_finished_run,
    latest_decisions,
    load_runbook,
    run_document,
)
from migctl.services.runbook.settings import go_live_key, window
from migctl.services.settings import get
from migctl.services.status.sections import signal
from migctl.values import format_duration, format_local

if TYPE_CHECKING:
    from migctl.services.status.sections import StatusContext

NEXT_SHOWN = 5


def _ready_by(runbook: Runbook, result: Plan, go_live: int | None) -> int:
    """Epoch seconds when the cutover work is done (see the module docstring)."""
    if go_live is None:
        return result.end
    deps = runbook.depends_on[go_live]
    if not deps:
        return result.earliest_start[go_live]
    return max(result.earliest_finish[d] for d in deps)


def _progress(runbook: Runbook) -> dict[str, Any]:
    counts = dict.fromkeys(("todo", "in_progress", "done", "failed", "skipped", "blocked"), 0)
    streams: dict[str, dict[str, int]] = {}
    for task, state in zip(runbook.tasks, runbook.states, strict=True):
        counts[state.status] += 1
        entry = streams.setdefault(task.workstream, {"done": 0, "skipped": 0, "total": 0})
        entry["total"] += 1
        if state.status in ("done", "skipped"):
            entry[state.status] += 1
    total = len(runbook.tasks)
    finished = counts["done"] + counts["skipped"]
    return {
        **counts, "total": total,
        "pct": round(100 * finished / total, 1) if total else None,  # no runbook: no percentage
        "by_workstream": [{"workstream": name, **entry} for name, entry in sorted(streams.items())],
    }


def _last_rehearsal(context: StatusContext, base: Runbook | None = None
                    ) -> RunWithOverruns | None:
    run = last_finished_run(context.session, "rehearsal")
    if run is None:
        return None
    return {**run_document(context.session, run),
            **biggest_overruns(context.session, run, base=base)}


def _tracked(context: StatusContext, planning: PlanningContext, baseline: Plan
             ) -> dict[str, Any]:
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


def _milestones(runbook: Runbook, baseline: Plan, forecast: Plan) -> list[dict[str, Any]]:
    """Milestones by planned time: planned vs forecast (what the report's table shows)."""
    rows = [
        {"key": task.key, "title": task.title, "planned": moment(baseline.earliest_start[i]),
         "forecast": moment(forecast.earliest_start[i]), "status": runbook.states[i].status}
        for i, task in enumerate(runbook.tasks) if task.kind == "milestone"
    ]
    return sorted(rows, key=lambda row: row["planned"])


def _zone_name(context: StatusContext) -> str:
    """The zone the view shows times in (sections are rendered without the whole document)."""
    return get(context.session, "programme.timezone")


def _empty(context: StatusContext) -> dict[str, Any]:
    start, end = window(context.session)
    return {"timezone": _zone_name(context), "run": None, "planned_start": None,
            "planned_end": None, "forecast_end": None, "cutover_end": None,
            "window": {"start": start, "end": end}, "go_live": None,
            "progress": _progress(load_runbook(context.session)), "on_time_pct": None,
            "milestones": [], "burndown": None, "late": [], "blocked": [],
            "gates_awaiting": [], "gates": [], "next": [],
            "last_rehearsal": _last_rehearsal(context),
            "signals": []}


def build_section(context: StatusContext) -> dict[str, Any]:
    session = context.session
    run = active_run_row(session)
    runbook = load_runbook(session, run)
    if not runbook.tasks:
        return _empty(context)
    planning = planning_context(session, runbook, now=context.now)
    baseline = planning.baseline()
    forecast = planning.forecast() if run is not None else baseline
    late = late_positions(planning, baseline)
    window_start, window_end = window(session)
    go_live = runbook.index.get(go_live_key(session) or "")
    tz = context.tz
    signals: list[dict[str, Any]] = []

    late_rows = []
    for position in sorted(late, key=lambda i: (baseline.latest_start[i], i)):
        task = runbook.tasks[position]
        critical = forecast.critical(position)
        late_rows.append({
            "key": task.key, "title": task.title, "system": task.system, "owner": task.owner,
            "status": runbook.states[position].status,
            "latest_start": moment(baseline.latest_start[position]),
            "latest_finish": moment(baseline.latest_finish[position]), "critical": critical,
        })
        if critical:
            latest_start = format_local(moment(baseline.latest_start[position]), tz)
            signals.append(signal(
                "red", f"{task.key} is late (should have started by {latest_start}) and "
                       "critical", code="task-late", system=task.system, task=task.key,
                latest_start=latest_start))

    blocked_rows = []
    for position, state in enumerate(runbook.states):
        if state.status != "blocked":
            continue
        task = runbook.tasks[position]
        holder = runbook.by_id.get(state.blocked_by_id or -1)
        blocked_rows.append({
            "key": task.key, "title": task.title, "system": task.system, "owner": task.owner,
            "reason": state.block_reason,
            "blocked_by": None if holder is None else runbook.tasks[holder].key,
        })
    for row in blocked_rows[:10]:
        signals.append(signal("amber", f"{row['key']} is blocked: {row['reason']}",
                              code="task-blocked", system=row["system"], task=row["key"],
                              block_reason=row["reason"]))
    if len(blocked_rows) > 10:
        more = len(blocked_rows) - 10
        signals.append(signal("amber", f"{more} more tasks are blocked",
                              code="tasks-blocked-more", count=more))

    gates = []
    if run is not None:
        decisions = latest_decisions(session, run)
        for position, task in enumerate(runbook.tasks):
            state = runbook.states[position]
            if task.kind != "gate" or state.status in RESOLVED:
                continue
            decision = decisions.get(task.id)
            ready = all(runbook.states[d].status in RESOLVED for d in runbook.depends_on[position])
            if decision is not None and decision["decision"] == "no-go":
                signals.append(signal(
                    "red", f"no-go at {task.key} by {decision['decided_by']}"
                           + (f": {decision['note']}" if decision["note"] else ""),
                    code="gate-no-go", system=task.system, gate=task.key,
                    decided_by=decision["decided_by"], note=decision["note"]))
            if ready or state.status in ("in_progress", "failed") or decision is not None:
                gates.append({
                    "key": task.key, "title": task.title, "status": state.status,
                    "planned_start": task.planned_start,
                    "earliest_start": moment(forecast.earliest_start[position]),
                    "ready": ready, "decision": decision,
                })

    gate_rows, gate_signals = criteria_rows(context, runbook, baseline)
    signals.extend(gate_signals)

    if forecast.end > baseline.end:
        slip = (forecast.end - baseline.end) // 60
        forecast_end = format_local(moment(forecast.end), tz)
        planned_end = format_local(moment(baseline.end), tz)
        signals.append(signal(
            "amber", f"forecast end {forecast_end} is {format_duration(slip)} after the planned "
                     f"end {planned_end}", code="forecast-late", forecast_end=forecast_end,
            slip=format_duration(slip), planned_end=planned_end))
    cutover_end = {"planned": moment(_ready_by(runbook, baseline, go_live)),
                   "forecast": moment(_ready_by(runbook, forecast, go_live))}
    if window_end is not None and cutover_end["forecast"] > window_end:
        forecast_end = format_local(cutover_end["forecast"], tz)
        ends = format_local(window_end, tz)
        signals.append(signal(
            "red", f"the cutover is forecast to end {forecast_end}, after the window end "
                   f"{ends}", code="window-overrun", forecast_end=forecast_end, window_end=ends))

    return {
        "timezone": _zone_name(context),
        "run": None if run is None else {"name": run.name, "kind": run.kind,
                                         "started_at": run.started_at},
        "planned_start": moment(baseline.start),
        "planned_end": moment(baseline.end),
        "forecast_end": moment(forecast.end),
        "cutover_end": cutover_end,
        "window": {"start": window_start, "end": window_end},
        "go_live": None if go_live is None else {
            "key": runbook.tasks[go_live].key,
            "planned": moment(baseline.earliest_start[go_live]),
            "forecast": moment(forecast.earliest_start[go_live]),
        },
        # No run in progress: nothing is being done, so no percentage (the KPI keeps its
        # last snapshot instead of dropping to 0 % between rehearsals).
        "progress": _progress(runbook) | ({} if run is not None else {"pct": None}),
        **_tracked(context, planning, baseline),
        "milestones": _milestones(runbook, baseline, forecast),
        "late": late_rows,
        "blocked": blocked_rows,
        "gates_awaiting": gates,
        "gates": gate_rows,
        "next": next_rows(planning, forecast, limit=NEXT_SHOWN),
        "last_rehearsal": _last_rehearsal(context, runbook),
        "signals": signals,
    }
