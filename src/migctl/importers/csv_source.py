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
from collections.abc import Generator, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Unpack

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
        raw_rows=_CsvRecords(path, chosen_encoding, delimiter, file=file,
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


class _CsvRecords:
    """The records of a CSV file as (line where the record starts, cells): iterated one at a
    time (:func:`_records`, what every importer reads) or taken many at a time (:meth:`take`,
    the same rows and the same first error, for importers of 10⁵–10⁶ rows).

    :meth:`take` reads a chunk with the ``csv`` module alone and checks it as a whole: when it
    read exactly one line per record (no cell holds a line break), the records' lines are
    consecutive, and one search over the chunk's text finds any NUL byte (the mojibake check
    looks only at a chunk that is not ASCII). A chunk that is not that simple — a record over
    several lines, a line that does not decode or parse — is read again one record at a time
    from the file's start (an error path or a rare file): from then on the rows, their lines
    and the error are exactly what iterating gives.
    """

    def __init__(self, path: Path, encoding: str, delimiter: str, *, file: str,
                 detected: bool) -> None:
        self.path, self.encoding, self.delimiter, self.file = path, encoding, delimiter, file
        self.mojibake = detected and encoding == "cp1252"
        self.handle = path.open("r", encoding=encoding, newline="", errors="strict")
        self.reader = csv.reader(self.handle, delimiter=delimiter)
        self.records = _records(self.handle, self.reader, 0, self)
        self.by_record = False

    def __iter__(self) -> Iterator[RawRow]:
        return self.records

    def take(self, size: int) -> tuple[list[RawRow], InputError | None]:
        """The next ``size`` records (fewer at the end) and the error that stops the file
        right after them, if any."""
        if not self.by_record:
            start = self.reader.line_num
            cells: list[list[str]] = []
            try:
                cells.extend(islice(self.reader, size))
            except (UnicodeDecodeError, csv.Error):
                pass
            else:
                if self.reader.line_num - start == len(cells):  # one line per record
                    return self._checked(start + 1, cells)
            self._by_record(start)
        rows: list[RawRow] = []
        try:
            rows.extend(islice(self.records, size))
        except InputError as exc:
            return rows, exc
        return rows, None

    def _checked(self, first: int, cells: list[list[str]]
                 ) -> tuple[list[RawRow], InputError | None]:
        rows = list(zip(range(first, first + len(cells)), cells, strict=True))
        text = "".join(map("".join, cells))
        if "\x00" in text or (self.mojibake and not text.isascii()):
            for index, (number, row) in enumerate(rows):
                failure = _refused(self.file, number, "".join(row), mojibake=self.mojibake)
                if failure is not None:
                    return rows[:index], failure
        return rows, None

    def _by_record(self, line: int) -> None:
        """Reads from here on one record at a time, from the record after ``line``."""
        self.by_record = True
        self.records.close()
        self.handle.close()
        self.handle = self.path.open("r", encoding=self.encoding, newline="", errors="strict")
        self.reader = csv.reader(self.handle, delimiter=self.delimiter)
        if line:
            for _ in self.reader:  # read without error up to ``line`` before
                if self.reader.line_num >= line:
                    break
        self.records = _records(self.handle, self.reader, line, self)


def _refused(file: str, start: int, joined: str, *, mojibake: bool) -> InputError | None:
    """What the reader refuses in a record (its cells joined), if anything."""
    if "\x00" in joined:
        return InputError("contains NUL bytes: this is not a text CSV file", file=file, row=start)
    if mojibake and not joined.isascii() and _is_utf8(joined):
        return InputError(
            "this line is UTF-8 but the lines before it are cp1252: the file mixes "
            "encodings; save it as UTF-8 or pass --encoding", file=file, row=start)
    return None


def _records(handle: IO[str], reader: Any, previous_end: int,
             source: _CsvRecords) -> Generator[RawRow, None, None]:
    """Yield (line where the record starts, cells); quoted cells may span lines.

    A file read as cp1252 because its first non-ASCII line was (``detected``) is refused at a
    later line that is UTF-8: its bytes decode in cp1252 too, but into mojibake (``PÃ¤ivÃ¤``).
    """
    file, encoding, mojibake = source.file, source.encoding, source.mojibake
    try:
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
                    row=_first_undecodable_line(source.path, encoding),
                ) from None
            except csv.Error as exc:
                raise InputError(f"malformed CSV: {exc}", file=file, row=previous_end + 1) from None
            start = previous_end + 1
            previous_end = reader.line_num
            joined = "".join(cells)
            if "\x00" in joined or (mojibake and not joined.isascii()):
                failure = _refused(file, start, joined, mojibake=mojibake)
                if failure is not None:
                    raise failure
            yield start, cells
    finally:
        handle.close()
