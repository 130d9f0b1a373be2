"""`migctl task gate-check`: every criterion of a gate evaluated now, with its evidence.

The document is what `task gate-check -f json` prints and what a decision stores as its
evidence snapshot (in ``gate_decision.evidence`` and in the audit event's ``after``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from migctl.services.gates.documents import GateCheckDocument
from migctl.services.gates.evaluate import DEFAULT_MAX_AGE_MINUTES, Evaluator, Result
from migctl.services.gates.read import criteria_by_task, find_gate
from migctl.services.runbook.read import RunLike, TaskRow
from migctl.services.settings import timezone

if TYPE_CHECKING:
    from migctl.store.db import Db


def state(results: list[Result]) -> str:
    """``pass`` (every criterion passes), ``fail`` (one fails) or ``none`` (no criteria)."""
    if not results:
        return "none"
    return "pass" if all(r.passed for r in results) else "fail"


def gate_document(task: TaskRow, results: list[Result], evaluator: Evaluator
                  ) -> GateCheckDocument:
    failed = sum(1 for r in results if not r.passed)
    return {
        "gate": task.key, "title": task.title,
        "run": None if evaluator.run is None else evaluator.run.name,
        "evaluated_at": evaluator.now, "max_age_minutes": evaluator.max_age_minutes,
        "state": state(results), "passed": failed == 0,
        "counts": {"criteria": len(results), "passed": len(results) - failed, "failed": failed},
        "criteria": [r.document() for r in results],
    }


def evaluate_gates(db: Db, gates: list[TaskRow], evaluator: Evaluator
                   ) -> dict[int, list[Result]]:
    """Gate task id → the results of its criteria (a gate without criteria: empty)."""
    stored = criteria_by_task(db, [gate.id for gate in gates])
    return {gate.id: [evaluator.evaluate_text(row.spec, gate=gate.key)
                      for row in stored.get(gate.id, [])] for gate in gates}


def check_gate(db: Db, *, key: str, run: RunLike | None, now: datetime,
               max_age_minutes: int = DEFAULT_MAX_AGE_MINUTES) -> GateCheckDocument:
    """One gate's criteria evaluated as of ``now``; ``tasks-done`` reads ``run``."""
    gate = find_gate(db, key)
    evaluator = Evaluator(session=db, now=now, tz=timezone(db), run=run,
                          max_age_minutes=max_age_minutes)
    return gate_document(gate, evaluate_gates(db, [gate], evaluator)[gate.id], evaluator)
