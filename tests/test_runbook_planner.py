"""The pure planner: hand-checked graphs, actuals, cycles, and a brute-force property test."""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migctl.services.runbook.critical_path import MINUTE, Plan, PlanTask, plan
from migctl.services.runbook.graph import CycleError, downstream, successors, topological_order

H = 60 * MINUTE


def _by_key(tasks: list[PlanTask], result: Plan) -> dict[str, tuple[int, int, int, int, int]]:
    """key → (ES, EF, LS, LF, slack) in minutes."""
    return {
        t.key: (result.earliest_start[i] // MINUTE, result.earliest_finish[i] // MINUTE,
                result.latest_start[i] // MINUTE, result.latest_finish[i] // MINUTE,
                result.slack(i) // MINUTE)
        for i, t in enumerate(tasks)
    }


def test_classic_diamond() -> None:
    # A(3h) → B(2h), C(4h) → D(1h): C is critical, B has two hours of slack.
    tasks = [PlanTask("D", 60, (1, 2)), PlanTask("B", 120, (3,)), PlanTask("C", 240, (3,)),
             PlanTask("A", 180)]
    result = plan(tasks, start=0)
    assert _by_key(tasks, result) == {
        "A": (0, 180, 0, 180, 0),
        "B": (180, 300, 300, 420, 120),
        "C": (180, 420, 180, 420, 0),
        "D": (420, 480, 420, 480, 0),
    }
    assert result.end == 480 * MINUTE
    assert [tasks[i].key for i in result.critical_path] == ["A", "C", "D"]
    assert [tasks[i].key for i in result.chronological()] == ["A", "B", "C", "D"]
    assert [result.critical(i) for i in range(4)] == [True, False, True, True]


def test_fixed_start_is_an_appointment() -> None:
    # A(1h) → B(30m, fixed at 3h) → C(1h). B waits for its time; A may slip two hours.
    tasks = [PlanTask("A", 60), PlanTask("B", 30, (0,), planned_start=3 * H),
             PlanTask("C", 60, (1,))]
    result = plan(tasks, start=0)
    assert _by_key(tasks, result) == {
        "A": (0, 60, 120, 180, 120),
        "B": (180, 210, 180, 210, 0),
        "C": (210, 270, 210, 270, 0),
    }
    # B and C are critical (no slack); the longest chain still shows the work leading to B.
    assert [tasks[i].key for i in result.critical_path] == ["A", "B", "C"]
    assert [result.critical(i) for i in range(3)] == [False, True, True]


def test_a_missed_appointment_shows_negative_slack() -> None:
    tasks = [PlanTask("A", 240), PlanTask("B", 60, (0,), planned_start=2 * H)]
    result = plan(tasks, start=0)
    assert _by_key(tasks, result) == {"A": (0, 240, -120, 120, -120),
                                      "B": (240, 300, 120, 300, -120)}
    assert [tasks[i].key for i in result.critical_path] == ["A", "B"]


def test_plan_start_is_a_lower_bound_and_milestones_take_no_time() -> None:
    tasks = [PlanTask("M", 0), PlanTask("T", 90, (0,))]
    result = plan(tasks, start=1000 * MINUTE)
    assert _by_key(tasks, result) == {"M": (1000, 1000, 1000, 1000, 0),
                                      "T": (1000, 1090, 1000, 1090, 0)}


def test_replanning_mid_run_uses_actuals_and_now() -> None:
    # A done late (took 100 min instead of 60), B in progress since 100 and overrunning at
    # now=200, C waits for B; D is todo with no dependencies and cannot start before now.
    tasks = [
        PlanTask("A", 60, status="done", actual_start=0, actual_end=100 * MINUTE),
        PlanTask("B", 60, (0,), status="in_progress", actual_start=100 * MINUTE),
        PlanTask("C", 30, (1,)),
        PlanTask("D", 10),
        PlanTask("E", 30, (0,), status="skipped"),
    ]
    result = plan(tasks, start=0, now=200 * MINUTE)
    times = _by_key(tasks, result)
    assert times["A"][:2] == (0, 100)
    assert times["B"][:2] == (100, 200)  # started 100 + 60 = 160 < now: forecast is now
    assert times["C"][:2] == (200, 230)
    assert times["D"][:2] == (200, 210)
    assert times["E"][:2] == (100, 100)  # skipped: no time, right after what it waits for
    assert result.end == 230 * MINUTE
    assert [tasks[i].key for i in result.critical_path] == ["A", "B", "C"]
    # Without now (a plan of the past, e.g. a finished run), B is forecast at start + duration.
    assert _by_key(tasks, plan(tasks, start=0))["B"][:2] == (100, 160)


def test_cycle_is_named_and_self_dependency_is_a_cycle() -> None:
    with pytest.raises(CycleError) as caught:
        topological_order([(2,), (0,), (1,), ()])
    assert caught.value.cycle == [0, 2, 1, 0]
    with pytest.raises(CycleError) as caught:
        topological_order([(), (1,)])
    assert caught.value.cycle == [1, 1]
    with pytest.raises(CycleError):
        plan([PlanTask("A", 1, (1,)), PlanTask("B", 1, (0,))], start=0)


def test_downstream_follows_dependents_transitively() -> None:
    deps: list[tuple[int, ...]] = [(), (0,), (1,), (), (2, 3)]
    assert sorted(downstream(0, successors(deps))) == [1, 2, 4]
    assert downstream(4, successors(deps)) == []


def test_empty_plan() -> None:
    result = plan([], start=5)
    assert (result.end, result.critical_path, result.order) == (5, [], [])


# --- property test: the passes against brute-force longest paths ----------------------------

@st.composite
def runbooks(draw: st.DrawFn) -> tuple[list[PlanTask], int]:
    count = draw(st.integers(1, 7))
    # Build a DAG over positions 0..count-1 (dependencies point to earlier positions), then
    # shuffle so the input order is not a topological order.
    deps_by_pos = [sorted(draw(st.sets(st.integers(0, p - 1), max_size=3))) if p else []
                   for p in range(count)]
    shuffle = draw(st.permutations(range(count)))
    index_of = {pos: shuffle[pos] for pos in range(count)}
    tasks: list[PlanTask | None] = [None] * count
    for pos in range(count):
        tasks[index_of[pos]] = PlanTask(
            key=f"T{pos}",
            duration=draw(st.integers(0, 300)),
            depends_on=tuple(index_of[d] for d in deps_by_pos[pos]),
            planned_start=draw(st.one_of(st.none(), st.integers(0, 40 * H))),
        )
    start = draw(st.integers(0, 10 * H))
    return [t for t in tasks if t is not None], start


def _paths_into(tasks: list[PlanTask], v: int) -> Iterator[list[int]]:
    yield [v]
    for dep in tasks[v].depends_on:
        for path in _paths_into(tasks, dep):
            yield [*path, v]


def _paths_from(succ: list[list[int]], v: int) -> Iterator[list[int]]:
    yield [v]
    for nxt in succ[v]:
        for path in _paths_from(succ, nxt):
            yield [v, *path]


@settings(max_examples=300, deadline=None)
@given(runbooks())
def test_plan_matches_brute_force_longest_paths(case: tuple[list[PlanTask], int]) -> None:
    tasks, start = case
    result = plan(tasks, start=start)
    duration = [t.duration * MINUTE for t in tasks]

    def anchor(i: int) -> int:
        planned = tasks[i].planned_start
        return start if planned is None else max(start, planned)

    earliest = [
        max(anchor(p[0]) + sum(duration[u] for u in p[:-1]) for p in _paths_into(tasks, v))
        for v in range(len(tasks))
    ]
    end = max(e + d for e, d in zip(earliest, duration, strict=True))
    succ = successors([t.depends_on for t in tasks])

    def cap(i: int) -> float:
        planned = tasks[i].planned_start
        return math.inf if planned is None else planned

    latest = [
        min(min(cap(p[-1]), end - duration[p[-1]]) - sum(duration[u] for u in p[:-1])
            for p in _paths_from(succ, v))
        for v in range(len(tasks))
    ]
    assert result.earliest_start == earliest
    assert result.earliest_finish == [e + d for e, d in zip(earliest, duration, strict=True)]
    assert result.latest_start == latest
    assert result.end == end

    # The critical path is the longest dependency chain into the end: each task is the
    # latest-finishing dependency of the next, and it starts at a task with no dependencies.
    path = result.critical_path
    assert path and result.earliest_finish[path[-1]] == end
    assert not tasks[path[0]].depends_on
    for before, after in pairwise(path):
        assert before in tasks[after].depends_on
        assert result.earliest_finish[before] == max(result.earliest_finish[d]
                                                     for d in tasks[after].depends_on)
    if all(t.planned_start is None for t in tasks):
        # Classic CPM: the chain is gap-free and has no slack anywhere.
        assert all(result.critical(i) for i in path)
        for before, after in pairwise(path):
            assert result.earliest_finish[before] == result.earliest_start[after]
        assert result.earliest_start[path[0]] == start
