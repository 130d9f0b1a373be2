"""CSV as Finnish offices write it: `;` or `,` or tab, UTF-8 with or without BOM, or cp1252.

The delimiter is chosen by trying each candidate on the first lines and keeping the one under
which the expected header appears (``csv.Sniffer`` misses `;` too often). The encoding is
UTF-8 (BOM honoured, UTF-16 with BOM too) unless the first 64 KiB are not UTF-8, in which case
cp1252; a later line that breaks UTF-8 is reported with its row number instead of being
silently mangled.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from migctl.errors import InputError
from migctl.importers.tabular import build_table, match_header, missing_columns

if TYPE_CHECKING:
    from migctl.importers.tabular import RawRow, ReadOptions, Table, TableSpec

DELIMITERS = (";", ",", "\t")
_NAMES = {";": "';'", ",": "','", "\t": "tab", "|": "'|'"}
SNIFF_BYTES = 64 * 1024
SNIFF_LINES = 50

csv.field_size_limit(16 * 1024 * 1024)


def detect_encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 by its BOM, else what the first line holding
    non-ASCII bytes is: a file that starts in UTF-8 and later has a cp1252 line is refused at
    that line (it mixes encodings), never read whole as cp1252 into mojibake."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for line in head.splitlines(keepends=True):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            cut = exc.start >= len(line) - 4 and not line.endswith((b"\n", b"\r"))
            return "utf-8" if cut else "cp1252"  # a character cut at the sniff boundary
        return "utf-8"
    return "utf-8"


def read_csv(
    path: Path,
    spec: TableSpec,
    **options: Unpack[ReadOptions],
) -> Table:
    file = path.name
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head.removeprefix(codecs.BOM_UTF8).strip():
        raise InputError("the file is empty", file=file)
    chosen_encoding = options.get("encoding") or detect_encoding(head)
    try:
        codecs.lookup(chosen_encoding)
    except LookupError:
        raise InputError(f"unknown encoding {chosen_encoding!r}", file=file) from None
    if chosen_encoding == "cp1252":
        _refuse_undecodable(head, file=file)
    delimiter = options.get("delimiter")
    if delimiter is not None:
        delimiter = "\t" if delimiter in ("\\t", "tab", "TAB") else delimiter
        if len(delimiter) != 1:
            raise InputError(f"delimiter must be one character, got {delimiter!r}", file=file)
    else:
        delimiter = _choose_delimiter(head, chosen_encoding, spec)
    source = f"CSV, {_NAMES.get(delimiter, repr(delimiter))} delimited, {chosen_encoding}"
    return build_table(
        file=file,
        source=source,
        raw_rows=_records(path, chosen_encoding, delimiter, file=file,
                          detected=not options.get("encoding")),
        spec=spec,
        header_row=options.get("header_row"),
    )


def _refuse_undecodable(head: bytes, *, file: str) -> None:
    try:
        head.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = head[: exc.start].count(b"\n") + 1
        raise InputError(
            f"byte 0x{head[exc.start]:02x} is neither UTF-8 nor cp1252; "
            "save the file as UTF-8 or pass --encoding",
            file=file,
            row=line,
        ) from None


def _choose_delimiter(head: bytes, encoding: str, spec: TableSpec) -> str:
    text = head.decode(encoding, errors="replace")
    lines = text.splitlines()[:SNIFF_LINES]
    sample = "\n".join(lines)
    best = DELIMITERS[0]
    best_score = (-1, -1)
    for candidate in DELIMITERS:
        rows = list(csv.reader(io.StringIO(sample), delimiter=candidate))
        for cells in rows:
            matched, _ = match_header(cells, spec)
            if matched and not missing_columns(matched, spec):
                return candidate
        counts = [len(r) for r in rows if r]
        widest = max(counts, default=0)
        score = (max((len(match_header(r, spec)[0]) for r in rows), default=0), widest)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _first_undecodable_line(path: Path, encoding: str) -> int | None:
    """The physical line holding the first byte that does not decode (only on the error path)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                decoder.decode(raw)
            except UnicodeDecodeError:
                return number
    return None


def _is_utf8(text: str) -> bool:
    """Whether cp1252-decoded ``text`` was UTF-8 with multi-byte sequences (``Ã¤`` for ``ä``)."""
    try:
        text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return False
    return True


def _records(path: Path, encoding: str, delimiter: str, *, file: str,
             detected: bool = False) -> Iterator[RawRow]:
    """Yield (line where the record starts, cells); quoted cells may span lines.

    A file read as cp1252 because its first non-ASCII line was (``detected``) is refused at a
    later line that is UTF-8: its bytes decode in cp1252 too, but into mojibake (``PÃ¤ivÃ¤``).
    """
    mojibake = detected and encoding == "cp1252"
    handle = path.open("r", encoding=encoding, newline="", errors="strict")
    try:
        reader = csv.reader(handle, delimiter=delimiter)
        previous_end = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise InputError(
                    f"this line is not {encoding}: the file mixes encodings; "
                    "save it as UTF-8 or pass --encoding",
                    file=file,
                    row=_first_undecodable_line(path, encoding),
                ) from None
            except csv.Error as exc:
                raise InputError(f"malformed CSV: {exc}", file=file, row=previous_end + 1) from None
            start = previous_end + 1
            previous_end = reader.line_num
            joined = "".join(cells)
            if "\x00" in joined:
                raise InputError(
                    "contains NUL bytes: this is not a text CSV file", file=file, row=start
                )
            if mojibake and not joined.isascii() and _is_utf8(joined):
                raise InputError(
                    "this line is UTF-8 but the lines before it are cp1252: the file mixes "
                    "encodings; save it as UTF-8 or pass --encoding", file=file, row=start)
            yield start, cells
    finally:
        handle.close()
