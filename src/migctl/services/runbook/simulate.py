"""Monte Carlo over the runbook DAG: how likely the cutover fits its window.

One deterministic forecast hides how much each task really varies; the programme's own
rehearsals have measured it. Each simulation draws every task's duration and runs the same
forward pass as the planner (:mod:`migctl.services.runbook.critical_path`): a task starts at the
latest of the plan start, its fixed start (an appointment, such as a gate's planned time) and
the finish of everything it depends on. Its critical path is traced from the task that finishes
last, back through the dependency that finishes last, and it stops at a task whose appointment
came later than all its dependencies (the work before such an appointment had float in that
simulation: it was not critical). A task's *criticality* is the share of simulations in which it
lay on that path.

Durations are drawn per task (:class:`Draw`):

* ``empirical`` — with at least three rehearsal actuals, each recorded actual is equally likely
  (no interpolation);
* ``triangular`` — with fewer, a triangular distribution from the smallest to the largest of
  the plan and the actuals, peaking at the plan;
* ``spread`` — with none, plan ± a configurable share (default 20 %), triangular around the plan;
* ``fixed`` — a task already done in the active run takes its actual duration.

The simulations run side by side as NumPy vectors (one array per task), so 10,000 runs of a
2,000-task runbook take seconds, not minutes; ``seed`` makes them reproducible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from migctl.services.runbook.graph import topological_order

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: How many rehearsal actuals make an empirical distribution.
EMPIRICAL_MIN = 3
#: Plan ± this share when a task has no actuals (``--spread``).
DEFAULT_SPREAD = 0.2
PERCENTILES = (50, 80, 95)

DrawKind = Literal["empirical", "triangular", "spread", "fixed"]


@dataclass(frozen=True, slots=True)
class Draw:
    """How one task's duration (minutes) is drawn."""

    kind: DrawKind
    values: tuple[float, ...]  # empirical: the actuals; triangular/spread: (low, mode, high)

    @classmethod
    def from_history(cls, plan: int, actuals: Sequence[int],
                     spread: float = DEFAULT_SPREAD) -> Draw:
        """The rule above: empirical from 3 actuals, triangular from 1–2, else plan ± spread."""
        if len(actuals) >= EMPIRICAL_MIN:
            return cls("empirical", tuple(float(a) for a in actuals))
        if actuals:
            points = [plan, *actuals]
            return cls("triangular", (float(min(points)), float(plan), float(max(points))))
        return cls("spread", (round(plan * (1 - spread), 6), float(plan),
                              round(plan * (1 + spread), 6)))

    @classmethod
    def fixed(cls, minutes: int) -> Draw:
        return cls("fixed", (float(minutes),))


@dataclass(frozen=True, slots=True)
class SimTask:
    key: str
    draw: Draw
    depends_on: tuple[int, ...] = ()  # indexes into the task list
    fixed_start: int | None = None  # minutes after the plan start (an appointment)


@dataclass(frozen=True, slots=True)
class Simulation:
    """Per simulation: the end of all work and of each task; per task: its criticality."""

    simulations: int
    seed: int
    ends: npt.NDArray[np.int64]  # minutes after the plan start, one per simulation
    finishes: npt.NDArray[np.int64]  # tasks × simulations
    criticality: list[float]  # same order as the tasks

    def end_percentiles(self, task: int | None = None) -> dict[str, int]:
        """P50/P80/P95 (nearest rank) of the end of all work, or of one task's finish."""
        return percentiles(self.ends if task is None else self.finishes[task])

    def probability_within(self, limit_minutes: int, task: int | None = None) -> float:
        """The share of simulations whose work (or one task) ends by ``limit_minutes``."""
        samples = self.ends if task is None else self.finishes[task]
        return float((samples <= limit_minutes).mean())


