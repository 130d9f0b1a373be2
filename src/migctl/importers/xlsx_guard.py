"""A workbook's archive checked before any reader opens it: no bombs reach calamine.

calamine sizes a dense range from the furthest cell, inflates every member in memory and keeps
any string whole, so a 1.8 KB file with one cell at ``XFD1048576`` aborts the process, a 3.7 MB
file can inflate to 1.5 GB and a 511 KB file can carry one 500 MB string. This module reads
only the zip directory and streams the XML members through small regular expressions (never a
DOM), and refuses what exceeds the documented limits with one line, exit 2. The sheet's extent
is taken from its cell and row references, not from ``<dimension>``, which may be missing or
lie. Only the OOXML formats (``.xlsx``, ``.xlsm``) are zip archives; others are left to the
reader.
"""

from __future__ import annotations

import html
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from migctl.errors import InputError

#: The documented limits (README, "Conventions").
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # inflated ÷ compressed size, for members over RATIO_FLOOR_BYTES
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ROWS = 1_048_576  # Excel's own limits
MAX_COLUMNS = 16_384
MAX_CELLS_IN_RANGE = 50_000_000  # rows × columns of the range calamine allocates
MAX_CELLS = 20_000_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell

_CHUNK = 1024 * 1024
_OVERLAP = 64  # bytes kept between chunks so a reference split across them is still seen
_CELL_REF = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,4})([0-9]{1,8})"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,8})"')
_STRING_ITEM = re.compile(rb"<(?:\w+:)?(si|is)\b[^>]*>(.*?)</(?:\w+:)?\1>", re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>", re.S)


@dataclass
class Extent:
    rows: int = 0
    columns: int = 0
    cells: int = 0


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (letter - 64)
    return number


#: A sheet name → the cells (row, column, both from 1) holding a formula saved without its
#: computed value: calamine reads them as empty, which they are not.
Uncomputed = dict[str, set[tuple[int, int]]]


def is_zip(path: Path) -> bool:
    """``zipfile.is_zipfile`` that answers instead of raising (see check_workbook)."""
    try:
        return zipfile.is_zipfile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def check_workbook(path: Path) -> Uncomputed:
    """Refuse ``path`` (InputError, exit 2) when its archive exceeds a limit; return the
    formula cells that have no cached value, by sheet name."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    file = path.name  # as every reader names it in errors
    uncomputed: dict[str, set[tuple[int, int]]] = {}
    try:
        # is_zipfile raises on some damaged end records (a multi-disk marker, found by
        # fuzzing) that calamine reads past: refuse those here, unchecked they would pass.
        if not zipfile.is_zipfile(path):
            return {}
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_sizes(members, file)
            for member in members:
                name = member.filename.lower()
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    cells = _check_sheet(archive, member, file)
                    if cells:
                        uncomputed[member.filename] = cells
                elif name == "xl/sharedstrings.xml":
                    _check_strings(archive, member, file, "a shared string")
            return _by_sheet_name(archive, uncomputed) if uncomputed else {}
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            RuntimeError, ValueError) as exc:  # a damaged archive fails in many ways
        raise InputError(f"not a readable XLSX archive ({exc}); is it truncated?",
                         file=file) from None


def _check_sizes(members: list[zipfile.ZipInfo], file: str) -> None:
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise InputError(f"the workbook inflates to {total / 2**20:,.0f} MiB, over the limit of "
                         f"{MAX_UNCOMPRESSED_BYTES // 2**20} MiB; refused unread", file=file)
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > MAX_RATIO:
                raise InputError(f"{member.filename} inflates {ratio:,.0f}-fold (limit "
                                 f"{MAX_RATIO}); a zip bomb? refused unread", file=file)


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> Extent:
    extent = Extent()
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            # Count in the part that cannot hold an incomplete tag any more.
            cut = max(len(data) - _OVERLAP, 0) if len(chunk) == _CHUNK else len(data)
            cut = data.rfind(b"<", 0, cut) if cut < len(data) else cut
            cut = max(cut, 0)
            window = data[:cut]
            for match in _CELL_REF.finditer(window):
                extent.columns = max(extent.columns, column_number(match.group(1)))
                extent.rows = max(extent.rows, int(match.group(2)))
            for match in _ROW_REF.finditer(window):
                extent.rows = max(extent.rows, int(match.group(1)))
            extent.cells += len(_CELL.findall(window))
            tail = data[cut:]
    return extent


def _check_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str
                 ) -> set[tuple[int, int]]:
    extent = _scan(archive, member)
    sheet = member.filename
    if extent.rows > MAX_ROWS or extent.columns > MAX_COLUMNS:
        raise InputError(f"{sheet} reaches row {extent.rows:,}, column {extent.columns:,}: "
                         "beyond Excel's own limits; refused unread", file=file)
    if extent.cells > MAX_CELLS:
        raise InputError(f"{sheet} holds {extent.cells:,} cells, over the limit of "
                         f"{MAX_CELLS:,}; split the file", file=file)
    if extent.rows * extent.columns > MAX_CELLS_IN_RANGE:
        raise InputError(f"{sheet} spans {extent.rows:,} rows × {extent.columns:,} columns "
                         f"(a cell far from the others?), over the limit of "
                         f"{MAX_CELLS_IN_RANGE:,} cells in the used range; delete the stray "
                         "cells or copy the data to a new sheet", file=file)
    data = _check_strings(archive, member, file, "an inline string")
    return _uncomputed(data) if b"<f" in data else set()


_CELL_ELEMENT = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_REF = re.compile(rb'\br="([A-Z]{1,4})([0-9]{1,8})"')
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>[^<]")


def _uncomputed(data: bytes) -> set[tuple[int, int]]:
    """The cells holding a formula (``<f>``) but no cached value (no non-empty ``<v>``)."""
    found: set[tuple[int, int]] = set()
    for match in _CELL_ELEMENT.finditer(data):
        body = match.group(2) or b""
        if b"<f" in body and not _VALUE.search(body):
            ref = _REF.search(match.group(1))
            if ref is not None:
                found.add((int(ref.group(2)), column_number(ref.group(1))))
    return found


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")


def _attribute(tag: bytes, name: bytes) -> str:
    match = re.search(rb"\s" + name + rb'="([^"]*)"', tag)
    return html.unescape(match.group(1).decode("utf-8", "replace")) if match else ""


def _by_sheet_name(archive: zipfile.ZipFile, by_member: Uncomputed) -> Uncomputed:
    """Worksheet members named by their sheets (xl/workbook.xml and its relationships)."""
    try:
        workbook = archive.read("xl/workbook.xml")
        relations = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {_attribute(tag, b"Id"):
               "xl/" + _attribute(tag, b"Target").lstrip("/").removeprefix("xl/")
               for tag in _RELATION.findall(relations)}
    named: Uncomputed = {}
    for tag in _SHEET.findall(workbook):
        cells = by_member.get(targets.get(_attribute(tag, b"r:id"), ""))
        if cells:
            named[_attribute(tag, b"name")] = cells
    return named


def _check_strings(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str,
                   what: str) -> bytes:
    """No string item (shared or inline) longer than Excel's 32,767 characters."""
    with archive.open(member) as stream:
        data = stream.read()  # bounded by MAX_UNCOMPRESSED_BYTES, checked before
    for match in _STRING_ITEM.finditer(data):
        body = match.group(2)
        if len(body) <= MAX_CELL_CHARS:
            continue
        text = b"".join(_TEXT.findall(body)).decode("utf-8", "replace")
        length = len(html.unescape(text))
        if length > MAX_CELL_CHARS:
            raise InputError(f"{what} in {member.filename} is {length:,} characters long, over "
                             f"Excel's limit of {MAX_CELL_CHARS:,}; refused unread", file=file)
    return data
