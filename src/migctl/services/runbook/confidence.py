"""Window confidence: the Monte Carlo engine (:mod:`~migctl.services.runbook.simulate`) fed from
the store — the runbook, its fixed times, the active run's facts and the rehearsals' actuals.

* **Which runbook**: the run asked for, else the active one, else the plan (as ``task plan``).
  A task done in that run takes its actual duration from its actual start; a skipped task takes
  no time; in a live run nothing unstarted starts before now.
* **History**: a task's actual minutes (end − start) in every *other* rehearsal run where it
  was done; drawn as the engine's module docstring says (empirical from 3, triangular from 1–2,
  else plan ± ``cutover.spread_pct``).
* **Cutover end**: when everything the go-live milestone (``cutover.go_live``) waits for is
  finished (without one: the end of all work), as the cutover section defines it; **go-live**:
  the milestone's start. ``p_within_window`` is the share of simulations whose cutover end is
  at or before ``cutover.window_end`` (``None`` without a window end).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import select

from migctl.errors import OptionError
from migctl.services.runbook.critical_path import MINUTE, PlanTask
from migctl.services.runbook.forecast_cache import Simulated
from migctl.services.runbook.graph import CycleError
from migctl.services.runbook.plan import PlanningContext, epoch, moment
from migctl.services.runbook.read import Runbook, execute
from migctl.services.runbook.settings import go_live_key, window
from migctl.services.runbook.simulate import DEFAULT_SPREAD, Draw, SimTask, Simulation
from migctl.store.tables import CUTOVER_RUN, TASK_RUN_STATE

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal
    from migctl.store.db import Db

#: Tasks the criticality table shows (the JSON lists every task).
TOP = 10
MAX_SIMULATIONS = 1_000_000


class Percentiles(TypedDict):
    p50: datetime
    p80: datetime
    p95: datetime


class Criticality(TypedDict):
    key: str
    criticality: float


class ForecastDocument(TypedDict):
    """``task forecast --simulate N -f json`` (times ISO 8601 UTC)."""

    simulations: int
    seed: int
    cutover_end: Percentiles | None
    go_live: Percentiles | None
    p_within_window: float | None
    criticality: list[Criticality]


class WindowForecast(ForecastDocument):
    """The forecast with what its views need besides: the run, the window, the go-live key."""

    run: str | None
    window_end: datetime | None
    go_live_key: str | None
    tasks: int


def history(db: Db, runbook: Runbook) -> list[list[int]]:
    """Per task (runbook order): its actual minutes in each other rehearsal it was done in."""
    state, run = TASK_RUN_STATE.c, CUTOVER_RUN.c
    query = (select(state.task_id, state.actual_start, state.actual_end)
             .select_from(TASK_RUN_STATE.join(CUTOVER_RUN, run.id == state.run_id))
             .where(run.kind == "rehearsal", state.status == "done",
                    state.actual_start.is_not(None), state.actual_end.is_not(None))
             .order_by(run.started_at, run.id))
    current = runbook.run.id if runbook.run is not None else None
    if current is not None:
        query = query.where(run.id != current)
    result: list[list[int]] = [[] for _ in runbook.tasks]
    for task_id, began, ended in execute(db, query):
        position = runbook.by_id.get(task_id)
        if position is not None:
            result[position].append(max(0, int((ended - began).total_seconds()) // MINUTE))
    return result


def _offset(start: int, seconds: int) -> int:
    return (seconds - start) // MINUTE


def sim_tasks(planning: PlanningContext, actuals: list[list[int]],
              spread: float = DEFAULT_SPREAD) -> list[SimTask]:
    """The engine's tasks: the planner's view of the run (fixed times, facts) plus history."""
    start = planning.start
    floor = _offset(start, planning.now) if planning.live else None
    with_actuals = planning.runbook.run is not None
    result: list[SimTask] = []
    for task, measured in zip(planning.tasks(with_actuals=with_actuals), actuals, strict=True):
        result.append(_sim_task(task, measured, start, floor, spread))
    return result


def _sim_task(task: PlanTask, measured: list[int], start: int, floor: int | None,
              spread: float) -> SimTask:
    if task.status == "done" and task.actual_start is not None and task.actual_end is not None:
        minutes = max(0, task.actual_end - task.actual_start) // MINUTE
        return SimTask(task.key, Draw.fixed(minutes), task.depends_on,
                       _offset(start, task.actual_start))
    if task.status == "skipped":
        return SimTask(task.key, Draw.fixed(0), task.depends_on)
    draw = Draw.from_history(task.duration, measured, spread)
    if task.actual_start is not None and task.status in ("in_progress", "blocked", "failed"):
        return SimTask(task.key, draw, task.depends_on, _offset(start, task.actual_start))
    fixed = None if task.planned_start is None else _offset(start, task.planned_start)
    if floor is not None:
        fixed = floor if fixed is None else max(fixed, floor)
    return SimTask(task.key, draw, task.depends_on, fixed)


@dataclass(frozen=True)
class _Milestone:
    """Per-simulation samples (minutes after the plan start) of the cutover end and go-live."""

    cutover_end: npt.NDArray[np.int64]
    go_live: npt.NDArray[np.int64] | None


def _milestone(tasks: list[SimTask], result: Simulation, go_live: int | None) -> _Milestone:
    import numpy as np

    if go_live is None:
        return _Milestone(result.ends, None)
    deps = list(tasks[go_live].depends_on)
    appointment = max(tasks[go_live].fixed_start or 0, 0)
    ready = (result.finishes[deps].max(axis=0) if deps
             else np.zeros(result.simulations, dtype=np.int64))
    begins = np.maximum(ready, appointment)
    return _Milestone(ready if deps else begins, begins)


def _times(start: int, offsets: dict[str, int]) -> Percentiles:
    return {"p50": moment(start + offsets["p50"] * MINUTE),
            "p80": moment(start + offsets["p80"] * MINUTE),
            "p95": moment(start + offsets["p95"] * MINUTE)}


def check_simulations(simulations: int) -> int:
    if not 1 <= simulations <= MAX_SIMULATIONS:
        raise OptionError(f"must be 1 to {MAX_SIMULATIONS:,}", field="simulate",
                          value=str(simulations))
    return simulations


def forecast_window(db: Db, planning: PlanningContext, *, simulations: int, seed: int,
                    spread: float = DEFAULT_SPREAD) -> WindowForecast:
    """Simulate ``planning``'s runbook ``simulations`` times from ``seed`` (or read back the
    result of the very same simulation, :mod:`forecast_cache`)."""
    from migctl.services.runbook.forecast_cache import remembered

    check_simulations(simulations)
    runbook = planning.runbook
    tasks = sim_tasks(planning, history(db, runbook), spread)
    go_live_name = go_live_key(db)
    go_live = runbook.index.get(go_live_name or "")
    window_end = window(db)[1]
    limit = (_offset(planning.start, epoch(window_end))
             if window_end is not None and tasks else None)
    inputs = [[[t.key, t.draw.kind, list(t.draw.values), list(t.depends_on), t.fixed_start]
               for t in tasks], simulations, seed, go_live, limit]
    found = remembered(inputs, lambda: _simulate(planning, tasks, simulations=simulations,
                                                 seed=seed, go_live=go_live, limit=limit))
    ranked = sorted(range(len(tasks)), key=lambda i: (-found["criticality"][i], i))
    run = runbook.run
    cutover_end, go_live_at = found["cutover_end"], found["go_live"]
    return {
        "simulations": simulations, "seed": seed,
        "cutover_end": None if cutover_end is None else _times(planning.start, cutover_end),
        "go_live": None if go_live_at is None else _times(planning.start, go_live_at),
        "p_within_window": found["within"],
        "criticality": [{"key": tasks[i].key, "criticality": round(found["criticality"][i], 4)}
                        for i in ranked],
        "run": None if run is None else run.name, "window_end": window_end,
        "go_live_key": None if go_live is None else go_live_name, "tasks": len(tasks),
    }


def _simulate(planning: PlanningContext, tasks: list[SimTask], *, simulations: int, seed: int,
              go_live: int | None, limit: int | None) -> Simulated:
    """The NumPy work: percentiles (minutes after the plan start), the share within the
    window, each task's criticality."""
    from migctl.services.runbook.simulate import percentiles, simulate

    try:
        result = simulate(tasks, simulations=simulations, seed=seed,
                          end_at=() if go_live is None else tasks[go_live].depends_on)
    except CycleError:
        planning.forecast()  # raises the planner's Conflict naming the cycle's tasks
        raise
    samples = _milestone(tasks, result, go_live)
    within = None
    if limit is not None:
        within = round(float((samples.cutover_end <= limit).mean()), 4)
    return {"cutover_end": percentiles(samples.cutover_end) if tasks else None,
            "go_live": None if samples.go_live is None else percentiles(samples.go_live),
            "within": within, "criticality": result.criticality}


