"""Spreadsheets (XLSX, XLSM, XLS, ODS) through python-calamine.

calamine reads cached formula values, streams rows, and is roughly ten times faster than
openpyxl on large sheets (benchmarks/RESULTS.md). It hands numbers back as floats, so a code
typed as ``4010`` arrives as ``4010.0``: :func:`cell_text` turns integral floats back into the
digits the user typed. Leading zeros are lost once Excel stored a code as a number; nothing
can recover them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from migctl.errors import InputError
from migctl.importers.tabular import HEADER_SEARCH_ROWS, build_table, match_header, missing_columns

if TYPE_CHECKING:
    from migctl.importers.tabular import RawRow, ReadOptions, Table, TableSpec


def cell_text(value: Any) -> str:
    """A calamine cell as the text the user typed."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def read_xlsx(
    path: Path,
    spec: TableSpec,
    **options: Unpack[ReadOptions],
) -> Table:
    from python_calamine import CalamineWorkbook

    from migctl.importers.xlsx_guard import check_workbook

    file = path.name
    sheet, header_row = options.get("sheet"), options.get("header_row")
    if path.stat().st_size == 0:
        raise InputError("the file is empty", file=file)
    uncomputed = check_workbook(path)  # bombs are refused before calamine reads anything
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = list(workbook.sheet_names)
    except Exception as exc:  # calamine raises its own error types for broken files
        raise InputError(f"not a readable spreadsheet ({_reason(path, exc)})", file=file) from None
    if not names:
        raise InputError("the workbook has no sheets", file=file)

    if sheet is not None:
        chosen = _sheet_by_name(names, sheet, file=file)
    elif len(names) == 1:
        chosen = names[0]
    else:
        chosen = _sheet_with_header(workbook, names, spec, header_row, file=file)

    try:
        worksheet = workbook.get_sheet_by_name(chosen)
    except Exception as exc:
        raise InputError(f"cannot read sheet {chosen!r} ({exc})", file=file) from None
    return build_table(
        file=file,
        source=f"XLSX sheet {chosen!r}",
        raw_rows=_rows(worksheet, file=file, uncomputed=uncomputed.get(chosen, set())),
        spec=spec,
        header_row=header_row,
    )


def _rows(worksheet: Any, *, file: str, uncomputed: set[tuple[int, int]] | None = None
          ) -> Iterator[RawRow]:
    start = worksheet.start
    first_col = start[1] if start else 0
    pad = [""] * first_col
    try:
        for index, cells in enumerate(worksheet.iter_rows(), start=1):
            texts = [cell_text(c) for c in cells]
            row = (pad + texts) if first_col else texts
            if uncomputed:
                _refuse_uncomputed(row, index, uncomputed, file=file)
            yield index, row
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"cannot read the sheet ({exc})", file=file) from None


def _refuse_uncomputed(row: list[str], number: int, uncomputed: set[tuple[int, int]], *,
                       file: str) -> None:
    """A formula cell read as empty because the workbook holds no computed value for it (saved
    by a program that does not calculate, e.g. a script writing with openpyxl)."""
    for column, text in enumerate(row, start=1):
        if not text and (number, column) in uncomputed:
            from migctl.importers.tabular import column_letter

            raise InputError(
                "holds a formula, but the workbook was saved without computed values; open "
                "it in Excel or LibreOffice and save it again (or paste the values)",
                file=file, row=number, column=column_letter(column - 1))


def _sheet_by_name(names: list[str], wanted: str, *, file: str) -> str:
    if wanted in names:
        return wanted
    folded = {n.casefold().strip(): n for n in names}
    if wanted.casefold().strip() in folded:
        return folded[wanted.casefold().strip()]
    raise InputError(
        f"no sheet {wanted!r}; the workbook has {', '.join(repr(n) for n in names)}", file=file
    )


def _sheet_with_header(
    workbook: Any, names: list[str], spec: TableSpec, header_row: int | None, *, file: str
) -> str:
    """Consultants put an instructions sheet first: take the first sheet holding the header."""
    for name in names:
        try:
            worksheet = workbook.get_sheet_by_name(name)
        except Exception:
            continue
        for number, cells in _rows(worksheet, file=file):
            if header_row is not None and number != header_row:
                if number > header_row:
                    break
                continue
            matched, _ = match_header(cells, spec)
            if matched and not missing_columns(matched, spec):
                return name
            if number >= HEADER_SEARCH_ROWS:
                break
    wanted = ", ".join(repr(c.name) for c in spec.required())
    raise InputError(
        f"none of the sheets ({', '.join(repr(n) for n in names)}) has a header with {wanted}; "
        "choose one with --sheet",
        file=file,
    )


def _reason(path: Path, exc: Exception) -> str:
    from migctl.importers.xlsx_guard import is_zip

    if path.suffix.lower() in (".xlsx", ".xlsm") and not is_zip(path):
        return "the file is not a valid XLSX (zip) file; is it truncated or renamed?"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]
