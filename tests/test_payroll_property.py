"""Invariants of the payroll comparison: for random payrolls with random planted differences
the causes add up to the total difference to the cent, every key is counted once; and the
columnar engine (DuckDB) agrees with the pure-Python one (the oracle) on the same files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migctl.services.pseudonym import Pseudonymiser
from migctl.services.recon.payroll import Side as PaySide
from migctl.services.recon.payroll import Tolerance, classify, compare_sides, read_compared
from migctl.services.recon.payroll_wagemap import WageMap

P = Pseudonymiser(b"property-key-0123456789")
WAGE = WageMap.from_entries("w.csv", [["A", "NA", "201", "a"], ["B", "NB", "213", "b"],
                                      ["C", "NC", "206", "c"], ["Z", "", "", "z"]])

lines = st.lists(st.tuples(st.sampled_from(["e1", "e2", "e3", "e4", "e5", "e6"]),
                           st.sampled_from(["2026-05", "2026-06"]),
                           st.sampled_from(["A", "B", "C", "Z", "Q"]),
                           st.integers(-500_000, 500_000)), max_size=40)
planted = st.lists(st.tuples(st.integers(0, 39), st.sampled_from(["drop", "change", "same"]),
                             st.integers(-10_000, 10_000)), max_size=15)


def _side(rows: list[tuple[str, str, str, int]], income_of: dict[str, str], name: str
          ) -> PaySide:
    side = PaySide()
    for employee, period, wage_type, cents in rows:
        side.rows += 1
        side.employees[employee] = side.employees.get(employee, 0) + cents
        side.by_period[period] += cents
        income = income_of.get(wage_type)
        if income is None:
            side.unmapped.append((name, employee, wage_type, period, cents))
            side.by_income[""] += cents
        else:
            side.by_income[income] += cents
            side.keyed[employee, income, period] += cents
    return side


@settings(max_examples=300, deadline=None)
@given(lines, planted, st.integers(0, 50), st.sampled_from([Decimal(0), Decimal("0.5")]))
def test_causes_add_up_to_the_total_difference(rows: list[tuple[str, str, str, int]],
                                               changes: list[tuple[int, str, int]],
                                               cents: int, pct: Decimal) -> None:
    new_of = {"A": "NA", "B": "NB", "C": "NC", "Z": "NZ", "Q": "NQ"}
    target = [(e, p, new_of[w], c) for e, p, w, c in rows]
    for at, what, delta in changes:
        if at < len(target):
            e, p, w, c = target[at]
            target[at] = (e, p, w, c + delta) if what == "change" else \
                (e, p, w, 0) if what == "drop" else (e, p, w, c)
    compared = compare_sides(_side(rows, WAGE.legacy, "legacy"),
                             _side(target, WAGE.new, "target"))
    outcome = classify("p", compared, WAGE, pseudonym=P, tolerance=Tolerance(cents, pct))
    legacy_total = sum(c for *_, c in rows)
    target_total = sum(c for *_, c in target)
    assert outcome.totals == (legacy_total, target_total)
    assert sum(item.difference for item in outcome.found) == target_total - legacy_total
    assert outcome.explained
    assert sum(outcome.by_cause().values()) == Decimal(target_total - legacy_total).scaleb(-2)
    keys = {(e, WAGE.legacy.get(w) or WAGE.new.get(new_of[w]), p) for e, p, w, _ in rows
            if w in WAGE.legacy} | {(e, WAGE.new[w], p) for e, p, w, _ in target
                                    if w in WAGE.new}
    counts = outcome.counts
    assert sum(n for cause, n in counts.items() if cause != "unmapped_wage_type") == len(keys)
    # per legacy line: the new side's lines of unknown wage types are explained, not counted
    assert counts["unmapped_wage_type"] == sum(1 for r in rows if r[2] not in WAGE.legacy)
    assert outcome.by_cause()["unmapped_wage_type"] == Decimal(
        sum(c for _, _, w, c in target if w not in WAGE.new)
        - sum(c for _, _, w, c in rows if w not in WAGE.legacy)).scaleb(-2)
    assert all(item.employee.startswith("p-") for item in outcome.found)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines, planted)
def test_columnar_agrees_with_the_oracle(tmp_path: Path, rows: list[tuple[str, str, str, int]],
                                         changes: list[tuple[int, str, int]]) -> None:
    from migctl.services.recon import payroll_columnar

    new_of = {"A": "NA", "B": "NB", "C": "NC", "Z": "NZ", "Q": "NQ"}
    target = [(e.upper() if e == "e2" else e, p, new_of[w], c) for e, p, w, c in rows]
    for at, what, delta in changes:
        if at < len(target) and what == "change":
            e, p, w, c = target[at]
            target[at] = (e, p, w, c + delta)
    if not rows:
        return

    def money(c: int, comma: bool) -> str:
        text = f"{'-' if c < 0 else ''}{abs(c) // 100}.{abs(c) % 100:02d}"
        return text.replace(".", ",") if comma else text

    legacy = _write(tmp_path / "l.csv", "henkilönumero;nimi;kausi;palkkalaji;summa;yksikkö\n"
                    + "".join(f"{e};Nimi €;{p};{w};{money(c, True)};U{e[-1]}\n"
                              for e, p, w, c in rows), "cp1252")
    new = _write(tmp_path / "t.csv", "employee_id,period,wage_type,amount\n"
                 + "".join(f"{e},{p},{w},{money(c, False)}\n" for e, p, w, c in target))
    key_map = _write(tmp_path / "k.csv", "legacy_employee_id;new_employee_id\ne2;E2\n")
    pure = read_compared(legacy, new, WAGE, key_map)
    fast = payroll_columnar.read_compared(legacy, new, WAGE, key_map)
    assert sorted(fast.candidates) == sorted(pure.candidates)
    assert fast.matched == pure.matched
    assert (fast.legacy_employees, fast.target_employees) == \
        (pure.legacy_employees, pure.target_employees)
    assert fast.org == pure.org and fast.by_org == pure.by_org
    assert sorted(fast.unmapped) == sorted(pure.unmapped)
    assert fast.by_income == pure.by_income and fast.by_period == pure.by_period
    assert (fast.legacy_rows, fast.target_rows) == (pure.legacy_rows, pure.target_rows)
    # classified alike: the same counts (unmapped_wage_type per legacy line) and euros
    outcomes = [classify("p", compared, WAGE, pseudonym=P, tolerance=Tolerance(1, Decimal(0)))
                for compared in (pure, fast)]
    assert outcomes[0].counts == outcomes[1].counts
    assert outcomes[0].by_cause() == outcomes[1].by_cause()
    assert outcomes[0].counts["unmapped_wage_type"] == sum(1 for r in rows
                                                           if r[2] not in WAGE.legacy)
