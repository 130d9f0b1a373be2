"""Which reader opens which file, by suffix."""

from __future__ import annotations

from pathlib import Path

from migctl.errors import InputError
from migctl.importers.tabular import Reader


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
