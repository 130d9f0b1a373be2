"""A generated cost-objects set for the translation benchmark (deterministic, clean).

The legacy dimension ``kustannuspaikka`` holds the benchmark ledger's cost centres C1–C20 and
4,980 more (K0001–K4980). The set has 5,000 rules: the twenty ledger centres (C2 split 50/50,
C5 split 33,33/33,33/33,34, C3 reformed on 1.7.2025: two dated rules), then the K values with
ranges of ten (5 % of the rows), 50/50 splits (10 %) and exact rules. Every rule names
``palveluluokka`` (which the benchmark's account rules leave empty, so it comes from here) and
``vastuuyksikko`` (which the account rules name, so theirs wins).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from benchmarks.gen_mapping import SERVICES, UNITS, _write

RULES = 5_000
K_VALUES = 4_980
HEADER = ["Vanha", "vastuuyksikko", "palveluluokka", "Osuus", "Voimassa alkaen",
          "Voimassa asti", "Huomautus"]


def _unit(n: int) -> str:
    return f"{100_000 + n % UNITS}"


def _service(n: int) -> str:
    return f"{1_000 + n % SERVICES}"


def dimension_rows() -> Iterator[list[object]]:
    yield ["KP", "Kustannuspaikat", "", 1]
    for n in range(1, 21):
        yield [f"C{n}", f"Kustannuspaikka C{n}", "KP", 1]
    for n in range(1, K_VALUES + 1):
        yield [f"K{n:04d}", f"Kustannuspaikka K{n:04d}", "KP", 1]


def cost_object_rules(count: int = RULES) -> Iterator[list[object]]:
    produced = 0
    for n in range(1, 21):
        centre = f"C{n}"
        if n == 2:
            rows = [[centre, _unit(n), _service(n), "50", "", "", "jako"],
                    [centre, _unit(n), _service(n + 1), "50", "", "", ""]]
        elif n == 3:
            rows = [[centre, _unit(n), _service(n), "", "", "30.6.2025", "ennen uudistusta"],
                    [centre, _unit(n), _service(n + 7), "", "1.7.2025", "", "uudistus"]]
        elif n == 5:
            rows = [[centre, _unit(n), _service(n + k), share, "", "", ""]
                    for k, share in enumerate(("33,33", "33,33", "33,34"))]
        else:
            rows = [[centre, _unit(n), _service(n), "", "", "", ""]]
        for row in rows:
            yield row
            produced += 1
    value = 1
    index = 0
    while produced < count and value <= K_VALUES:
        code = f"K{value:04d}"
        if index % 20 == 0 and value + 9 <= K_VALUES:  # a range of ten values
            yield [f"{code}..K{value + 9:04d}", _unit(value), _service(value), "", "", "",
                   "väli"]
            produced += 1
            value += 10
        elif index % 10 == 1 and produced + 2 <= count:
            yield [code, _unit(value), _service(value), "50", "", "", "jako"]
            yield [code, _unit(value + 1), _service(value + 1), "50,00", "", "", ""]
            produced += 2
            value += 1
        else:
            yield [code, _unit(value), _service(value), "", "", "", ""]
            produced += 1
            value += 1
        index += 1


def write_dimension(workdir: Path) -> Path:
    path = workdir / "legacy_cost_centres.csv"
    if not path.exists():
        _write(path, ["code", "name", "parent", "active"], dimension_rows())
    return path


def write_cost_object_mapping(workdir: Path) -> Path:
    path = workdir / "cost_objects_5k.csv"
    if not path.exists():
        _write(path, HEADER, cost_object_rules())
    return path
