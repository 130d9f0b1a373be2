"""Window confidence: the Monte Carlo forecast against hand-computed small cases."""

from __future__ import annotations

import pytest

from migctl.services.runbook.simulate import Draw, SimTask, simulate

N = 30_000


def test_a_chain_of_two_empirical_tasks_matches_the_hand_computed_distribution() -> None:
    # A is 10, 20 or 30 minutes, B 1, 2 or 3, each equally likely: A+B takes the nine sums
    # 11 12 13 21 22 23 31 32 33 with probability 1/9 each.
    tasks = [SimTask("A", Draw("empirical", (10, 20, 30))),
             SimTask("B", Draw("empirical", (1, 2, 3)), depends_on=(0,))]
    result = simulate(tasks, simulations=N, seed=7)
    assert set(result.ends.tolist()) == {11, 12, 13, 21, 22, 23, 31, 32, 33}
    # nearest rank: P50 is the 5th of 9 (22), P80 the 8th (32), P95 the 9th (33)
    assert result.end_percentiles() == {"p50": 22, "p80": 32, "p95": 33}
    assert result.probability_within(22) == pytest.approx(5 / 9, abs=0.01)
    assert result.probability_within(10) == 0.0
    assert result.criticality == [1.0, 1.0]


def test_criticality_is_the_share_of_runs_a_task_was_on_the_critical_path() -> None:
    # A (10/20/30) and B (always 19) both feed C: A is critical when it exceeds 19 (2/3).
    tasks = [SimTask("A", Draw("empirical", (10, 20, 30))),
             SimTask("B", Draw.fixed(19)),
             SimTask("C", Draw.fixed(5), depends_on=(0, 1))]
    result = simulate(tasks, simulations=N, seed=1)
    a, b, c = result.criticality
    assert a == pytest.approx(2 / 3, abs=0.01)
    assert b == pytest.approx(1 / 3, abs=0.01)
    assert a + b == pytest.approx(1.0)
    assert c == 1.0


def test_a_fixed_start_is_an_appointment_nothing_starts_before() -> None:
    tasks = [SimTask("A", Draw.fixed(30)),
             SimTask("GATE", Draw.fixed(0), depends_on=(0,), fixed_start=120),
             SimTask("B", Draw.fixed(15), depends_on=(1,))]
    result = simulate(tasks, simulations=10, seed=0)
    assert result.ends.tolist() == [135] * 10
    assert result.end_percentiles(task=1) == {"p50": 120, "p80": 120, "p95": 120}


def test_work_with_float_before_an_appointment_is_not_critical() -> None:
    """A (10/20/30 min) before a gate at minute 25: A is critical only when it overruns the
    appointment (1/3 of the runs); the gate and what follows it always are."""
    tasks = [SimTask("A", Draw("empirical", (10, 20, 30))),
             SimTask("GATE", Draw.fixed(0), depends_on=(0,), fixed_start=25),
             SimTask("B", Draw.fixed(15), depends_on=(1,))]
    a, gate, b = simulate(tasks, simulations=N, seed=3).criticality
    assert a == pytest.approx(1 / 3, abs=0.01)
    assert gate == b == 1.0


def test_a_dependency_finishing_at_the_appointment_stays_on_the_path() -> None:
    tasks = [SimTask("A", Draw.fixed(25)),
             SimTask("GATE", Draw.fixed(0), depends_on=(0,), fixed_start=25)]
    assert simulate(tasks, simulations=10, seed=0).criticality == [1.0, 1.0]


def test_the_path_is_traced_from_the_end_asked_for() -> None:
    """Traced into the go-live milestone's dependencies (the cutover end), not into hypercare,
    which starts at its own appointment long after."""
    tasks = [SimTask("LOAD", Draw("empirical", (10, 20, 30))),
             SimTask("CHECK", Draw.fixed(19)),
             SimTask("GO-LIVE", Draw.fixed(0), depends_on=(0, 1), fixed_start=100),
             SimTask("HYPERCARE", Draw.fixed(600), depends_on=(2,), fixed_start=200)]
    whole = simulate(tasks, simulations=N, seed=4).criticality
    assert whole == [0.0, 0.0, 0.0, 1.0]
    load, check, go_live, hypercare = simulate(tasks, simulations=N, seed=4,
                                               end_at=(0, 1)).criticality
    assert load == pytest.approx(2 / 3, abs=0.01) and check == pytest.approx(1 / 3, abs=0.01)
    assert go_live == hypercare == 0.0


def test_the_same_seed_reproduces_and_another_seed_differs() -> None:
    tasks = [SimTask(f"T{i}", Draw.from_history(60, [50, 70, 90]),
                     depends_on=(i - 1,) if i else ()) for i in range(20)]
    first = simulate(tasks, simulations=500, seed=42)
    again = simulate(tasks, simulations=500, seed=42)
    other = simulate(tasks, simulations=500, seed=43)
    assert first.ends.tolist() == again.ends.tolist()
    assert first.criticality == again.criticality
    assert first.ends.tolist() != other.ends.tolist()


def test_draw_rules_follow_the_number_of_actuals() -> None:
    assert Draw.from_history(60, [50, 70, 80]) == Draw("empirical", (50.0, 70.0, 80.0))
    assert Draw.from_history(60, [90]) == Draw("triangular", (60.0, 60.0, 90.0))
    assert Draw.from_history(60, [40, 90]) == Draw("triangular", (40.0, 60.0, 90.0))
    assert Draw.from_history(100, [], spread=0.1) == Draw("spread", (90.0, 100.0, 110.0))


def test_triangular_draws_stay_inside_their_bounds() -> None:
    tasks = [SimTask("A", Draw.from_history(60, [90]))]
    result = simulate(tasks, simulations=5_000, seed=3)
    assert int(result.ends.min()) >= 60 and int(result.ends.max()) <= 90
    assert len(set(result.ends.tolist())) > 10


def test_simulations_must_be_positive() -> None:
    with pytest.raises(ValueError):
        simulate([SimTask("A", Draw.fixed(1))], simulations=0, seed=0)
