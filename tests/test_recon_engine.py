"""recon engine, pure: each cause fired and not fired, control totals to the cent, misposting
pairs, decisions carried forward and reopened, and a property test that the causes always add
up to the total difference (an independent oracle sums the sides)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from migctl.services.recon.balances import compare_balances
from migctl.services.recon.causes import Decision, Found, Key
from migctl.services.recon.fields import (
    ACCEPTED,
    AMOUNT_DIFFERS,
    CAUSES,
    MATCHED,
    MISPOSTED,
    MISSING,
    ROUNDING,
    UNEXPECTED,
    UNTRANSLATED,
    CompareRule,
    fold_text,
    parse_compare,
)
from migctl.services.recon.outcome import Outcome

P = "2025-12"
DIMS = ["vastuuyksikko"]


def k(account: str, unit: str = "", period: str = P) -> Key:
    return (account, unit, period)


def run(translated: dict[Key, int], target: dict[Key, int], *, tolerance: int = 0,
        untranslated: list[Found] | None = None, decisions: list[Decision] | None = None,
        legacy: dict[str, int] | None = None) -> Outcome:
    untranslated = untranslated or []
    if legacy is None:  # the legacy side by period: what was translated plus what was not
        legacy = {}
        for key, cents in translated.items():
            legacy[key[-1]] = legacy.get(key[-1], 0) + cents
        for item in untranslated:
            legacy[item.key[-1]] = legacy.get(item.key[-1], 0) + (item.legacy or 0)
    return compare_balances("tb", translated=translated, target=target,
                            untranslated=untranslated, legacy_sums=legacy, dimensions=DIMS,
                            tolerance=tolerance, decisions=decisions or [])


def causes(outcome: Outcome) -> dict[str, int]:
    return {c: n for c, n in outcome.counts.items() if n}


def test_all_equal_is_clean_and_matched() -> None:
    outcome = run({k("100000"): 1000, k("400000", "100"): -1000},
                  {k("400000", "100"): -1000, k("100000"): 1000})
    assert outcome.clean and outcome.explained
    assert causes(outcome) == {MATCHED: 2}
    assert set(outcome.counts) == {*CAUSES, MATCHED}


def test_missing_unexpected_amount_differs() -> None:
    outcome = run({k("100000"): 1000, k("200000"): 500, k("300000"): 700},
                  {k("200000"): 400, k("300000"): 700, k("500000"): 9})
    assert causes(outcome) == {MISSING: 1, UNEXPECTED: 1, AMOUNT_DIFFERS: 1, MATCHED: 1}
    by_cause = {f.cause: f for f in outcome.found}
    assert by_cause[MISSING].key == k("100000") and by_cause[MISSING].difference == -1000
    assert by_cause[UNEXPECTED].difference == 9 and by_cause[UNEXPECTED].legacy is None
    assert by_cause[AMOUNT_DIFFERS].difference == -100
    assert not outcome.clean and outcome.explained
    assert outcome.totals.difference == -1000 - 100 + 9


def test_rounding_within_tolerance_does_not_fail() -> None:
    outcome = run({k("100000"): 1000, k("200000"): 500}, {k("100000"): 1002, k("200000"): 497},
                  tolerance=3)
    assert causes(outcome) == {ROUNDING: 2}
    assert outcome.clean and outcome.explained and outcome.totals.difference == -1
    strict = run({k("100000"): 1000}, {k("100000"): 1002}, tolerance=1)
    assert causes(strict) == {AMOUNT_DIFFERS: 1}


def test_misposting_pair_counted_once_naming_both_keys() -> None:
    outcome = run({k("400000", "100"): 5000, k("401000", "100"): 2000},
                  {k("400000", "100"): 3000, k("401000", "100"): 4000})
    assert causes(outcome) == {MISPOSTED: 1}
    pair = outcome.found[0]
    assert pair.key == k("400000", "100") and pair.other_key == k("401000", "100")
    assert pair.moved == 2000 and pair.difference == 0
    assert (pair.legacy, pair.target) == (7000, 7000)
    doc = outcome.document()
    assert doc["differences"][0]["other_key"] == {"target_account": "401000",
                                                  "vastuuyksikko": "100", "period": P}
    assert doc["differences"][0]["moved"] == Decimal("20.00")


def test_misposting_needs_same_period_and_same_amount() -> None:
    other_period = run({k("400000"): 5000, k("401000", period="2025-11"): 0},
                       {k("400000"): 3000, k("401000", period="2025-11"): 2000})
    assert MISPOSTED not in causes(other_period)
    other_amount = run({k("400000"): 5000, k("401000"): 0},
                       {k("400000"): 3000, k("401000"): 2001})
    assert causes(other_amount) == {AMOUNT_DIFFERS: 2}
    assert other_amount.explained


def test_misposting_missing_key_to_new_key() -> None:
    """A cost centre's whole balance under the wrong unit: a missing and an unexpected key."""
    outcome = run({k("400000", "100"): 2500}, {k("400000", "200"): 2500})
    assert causes(outcome) == {MISPOSTED: 1}
    assert outcome.found[0].target == 2500 and outcome.found[0].legacy == 2500


