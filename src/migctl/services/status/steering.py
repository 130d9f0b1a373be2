"""What the steering group decides on: gates with their evidence, the cutover's critical path
and what needs attention, and how the rehearsals went (the report's ``steering`` document).

Read through SQLAlchemy Core only, like the status (``migctl report`` loads no ORM module).

* ``gates``: every gate of the runbook with its planned time (the plan of the active run,
  else the baseline), each criterion evaluated now (canonical spec, pass/fail, the kind's
  evidence and its one-line English message), and every decision recorded on it in any run,
  overrides and their reasons included.
* ``cutover``: the critical path of the active run's forecast (else of the plan) with each
  task's forecast start, finish and slack; the tasks late, failed or blocked, with owners;
  the tasks that can start now and those running (the board shows these).
* ``rehearsals``: per finished rehearsal, planned against actual work of the whole and each
  workstream (the sums `cutover run compare` gives), its biggest overruns and whether it
  fitted the cutover window; ``estimates``: how the plan's durations compare with the
  rehearsals' medians, and every re-estimate applied (from the audit log).
"""

from __future__ import annotations

import statistics
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import select

from migctl.errors import MigctlError
from migctl.services.gates.check import evaluate_gates, state
from migctl.services.gates.documents import CriterionResultDocument
from migctl.services.gates.evaluate import Evaluator
from migctl.services.runbook.compare import compare_runs
from migctl.services.runbook.documents import ComparedRun, Overrun
from migctl.services.runbook.plan import (
    late_positions,
    moment,
    planning_context,
    ready_positions,
)
from migctl.services.runbook.read import (
    RunRow,
    active_run_row,
    execute,
    load_runbook,
    run_query,
)
from migctl.services.runbook.settings import window
from migctl.services.status.documents import ReportDocument
from migctl.store.tables import AUDIT_EVENT, CUTOVER_RUN, GATE_DECISION

if TYPE_CHECKING:
    from migctl.services.runbook.critical_path import Plan
    from migctl.services.runbook.plan import PlanningContext
    from migctl.services.runbook.read import Runbook
    from migctl.store.db import Db

#: Tasks shown per list on the board and in the report (the rest are counted).
SHOWN = 15
#: Biggest overruns listed per rehearsal.
TOP_OVERRUNS = 5
#: Tasks whose estimate would change most, listed.
TOP_ESTIMATES = 10


# --- the document -------------------------------------------------------------------------

class GateDecisionRow(TypedDict):
    run: str
    decision: str
    decided_by: str
    decided_at: datetime
    note: str
    override: bool
    reason: str | None


class SteeringGate(TypedDict):
    key: str
    title: str
    system: str | None
    status: str  # the gate task's status in the run looked at
    planned_start: datetime
    state: str  # pass | fail | none
    criteria: list[CriterionResultDocument]
    decisions: list[GateDecisionRow]  # newest first


class PathTask(TypedDict):
    key: str
    title: str
    owner: str
    workstream: str
    status: str
    start: datetime  # forecast (active run) or planned
    finish: datetime
    slack_minutes: int
    critical: bool


class AttentionTask(TypedDict):
    key: str
    title: str
    owner: str
    status: str
    why: str  # late | failed | blocked
    since: datetime | None  # actual start (running, failed) or latest start (late)
    reason: str | None  # the block reason as typed


class RunTask(TypedDict):
    key: str
    title: str
    owner: str
    status: str
    start: datetime  # forecast start (ready) or actual start (running)
    finish: datetime  # forecast finish
    slack_minutes: int
    critical: bool


class SteeringCutover(TypedDict):
    run: str | None
    run_kind: str | None
    plan: str  # forecast (active run) | baseline
    end: datetime | None
    critical_path: list[PathTask]
    attention: list[AttentionTask]
    ready: list[RunTask]
    running: list[RunTask]


class WorkstreamWork(TypedDict):
    workstream: str
    done: int
    planned_minutes: int
    actual_minutes: int
    overrun_minutes: int