def percentiles(samples: npt.NDArray[np.int64]) -> dict[str, int]:
    """P50/P80/P95 (nearest rank) of any per-simulation samples, e.g. a milestone's start."""
    import numpy as np

    ordered = np.sort(samples)
    return {f"p{p}": int(ordered[_rank(p, len(ordered))]) for p in PERCENTILES}


def _rank(percent: int, count: int) -> int:
    """Nearest-rank percentile index: the smallest value with at least p % at or below it."""
    return max(0, min(count - 1, -(-percent * count // 100) - 1))


def _durations(draw: Draw, count: int, rng: np.random.Generator) -> npt.NDArray[np.int64]:
    import numpy as np

    if draw.kind == "fixed":
        return np.full(count, round(draw.values[0]), dtype=np.int64)
    if draw.kind == "empirical":
        return np.rint(rng.choice(np.asarray(draw.values), size=count)).astype(np.int64)
    low, mode, high = draw.values
    if high <= low:
        return np.full(count, round(mode), dtype=np.int64)
    return np.rint(rng.triangular(low, mode, high, size=count)).astype(np.int64)


def simulate(tasks: Sequence[SimTask], *, simulations: int, seed: int,
             end_at: Sequence[int] = ()) -> Simulation:
    """Run ``simulations`` passes of the DAG; the same seed gives the same result.

    ``end_at``: the tasks whose latest finish is the end the critical path is traced into (the
    go-live milestone's dependencies: the cutover end); empty for the end of all work."""
    import numpy as np

    if simulations < 1:
        raise ValueError("simulations must be at least 1")
    rng = np.random.default_rng(seed)
    count = len(tasks)
    finishes = np.zeros((count, simulations), dtype=np.int64)
    # The dependency each task waited for last (its critical predecessor), -1 for none.
    waited = np.full((count, simulations), -1, dtype=np.int32)
    order = topological_order([task.depends_on for task in tasks])
    for index in order:  # durations drawn in this order, one task at a time (memory)
        task = tasks[index]
        start = np.zeros(simulations, dtype=np.int64)
        if task.fixed_start is not None:
            start += max(task.fixed_start, 0)
        if task.depends_on:
            deps = np.asarray(task.depends_on, dtype=np.int32)
            dep_finish = finishes[deps]
            last = dep_finish.argmax(axis=0)
            latest = dep_finish[last, np.arange(simulations)]
            # An appointment that came later than every dependency set the start itself:
            # the work before it had float, so the critical path ends at this task there.
            waited[index] = np.where(latest >= start, deps[last], -1)
            start = np.maximum(start, latest)
        finishes[index] = start + _durations(task.draw, simulations, rng)
    ends = finishes.max(axis=0) if count else np.zeros(simulations, dtype=np.int64)
    return Simulation(simulations=simulations, seed=seed, ends=ends, finishes=finishes,
                      criticality=_criticality(finishes, waited, simulations, order, end_at))


def _criticality(finishes: npt.NDArray[np.int64], waited: npt.NDArray[np.int32],
                 simulations: int, order: Sequence[int], end_at: Sequence[int]) -> list[float]:
    """Share of simulations in which each task lay on the traced critical path."""
    import numpy as np

    count = finishes.shape[0]
    if count == 0:
        return []
    on_path = np.zeros((count, simulations), dtype=bool)
    columns = np.arange(simulations)
    # The task that finishes last (of ``end_at``, if given); of those tied, the one last in
    # dependency order (a closing milestone rather than the task it waits for).
    ends = set(end_at)
    backwards = np.asarray([i for i in order[::-1] if not ends or i in ends], dtype=np.int32)
    current = backwards[finishes[backwards].argmax(axis=0)]
    active = np.ones(simulations, dtype=bool)
    for _ in range(count):
        on_path[current[active], columns[active]] = True
        previous = waited[current, columns]
        active &= previous >= 0
        if not active.any():
            break
        current = np.where(active, previous, current)
    return [float(x) for x in on_path.mean(axis=1)]
