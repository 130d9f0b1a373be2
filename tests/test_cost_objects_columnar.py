"""`mapping translate --cost-objects` on the columnar path against the pure loop, the oracle.

For random account splits, random cost-object splits (dated around a boundary, values
without rules, several parts merging into one), random lines (negative amounts, no cost
centre, two periods, an account without a rule), both paths must write byte-identical files
(plain and ``--aggregate``) and report the same reconciliation, line by line.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import example, given, settings

from migctl.services.mapping.index import FULL
from migctl.services.mapping.translate import translate
from tests.test_cost_objects_property import (
    account_rules,
    co_rules,
    lines_strategy,
    prepared,
    write_gl,
)


def _both(accounts: Any, values: Any, lines: list[tuple], *, aggregate: bool) -> None:
    outputs, reports = [], []
    with tempfile.TemporaryDirectory() as folder:
        source = write_gl(Path(folder), lines)
        for engine in ("python", "columnar"):
            output = Path(folder) / f"{engine}.csv"
            result = translate(prepared(accounts, values), path=source,
                               today=date(2025, 12, 31), output=output, aggregate=aggregate,
                               engine=engine)
            assert (result.engine, result.fallback) == (engine, None)
            outputs.append(output.read_bytes())
            document = result.document()
            reports.append({k: v for k, v in document.items()
                            if k not in ("output", "engine", "engine_fallback")})
    assert outputs[0] == outputs[1]
    assert reports[0] == reports[1]


#: a split by a split (weights of 100 % × 100 %) of the largest amounts: exact integers beyond
#: 64 bits, thirds leaving remainders to the largest
SPLITS = {"accounts": {"4000": [("400000", {"u": "1"}, 600_000), ("401000", {}, 400_000)]},
          "values": {"C1": [(None, None, [({"u": "a"}, 333_333), ({"u": "b"}, 333_333),
                                          ({"p": "a"}, 333_334)])]},
          "lines": [("4000", "C1", "2025-06", 10**10 - 1), ("4000", "C1", "2025-07", -10**10),
                    ("4000", "C1", "2025-07", 1)]}
SINGLE = {"accounts": {"4000": [("400000", {"s": "1"}, FULL)]},
          "values": {"C1": [(None, None, [({"p": "a"}, FULL)])],
                     "C2": [(None, None, [({"u": "b"}, FULL)])]},
          "lines": [("4000", "C1", "2025-06", 100), ("4000", "C2", "2025-07", -100),
                    ("4000", None, "2025-07", 5)]}


@settings(max_examples=120, deadline=None)
@given(accounts=account_rules(), values=co_rules(), lines=lines_strategy)
@example(**SINGLE)
@example(**SPLITS)
def test_lines_identical_to_the_pure_path(accounts: Any, values: Any, lines: list[tuple]
                                          ) -> None:
    _both(accounts, values, lines, aggregate=False)


@settings(max_examples=60, deadline=None)
@given(accounts=account_rules(), values=co_rules(), lines=lines_strategy)
@example(**SINGLE)
def test_aggregate_identical_to_the_pure_path(accounts: Any, values: Any, lines: list[tuple]
                                              ) -> None:
    _both(accounts, values, lines, aggregate=True)
