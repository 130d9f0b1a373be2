"""Actual durations from finished cutover runs, and the statistics estimates are made from.

A task's actual minutes in a run are actual end − actual start when it was done there.
Actuals of zero length (a task recorded done without being started) carry no timing and
are left out. Statistics are exact (``Decimal``); a proposal is rounded up to a whole minute.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from migctl.errors import Conflict, OptionError
from migctl.services.runbook.fields import normalize_run_name
from migctl.services.runbook.read import RunRow, execute, run_query
from migctl.store.tables import CUTOVER_RUN, TASK_RUN_STATE


def finished_rehearsals(session: Session) -> list[RunRow]:
    """Every finished rehearsal, oldest first."""
    return [RunRow._make(row) for row in execute(session, run_query()
        .where(CUTOVER_RUN.c.status == "finished", CUTOVER_RUN.c.kind == "rehearsal")
        .order_by(CUTOVER_RUN.c.started_at, CUTOVER_RUN.c.id))]


def named_runs(session: Session, names: Sequence[str]) -> list[RunRow]:
    """The runs named (in that order); each must exist and be finished."""
    wanted = list(dict.fromkeys(normalize_run_name(n) for n in names))
    if not wanted:
        raise OptionError("name at least one run", field="runs")
    found = {row[1]: RunRow._make(row) for row in execute(session, run_query()
        .where(CUTOVER_RUN.c.name.in_(wanted)))}
    result = []
    for name in wanted:
        run = found.get(name)
        if run is None:
            raise OptionError(f"no cutover run {name!r}; `migctl cutover run list` shows the "
                              "runs", field="runs")
        if run.status != "finished":
            raise Conflict(f"cutover run {name} is still active: its actuals are not final; "
                           f"finish it first (`migctl cutover run finish {name}`)")
        result.append(run)
    return result


def actual_minutes(session: Session, runs: Sequence[RunRow]) -> dict[int, list[int]]:
    """Task id → its actual minutes in each of ``runs`` where it was done (run order)."""
    order = {run.id: i for i, run in enumerate(runs)}
    found: dict[int, list[tuple[int, int]]] = {}
    state = TASK_RUN_STATE.c
    for task_id, run_id, start, end in execute(session, select(
            state.task_id, state.run_id, state.actual_start, state.actual_end)
            .where(state.run_id.in_(list(order)), state.status == "done",
                   state.actual_start.is_not(None), state.actual_end.is_not(None))):
        minutes = int((end - start).total_seconds() // 60)
        if minutes > 0:
            found.setdefault(task_id, []).append((order[run_id], minutes))
    return {task_id: [m for _, m in sorted(pairs)] for task_id, pairs in found.items()}


def median(samples: Sequence[int]) -> Decimal:
    ordered = sorted(samples)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return (Decimal(ordered[middle - 1]) + Decimal(ordered[middle])) / 2


def percentile(samples: Sequence[int], share: Decimal) -> Decimal:
    """Linear interpolation between the closest ranks (numpy's default): with ``n`` samples
    the value at rank ``(n − 1) × share``."""
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * share
    below = int(rank)
    if below + 1 >= len(ordered):
        return Decimal(ordered[-1])
    return ordered[below] + (rank - below) * (ordered[below + 1] - ordered[below])


P90 = Decimal("0.9")


def proposal(samples: Sequence[int], *, critical: bool) -> tuple[int, str, Decimal]:
    """(proposed minutes, statistic, its exact value): p90 for critical tasks, else median."""
    value = percentile(samples, P90) if critical else median(samples)
    return math.ceil(value), "p90" if critical else "median", value
