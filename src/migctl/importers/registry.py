"""Which reader opens which file, by suffix: the entry point every importer calls."""

from __future__ import annotations

from pathlib import Path

from migctl.errors import InputError
from migctl.importers.tabular import Reader, Table, TableSpec


def _csv() -> Reader:
    from migctl.importers.csv_source import read_csv

    return read_csv


def _xlsx() -> Reader:
    from migctl.importers.xlsx_source import read_xlsx

    return read_xlsx


READERS = {
    ".csv": _csv,
    ".txt": _csv,
    ".tsv": _csv,
    ".xlsx": _xlsx,
    ".xlsm": _xlsx,
    ".xls": _xlsx,
    ".ods": _xlsx,
}


def reader_for(path: Path) -> Reader:
    factory = READERS.get(path.suffix.lower())
    if factory is None:
        known = ", ".join(sorted(READERS))
        raise InputError(f"unsupported file type {path.suffix or '(none)'}; use {known}",
                         file=path.name)
    return factory()


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
