"""Which reader opens which file, by suffix: the entry point every importer calls.

A reader is a function ``(path, spec, **ReadOptions) → Table``
(:data:`migctl.importers.tabular.Reader`); :data:`READERS` names the module that holds it per
suffix, so opening a CSV never imports the spreadsheet library. A new format is one module with
a reader and one line here.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Unpack, cast

from migctl import textsafe
from migctl.errors import InputError
from migctl.importers.tabular import Reader, ReadOptions, Table, TableSpec

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
    **options: Unpack[ReadOptions],
) -> Table:
    """Open a CSV or spreadsheet by its suffix and match its header against ``spec``."""
    path = Path(path)
    found = textsafe.problem(path.name)
    if found is not None:
        raise InputError(f"the file name {found}; rename the file",
                         file=textsafe.one_line(path.name))
    if path.is_dir():
        raise InputError("is a directory; name a CSV or XLSX file", file=str(path))
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    return reader_for(path)(path, spec, **options)
