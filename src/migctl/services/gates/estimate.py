"""`migctl task estimate`: new durations from rehearsal actuals, and what they do to the end.

Each task (milestones aside) done in at least one of the runs gets the median of its actual
minutes, or the 90th percentile if it is critical in the plan (a critical task's overrun moves
the end, so it is planned for a bad day, not a typical one). The effect is shown on the plan
end and on the cutover end (what the go-live milestone waits for), both re-planned with the new
durations; ``apply`` writes them, each change audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session

from migctl.errors import Conflict, NotFound, option_name
from migctl.services.audit import Actor, record
from migctl.services.gates.documents import EstimateDocument, EstimatedTask, Moved
from migctl.services.gates.rehearsals import (
    actual_minutes,
    finished_rehearsals,
    named_runs,
    proposal,
)
from migctl.services.runbook.critical_path import MINUTE, Plan, plan
from migctl.services.runbook.plan import moment, planning_context
from migctl.services.runbook.read import Runbook, execute, load_runbook, run_for_reading
from migctl.services.runbook.settings import go_live_key
from migctl.store.tables import TASK
from migctl.values import format_duration


def cutover_end(runbook: Runbook, result: Plan, go_live: int | None) -> int:
    """When everything the go-live milestone waits for is finished (the plan end without one)."""
    if go_live is None:
        return result.end
    deps = runbook.depends_on[go_live]
    return max((result.earliest_finish[d] for d in deps),
               default=result.earliest_start[go_live])


def _moved(old: int, new: int) -> Moved:
    return {"old": moment(old), "new": moment(new), "change_minutes": (new - old) // MINUTE}


def _proposals(runbook: Runbook, samples: dict[int, list[int]], before: Plan
               ) -> tuple[list[EstimatedTask], dict[int, int], list[str]]:
    """(a row per task with actuals, position → changed duration, keys without actuals)."""
    rows: list[EstimatedTask] = []
    new_durations: dict[int, int] = {}
    without: list[str] = []
    for i, task in enumerate(runbook.tasks):
        if task.kind == "milestone":
            continue
        actuals = samples.get(task.id)
        if not actuals:
            without.append(task.key)
            continue
        critical = before.critical(i)
        minutes, statistic, value = proposal(actuals, critical=critical)
        old = task.duration_minutes
        if minutes != old:
            new_durations[i] = minutes
        rows.append({
            "key": task.key, "title": task.title, "workstream": task.workstream,
            "owner": task.owner, "critical": critical, "statistic": statistic,
            "value": value, "actual_minutes": actuals, "runs": len(actuals),
            "old_minutes": old, "new_minutes": minutes, "change_minutes": minutes - old,
            "old": format_duration(old), "new": format_duration(minutes),
            "changed": minutes != old,
        })
    return rows, new_durations, without


def estimate_durations(
    session: Session,
    actor: Actor,
    *,
    runs: Sequence[str] | None,
    apply: bool,
    now: datetime,
) -> EstimateDocument:
    """Propose (and with ``apply`` write) durations from the actuals of finished ``runs``
    (default: every finished rehearsal)."""
    chosen = named_runs(session, runs) if runs else finished_rehearsals(session)
    if not chosen:
        raise NotFound("no finished rehearsal to estimate from; finish one, or name runs "
                       f"with {option_name('runs')}")
    samples = actual_minutes(session, chosen)
    active = run_for_reading(session, None)
    runbook = load_runbook(session, active)
    context = planning_context(session, runbook, now=now)
    live = active is not None
    before = context.forecast() if live else context.baseline()
    rows, new_durations, without = _proposals(runbook, samples, before)
    replanned = [t._replace(duration=new_durations[i]) if i in new_durations else t
                 for i, t in enumerate(context.tasks(with_actuals=live))]
    after = plan(replanned, start=context.start, now=context.now if context.live else None)
    go_live = runbook.index.get(go_live_key(session) or "")
    document: EstimateDocument = {
        "runs": [run.name for run in chosen],
        "plan": "forecast" if live else "baseline",
        "tasks": rows,
        "without_actuals": without,
        "summary": {"estimated": len(rows), "changed": len(new_durations),
                    "longer": sum(1 for r in rows if r["change_minutes"] > 0),
                    "shorter": sum(1 for r in rows if r["change_minutes"] < 0),
                    "without_actuals": len(without)},
        "end": _moved(before.end, after.end),
        "cutover_end": _moved(cutover_end(runbook, before, go_live),
                              cutover_end(runbook, after, go_live)),
        "applied": [],
    }
    if apply and new_durations:
        _apply(session, actor, runbook, new_durations, document, now)
    return document


def _apply(session: Session, actor: Actor, runbook: Runbook, new_durations: dict[int, int],
           document: EstimateDocument, now: datetime) -> None:
    """Write the new durations (version-checked), each audited, then one summary event."""
    names = ", ".join(document["runs"])
    for i, minutes in new_durations.items():
        task = runbook.tasks[i]
        result = execute(session, update(TASK)
                         .where(TASK.c.id == task.id, TASK.c.version == task.version)
                         .values(duration_minutes=minutes, version=task.version + 1,
                                 updated_at=now))
        if result.rowcount != 1:
            raise Conflict(f"task {task.key} was changed by someone else while this "
                           "command ran; nothing was written, try again")
        row = next(r for r in document["tasks"] if r["key"] == task.key)
        record(session, actor, entity_type="task", entity_key=task.key, action="estimate",
               summary=f"duration {row['old']} → {row['new']} ({row['statistic']} of "
                       f"{row['runs']} actual(s) from {names})",
               before={"duration_minutes": row["old_minutes"]},
               after={"duration_minutes": minutes, "statistic": row["statistic"],
                      "actual_minutes": row["actual_minutes"], "runs": document["runs"]},
               at=now)
        document["applied"].append(task.key)
    record(session, actor, entity_type="runbook", entity_key="durations", action="estimate",
           summary=f"{len(new_durations)} duration(s) re-estimated from {names}; end "
                   f"{document['end']['change_minutes']:+d} min",
           after={"runs": document["runs"], "changed": document["applied"],
                  "end": document["end"], "cutover_end": document["cutover_end"]},
           at=now)
