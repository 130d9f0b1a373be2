"""Generated charts, dimensions and mappings for the mapping benchmarks (deterministic, clean).

Validation data: 20,000 five-digit legacy accounts (balance sheet 10000–15999, income
16000–19999, expense 20000–29999) with summary parents, the target chart ``code + "0"``, and
200,000 rules: 5 % ranges (blocks of ten accounts per range cost centre), 10 % split rows
(50/50), the rest exact (account, cost centre) rules. Every rule is valid, so the run measures
the checks, not the rendering of findings.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

LEGACY_FIRST = 10_000
ACCOUNTS = 20_000
UNITS = 500
SERVICES = 100

MAPPING_HEADER = ["Vanha tili", "Vanha kustannuspaikka", "Uusi tili", "vastuuyksikko",
                  "palveluluokka", "Osuus", "Voimassa alkaen", "Voimassa asti", "Huomautus"]


def account_type(code: int) -> str:
    if code < 16_000:
        return "asset"
    return "income" if code < 20_000 else "expense"


def _write(path: Path, header: list[str], rows: Iterator[list[object]]) -> Path:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    tmp.replace(path)
    return path


def chart_rows(*, target: bool, accounts: int = ACCOUNTS) -> Iterator[list[object]]:
    """Summary rows (3-digit parents) and postable accounts."""
    suffix = "0" if target else ""
    for code in range(LEGACY_FIRST, LEGACY_FIRST + accounts):
        if code % 100 == 0:
            parent = code // 100
            yield [f"{parent}", f"Ryhmä {parent}", account_type(code), "", 1]
        yield [f"{code}{suffix}", f"Tili {code}", account_type(code), f"{code // 100}", 1]


def dimension_rows(count: int, first: int) -> Iterator[list[object]]:
    for value in range(first, first + count):
        yield [f"{value}", f"Arvo {value}", "", 1]


def write_reference(workdir: Path) -> dict[str, Path]:
    """Legacy and target charts and two target dimensions as CSV files."""
    files = {
        "legacy": workdir / "legacy_chart.csv",
        "target": workdir / "target_chart.csv",
        "units": workdir / "units.csv",
        "services": workdir / "services.csv",
    }
    chart_header = ["code", "name", "type", "parent", "active"]
    value_header = ["code", "name", "parent", "active"]
    if not files["legacy"].exists():
        _write(files["legacy"], chart_header, chart_rows(target=False))
    if not files["target"].exists():
        _write(files["target"], chart_header, chart_rows(target=True))
    if not files["units"].exists():
        _write(files["units"], value_header, dimension_rows(UNITS, 100_000))
    if not files["services"].exists():
        _write(files["services"], value_header, dimension_rows(SERVICES, 1_000))
    return files


def validation_rules(accounts: int = ACCOUNTS) -> Iterator[list[object]]:
    """≈ 10 rules per account: 5 % ranges, 10 % split rows, the rest exact (see module doc)."""
    for index, code in enumerate(range(LEGACY_FIRST, LEGACY_FIRST + accounts)):
        target = f"{code}0"
        unit = f"{100_000 + index % UNITS}"
        service = f"{1_000 + index % SERVICES}"
        if index % 10 == 0:  # one block of ten accounts, five range cost centres
            for centre in range(1, 6):
                last = min(code + 9, LEGACY_FIRST + accounts - 1)
                yield [f"{code}..{last}", f"R{centre}", f"{code}0", unit, service, "", "", "",
                       ""]
        for centre in range(1, 9):
            yield [code, f"C{centre}", target, unit, service, 100, "", "", ""]
        if index % 2 == 0:
            yield [code, "C9", target, unit, service, 100, "", "", ""]
        else:
            yield [code, "S1", target, unit, service, "50", "", "", "jako"]
            yield [code, "S1", target, f"{100_000 + (index + 1) % UNITS}", service, "50,00", "",
                   "", ""]


def write_validation_mapping(workdir: Path) -> Path:
    path = workdir / "mapping_200k.csv"
    if not path.exists():
        _write(path, MAPPING_HEADER, validation_rules())
    return path


def write_mapping_xlsx(workdir: Path, rows: int = 50_000) -> Path:
    """The first ``rows`` validation rules as a consultant workbook (title row, numbers)."""
    path = workdir / "mapping_50k.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.create_sheet("Ohjeet").append(["Yksi rivi = yksi sääntö"])
    sheet = workbook.create_sheet("Tilimappaus")
    sheet.append(["Benchmark – tilikartan muunnos"])
    sheet.append([])
    sheet.append(MAPPING_HEADER)
    for count, row in enumerate(validation_rules()):
        if count >= rows:
            break
        code, centre, target, unit, service, share, *rest = row
        sheet.append([int(code) if isinstance(code, int) else code, centre, int(str(target)),
                      int(str(unit)), int(str(service)), share or None, *[v or None for v in rest]])
    tmp = path.with_suffix(".tmp.xlsx")
    workbook.save(tmp)
    tmp.replace(path)
    return path


# --- translation: 20,000 rules, 1,000,000 GL lines ---------------------------------------

GL_LINES = 1_000_000
GL_CENTRES = 20


def translation_rules() -> Iterator[list[object]]:
    """20,000 rules over accounts 10000–27999: 1,000 ranges of five accounts (5 %), 1,000
    60/40 splits (2,000 rows, 10 %), 12,000 exact rules and 5,000 exact rules for cost
    centres C1–C5 of accounts 15000–15999 (which also have a rule for any cost centre)."""
    def unit(code: int) -> str:
        return f"{100_000 + code % UNITS}"

    for first in range(10_000, 15_000, 5):
        yield [f"{first}..{first + 4}", "", f"{first}0", unit(first), "", "", "", "", ""]
    for code in range(15_000, 27_000):
        yield [code, "", f"{code}0", unit(code), "", "", "", "", ""]
        if code < 16_000:
            for centre in range(1, 6):
                yield [code, f"C{centre}", f"{code}0", unit(code + centre), "", "", "", "", ""]
    for code in range(27_000, 28_000):
        yield [code, "", f"{code}0", unit(code), "", "60", "", "", "jako"]
        yield [code, "", f"{code}0", unit(code + 1), "", "40", "", "", ""]


def write_translation_mapping(workdir: Path) -> Path:
    path = workdir / "mapping_20k.csv"
    if not path.exists():
        _write(path, MAPPING_HEADER, translation_rules())
    return path


def gl_rows(lines: int = GL_LINES, seed: int = 20261122) -> Iterator[list[object]]:
    """Deterministic GL lines: accounts 10000–27999, cost centres C1–C20, twelve periods,
    amounts in Finnish format (``-1234,56``)."""
    import random

    generator = random.Random(seed)
    draw = generator.randrange
    for number in range(lines):
        cents = draw(-1_000_000_00, 1_000_000_00)
        sign = "-" if cents < 0 else ""
        magnitude = abs(cents)
        yield [10_000 + draw(18_000), f"C{1 + draw(GL_CENTRES)}",
               f"2025-{1 + number % 12:02d}", f"{sign}{magnitude // 100},{magnitude % 100:02d}"]


def write_gl(workdir: Path) -> Path:
    path = workdir / "gl_1m.csv"
    if not path.exists():
        _write(path, ["tili", "kustannuspaikka", "kausi", "summa"], gl_rows())
    return path


# --- issue 20: honest data for the translate engine ---------------------------------------
#
# 200,000-odd rules over 20,000 accounts: 5 % ranges (five range cost centres R1–R5 per block
# of ten accounts), 10 % split rows (S1, 50/50 on every other account), 10 % date-limited
# pairs (D1 on the other accounts: one rule until 2025-06-30, another from 2025-07-01), the
# rest exact rules for cost centres C1–C7 and one rule for any cost centre per account.
# 1,000,000 GL lines over two periods (2025-06, 2025-07): 5 % on range rules, 10 % on split
# rules, 10 % on dated rules, 1 % on cost centres without rules of their own (the account's
# rule for any centre), 0.1 % on accounts without any rule (untranslated).

ENGINE_PERIODS = ("2025-06", "2025-07")


def engine_rules(accounts: int = ACCOUNTS) -> Iterator[list[object]]:
    for index, code in enumerate(range(LEGACY_FIRST, LEGACY_FIRST + accounts)):
        target = f"{code}0"
        unit = f"{100_000 + index % UNITS}"
        service = f"{1_000 + index % SERVICES}"
        if index % 10 == 0:
            last = min(code + 9, LEGACY_FIRST + accounts - 1)
            for centre in range(1, 6):
                yield [f"{code}..{last}", f"R{centre}", target, unit, service, "", "", "", ""]
        yield [code, "", target, unit, service, "", "", "", ""]
        for centre in range(1, 8):
            yield [code, f"C{centre}", target, f"{100_000 + (index + centre) % UNITS}",
                   service, "", "", "", ""]
        if index % 2 == 0:
            yield [code, "S1", target, unit, service, "50", "", "", "jako"]
            yield [code, "S1", target, f"{100_000 + (index + 1) % UNITS}", service, "50", "",
                   "", ""]
        else:
            yield [code, "D1", target, unit, service, "", "", "2025-06-30", "vanha"]
            yield [code, "D1", f"{LEGACY_FIRST + (index + 1) % accounts}0", unit, service, "",
                   "2025-07-01", "", "uusi"]


def write_engine_mapping(workdir: Path) -> Path:
    path = workdir / "mapping_engine_200k.csv"
    if not path.exists():
        _write(path, MAPPING_HEADER, engine_rules())
    return path


def engine_gl_rows(lines: int = GL_LINES, seed: int = 20261207) -> Iterator[list[object]]:
    import random

    generator = random.Random(seed)
    draw = generator.randrange
    for number in range(lines):
        cents = draw(-1_000_000_00, 1_000_000_00)
        sign = "-" if cents < 0 else ""
        account = LEGACY_FIRST + draw(ACCOUNTS)
        fate = draw(1000)
        if fate < 50:
            centre = f"R{1 + draw(5)}"
        elif fate < 150:
            centre, account = "S1", account - (account - LEGACY_FIRST) % 2
        elif fate < 250:
            centre, account = "D1", account | 1
        elif fate < 260:
            centre = "X9"
        elif fate < 261:
            centre, account = "C1", 90_000 + draw(10)
        else:
            centre = f"C{1 + draw(7)}"
        yield [account, centre, ENGINE_PERIODS[number % 2],
               f"{sign}{abs(cents) // 100},{abs(cents) % 100:02d}"]


def write_engine_gl(workdir: Path) -> Path:
    path = workdir / "gl_engine_1m.csv"
    if not path.exists():
        _write(path, ["tili", "kustannuspaikka", "kausi", "summa"], engine_gl_rows())
    return path
