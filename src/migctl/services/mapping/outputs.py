"""Translated lines written as they are produced: CSV, JSON or XLSX, never all in memory.

Each writer goes through a temporary file that replaces the output only when the whole
translation succeeded (:func:`files.atomic_output`). Amounts are written exactly (``-1234.56``).
CSV is UTF-8, ``;``-delimited with a decimal point, so migctl and spreadsheets read it back.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from migctl.errors import OptionError, UsageError
from migctl.services.mapping.files import atomic_output

FORMATS = ("csv", "json", "xlsx")
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, header included


class LineWriter(Protocol):
    def write(self, row: list[Any]) -> None: ...


class _Csv:
    def __init__(self, handle: Any, columns: list[str]) -> None:
        self._writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        self._writer.writerow(columns)
        self.write = self._writer.writerow


class _Json:
    """A JSON array of objects, one per line of text; amount fields as exact numbers."""

    def __init__(self, handle: Any, columns: list[str], numeric: set[str]) -> None:
        self._handle = handle
        self._keys = [json.dumps(c) for c in columns]
        self._numeric = [c in numeric for c in columns]
        self._first = True
        handle.write("[")

    def write(self, row: list[Any]) -> None:
        fields = []
        for key, numeric, value in zip(self._keys, self._numeric, row, strict=True):
            if value is None or value == "":
                text = "null"
            elif numeric:
                text = str(value)
            else:
                text = json.dumps(value, ensure_ascii=False)
            fields.append(f"{key}: {text}")
        self._handle.write(("\n" if self._first else ",\n") + "{" + ", ".join(fields) + "}")
        self._first = False

    def close(self) -> None:
        self._handle.write("\n]\n" if not self._first else "]\n")


class _Xlsx:
    def __init__(self, columns: list[str], numeric: set[str]) -> None:
        from openpyxl import Workbook

        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet("lines")
        self.sheet.append(columns)
        self._numeric = [c in numeric for c in columns]
        self.rows = 1

    def write(self, row: list[Any]) -> None:
        from decimal import Decimal

        self.rows += 1
        if self.rows > XLSX_MAX_ROWS:
            raise OptionError(f"XLSX holds at most {XLSX_MAX_ROWS - 1} lines; write csv or "
                              "json, or use {option}", field="aggregate")
        self.sheet.append([Decimal(v) if numeric and v not in (None, "") else v
                           for numeric, v in zip(self._numeric, row, strict=True)])


@contextmanager
def open_writer(output: Path, fmt: str, columns: list[str], numeric: set[str]
                ) -> Iterator[LineWriter]:
    """Yields a writer; ``output`` appears (or is replaced) only if the block succeeds."""
    if fmt not in FORMATS:
        raise UsageError(f"cannot write {fmt!r}; use {', '.join(FORMATS)}")
    if fmt == "xlsx":
        workbook = _Xlsx(columns, numeric)
        yield workbook
        with atomic_output(output, binary=True) as handle:
            workbook.workbook.save(handle)
        return
    with atomic_output(output) as handle:
        if fmt == "csv":
            yield _Csv(handle, columns)
            return
        writer = _Json(handle, columns, numeric)
        yield writer
        writer.close()


def format_for(output: Path, requested: str | None, *, fallback: str) -> str:
    """The lines' format: the output's suffix when it names one, else ``requested``/fallback."""
    suffix = output.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    return requested if requested in FORMATS else fallback


def compress_rows(rows: Iterator[int] | list[int]) -> str:
    """``[2, 3, 4, 9]`` → ``"2-4,9"``."""
    parts: list[str] = []
    start = previous = None
    for row in rows:
        if previous is not None and row == previous + 1:
            previous = row
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = row
    if start is not None:
        parts.append(str(start) if start == previous else f"{start}-{previous}")
    return ",".join(parts)
