"""The shared tabular reader: one interface over CSV and XLSX for every importer.

An importer declares a :class:`TableSpec` (canonical column names plus aliases). The reader
finds the header row (the first row that holds every required column, so title rows above it
are skipped), maps headers case-, space-, underscore- and accent-insensitively, and yields
:class:`Row` objects with the file name and the row number the user sees in Excel or an editor.
Every value is text; typed parsing lives in :mod:`migctl.importers.cells` so errors can name
the cell.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal, TypedDict

from migctl import textsafe
from migctl.errors import InputError, MigctlError

#: How far down a sheet the header row is looked for when it is not given.
HEADER_SEARCH_ROWS = 50

_FOLD_DROP = re.compile(r"[\s_\-.]+")


def normalize_header(text: str) -> str:
    """Fold a header for matching: case, spaces, underscores, hyphens, dots and accents."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _FOLD_DROP.sub("", stripped)


#: What a column holds, as its importer parses it (:mod:`migctl.importers.cells` names the
#: cell when a value does not parse). The reader itself hands every value over as text.
CellType = Literal["text", "key", "code", "source", "choice", "number", "decimal", "amount",
                   "share", "date", "datetime", "period", "bool", "list"]


@dataclass(frozen=True)
class Column:
    """One expected column: its canonical (English) name, aliases (Finnish and other common
    spellings), whether it must exist, and what its cells hold."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    type: CellType = "text"

    def match_keys(self) -> tuple[str, ...]:
        return tuple(normalize_header(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class TableSpec:
    """What an importer expects: its declared columns, in the order it documents them.
    Unknown headers are kept as ``extras`` for dynamic columns (e.g. dimensions)."""

    columns: tuple[Column, ...]
    what: str = "table"  # used in messages: "mapping", "runbook", …

    def required(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        """The declared column ``name`` (KeyError when the spec has none)."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    def names(self) -> tuple[str, ...]:
        """The canonical column names, for help texts: ``code, name, type, parent, active``."""
        return tuple(c.name for c in self.columns)

    def derive(self, *columns: Column) -> TableSpec:
        """This spec with ``columns``: one named like a declared column replaces it in place
        (e.g. more aliases), the others come last (e.g. a file's own dimension column)."""
        given = {c.name: c for c in columns}
        kept = tuple(given.pop(c.name, c) for c in self.columns)
        return TableSpec(columns=(*kept, *given.values()), what=self.what)

    def lookup(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for column in self.columns:
            for key in column.match_keys():
                table.setdefault(key, column.name)
        return table


@dataclass(frozen=True, slots=True)
class Row:
    """One data row; ``values`` by canonical column name, ``extras`` by the header as written."""

    file: str
    number: int
    values: dict[str, str]
    extras: dict[str, str]
    headers: dict[str, str]  # canonical name → header as written, for messages

    def get(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def has(self, name: str) -> bool:
        return bool(self.values.get(name))

    def error(self, column: str | None, message: str) -> InputError:
        """An error naming this row's cell; a message quoting a huge cell is cut."""
        label = self.headers.get(column, column) if column else None
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + "…"
        return InputError(message, file=self.file, row=self.number, column=label)


#: The longest error message about one cell (it may quote the cell).
MAX_MESSAGE = 300


@dataclass
class Table:
    """A header-matched table; ``rows`` is a one-shot iterator so big files stream."""

    file: str
    source: str  # "CSV, ';' delimited, cp1252" or "XLSX sheet 'Tilimappaus'"
    header_row: int
    headers: dict[str, str]  # canonical → header as written
    extra_headers: list[str]
    rows: Iterator[Row]
    present: frozenset[str] = field(default_factory=frozenset)
    #: For importers of 10⁵–10⁶ rows: ``raw`` is the stream *under* ``rows`` (read one or the
    #: other) as (row number, cells as text, not stripped, empty rows included); ``positions``
    #: and ``extra_positions`` say which cell holds which column; ``make_row`` builds the
    #: :class:`Row` for a raw row when it is needed (e.g. to report an error).
    raw: Iterator[RawRow] = field(default_factory=lambda: iter(()))
    positions: dict[str, int] = field(default_factory=dict)
    extra_positions: dict[str, int] = field(default_factory=dict)
    #: What :meth:`take` reads from when the source reads many rows at a time (CSV).
    chunks: Callable[[int], tuple[list[RawRow], MigctlError | None]] | None = None

    def take(self, size: int) -> tuple[list[RawRow], MigctlError | None]:
        """The next ``size`` rows of :attr:`raw` (fewer at the end) and the error that the
        next row would raise, if any: what iterating :attr:`raw` gives, a chunk at a time
        (read one or the other). The rows before an error are all there, so an importer can
        check them before it reports the line the reader refused."""
        if self.chunks is not None:
            return self.chunks(size)
        rows: list[RawRow] = []
        try:
            rows.extend(islice(self.raw, size))  # keeps what it read when the reader raises
        except MigctlError as exc:
            return rows, exc
        return rows, None

    def has_column(self, name: str) -> bool:
        return name in self.present

    def make_row(self, number: int, cells: list[str]) -> Row:
        width = len(cells)
        return Row(
            file=self.file, number=number,
            values={n: (cells[i].strip() if i < width else "") for n, i in self.positions.items()},
            extras={h: (cells[i].strip() if i < width else "")
                    for h, i in self.extra_positions.items()},
            headers=self.headers,
        )


RawRow = tuple[int, list[str]]  # (row number as the user sees it, cells as text)


def match_header(cells: list[str], spec: TableSpec) -> tuple[dict[int, str], dict[int, str]]:
    """Map cell positions to canonical names; the rest are extras (position → header).

    A second header for an already matched column lands in extras, where
    :func:`_refuse_duplicates` finds it once this row is chosen as the header.
    """
    lookup = spec.lookup()
    matched: dict[int, str] = {}
    extras: dict[int, str] = {}
    for index, cell in enumerate(cells):
        if not cell.strip():
            continue
        canonical = lookup.get(normalize_header(cell))
        if canonical is not None and canonical not in matched.values():
            matched[index] = canonical
        else:
            extras[index] = cell.strip()
    return matched, extras


def missing_columns(matched: dict[int, str], spec: TableSpec) -> list[Column]:
    present = set(matched.values())
    return [c for c in spec.required() if c.name not in present]


def describe_missing(missing: list[Column]) -> str:
    parts = []
    for column in missing:
        also = f" (or {', '.join(repr(a) for a in column.aliases)})" if column.aliases else ""
        parts.append(f"'{column.name}'{also}")
    noun = "column" if len(missing) == 1 else "columns"
    return f"missing {noun} {', '.join(parts)}"


def build_table(
    *,
    file: str,
    source: str,
    raw_rows: Iterable[RawRow],
    spec: TableSpec,
    header_row: int | None,
) -> Table:
    """Find the header in ``raw_rows`` and return a :class:`Table` streaming the rest."""
    checker = _ControlCheck(file)
    iterator = checker.rows(raw_rows)
    header: RawRow | None = None
    best: tuple[int, RawRow, list[Column]] | None = None
    for number, cells in iterator:
        if header_row is not None:
            if number < header_row:
                continue
            if number > header_row:
                break
            header = (number, cells)
            matched, _ = match_header(cells, spec)
            missing = missing_columns(matched, spec)
            if missing:
                raise InputError(
                    f"{describe_missing(missing)} in header row {header_row}; found "
                    + _found(cells),
                    file=file,
                    row=header_row,
                )
            break
        if not any(c.strip() for c in cells):
            continue
        matched, _ = match_header(cells, spec)
        missing = missing_columns(matched, spec)
        if not missing:
            header = (number, cells)
            break
        score = len(matched)
        if score and (best is None or score > best[0]):
            best = (score, (number, cells), missing)
        if number >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        if header_row is not None:
            raise InputError(f"there is no row {header_row}", file=file)
        if best is not None:
            number, cells = best[1]
            raise InputError(
                f"{describe_missing(best[2])}; the best header candidate (row {number}) has "
                + _found(cells),
                file=file,
                row=number,
            )
        raise InputError(
            f"no header row found: expected columns {_expected(spec)} "
            f"within the first {HEADER_SEARCH_ROWS} rows",
            file=file,
        )

    header_number, header_cells = header
    matched, extras = match_header(header_cells, spec)
    _refuse_duplicates(matched, extras, spec, file=file, row=header_number)
    headers = {name: header_cells[i].strip() for i, name in matched.items()}
    checker.know_header(matched, extras, headers)
    return Table(
        file=file,
        source=source,
        header_row=header_number,
        headers=headers,
        extra_headers=list(extras.values()),
        rows=_data_rows(iterator, file=file, matched=matched, extras=extras, headers=headers),
        present=frozenset(matched.values()),
        raw=iterator,
        positions={name: index for index, name in matched.items()},
        extra_positions={header: index for index, header in extras.items()},
        chunks=checker.chunks(raw_rows),
    )


class _ControlCheck:
    """Refuses control characters in cells (:mod:`migctl.textsafe`), naming file:row:column.

    One search over a row's joined text is the fast path; only a row that holds a control
    character is looked at cell by cell (tab is fine anywhere, a line break in a cell that is
    not a name or key: :data:`migctl.textsafe.NAME_COLUMNS`).
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.labels: dict[int, str] = {}
        self.names: frozenset[int] = frozenset()

    def know_header(self, matched: dict[int, str], extras: dict[int, str],
                    headers: dict[str, str]) -> None:
        self.labels = {**extras, **{i: headers[name] for i, name in matched.items()}}
        self.names = frozenset(i for i, name in matched.items()
                               if name in textsafe.NAME_COLUMNS)

    def rows(self, raw_rows: Iterable[RawRow]) -> Iterator[RawRow]:
        search = textsafe.NAME_CONTROL.search
        for number, cells in raw_rows:
            if search("".join(cells)):  # then look closer: a line break may be fine here
                self._refuse(number, cells)
            yield number, cells

    def chunks(self, raw_rows: Iterable[RawRow]
               ) -> Callable[[int], tuple[list[RawRow], MigctlError | None]] | None:
        """:meth:`rows` a chunk at a time, for a source that reads chunks (``take(size)``,
        returning rows and the error after them): one search over the chunk's text, a closer
        look only at a chunk that holds a control character."""
        take = getattr(raw_rows, "take", None)
        if take is None:
            return None
        search = textsafe.NAME_CONTROL.search

        def checked(size: int) -> tuple[list[RawRow], MigctlError | None]:
            rows, failure = take(size)
            if search("".join(["".join(cells) for _, cells in rows])):
                for index, (number, cells) in enumerate(rows):
                    if search("".join(cells)):
                        try:
                            self._refuse(number, cells)
                        except InputError as exc:
                            return rows[:index], exc
            return rows, failure

        return checked

    def _refuse(self, number: int, cells: list[str]) -> None:
        for index, cell in enumerate(cells):
            found = textsafe.problem(cell.strip(), name=index in self.names)
            if found is not None:
                column = self.labels.get(index) or column_letter(index)
                raise InputError(found, file=self.file, row=number,
                                 column=textsafe.one_line(column))


def column_letter(index: int) -> str:
    """``A``, ``B``, … ``AA``: a cell's column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _data_rows(
    iterator: Iterator[RawRow],
    *,
    file: str,
    matched: dict[int, str],
    extras: dict[int, str],
    headers: dict[str, str],
) -> Iterator[Row]:
    matched_items = list(matched.items())
    extra_items = list(extras.items())
    for number, cells in iterator:
        width = len(cells)
        values = {name: (cells[i].strip() if i < width else "") for i, name in matched_items}
        extra = {name: (cells[i].strip() if i < width else "") for i, name in extra_items}
        if not any(values.values()) and not any(extra.values()):
            continue  # empty rows are skipped, wherever they are
        yield Row(file=file, number=number, values=values, extras=extra, headers=headers)


def _refuse_duplicates(
    matched: dict[int, str], extras: dict[int, str], spec: TableSpec, *, file: str, row: int
) -> None:
    lookup = spec.lookup()
    seen: set[str] = set()
    for header in extras.values():
        key = normalize_header(header)
        canonical = lookup.get(key)
        if key in seen or canonical is not None:
            name = f"'{header}'" + (f" ({canonical})" if canonical and canonical != header else "")
            raise InputError(f"column {name} appears twice in the header", file=file, row=row)
        seen.add(key)


def _found(cells: list[str]) -> str:
    shown = [c.strip() for c in cells if c.strip()]
    return "columns " + ", ".join(repr(c) for c in shown[:12]) if shown else "no column names"


def _expected(spec: TableSpec) -> str:
    return ", ".join(repr(c.name) for c in spec.required())


class ReadOptions(TypedDict, total=False):
    """How to read a file, as every import command takes it (all optional: None = detect)."""

    sheet: str | None  # spreadsheets: the sheet (default: the first that holds the header)
    header_row: int | None  # the header's row number (default: found)
    delimiter: str | None  # CSV: the delimiter (default: sniffed)
    encoding: str | None  # CSV: the encoding (default: detected)


#: ``(path, spec, **ReadOptions) → Table``: one per file format (see :mod:`.registry`).
Reader = Callable[..., Table]