class RehearsalResult(TypedDict):
    run: ComparedRun
    workstreams: list[WorkstreamWork]
    biggest_overruns: list[Overrun]
    window_minutes: int | None
    fitted_window: bool | None  # elapsed within the window's length (None: no window)


class EstimateRow(TypedDict):
    key: str
    title: str
    planned_minutes: int
    median_minutes: int
    samples: int


class AppliedEstimate(TypedDict):
    at: datetime
    actor: str
    runs: list[str]
    changed: int
    end_change_minutes: int | None


class Estimates(TypedDict):
    tasks_with_actuals: int
    longer: int
    shorter: int
    planned_minutes: int  # the plan's minutes of the tasks with actuals
    median_minutes: int  # the same tasks at their rehearsals' medians
    biggest_changes: list[EstimateRow]
    applied: list[AppliedEstimate]


class SteeringDocument(TypedDict):
    gates: list[SteeringGate]
    cutover: SteeringCutover
    rehearsals: list[RehearsalResult]
    estimates: Estimates
    error: str | None  # why the parts could not be built (the rest of the report stands)


class SteeringReport(ReportDocument):
    """The report document with the steering group's parts."""

    steering: SteeringDocument


# --- gates --------------------------------------------------------------------------------

def _decisions(db: Db) -> dict[int, list[GateDecisionRow]]:
    """Gate task id → every decision on it, newest first."""
    decision, run = GATE_DECISION.c, CUTOVER_RUN.c
    found: dict[int, list[GateDecisionRow]] = {}
    for row in execute(db, select(decision.task_id, run.name, decision.decision,
                                  decision.decided_by, decision.decided_at, decision.note,
                                  decision.override, decision.reason)
                       .select_from(GATE_DECISION.join(CUTOVER_RUN,
                                                       CUTOVER_RUN.c.id == decision.run_id))
                       .order_by(decision.decided_at.desc(), decision.id.desc())):
        found.setdefault(row[0], []).append({
            "run": row[1], "decision": row[2], "decided_by": row[3], "decided_at": row[4],
            "note": row[5] or "", "override": bool(row[6]), "reason": row[7]})
    return found


def _gates(db: Db, planning: PlanningContext, plan: Plan, now: datetime) -> list[SteeringGate]:
    runbook = planning.runbook
    positions = [i for i, task in enumerate(runbook.tasks) if task.kind == "gate"]
    if not positions:
        return []
    evaluator = Evaluator(session=db, now=now, tz=planning.tz, run=runbook.run,
                          runbook=runbook)
    results = evaluate_gates(db, [runbook.tasks[i] for i in positions], evaluator)
    decisions = _decisions(db)
    gates: list[SteeringGate] = []
    for i in positions:
        task = runbook.tasks[i]
        found = results[task.id]
        gates.append({"key": task.key, "title": task.title, "system": task.system,
                      "status": runbook.states[i].status,
                      "planned_start": moment(plan.earliest_start[i]), "state": state(found),
                      "criteria": [r.document() for r in found],
                      "decisions": decisions.get(task.id, [])})
    return sorted(gates, key=lambda g: (g["planned_start"], g["key"]))


# --- cutover ------------------------------------------------------------------------------

def _run_task(runbook: Runbook, plan: Plan, i: int, start: datetime | None = None) -> RunTask:
    task = runbook.tasks[i]
    return {"key": task.key, "title": task.title, "owner": task.owner,
            "status": runbook.states[i].status,
            "start": start or moment(plan.earliest_start[i]),
            "finish": moment(plan.earliest_finish[i]), "slack_minutes": plan.slack(i) // 60,
            "critical": plan.critical(i)}


