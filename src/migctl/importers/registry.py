"""Which reader opens which file, by suffix: the entry point every importer calls.

A reader is a function ``(path, spec, *, sheet, header_row, delimiter, encoding) → Table``
(:data:`migctl.importers.tabular.Reader`); :data:`READERS` names the module that holds it per
suffix, so opening a CSV never imports the spreadsheet library. A new format is one module with
a reader and one line here.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TypedDict, cast

from migctl.errors import InputError
from migctl.importers.tabular import Reader, Table, TableSpec


class ReadOptions(TypedDict, total=False):
    """How to read a file, as every import command takes it (all optional: None = detect)."""

    sheet: str | None  # spreadsheets: the sheet (default: the first that holds the header)
    header_row: int | None  # the header's row number (default: found)
    delimiter: str | None  # CSV: the delimiter (default: sniffed)
    encoding: str | None  # CSV: the encoding (default: detected)


_CSV = ("migctl.importers.csv_source", "read_csv")
_XLSX = ("migctl.importers.xlsx_source", "read_xlsx")

#: suffix → (module, reader function); imported on first use.
READERS: dict[str, tuple[str, str]] = {
    ".csv": _CSV,
    ".txt": _CSV,
    ".tsv": _CSV,
    ".xlsx": _XLSX,
    ".xlsm": _XLSX,
    ".xls": _XLSX,
    ".ods": _XLSX,
}


def reader_for(path: Path) -> Reader:
    found = READERS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted(READERS))
        raise InputError(f"unsupported file type {path.suffix or '(none)'}; use {known}",
                         file=path.name)
    module, name = found
    return cast(Reader, getattr(import_module(module), name))


def read_table(
    path: Path | str,
    spec: TableSpec,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
) -> Table:
    """Open a CSV or spreadsheet by its suffix and match its header against ``spec``."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    reader = reader_for(path)
    return reader(
        path, spec, sheet=sheet, header_row=header_row, delimiter=delimiter, encoding=encoding
    )