def test_three_way_pairs_are_deterministic() -> None:
    outcome = run({k("1a"): 100, k("1b"): 100, k("1c"): 0},
                  {k("1a"): 0, k("1b"): 0, k("1c"): 100})
    assert causes(outcome) == {MISPOSTED: 1, AMOUNT_DIFFERS: 1}
    pair = next(f for f in outcome.found if f.cause == MISPOSTED)
    assert pair.key == k("1a") and pair.other_key == k("1c")
    assert outcome.explained and outcome.totals.difference == -100


def test_untranslated_is_its_own_cause_and_explains_its_cents() -> None:
    untranslated = [Found(UNTRANSLATED, ("9999", "", P), 1234, None, -1234)]
    outcome = run({k("100000"): 1000}, {k("100000"): 1000}, untranslated=untranslated)
    assert causes(outcome) == {UNTRANSLATED: 1, MATCHED: 1}
    assert outcome.totals.overall.legacy == 2234 and outcome.totals.overall.translated == 1000
    assert outcome.totals.difference == -1234 and outcome.explained
    doc = outcome.document()
    assert doc["differences"][0]["key"] == {"account": "9999", "cost_centre": "", "period": P}


def test_split_share_residual_is_untranslated() -> None:
    """A 60/39 split carries 99 % of the line: the lost 1 % is the mapping's, per period."""
    outcome = run({k("401000", "100"): 600, k("401000", "200"): 390},
                  {k("401000", "100"): 600, k("401000", "200"): 390},
                  legacy={P: 1000})
    assert causes(outcome) == {UNTRANSLATED: 1, MATCHED: 2}
    residual = outcome.found[0]
    assert residual.key == ("split-shares", "", P) and residual.difference == -10
    assert outcome.explained


def test_control_totals_hand_computed() -> None:
    translated = {k("100000"): 10000, k("400000", "100"): 2500, k("400000", "200"): 2500,
                  k("300000", period="2025-11"): -5000}
    target = {k("100000"): 10000, k("400000", "100"): 5000,
              k("300000", period="2025-11"): -4999, k("300000", "1", "2025-11"): 7}
    outcome = run(translated, target, tolerance=1)
    doc = outcome.document()
    assert doc["totals"] == {"legacy": Decimal("100.00"), "translated": Decimal("100.00"),
                             "target": Decimal("100.08"), "difference": Decimal("0.08")}
    periods = {p["period"]: p for p in doc["by_period"]}
    assert periods["2025-11"]["difference"] == Decimal("0.08")
    assert periods["2025-12"]["difference"] == Decimal("0.00")
    classes = {c["account_class"]: c for c in doc["by_account_class"]}
    assert classes["3"]["target"] == Decimal("-49.92")
    accounts = {a["account"]: a for a in doc["by_account"]}
    assert accounts["400000"] == {"account": "400000", "translated": Decimal("50.00"),
                                  "target": Decimal("50.00"), "difference": Decimal("0.00")}
    # 400000/200 missing 25.00 and 400000/100 extra 25.00: one misposting
    assert causes(outcome) == {MISPOSTED: 1, ROUNDING: 1, UNEXPECTED: 1, MATCHED: 1}
    assert doc["explained"] and sum(d["difference"] for d in doc["differences"]) == \
        doc["totals"]["difference"]


def test_decision_carries_forward_and_reopens() -> None:
    first = run({k("100000"): 1000}, {k("100000"): 900})
    found = first.found[0]
    decision = Decision(found.key, found.fingerprint(), found.cause, "known", "Liisa")
    again = run({k("100000"): 1000}, {k("100000"): 900}, decisions=[decision])
    assert causes(again) == {ACCEPTED: 1} and again.clean and again.explained
    doc = again.document()
    assert doc["differences"][0]["accepted"] == {"by": "Liisa", "reason": "known",
                                                 "cause": AMOUNT_DIFFERS}
    # the legacy side moved but the difference stayed: still accepted
    moved = run({k("100000"): 2000}, {k("100000"): 1900}, decisions=[decision])
    assert causes(moved) == {ACCEPTED: 1}
    changed = run({k("100000"): 1000}, {k("100000"): 899}, decisions=[decision])
    assert causes(changed) == {AMOUNT_DIFFERS: 1} and not changed.clean