def _attention(planning: PlanningContext, baseline: Plan) -> list[AttentionTask]:
    """Late, failed and blocked tasks of the active run (a run's own words: failed first)."""
    runbook = planning.runbook
    if runbook.run is None:
        return []
    late = late_positions(planning, baseline)
    rows: list[AttentionTask] = []
    for i, current in enumerate(runbook.states):
        why = ("failed" if current.status == "failed" else
               "blocked" if current.status == "blocked" else "late" if i in late else None)
        if why is None:
            continue
        task = runbook.tasks[i]
        since = (current.actual_start if why != "late"
                 else moment(baseline.latest_start[i]))
        rows.append({"key": task.key, "title": task.title, "owner": task.owner,
                     "status": current.status, "why": why, "since": since,
                     "reason": current.block_reason})
    order = {"failed": 0, "blocked": 1, "late": 2}
    return sorted(rows, key=lambda r: (order[r["why"]], r["key"]))


def _cutover(planning: PlanningContext, baseline: Plan, plan: Plan) -> SteeringCutover:
    runbook = planning.runbook
    run = runbook.run
    path: list[PathTask] = []
    for i in plan.critical_path:
        task = runbook.tasks[i]
        path.append({"key": task.key, "title": task.title, "owner": task.owner,
                     "workstream": task.workstream, "status": runbook.states[i].status,
                     "start": moment(plan.earliest_start[i]),
                     "finish": moment(plan.earliest_finish[i]),
                     "slack_minutes": plan.slack(i) // 60, "critical": plan.critical(i)})
    ready = running = []
    if run is not None:
        ready = [_run_task(runbook, plan, i) for i in ready_positions(runbook)]
        ready.sort(key=lambda r: (r["start"], r["key"]))
        running = [_run_task(runbook, plan, i, start=state.actual_start)
                   for i, state in enumerate(runbook.states)
                   if state.status == "in_progress"]
    return {"run": None if run is None else run.name,
            "run_kind": None if run is None else run.kind,
            "plan": "forecast" if run is not None else "baseline",
            "end": moment(plan.end) if runbook.tasks else None,
            "critical_path": path, "attention": _attention(planning, baseline),
            "ready": ready[:SHOWN], "running": running}


def run_tasks(db: Db, *, now: datetime) -> SteeringCutover:
    """The active run's tasks for the board: critical path, attention, ready and running."""
    planning = planning_context(db, load_runbook(db, active_run_row(db)), now=now)
    if not planning.runbook.tasks:
        return {"run": None, "run_kind": None, "plan": "baseline", "end": None,
                "critical_path": [], "attention": [], "ready": [], "running": []}
    baseline = planning.baseline()
    plan = planning.forecast() if planning.runbook.run is not None else baseline
    return _cutover(planning, baseline, plan)


# --- rehearsals ---------------------------------------------------------------------------

def _finished_rehearsals(db: Db) -> list[RunRow]:
    return [RunRow._make(row) for row in execute(db, run_query().where(
        CUTOVER_RUN.c.status == "finished", CUTOVER_RUN.c.kind == "rehearsal")
        .order_by(CUTOVER_RUN.c.started_at, CUTOVER_RUN.c.id))]


def _window_minutes(db: Db) -> int | None:
    start, end = window(db)
    if start is None or end is None:
        return None
    return int((end - start).total_seconds() // 60)


def _rehearsals(db: Db, runs: list[RunRow], base: Runbook) -> list[RehearsalResult]:
    limit = _window_minutes(db)
    results: list[RehearsalResult] = []
    for run in runs:
        compared = compare_runs(db, [run.name], top=TOP_OVERRUNS, base=base)
        document = compared["runs"][0]
        elapsed = document["elapsed_minutes"]
        results.append({
            "run": document,
            "workstreams": [{"workstream": w["workstream"], **w["runs"][0]}
                            for w in compared["workstreams"] if w["runs"][0]["done"]],
            "biggest_overruns": compared["biggest_overruns"],
            "window_minutes": limit,
            "fitted_window": None if limit is None or elapsed is None else elapsed <= limit,
        })
    return results


def _actuals(db: Db, runs: list[RunRow], base: Runbook) -> dict[int, list[int]]:
    """Task position → its actual minutes in the runs (tasks done there, zero length left out)."""
    samples: dict[int, list[int]] = {}
    for run in runs:
        book = load_runbook(db, run, base=base)
        for i, current in enumerate(book.states):
            if current.status == "done" and current.actual_start and current.actual_end:
                minutes = int((current.actual_end - current.actual_start).total_seconds() // 60)
                if minutes > 0:
                    samples.setdefault(i, []).append(minutes)
    return samples


def _applied(db: Db) -> list[AppliedEstimate]:
    audit = AUDIT_EVENT.c
    rows: list[AppliedEstimate] = []
    for at, actor, after in execute(db, select(audit.at, audit.actor, audit.after).where(
            audit.entity_type == "runbook", audit.entity_key == "durations",
            audit.action == "estimate").order_by(audit.at, audit.id)):
        after = after if isinstance(after, dict) else {}
        end = after.get("end")
        change = end.get("change_minutes") if isinstance(end, dict) else None
        rows.append({"at": at, "actor": actor, "runs": list(after.get("runs") or []),
                     "changed": len(after.get("changed") or []),
                     "end_change_minutes": change if isinstance(change, int) else None})
    return rows


def _estimates(db: Db, runs: list[RunRow], base: Runbook) -> Estimates:
    rows: list[EstimateRow] = []
    for i, samples in sorted(_actuals(db, runs, base).items()):
        task = base.tasks[i]
        if task.kind == "milestone":
            continue
        rows.append({"key": task.key, "title": task.title,
                     "planned_minutes": task.duration_minutes,
                     "median_minutes": round(statistics.median(samples)),
                     "samples": len(samples)})
    changes = sorted((r for r in rows if r["median_minutes"] != r["planned_minutes"]),
                     key=lambda r: (-abs(r["median_minutes"] - r["planned_minutes"]), r["key"]))
    return {"tasks_with_actuals": len(rows),
            "longer": sum(1 for r in rows if r["median_minutes"] > r["planned_minutes"]),
            "shorter": sum(1 for r in rows if r["median_minutes"] < r["planned_minutes"]),
            "planned_minutes": sum(r["planned_minutes"] for r in rows),
            "median_minutes": sum(r["median_minutes"] for r in rows),
            "biggest_changes": changes[:TOP_ESTIMATES], "applied": _applied(db)}


# --- the whole ----------------------------------------------------------------------------

def build_steering(db: Db, *, now: datetime) -> SteeringDocument:
    """The steering parts; bad data in the store (a dependency cycle written behind migctl's
    back) leaves them empty with the error, as a status section stands in with its error."""
    try:
        return _build(db, now=now)
    except MigctlError as exc:
        empty: SteeringCutover = {"run": None, "run_kind": None, "plan": "baseline", "end": None,
                                  "critical_path": [], "attention": [], "ready": [],
                                  "running": []}
        return {"gates": [], "cutover": empty, "rehearsals": [],
                "estimates": {"tasks_with_actuals": 0, "longer": 0, "shorter": 0,
                              "planned_minutes": 0, "median_minutes": 0,
                              "biggest_changes": [], "applied": []},
                "error": str(exc)}


def _build(db: Db, *, now: datetime) -> SteeringDocument:
    runbook = load_runbook(db, active_run_row(db))
    planning = planning_context(db, runbook, now=now)
    rehearsals = _finished_rehearsals(db)
    if not runbook.tasks:
        return {"gates": [], "cutover": run_tasks(db, now=now),
                "rehearsals": _rehearsals(db, rehearsals, runbook),
                "estimates": _estimates(db, rehearsals, runbook), "error": None}
    baseline = planning.baseline()
    plan = planning.forecast() if runbook.run is not None else baseline
    return {"gates": _gates(db, planning, plan, now),
            "cutover": _cutover(planning, baseline, plan),
            "rehearsals": _rehearsals(db, rehearsals, runbook),
            "estimates": _estimates(db, rehearsals, runbook), "error": None}

