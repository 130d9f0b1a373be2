"""Property: `mapping validate` over distinct values from the store (validate_stored) reports
exactly what the walk over every loaded rule (MappingChecker.run, the oracle) reports — the
same findings (code, severity, message, file, row, subject, data) in the same order, the same
rule count and coverage — on random stored sets: repeats, splits summing to 100 % or not,
several 100 % rules, overlapping ranges in several cost centres and code lengths, unknown,
inactive, summary and class-changing targets, dimensions, validity dates (also reversed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from migctl.checks import CheckReport
from migctl.services.mapping import validate_stored
from migctl.services.mapping.bulk import bulk_insert_columns
from migctl.services.mapping.checks import CODES, MappingChecker
from migctl.services.mapping.fields import SourceSpec
from migctl.services.mapping.references import (
    AccountInfo,
    ChartView,
    DimensionView,
    choose_chart,
    load_chart,
)
from migctl.services.mapping.rules import HUNDRED, RULE_COLUMNS, Rule, RuleColumns, load_rules
from migctl.services.mapping.validate_stored import check_stored, load_chart_rows
from migctl.store.engine import make_engine
from migctl.store.models.mapping import MappingSet
from migctl.store.tables import MAPPING_RULE
from tests.conftest import Cli
from tests.mapping_data import setup_reference

LEGACY = {"4000": "expense", "4001": "expense", "4002": "income", "4005": "expense",
          "4009": "expense", "3000": "income", "400": "expense", "401": "asset",
          "4100": "expense"}  # 4100: the parent of 4000 and 4001 (summary)
TARGETS = {"500000": ("expense", True), "500001": ("expense", False),
           "300000": ("income", True), "100000": ("asset", True), "590000": ("expense", True),
           "500002": ("expense", True), "500003": ("expense", True)}
CODES_ = ["4000", "4001", "4002", "4003", "4005", "4009", "3000", "400", "401", "402"]
RANGES = [("4000", "4002"), ("4001", "4005"), ("4003", "4009"), ("400", "401"), ("399", "402"),
          ("4010", "4019")]
#: sources, targets and dimensions without a per-rule finding: most rules are clean, so the
#: narrowing queries matter (a rule with a verdict takes its target account's every rule)
CLEAN_SOURCES = [("4000", "4000"), ("4001", "4001"), ("4005", "4005"), ("4009", "4009"),
                 ("400", "400"), ("4000", "4001"), ("4003", "4005"), ("4005", "4009"),
                 ("399", "400")]
CLEAN_TARGETS = ["500000", "500002", "500003"]
SHARES = [Decimal(100), Decimal(50), Decimal(60), Decimal(40), Decimal("33.3333"), Decimal(0)]
DIMS = [(), (("unit", "U1"),), (("unit", "U9"),), (("unit", "U0"),), (("unit", "UP"),),
        (("proj", "P1"),), (("site", "S1"),), (("proj", "P1"), ("unit", "U1"))]
CLEAN_DIMS = [(("unit", "U1"),), (("unit", "U2"),)]  # splits whose rules differ in dimensions
BALANCED = {1: [(HUNDRED,)], 2: [(Decimal(50), Decimal(50)), (Decimal(60), Decimal(40)),
                                 (HUNDRED, Decimal(0))],
            3: [(Decimal("33.3333"), Decimal("33.3333"), Decimal("33.3334")),
                (Decimal(50), Decimal(25), Decimal(25))]}
DATES = [None, date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 1), date(2026, 1, 1)]


def _legacy() -> ChartView:
    accounts = {code: AccountInfo(code, f"L{code}", kind, True, row)
                for row, (code, kind) in enumerate(LEGACY.items(), start=2)}
    return ChartView("legacy", "legacy", "legacy.csv", accounts, {"4100"})


def _target() -> ChartView:
    accounts = {code: AccountInfo(code, f"T{code}", kind, active, row)
                for row, (code, (kind, active)) in enumerate(TARGETS.items(), start=2)}
    return ChartView("target", "target", "target.csv", accounts, {"590000"})


def _dimensions() -> dict[str, DimensionView]:
    return {
        "unit": DimensionView("unit", "target", frozenset({"expense"}),
                              {"U1": True, "U2": True, "U0": False, "UP": True}, "unit.csv",
                              frozenset({"UP"})),
        "site": DimensionView("site", "legacy", frozenset(), {"S1": True}, "site.csv"),
    }


@st.composite
def rules(draw: st.DrawFn) -> list[Rule]:
    made: list[Rule] = []
    rows = count(2)
    for _ in range(draw(st.integers(min_value=0, max_value=16))):
        if made and draw(st.integers(min_value=0, max_value=5)) == 0:  # a repeat of a rule
            made.append(draw(st.sampled_from(made))._replace(row=next(rows)))
            continue
        clean = draw(st.integers(min_value=0, max_value=3)) > 0
        if clean:
            spec = SourceSpec(*draw(st.sampled_from(CLEAN_SOURCES)))
        elif draw(st.booleans()):
            spec = SourceSpec(*draw(st.sampled_from(RANGES)))
        else:
            spec = SourceSpec(*[draw(st.sampled_from(CODES_))] * 2)
        centre = draw(st.sampled_from([None, None, "C1", "C2", ""]))
        valid_from, valid_to = (draw(st.sampled_from(DATES)), draw(st.sampled_from(DATES))) \
            if draw(st.booleans()) else (None, None)
        parts = draw(st.sampled_from([1, 1, 1, 2, 3]))  # mostly one rule, or a split
        # a split summing to 100 (the store's aggregate leaves it out when its rules differ)
        balanced = draw(st.sampled_from(BALANCED[parts])) if draw(st.booleans()) else None
        for part in range(parts):
            split = parts > 1 or draw(st.integers(0, 5)) == 0
            target = draw(st.sampled_from(CLEAN_TARGETS if clean else [*TARGETS, "599999"]))
            dims = draw(st.sampled_from(CLEAN_DIMS)) if clean else draw(st.sampled_from(DIMS))
            share = balanced[part] if balanced else \
                draw(st.sampled_from(SHARES)) if split else HUNDRED
            made.append(Rule(next(rows), spec, centre, target, dims, share, valid_from, valid_to,
                             ""))
    return made


def _insert(session: Session, made: list[Rule], name: str) -> int:
    mapping_set = MappingSet(name=name, version=1, rule_count=len(made))
    session.add(mapping_set)
    session.flush()
    assert mapping_set.id is not None
    if made:
        columns = RuleColumns.of(made).insert_columns(mapping_set.id)
        # the cost centre as stored: "" stays "" (an edge the importer never writes)
        bulk_insert_columns(session, MAPPING_RULE, RULE_COLUMNS, columns)
    return mapping_set.id


def _checker(made: list[Rule] | None = None) -> MappingChecker:
    return MappingChecker(rules=made or [], file="m.csv", legacy=_legacy(), target=_target(),
                          dimensions=_dimensions(), report=CheckReport("m", list(CODES)))


def _both(session: Session, set_id: int) -> tuple[object, object]:
    oracle = _checker(load_rules(session, set_id))
    coverage = oracle.run()
    stored = _checker()
    total, stored_coverage = check_stored(session, set_id, stored)
    return ((len(oracle.rules), coverage, oracle.report.findings),
            (total, stored_coverage, stored.report.findings))


@pytest.mark.parametrize("limit", [validate_stored.LIST_LIMIT, 1, 0])
def test_stored_checks_equal_the_walk_over_every_rule(store: str, limit: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """``limit``: how long a narrowing list may grow (0 and 1: most queries take every rule)."""
    monkeypatch.setattr(validate_stored, "LIST_LIMIT", limit)
    engine = make_engine(store)
    names = count()

    @settings(max_examples=120, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture,
                                     HealthCheck.too_slow])
    @given(made=rules())
    def check(made: list[Rule]) -> None:
        with Session(engine) as session:
            set_id = _insert(session, made, f"s{next(names)}")
            oracle, stored = _both(session, set_id)
            assert stored == oracle
            session.rollback()

    check()


def test_findings_in_several_range_buckets_keep_the_order_of_the_whole_set(store: str) -> None:
    """Range overlaps in two cost centres: the bucket whose first rule comes first reports
    first, although the rules fetched for it come later (its first rule has no finding)."""
    unit = (("unit", "U1"),)
    made = [Rule(row, SourceSpec(first, last), centre, "500000", unit, Decimal(100), None, None)
            for row, first, last, centre in [(2, "4009", "4009", "C2"), (3, "4000", "4001", "C1"),
                                             (4, "4001", "4001", "C1"), (5, "4003", "4005", "C2"),
                                             (6, "4005", "4005", "C2")]]
    with Session(make_engine(store)) as session:
        set_id = _insert(session, made, "buckets")
        oracle, stored = _both(session, set_id)
        checker = _checker()
        check_stored(session, set_id, checker)
    assert stored == oracle
    assert [r.row for r in checker.rules] == [3, 4, 5, 6]  # not row 2: no finding there
    overlaps = [f.row for f in oracle[2] if f.code == "M006"]  # type: ignore[index]
    assert overlaps == [6, 4]


def test_the_chart_loaded_through_the_driver_is_the_chart(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    with Session(make_engine(cli.db_url)) as session:
        for role in ("legacy", "target"):
            chart = choose_chart(session, role, None)
            assert load_chart_rows(session, chart) == load_chart(session, chart)


@pytest.mark.parametrize("case", ["periods", "reversed", "ranges", "same", "duplicate"])
def test_a_group_the_split_aggregate_must_not_leave_out(store: str, case: str) -> None:
    """Shares summing to 100 over rules that differ, yet with a finding: halves in two
    validity periods (M005 twice), a reversed validity (M011), two source ranges of one
    first code, 100 % + 0 % to one target (M006 not; sums hold) and an identical half
    (M010)."""
    unit, other = (("unit", "U1"),), (("unit", "U2"),)
    half, d1, d2 = Decimal(50), date(2025, 1, 1), date(2025, 7, 1)
    rows = {
        "periods": [("4000", "500000", unit, half, d1, None), ("4000", "500002", unit, half, d2,
                                                                None)],
        "reversed": [("4000", "500000", unit, half, d2, d1), ("4000", "500002", unit, half, d2,
                                                              d1)],
        "ranges": [("4000", "500000", unit, half, None, None), ("4001", "500002", unit, half,
                                                                None, None)],
        "same": [("4000", "500000", unit, HUNDRED, None, None), ("4000", "500000", other,
                                                                 Decimal(0), None, None)],
        "duplicate": [("4000", "500000", unit, half, None, None), ("4000", "500000", unit, half,
                                                                   None, None)],
    }[case]
    made = [Rule(row, SourceSpec("4000", last), "C1", target, dims, share, start, end, "")
            for row, (last, target, dims, share, start, end) in enumerate(rows, start=2)]
    with Session(make_engine(store)) as session:
        set_id = _insert(session, made, case)
        oracle, stored = _both(session, set_id)
    assert stored == oracle
    assert case == "same" or oracle[2]  # type: ignore[index]