def test_limit_truncates_but_counts_all() -> None:
    outcome = run({k(f"4{i:05d}"): 100 * i + 1 for i in range(10)}, {})
    doc = outcome.document(limit=3)
    assert len(doc["differences"]) == 3 and doc["truncated"]
    assert doc["counts"][MISSING] == 10
    assert doc["differences"][0]["difference"] == Decimal("-9.01")  # largest first


def test_compare_rules_parse() -> None:
    assert parse_compare("amount") == CompareRule("amount")
    assert parse_compare("amount=0.01").tolerance == Decimal("0.01")
    rel = parse_compare("amount=0,5%")
    assert rel.kind == "relative" and rel.tolerance == Decimal("0.5")
    assert parse_compare("due=date").kind == "date"
    assert parse_compare("supplier=map:keys.csv").keymap == "keys.csv"
    for bad in ("=1", "x=abc", "x=-1", "x=map:"):
        try:
            parse_compare(bad)
        except ValueError:
            continue
        raise AssertionError(bad)
    assert fold_text("  Åbo  Kaupunki ") == fold_text("abokaupunki")


# -- property: the causes always add up to the total difference --------------------------

ACCOUNTS = st.sampled_from(["100000", "101000", "200000", "400000", "401000", "402000"])
UNITS = st.sampled_from(["", "100", "200"])
PERIODS = st.sampled_from(["2025-11", "2025-12"])
KEYS = st.tuples(ACCOUNTS, UNITS, PERIODS)
CENTS = st.integers(min_value=-10**9, max_value=10**9)


def oracle_difference(legacy: dict[str, int], target: dict[Key, int]) -> int:
    """Independent: the target's sum minus the legacy lines' sum, nothing else."""
    return sum(target.values()) - sum(legacy.values())


@settings(max_examples=300, deadline=None)
@given(
    balances=st.dictionaries(KEYS, CENTS, max_size=25),
    plants=st.lists(st.tuples(st.sampled_from(["drop", "add", "change", "move", "round"]),
                              KEYS, KEYS, st.integers(-5000, 5000)), max_size=10),
    lost=st.lists(st.tuples(ACCOUNTS, PERIODS, CENTS), max_size=3),
    residual=st.integers(-3, 3),
    tolerance=st.integers(0, 3),
)
def test_causes_always_sum_to_total_difference(
        balances: dict[Key, int], plants: list[tuple[str, Key, Key, int]],
        lost: list[tuple[str, str, int]], residual: int, tolerance: int) -> None:
    target = dict(balances)
    for action, key, other, cents in plants:
        if action == "drop":
            target.pop(key, None)
        elif action == "add":
            target[key] = target.get(key, 0) + cents
        elif action == "change" and key in target:
            target[key] += cents
        elif action == "move" and key in target and cents:
            target[key] -= cents
            target[other] = target.get(other, 0) + cents
        elif action == "round" and key in target:
            target[key] += cents % 3 - 1
    untranslated = [Found(UNTRANSLATED, (f"9{account}", "", period), cents, None, -cents)
                    for account, period, cents in lost if cents]
    legacy: dict[str, int] = {}
    for key, cents in balances.items():
        legacy[key[-1]] = legacy.get(key[-1], 0) + cents
    for item in untranslated:
        legacy[item.key[-1]] = legacy.get(item.key[-1], 0) + (item.legacy or 0)
    legacy["2025-12"] = legacy.get("2025-12", 0) + residual
    outcome = run(balances, target, tolerance=tolerance, untranslated=untranslated,
                  legacy=legacy)
    expected = oracle_difference(legacy, target)
    assert outcome.totals.difference == expected
    assert sum(f.difference for f in outcome.found) == expected
    assert outcome.explained
    # every key of either side is matched or in exactly one difference
    covered = [f.key for f in outcome.found if f.cause != UNTRANSLATED]
    covered += [f.other_key for f in outcome.found if f.other_key is not None]
    assert len(covered) == len(set(covered))
    assert len(covered) + outcome.matched == len(balances.keys() | target.keys())
    # per class too: the class's differences are those of its keys
    by_class: dict[str, int] = {}
    for f in outcome.found:
        if f.cause != MISPOSTED:
            slot = f.key[0][:1] if f.key[0][:1].isdigit() else "-"
            by_class[slot] = by_class.get(slot, 0) + f.difference
    for name, sums in outcome.totals.classes.items():
        if not any(f.cause == MISPOSTED for f in outcome.found):
            assert sums.difference == by_class.get(name, 0), name
    assert sum(s.difference for s in outcome.totals.classes.values()) == expected
    doc = outcome.document(limit=10**6)
    assert sum(d["difference"] for d in doc["differences"]) == doc["totals"]["difference"]
    assert outcome.clean == all(f.cause in (ROUNDING, ACCEPTED) for f in outcome.found)
