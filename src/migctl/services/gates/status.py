"""Each gate's criteria state for the cutover section of `migctl status`.

Signal: **amber** for a gate not yet passed whose criteria fail while its planned start is
less than :data:`SOON_DAYS` days away (or already past).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from migctl.services.gates.check import evaluate_gates, state
from migctl.services.gates.evaluate import Evaluator
from migctl.services.runbook.critical_path import Plan
from migctl.services.runbook.fields import RESOLVED
from migctl.services.runbook.plan import moment
from migctl.services.runbook.read import Runbook
from migctl.services.status.sections import signal
from migctl.values import format_local

if TYPE_CHECKING:
    from migctl.services.status.sections import StatusContext

SOON_DAYS = 7


def gate_rows(context: StatusContext, runbook: Runbook, baseline: Plan
              ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(one row per gate, signals); ``runbook`` carries the states of the run looked at."""
    positions = [i for i, task in enumerate(runbook.tasks) if task.kind == "gate"]
    if not positions:
        return [], []
    evaluator = Evaluator(session=context.session, now=context.now, tz=context.tz,
                          run=runbook.run, runbook=runbook)
    results = evaluate_gates(context.session, [runbook.tasks[i] for i in positions], evaluator)
    soon = context.now + timedelta(days=SOON_DAYS)
    rows: list[dict[str, Any]] = []
    signals: list[dict[str, Any]] = []
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
            first = failing[0]
            more = f" and {len(failing) - 1} more" if len(failing) > 1 else ""
            when = format_local(planned, context.tz)
            signals.append(signal(
                "amber", f"{task.key} (planned {when}): {first.spec} fails ({first.message}){more}",
                code="gate-criteria-failing", system=task.system, gate=task.key, planned=when,
                spec=first.spec, message=first.message, more=len(failing) - 1))
    return rows, signals
