"""Each gate's criteria state for the cutover section of `migctl status`.

Signal: **amber** for a gate not yet passed whose criteria fail while its planned start is
less than :data:`SOON_DAYS` days away (or already past).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict

from migctl.services.gates.check import evaluate_gates, state
from migctl.services.gates.evaluate import Evaluator
from migctl.services.runbook.critical_path import Plan
from migctl.services.runbook.fields import RESOLVED
from migctl.services.runbook.plan import moment
from migctl.services.runbook.read import Runbook
from migctl.services.status.context import signal
from migctl.values import format_local

if TYPE_CHECKING:
    from migctl.services.gates.evaluate import Result
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal

SOON_DAYS = 7


class FailingCriterion(TypedDict):
    spec: str
    message: str


class GateCriteriaRow(TypedDict):
    """A gate of the runbook and how its criteria stand (the cutover section's ``gates``)."""

    key: str
    title: str
    system: str | None
    status: str
    planned_start: datetime
    state: str  # pass | fail | none
    criteria: int
    passed: int
    failing: list[FailingCriterion]


def _signal(task_key: str, system: str | None, when: str, failing: list[Result]) -> Signal:
    first = failing[0]
    more = f" and {len(failing) - 1} more" if len(failing) > 1 else ""
    return signal(
        "amber", f"{task_key} (planned {when}): {first.spec} fails ({first.message}){more}",
        code="gate-criteria-failing", system=system, gate=task_key, planned=when,
        spec=first.spec, message=first.message, more=len(failing) - 1)


def gate_rows(context: StatusContext, runbook: Runbook, baseline: Plan
              ) -> tuple[list[GateCriteriaRow], list[Signal]]:
    """(one row per gate, signals); ``runbook`` carries the states of the run looked at."""
    positions = [i for i, task in enumerate(runbook.tasks) if task.kind == "gate"]
    if not positions:
        return [], []
    evaluator = Evaluator(session=context.session, now=context.now, tz=context.tz,
                          run=runbook.run, runbook=runbook)
    results = evaluate_gates(context.session, [runbook.tasks[i] for i in positions], evaluator)
    soon = context.now + timedelta(days=SOON_DAYS)
    rows: list[GateCriteriaRow] = []
    signals: list[Signal] = []
    for i in positions:
        task = runbook.tasks[i]
        found = results[task.id]
        failing = [r for r in found if not r.passed]
        planned = moment(baseline.earliest_start[i])
        status = runbook.states[i].status
        rows.append({
            "key": task.key, "title": task.title, "system": task.system, "status": status,
            "planned_start": planned, "state": state(found),
            "criteria": len(found), "passed": len(found) - len(failing),
            "failing": [{"spec": r.spec, "message": r.message} for r in failing],
        })
        if failing and status not in RESOLVED and planned <= soon:
            signals.append(_signal(task.key, task.system, format_local(planned, context.tz),
                                   failing))
    return rows, signals
