"""Property: splits on both sides (account × cost object) reconcile to the cent.

For random account splits, random cost-object splits (some dated, some values without rules)
and random lines, every translated line's parts sum exactly to the line, each part is within
a cent of its exact share, every part carries the dimensions a brute-force reference expects
(the account rule's win, the cost-object rule's fill the rest), lines lacking the required
dimension are untranslated with M007, and every period's difference is exactly what was left
untranslated. Both of the translation's paths run: the single-rule case patched as lines are
written and the combined splits.
"""

from __future__ import annotations

import csv
import tempfile
from collections import defaultdict
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from migctl.services.mapping.combine import Combiner
from migctl.services.mapping.fields import SourceSpec
from migctl.services.mapping.index import FULL, WEIGHT_SCALE, RuleIndex
from migctl.services.mapping.ledger import parse_cents
from migctl.services.mapping.references import AccountInfo, ChartView
from migctl.services.mapping.rules import Rule
from migctl.services.mapping.translate import CostObjectsUse, Prepared, translate

ACCOUNTS = [f"40{n:02d}" for n in range(5)]
TARGETS = ["400000", "401000", "402000"]
VALUES = ["C1", "C2", "C3", "C4"]
KEYS = ["u", "s", "p"]
BOUNDARY = date(2025, 7, 1)
DAYS = {"2025-06": date(2025, 6, 30), "2025-07": date(2025, 7, 31)}

Dims = dict[str, str]


def _chart(key: str, codes: list[str]) -> ChartView:
    return ChartView(key, "x", f"{key}.csv",
                     {c: AccountInfo(c, c, "expense", True, i) for i, c in enumerate(codes)},
                     set())


@st.composite
def weights(draw: st.DrawFn) -> list[int]:
    parts = draw(st.integers(min_value=1, max_value=3))
    cuts = sorted(draw(st.lists(st.integers(min_value=1, max_value=FULL - 1), min_size=parts - 1,
                                max_size=parts - 1, unique=True)))
    return [b - a for a, b in pairwise([0, *cuts, FULL])]


def dims(keys: list[str], values: list[str]) -> st.SearchStrategy[Dims]:
    return st.dictionaries(st.sampled_from(keys), st.sampled_from(values), max_size=len(keys))


@st.composite
def account_rules(draw: st.DrawFn) -> dict[str, list[tuple[str, Dims, int]]]:
    """Account → its split: (target, dimensions it names, weight); some accounts have none."""
    rules: dict[str, list[tuple[str, Dims, int]]] = {}
    for account in ACCOUNTS:
        if draw(st.booleans()) or account == ACCOUNTS[0]:
            rules[account] = [(draw(st.sampled_from(TARGETS)), draw(dims(["u", "s"], ["1", "2"])),
                               weight) for weight in draw(weights())]
    return rules


@st.composite
def co_rules(draw: st.DrawFn) -> dict[str, list[tuple[date | None, date | None,
                                                      list[tuple[Dims, int]]]]]:
    """Value → its splits with validity (none, one open, or two dated around BOUNDARY)."""
    rules: dict[str, list[tuple[date | None, date | None, list[tuple[Dims, int]]]]] = {}
    for value in VALUES:
        kind = draw(st.sampled_from(["none", "open", "dated"]))
        validities = {"none": [], "open": [(None, None)],
                      "dated": [(None, date(2025, 6, 30)), (BOUNDARY, None)]}[kind]
        splits = []
        for valid_from, valid_to in validities:
            parts = [(draw(dims(KEYS, ["a", "b"]).filter(bool)), weight)
                     for weight in draw(weights())]
            splits.append((valid_from, valid_to, parts))
        if splits:
            rules[value] = splits
    return rules


lines_strategy = st.lists(
    st.tuples(st.sampled_from([*ACCOUNTS, "4099"]), st.sampled_from([*VALUES, None]),
              st.sampled_from(list(DAYS)), st.integers(min_value=-10**10, max_value=10**10)),
    min_size=1, max_size=30)


def _rules(accounts: dict[str, list[tuple[str, Dims, int]]],
           values: dict[str, list[tuple[date | None, date | None, list[tuple[Dims, int]]]]]
           ) -> tuple[list[Rule], list[Rule]]:
    account, co = [], []
    row = 2
    for code, split in accounts.items():
        for target, named, weight in split:
            account.append(Rule(row, SourceSpec(code, code), None, target,
                                tuple(sorted(named.items())), Decimal(weight) / WEIGHT_SCALE,
                                None, None))
            row += 1
    row = 2
    for value, splits in values.items():
        for valid_from, valid_to, parts in splits:
            for named, weight in parts:
                co.append(Rule(row, SourceSpec(value, value), None, "",
                               tuple(sorted(named.items())), Decimal(weight) / WEIGHT_SCALE,
                               valid_from, valid_to))
                row += 1
    return account, co


