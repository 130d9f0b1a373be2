"""Tests that kill small, plausible bugs the rest of the suite let through (issue 16).

Each docstring names the mutation it kills; each was checked by applying the mutation to the
source, seeing the test fail, and reverting.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest

from migctl.services.mapping.checks import coverage_pct
from migctl.services.mapping.index import FULL, WEIGHT_SCALE, allocate
from migctl.services.mapping.ledger import parse_cents
from tests.conftest import Cli
from tests.mapping_data import CLEAN_RULES, setup_reference
from tests.test_mapping_validate import _codes, _validate

DATED = "4020;;402000;100;;;;;"


def test_two_rules_sharing_one_boundary_day_overlap(cli: Cli, tmp_path: Path) -> None:
    """Kills ``start <= end`` → ``start < end`` in ``checks._validity_overlaps``: a rule valid
    to 30 June and one valid from 30 June both apply on 30 June (M006)."""
    setup_reference(cli, tmp_path)
    rules = CLEAN_RULES.replace(DATED, "4020;;402000;100;;;;2025-06-30;\n"
                                       "4020;;400000;100;;;2025-06-30;;")
    assert _codes(_validate(cli, tmp_path, rules)) == Counter({"M006": 1})


def test_successors_on_consecutive_days_do_not_overlap(cli: Cli, tmp_path: Path) -> None:
    """The other side of the boundary (kills ``start <= end`` → ``start <= end + 1 day``)."""
    setup_reference(cli, tmp_path)
    rules = CLEAN_RULES.replace(DATED, "4020;;402000;100;;;;2025-06-30;\n"
                                       "4020;;400000;100;;;2025-07-01;;")
    assert _codes(_validate(cli, tmp_path, rules)) == Counter()


def test_a_rule_valid_for_a_single_day_is_not_an_error(cli: Cli, tmp_path: Path) -> None:
    """Kills ``valid_to < valid_from`` → ``valid_to <= valid_from`` in
    ``RuleChecks.check_validity`` (M011 on a one-day rule)."""
    setup_reference(cli, tmp_path)
    rules = CLEAN_RULES.replace(DATED, "4020;;402000;100;;;;2025-06-30;\n"
                                       "4020;;401000;100;;;2025-07-01;2025-07-01;\n"
                                       "4020;;400000;100;;;2025-07-02;;")
    assert _codes(_validate(cli, tmp_path, rules)) == Counter()


def test_three_thirds_of_one_euro_round_by_largest_remainder() -> None:
    """Kills a largest-remainder allocation that gives the leftover cent to the wrong part or
    rounds it away: 3 × 33.33 % of 1.00 € is 34 + 33 + 33 cents (99.99 % of 100 cents rounds
    half up to 100; the leftover cent goes to the first of equal remainders, never to the
    last, nor is it dropped), and 3 × 33.34 % is 34 + 33 + 33 too (never 101)."""
    third = int(Decimal("33.33") * WEIGHT_SCALE)
    assert allocate(100, (third,) * 3, third * 3) == [34, 33, 33]
    assert allocate(-100, (third,) * 3, third * 3) == [-34, -33, -33]
    bigger = int(Decimal("33.34") * WEIGHT_SCALE)
    assert allocate(100, (bigger,) * 3, bigger * 3) == [34, 33, 33]
    assert allocate(1, (third,) * 3, third * 3) == [1, 0, 0]
    assert sum(allocate(10_000, (third,) * 3, third * 3)) == 9_999  # 99.99 % of 100 €
    assert allocate(100, (FULL // 2, FULL // 2), FULL) == [50, 50]


def test_fast_amount_parsing_refuses_underscores() -> None:
    """Kills the fast path of ``ledger.parse_cents`` losing its ``"_" not in text`` guard:
    ``int()`` reads ``1_234`` as 1234, so ``1_234,56`` would become 123456 cents."""
    for text in ("1_234,56", "1_234.56", "-1_0,00"):
        with pytest.raises(ValueError):
            parse_cents(text)
    assert parse_cents("1234,56") == 123456


def test_a_system_is_not_red_on_its_go_live_day() -> None:
    """Kills ``days < 0`` → ``days <= 0`` in ``systems.status._target``: on the go-live day
    itself the system may still be going live; from the next day on it is late."""
    from migctl.services.systems.status import _target

    day = date(2026, 3, 2)
    system = cast(Any, {"key": "raindance", "planned_go_live": day, "status": "in_progress"})
    assert _target(system, day)["go_live_passed_not_live"] is False
    assert _target(system, day + timedelta(days=1))["go_live_passed_not_live"] is True
    assert _target({**system, "status": "live"}, day + timedelta(days=1))[
        "go_live_passed_not_live"] is False


def test_coverage_never_shows_100_beside_a_gap() -> None:
    """Kills dropping the ``covered < total`` guard in ``mapping.checks.coverage_pct``:
    19,999 of 20,000 rounds to 100.00 but one account has no rule (M001)."""
    assert coverage_pct(19_999, 20_000) == Decimal("99.99")
    assert coverage_pct(199_999, 200_000) < 100
    assert coverage_pct(20_000, 20_000) == Decimal("100.00")
    assert coverage_pct(0, 0) == Decimal("100.00")