def forecast_document(forecast: WindowForecast) -> ForecastDocument:
    """Exactly the documented JSON keys."""
    return {"simulations": forecast["simulations"], "seed": forecast["seed"],
            "cutover_end": forecast["cutover_end"], "go_live": forecast["go_live"],
            "p_within_window": forecast["p_within_window"],
            "criticality": forecast["criticality"]}


# --- the status section ---------------------------------------------------------------------

class WindowSection(TypedDict):
    """The "window" section: the forecast with status's fixed seed and count (None without
    tasks), criticality cut to the top ten."""

    timezone: str
    forecast: WindowForecast | None
    signals: list[Signal]


def build_section(context: StatusContext) -> WindowSection:
    from migctl.services.runbook import confidence_settings as chosen
    from migctl.services.runbook.plan import planning_context
    from migctl.services.runbook.read import active_run_row, load_runbook
    from migctl.services.settings import get

    db = context.session
    runbook = load_runbook(db, active_run_row(db))
    result: WindowForecast | None = None
    if runbook.tasks:
        planning = planning_context(db, runbook, now=context.now)
        result = forecast_window(db, planning, simulations=chosen.simulations(db),
                                 seed=chosen.seed(db), spread=chosen.spread(db))
        result["criticality"] = result["criticality"][:TOP]
    return {"timezone": get(db, "programme.timezone"), "forecast": result, "signals": []}