def _expected(accounts: dict[str, list[tuple[str, Dims, int]]],
              values: dict[str, list[tuple[date | None, date | None, list[tuple[Dims, int]]]]],
              account: str, value: str | None, day: date) -> tuple[str, Any]:
    """The brute-force reference: ("M001"|"M007", None) or ("ok", [(key, weight of FULL²)])."""
    split = accounts.get(account)
    if split is None:
        return "M001", None
    co_parts: list[tuple[Dims, int]] = []
    for valid_from, valid_to, parts in values.get(value or "", []):
        if (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to):
            co_parts = parts
    parts_out: list[tuple[tuple[str, ...], int]] = []
    for target, named, weight in split:
        if not co_parts:
            merged = [(dict(named), weight * FULL)]
        else:
            groups: dict[tuple[tuple[str, str], ...], int] = {}
            for co_named, co_weight in co_parts:
                extra = tuple(sorted((k, v) for k, v in co_named.items() if k not in named))
                groups[extra] = groups.get(extra, 0) + co_weight
            merged = [({**named, **dict(extra)}, weight * w) for extra, w in groups.items()]
        for cells, w in merged:
            if "u" not in cells:
                return "M007", None
            parts_out.append(((target, *[cells.get(k, "") for k in KEYS]), w))
    return "ok", parts_out


def _text(cents: int) -> str:
    return f"{'-' if cents < 0 else ''}{abs(cents) // 100},{abs(cents) % 100:02d}"


def prepared(accounts: Any, values: Any) -> Prepared:
    """The account set and the cost-objects set of a drawn example, as `prepare` gives them."""
    account_rule_list, co_rule_list = _rules(accounts, values)
    target = _chart("target", TARGETS)
    combiner = Combiner(RuleIndex(co_rule_list), required={"expense": ("u",)}, dimension="kp",
                        label="kp@1", keys=KEYS)
    return Prepared(1, "tili", 1, _chart("legacy", [*ACCOUNTS, "4099"]), target,
                    RuleIndex(account_rule_list, target=target), KEYS,
                    CostObjectsUse(2, "kp", 1, "kp", combiner))


def write_gl(folder: Path, lines: list[tuple]) -> Path:
    """The drawn lines as a Finnish trial balance file in ``folder``."""
    source = folder / "gl.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["tili", "kustannuspaikka", "kausi", "summa"])
        for account, value, period, cents in lines:
            writer.writerow([account, value or "", period, _text(cents)])
    return source


@settings(max_examples=150, deadline=None)
@given(accounts=account_rules(), values=co_rules(), lines=lines_strategy)
@example(  # one rule each side, neither gives the required dimension (the single-rule path)
    accounts={"4000": [("400000", {"s": "1"}, FULL)]},
    values={"C1": [(None, None, [({"p": "a"}, FULL)])],
            "C2": [(None, None, [({"u": "b"}, FULL)])]},
    lines=[("4000", "C1", "2025-06", 100), ("4000", "C2", "2025-07", -100)])
def test_both_kinds_of_splits_reconcile_to_the_cent(accounts: Any, values: Any,
                                                    lines: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = write_gl(Path(folder), lines)
        output = Path(folder) / "out.csv"
        result = translate(prepared(accounts, values), path=source, today=date(2025, 12, 31),
                           output=output)
        with output.open(encoding="utf-8", newline="") as handle:
            written = list(csv.DictReader(handle, delimiter=";"))

    by_row: dict[int, list[dict[str, str]]] = defaultdict(list)
    for part in written:
        by_row[int(part["source_row"])].append(part)
    untranslated = {entry["row"]: entry["code"] for entry in result.totals.untranslated}
    for number, (account, value, period, cents) in enumerate(lines, start=2):
        verdict, expected = _expected(accounts, values, account, value, DAYS[period])
        if verdict != "ok":
            assert untranslated.get(number) == verdict and number not in by_row
            continue
        assert number not in untranslated
        parts = by_row[number]
        assert sum(parse_cents(p["amount"]) for p in parts) == cents
        got: dict[tuple[str, ...], int] = defaultdict(int)
        exact: dict[tuple[str, ...], Decimal] = defaultdict(Decimal)
        count: dict[tuple[str, ...], int] = defaultdict(int)
        for part in parts:
            key = (part["target_account"], *[part[k] for k in KEYS])
            got[key] += parse_cents(part["amount"])
            count[key] += 1
        for key, weight in expected:
            exact[key] += Decimal(cents) * weight / (FULL * FULL)
        assert set(got) == set(exact)
        for key, cents_of_key in got.items():  # each part is within a cent of its share
            assert abs(cents_of_key - exact[key]) < count[key]

    totals = result.totals
    left: dict[str, int] = defaultdict(int)
    for entry in totals.untranslated:
        left[entry["period"] or ""] += int(entry["amount"] * 100)
    for period, before in totals.before.items():
        assert before - totals.after.get(period, 0) == left[period]
    assert result.reconciled == (not totals.untranslated)
