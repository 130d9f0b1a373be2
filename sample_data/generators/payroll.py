"""Writes the sample city's payroll parallel run (deterministic; run from the checkout):

    python sample_data/generators/payroll.py [OUT_DIR]

Two months (2026-05, 2026-06) of a few hundred fictional employees paid by the legacy payroll
and by the new one, KVTES-like wage types, into ``sample_data/payroll/``:

* ``wage_types.csv`` — legacy wage type → new wage type and its Incomes Register income type
  (*tulolaji*); the old language supplement 1710 has no new wage type yet (the one unmapped
  wage type: the new system pays it as KL100, which the mapping does not know either);
* ``legacy_2026-05.csv``, ``legacy_2026-06.csv`` — the legacy results: cp1252, ``;``, decimal
  commas, a name column (ignored by migctl, never stored);
* ``new_2026-05.csv``, ``new_2026-06.csv`` — the new system's: UTF-8, ``,``, decimal points,
  new employee numbers; ``key_map.csv`` maps the old numbers to the new ones.

Planted: the holiday bonus (lomaraha, income type 213) 0.8 % lower in the new system for every
employee paid one (the collective-agreement tables incident), two employees missing from the
new system, a few cents of rounding on evening work compensation. Everything else agrees.

:func:`write` also makes the benchmark's files (any number of employees and wage types).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
MONTHS = ("2026-05", "2026-06")
#: (legacy wage type, new wage type, income type, name); the first entry per employee is pay
WAGE_TYPES = [
    ("1001", "KK100", "201", "Kuukausipalkka"),
    ("1010", "HL100", "201", "Henkilökohtainen lisä"),
    ("1020", "TK100", "201", "Työkokemuslisä"),
    ("1100", "IL100", "206", "Iltatyökorvaus"),
    ("1110", "YO100", "236", "Yötyökorvaus"),
    ("1130", "SU100", "221", "Sunnuntaityökorvaus"),
    ("1200", "YT150", "235", "Ylityökorvaus 50 %"),
    ("1210", "YT200", "235", "Ylityökorvaus 100 %"),
    ("1300", "VL100", "201", "Vuosilomapalkka"),
    ("1310", "LR100", "213", "Lomaraha"),
    ("1500", "SA100", "201", "Sairausajan palkka"),
]
UNMAPPED = ("1710", "KL100", "Kielilisä (poistuva)")
HOLIDAY_BONUS = "1310"
EVENING = "1100"
ORG_UNITS = ["SOTE-TK", "SOTE-VANH", "KASVO-PK", "KASVO-VAKA", "TEKN-KADUT", "KONS-HALL"]
FIRST = ["Aino", "Eero", "Helmi", "Ilmari", "Kaisa", "Lauri", "Maija", "Niilo", "Oona",
         "Paavo", "Riikka", "Sakari", "Tuuli", "Urho", "Venla", "Ylermi"]
LAST = ["Aaltonen", "Heikkilä", "Järvinen", "Koskinen", "Laine", "Mäkelä", "Nieminen",
        "Ojala", "Pesonen", "Rantanen", "Salminen", "Toivonen", "Virtanen"]


def _eur(cents: int, comma: bool) -> str:
    text = f"{'-' if cents < 0 else ''}{abs(cents) // 100}.{abs(cents) % 100:02d}"
    return text.replace(".", ",") if comma else text


def _wage_types(count: int | None) -> list[tuple[str, str, str, str]]:
    if count is None:
        return WAGE_TYPES
    extra = [(str(2000 + n), f"X{n:03d}", "216", f"Lisä {n}") for n in range(count)]
    return (WAGE_TYPES + extra)[:count]


def _lines(rng: random.Random, employee: int, types: list[tuple[str, str, str, str]],
           every: bool) -> list[tuple[str, int]]:
    """(legacy wage type, cents) paid to one employee in one month."""
    salary = rng.randrange(2_300_00, 4_800_00)
    lines = [(types[0][0], salary)]
    for legacy, _, _, _ in types[1:]:
        if every or rng.random() < 0.3:
            lines.append((legacy, rng.randrange(20_00, 900_00)))
    if not every and employee % 29 == 0:
        lines.append((UNMAPPED[0], 45_00))
    return lines


def write(out: Path, *, employees: int = 320, wage_types: int | None = None,
          months: tuple[str, ...] = MONTHS, split: bool = True, seed: int = 19) -> None:
    """The files into ``out``; ``split``: one pair of files per month (the demo), else one
    pair for all months (the benchmark)."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    types = _wage_types(wage_types)
    every = wage_types is not None
    new_of = {legacy: new for legacy, new, _, _ in types}
    new_of[UNMAPPED[0]] = UNMAPPED[1]
    with (out / "wage_types.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["legacy_wage_type", "new_wage_type", "income_type", "name"])
        writer.writerows(types)
        writer.writerow([UNMAPPED[0], "", "", UNMAPPED[2]])
    with (out / "key_map.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["legacy_employee_id", "new_employee_id"])
        writer.writerows((str(100000 + n), f"H{500000 + n}") for n in range(employees))
    missing = {100000 + employees // 3, 100000 + (2 * employees) // 3}
    legacy_rows: dict[str, list[list[str]]] = {m: [] for m in months}
    new_rows: dict[str, list[list[str]]] = {m: [] for m in months}
    for n in range(employees):
        number = 100000 + n
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
        org = ORG_UNITS[n % len(ORG_UNITS)]
        for month in months:
            for legacy, cents in _lines(rng, n, types, every):
                legacy_rows[month].append([str(number), name, month, legacy,
                                           _eur(cents, True), org])
                if number in missing:
                    continue
                paid = cents
                if legacy == HOLIDAY_BONUS:
                    paid = cents - (cents * 8 + 500) // 1000  # 0.8 % less, to the cent
                elif legacy == EVENING and n % 41 == 0:
                    paid = cents + 1  # the new system rounds evening work differently
                new_rows[month].append([f"H{500000 + n}", month, new_of[legacy],
                                        _eur(paid, False), org])
    _write_sides(out, legacy_rows, new_rows, split)


def _write_sides(out: Path, legacy_rows: dict[str, list[list[str]]],
                 new_rows: dict[str, list[list[str]]], split: bool) -> None:
    groups = [(f"_{m}", [m]) for m in legacy_rows] if split else [("", list(legacy_rows))]
    for suffix, months in groups:
        with (out / f"legacy{suffix}.csv").open("w", encoding="cp1252", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            writer.writerow(["henkilönumero", "nimi", "kausi", "palkkalaji", "summa",
                             "organisaatioyksikkö"])
            for month in months:
                writer.writerows(legacy_rows[month])
        with (out / f"new{suffix}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["employee_id", "period", "wage_type", "amount", "org_unit"])
            for month in months:
                writer.writerows(new_rows[month])


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "payroll")
