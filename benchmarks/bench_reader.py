"""Reading a 50,000-row XLSX: python-calamine against openpyxl (why migctl uses calamine)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.harness import Case

ROWS = 50_000


def _workbook(workdir: Path) -> None:
    path = workdir / "rows50k.xlsx"
    if path.exists():
        return
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Tilimappaus")
    sheet.append(["Kuusiniemi – tilikartan muunnos"])
    sheet.append(["Vanha tili", "Vanha kustannuspaikka", "Uusi tili", "vastuuyksikko",
                  "palveluluokka", "Osuus", "Huomautus"])
    for i in range(ROWS):
        sheet.append([4000 + i % 6000, 1100 + i % 400, 400000 + i % 90000, 100000 + i % 500,
                      2100 + i % 30, 100, f"rivi {i}"])
    workbook.save(path)


def _calamine(workdir: Path) -> int:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(workdir / "rows50k.xlsx")).get_sheet_by_name(
        "Tilimappaus")
    return sum(1 for _ in sheet.iter_rows())


def _openpyxl(workdir: Path) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(workdir / "rows50k.xlsx", read_only=True, data_only=True)
    count = sum(1 for _ in workbook["Tilimappaus"].iter_rows(values_only=True))
    workbook.close()
    return count


def _migctl_reader(workdir: Path) -> int:
    from migctl.importers import Column, TableSpec, read_table

    spec = TableSpec(columns=(Column("source_account", ("vanha tili",)),
                              Column("target_account", ("uusi tili",))))
    return sum(1 for _ in read_table(workdir / "rows50k.xlsx", spec).rows)


CASES = [
    Case("python-calamine, 50k rows", "xlsx-reader", call=_calamine, setup=_workbook, repeat=3,
         note="raw iteration", engine_free=True),
    Case("openpyxl read-only, 50k rows", "xlsx-reader", call=_openpyxl, setup=_workbook,
         repeat=3, note="raw iteration, the alternative", engine_free=True),
    Case("migctl reader (calamine + header match), 50k rows", "xlsx-reader", call=_migctl_reader,
         setup=_workbook, repeat=3, target_s=2.0, engine_free=True),
]
