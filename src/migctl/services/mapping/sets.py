"""Mapping sets: import a consultant's spreadsheet as a new version, resolve ``NAME[@N]``, list.

Every import stores the file name, its SHA-256, the actor, the time and each rule's source row.
Re-importing under the same name makes a new version; the very same file as the latest version
changes nothing. A cell that cannot be parsed stops the import with file:row:column and
nothing is stored.

A set has a kind, fixed by its first version: ``accounts`` (legacy account → target account and
dimensions) or ``cost-objects`` (a value of one legacy dimension → target dimension values).
Both kinds share the reader, the rule records, the versioning and the provenance.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, TypedDict, Unpack

from sqlalchemy import func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from migctl import values
from migctl.errors import Conflict, InputError, NotFound, OptionError, UsageError
from migctl.importers import Column, Table, TableSpec, read_table
from migctl.importers.fast import cell_tuples
from migctl.importers.tabular import RawRow, normalize_header
from migctl.services.audit import Actor, record
from migctl.services.mapping.bulk import bulk_insert_columns
from migctl.services.mapping.documents import (
    CostObjectRuleDocument,
    MappingImportDocument,
    RuleDocument,
    SetDocument,
    SetShowDocument,
)
from migctl.services.mapping.fields import (
    ACCOUNTS,
    COST_OBJECTS,
    SET_KINDS,
    normalize_code,
    parse_source,
    unneutralise,
)
from migctl.services.mapping.files import file_sha256, given_path
from migctl.services.mapping.perf import gc_paused
from migctl.services.mapping.rules import (
    HUNDRED,
    RULE_COLUMNS,
    SHARE_PLACES,
    Dims,
    Rule,
    RuleColumns,
    load_rules,
)
from migctl.services.systems.write import get_system, normalize_key
from migctl.store.models.mapping import Dimension, MappingSet, ValidationRun
from migctl.store.tables import MAPPING_RULE

MAPPING_TABLE = TableSpec(
    what="mapping",
    columns=(
        Column("source_account", ("vanha tili", "lähdetili", "source"), type="source"),
        Column("source_cost_centre", ("vanha kustannuspaikka", "source cost center"),
               required=False, type="code"),
        Column("target_account", ("uusi tili", "kohdetili", "target"), type="code"),
        Column("share", ("osuus", "share %", "osuus %"), required=False, type="share"),
        Column("valid_from", ("voimassa alkaen",), required=False, type="date"),
        Column("valid_to", ("voimassa asti",), required=False, type="date"),
        Column("note", ("huomautus",), required=False),
    ),
)

#: A cost-objects workbook: a source value (or range) of one legacy dimension, then the
#: target dimension columns (extra headers, named by dimension key) and the common tail. The
#: source dimension's key (``kustannuspaikka``) and ``vanha <key>`` name the source column as
#: well (:func:`cost_object_table`).
COST_OBJECT_TABLE = TableSpec(
    what="cost-object mapping",
    columns=(Column("source", ("vanha", "lähde", "source value"), type="source"),
             *MAPPING_TABLE.columns[3:]),
)
COST_OBJECT_SOURCE = COST_OBJECT_TABLE.column("source")


def cost_object_table(source_dimension: str) -> TableSpec:
    """The columns of a cost-objects workbook; dimension columns come as extra headers."""
    return COST_OBJECT_TABLE.derive(Column(
        COST_OBJECT_SOURCE.name,
        (*COST_OBJECT_SOURCE.aliases, source_dimension, f"vanha {source_dimension}"),
        type=COST_OBJECT_SOURCE.type))


DIMENSION_PREFIX = "target"
_REF = re.compile(r"^(?P<name>[^@]+?)(?:@(?P<version>\d+))?$")


@dataclass
class MappingImport:
    """What `mapping import` did."""

    name: str
    version: int
    file: str
    source: str
    rules: int
    created: bool
    dimensions: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    unchanged_since: int | None = None  # same file as this version: nothing stored
    kind: str = ACCOUNTS
    source_dimension: str | None = None

    def document(self) -> MappingImportDocument:
        return {"set": self.name, "version": self.version, "file": self.file,
                "source": self.source, "rules": self.rules, "created": self.created,
                "unchanged": self.unchanged_since is not None,
                "dimensions": self.dimensions, "ignored_columns": self.ignored_columns,
                "kind": self.kind, "source_dimension": self.source_dimension}


# --- names and versions -------------------------------------------------------------------

def parse_ref(ref: str) -> tuple[str, int | None]:
    """``tilimappaus`` → (tilimappaus, None); ``tilimappaus@2`` → (tilimappaus, 2)."""
    match = _REF.match(ref.strip())
    if not match:
        raise UsageError(f"{ref!r} is not a mapping set (use NAME or NAME@VERSION)")
    version = match.group("version")
    return match.group("name").strip().lower(), int(version) if version else None


def resolve_set(session: Session, ref: str | None, *, kind: str | None = None) -> MappingSet:
    """A set by ``NAME`` (its latest version) or ``NAME@N``; with None, the only set there is,
    else the only account set (a cost-objects set is always named). With ``kind``, the set
    must be of that kind."""
    if ref is None:
        ref = _only_set(session, kind)
    found = _find_set(session, ref)
    if kind is not None and found.kind != kind:
        raise OptionError(f"mapping set {found.name} is {kind_phrase(found.kind)}, not "
                          f"{kind}; name it with {{option}}",
                          field="cost_objects" if found.kind == COST_OBJECTS else "set")
    return found


def _only_set(session: Session, kind: str | None) -> str:
    """The name of the only set (of ``kind``); without ``kind``, the only set there is or else
    the only account set."""
    kinds: dict[str, str] = dict(
        session.exec(select(MappingSet.name, MappingSet.kind).distinct()).all())
    if not kinds:
        raise NotFound("no mapping sets yet; `migctl mapping import FILE --set NAME`")
    if kind is None and len(kinds) == 1:
        return next(iter(kinds))
    wanted = kind or ACCOUNTS
    candidates = sorted(name for name, set_kind in kinds.items() if set_kind == wanted)
    if len(candidates) == 1:
        return candidates[0]
    if not candidates and kind is not None:
        raise NotFound(f"no {kind} mapping set; `migctl mapping sets` lists them")
    raise OptionError(f"several mapping sets ({', '.join(candidates or sorted(kinds))}); "
                      "choose one with {option} NAME[@N]", field="set")


def kind_phrase(kind: str) -> str:
    """``an accounts set`` / ``a cost-objects set``, for messages."""
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind} set"


def _find_set(session: Session, ref: str) -> MappingSet:
    name, version = parse_ref(ref)
    query = select(MappingSet).where(MappingSet.name == name)
    if version is None:
        query = query.order_by(col(MappingSet.version).desc())
    else:
        query = query.where(MappingSet.version == version)
    found = session.exec(query).first()
    if found is None:
        if version is not None and latest_version(session, name):
            raise NotFound(f"mapping set {name} has no version {version}; "
                           f"`migctl mapping sets {name}` lists them")
        raise NotFound(f"no mapping set {name!r}; `migctl mapping sets` lists them")
    return found


def latest_version(session: Session, name: str) -> int:
    found = session.exec(
        select(func.max(MappingSet.version)).where(MappingSet.name == name)
    ).first()
    return int(found or 0)


def set_label(mapping_set: MappingSet) -> str:
    return f"{mapping_set.name}@{mapping_set.version}"


# --- import -------------------------------------------------------------------------------

def _dimension_columns(
    extra_headers: list[str], known: list[str]
) -> tuple[dict[str, str], list[str]]:
    """Extra headers that name a dimension (``vastuuyksikko`` or ``target_vastuuyksikko``).

    Returns (header as written → dimension key, headers ignored). A header with the
    ``target_`` prefix is a dimension column even when no such dimension exists yet
    (validation then reports its values as unknown, M008).
    """
    by_folded = {normalize_header(key): key for key in known}
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for header in extra_headers:
        folded = normalize_header(header)
        key = by_folded.get(folded)
        if key is None and folded.startswith(DIMENSION_PREFIX) and len(folded) > 6:
            rest = folded[len(DIMENSION_PREFIX):]
            key = by_folded.get(rest)
            if key is None:
                raw = re.sub(r"^target[\s_\-.]*", "", header.strip(), flags=re.I)
                try:
                    key = normalize_key(raw.replace(" ", "_"), what="dimension key")
                except ValueError:
                    key = None
        if key is None:
            ignored.append(header)
        elif key in columns.values():
            raise UsageError(f"two columns name dimension {key!r}")
        else:
            columns[header] = key
    return columns, ignored


def parse_share(text: str) -> Decimal:
    """A share in percent: ``100``, ``33,33``, ``12.5 %``; more than 0, at most 100."""
    share = values.parse_decimal(unneutralise(text))
    if share <= 0:
        raise ValueError(f"share {text!r} must be more than 0")
    if share > HUNDRED:
        raise ValueError(f"share {text!r} is more than 100 %")
    if share != share.quantize(SHARE_PLACES):
        raise ValueError(f"share {text!r} has more than 4 decimals")
    return share.quantize(SHARE_PLACES)


def _date(text: str) -> date:
    return values.parse_date(unneutralise(text))


def _code(what: str) -> Callable[[str], str]:
    return lambda text: normalize_code(text, what=what)


#: Cells read for each rule, in this order, followed by the dimension columns.
CHUNK = 10_000  # raw rows read, and turned into columns, at a time

_COLUMNS = ("source_account", "target_account", "source_cost_centre", "share", "valid_from",
            "valid_to", "note")


class _RuleParser:
    """Turns raw rows into rules. Parsed values are remembered per distinct text (codes,
    shares and dates repeat across rows), which is most of the speed of a 200,000-row import.
    """

    def __init__(self, table: Table, dimension_columns: dict[str, str], *,
                 source_what: str = "account") -> None:
        self.table = table
        self.dimension_headers = list(dimension_columns)
        self.dimension_keys = list(dimension_columns.values())
        self.parsers: dict[str, Callable[[str], object]] = {
            "source_account": parse_source, "target_account": _code("account"),
            "source": lambda text: parse_source(text, what=source_what),
            "source_cost_centre": _code("cost centre"), "share": parse_share,
            "valid_from": _date, "valid_to": _date,
            **{h: _code(f"{k} value") for h, k in dimension_columns.items()},
        }
        # column → cell text → parsed value; values differ per column (codes, shares, dates)
        self.caches: dict[str, dict[str, Any]] = {column: {} for column in self.parsers}

    def columns(self) -> list[str]:
        return [*_COLUMNS, *self.dimension_headers]

    def cost_object_columns(self) -> list[str]:
        return ["source", *_COLUMNS[3:], *self.dimension_headers]

    def cost_object_rule(self, number: int, cells: list[str], texts: list[str]) -> Rule:
        """A row of a cost-objects set: a source value (or range) → target dimension values.
        Such sets are small (thousands of rows), so this path is written for clarity."""
        source_text, share, valid_from, valid_to, note = texts[:5]
        if not source_text:
            raise self.table.make_row(number, cells).error("source", "is empty")
        dims = [(key, self.parse(header, text, number, cells))
                for key, header, text in zip(self.dimension_keys, self.dimension_headers,
                                             texts[5:], strict=True) if text]
        if not dims:
            raise self.table.make_row(number, cells).error(
                self.dimension_headers[0],
                f"no target dimension value in this row (columns "
                f"{', '.join(self.dimension_headers)})")
        return Rule(
            number,
            self.parse("source", source_text, number, cells),
            None,
            "",
            tuple(sorted(dims)),
            self.parse("share", share, number, cells) if share else HUNDRED,
            self.parse("valid_from", valid_from, number, cells) if valid_from else None,
            self.parse("valid_to", valid_to, number, cells) if valid_to else None,
            unneutralise(note) if note else "",
        )

    def parse(self, column: str, text: str, number: int, cells: list[str]) -> Any:
        cache = self.caches[column]
        value = cache.get(text)
        if value is None:
            try:
                value = cache[text] = self.parsers[column](text)
            except ValueError as exc:
                raise self.table.make_row(number, cells).error(column, str(exc)) from None
        return value

    def rule(self, number: int, cells: list[str], texts: list[str]) -> Rule:
        # Cache hits are inlined (every parsed value is truthy): this runs 10⁵–10⁶ times.
        source_text, target_text, centre, share, valid_from, valid_to, note = texts[:7]
        caches, parse = self.caches, self.parse
        if not source_text:
            raise self.table.make_row(number, cells).error("source_account", "is empty")
        if not target_text:
            raise self.table.make_row(number, cells).error("target_account", "is empty")
        dims: list[tuple[str, str]] = []
        if self.dimension_headers:
            for key, header, text in zip(self.dimension_keys, self.dimension_headers, texts[7:],
                                         strict=True):
                if text:
                    dims.append((key, caches[header].get(text)
                                 or parse(header, text, number, cells)))
        return Rule(
            number,
            caches["source_account"].get(source_text)
            or parse("source_account", source_text, number, cells),
            (caches["source_cost_centre"].get(centre)
             or parse("source_cost_centre", centre, number, cells)) if centre else None,
            caches["target_account"].get(target_text)
            or parse("target_account", target_text, number, cells),
            tuple(sorted(dims)) if len(dims) > 1 else tuple(dims),
            (caches["share"].get(share) or parse("share", share, number, cells))
            if share else HUNDRED,
            (caches["valid_from"].get(valid_from)
             or parse("valid_from", valid_from, number, cells)) if valid_from else None,
            (caches["valid_to"].get(valid_to)
             or parse("valid_to", valid_to, number, cells)) if valid_to else None,
            unneutralise(note) if note else "",
        )


    # --- column by column ---------------------------------------------------------------
    def read_columns(self, progress: Any = None) -> RuleColumns:
        """The rules of an accounts sheet, column by column (:meth:`rule_columns`), read
        :data:`CHUNK` rows at a time. A chunk the columns refuse (a bad or empty required
        cell) is read row by row, which raises on its first bad cell: every chunk before it
        was good, so that is the file's first error, worded as it always was."""
        found = RuleColumns.of([])
        memo = _ColumnMemo()
        while True:
            chunk, failure = self.table.take(CHUNK)
            if chunk:
                part = self.rule_columns(chunk, memo)
                if part is None:
                    part = RuleColumns.of(_rules_by_row(replace(self.table, raw=iter(chunk)),
                                                        self.columns(), self.rule))
                found.extend(part)
                if progress is not None:
                    progress(len(found))
            if failure is not None:
                raise failure
            if len(chunk) < CHUNK:
                return found

    def rule_columns(self, raw: list[RawRow], memo: _ColumnMemo) -> RuleColumns | None:
        """The rules of raw rows of an accounts sheet, column by column: each distinct cell
        of a column is stripped and parsed once (:meth:`rule`'s caches; ``memo`` carries the
        parsed cells from chunk to chunk), and the columns are mapped in C, with no per-row
        Python code. None when a cell does not parse or a required one is empty."""
        cells, numbers = self.cells(raw, self.columns())
        source, target, centre, share, valid_from, valid_to, note, *dims = cells
        sources, targets, centres, shares, starts, ends = memo.columns
        if not (self.values("source_account", source, sources, {})  # empty does not parse
                and self.values("target_account", target, targets, {})
                and self.values("source_cost_centre", centre, centres, {"": None})
                and self.values("share", share, shares, {"": HUNDRED})
                and self.values("valid_from", valid_from, starts, {"": None})
                and self.values("valid_to", valid_to, ends, {"": None})
                and self.dimension_values(dims, memo)):
            return None
        notes = memo.notes
        notes.update((text, unneutralise(text.strip())) for text in set(note).difference(notes))
        combined = memo.combined
        count = len(numbers)
        return RuleColumns(
            numbers, list(map(sources.__getitem__, source)),
            list(map(centres.__getitem__, centre)), list(map(targets.__getitem__, target)),
            list(map(combined.__getitem__, zip(*dims, strict=True))) if dims else [()] * count,
            list(map(shares.__getitem__, share)), list(map(starts.__getitem__, valid_from)),
            list(map(ends.__getitem__, valid_to)), list(map(notes.__getitem__, note)))

    def cells(self, raw: list[RawRow], columns: list[str]) -> tuple[list[list[str]], list[int]]:
        """The cells of ``columns`` as read, not stripped (one list per column), and the row
        numbers; rows whose wanted cells are all blank are left out (as :func:`cell_tuples`
        reads them)."""
        table = self.table
        indices = [table.positions.get(name, table.extra_positions.get(name, -1))
                   for name in columns]
        width = max(indices) + 1
        rows = list(map(itemgetter(1), raw))
        if rows and min(map(len, rows)) < width:
            rows = [row if len(row) >= width else [*row, *[""] * (width - len(row))]
                    for row in rows]
        blank = [""] * len(rows)
        # every row is ``width`` cells or more now; longer rows' extra cells are not wanted
        by_column = list(zip(*rows, strict=False)) or [()] * width
        cells = [list(by_column[index]) if index >= 0 else blank for index in indices]
        numbers = list(map(itemgetter(0), raw))
        # a row left out has a blank first cell: look closer only at those
        blanks = {text for text in set(cells[0]) if not text.strip()}
        if blanks:
            empty = {index for index in compress(range(len(rows)),
                                                 map(blanks.__contains__, cells[0]))
                     if not any(column[index].strip() for column in cells)}
            if empty:
                keep = [index not in empty for index in range(len(rows))]
                numbers = list(compress(numbers, keep))
                cells = [list(compress(column, keep)) for column in cells]
        return cells, numbers

    def values(self, column: str, cells: list[str], found: dict[str, Any],
               known: dict[str, Any]) -> bool:
        """Adds each new distinct cell of ``cells`` to ``found`` with its parsed value
        (stripped; ``known`` gives some, e.g. the empty text's); false if one does not parse."""
        cache, parse = self.caches[column], self.parsers[column]
        for cell in set(cells).difference(found):
            text = cell.strip()
            if text in known:
                found[cell] = known[text]
                continue
            value = cache.get(text)
            if value is None:
                try:
                    value = cache[text] = parse(text)
                except ValueError:
                    return False
            found[cell] = value
        return True

    def dimension_values(self, dims: list[list[str]], memo: _ColumnMemo) -> bool:
        """Adds each new combination of dimension cells to ``memo.combined`` with the rule's
        sorted ``dims``; false if a cell does not parse."""
        parsed = memo.dimensions
        while len(parsed) < len(dims):
            parsed.append({})
        for header, cells, found in zip(self.dimension_headers, dims, parsed, strict=True):
            if not self.values(header, cells, found, {"": None}):
                return False
        combined = memo.combined
        for combination in set(zip(*dims, strict=True)).difference(combined):
            combined[combination] = tuple(sorted(
                (key, found[cell]) for key, found, cell
                in zip(self.dimension_keys, parsed, combination, strict=True)
                if found[cell] is not None))
        return True


@dataclass
class _ColumnMemo:
    """Raw cell → parsed value, per column, carried from chunk to chunk (sources, targets,
    cost centres, shares, valid from, valid to; notes; each dimension column; combinations
    of dimension cells → the rule's ``dims``)."""

    columns: tuple[dict[str, Any], ...] = field(default_factory=lambda: tuple(
        {} for _ in range(6)))
    notes: dict[str, str] = field(default_factory=dict)
    dimensions: list[dict[str, Any]] = field(default_factory=list)
    combined: dict[tuple[str, ...], Dims] = field(default_factory=dict)


class RuleReadOptions(TypedDict, total=False):
    """How :func:`read_rules` and :func:`read_rule_columns` read a mapping file."""

    sheet: str | None
    header_row: int | None
    delimiter: str | None
    encoding: str | None
    progress: Any
    source_dimension: str | None  # a cost-objects set of that legacy dimension


def read_rules(path: Path, *, known_dimensions: list[str],
               **options: Unpack[RuleReadOptions]) -> tuple[list[Rule], MappingImport]:
    """Parse a mapping spreadsheet into rules (no store access); raises on the first bad cell.
    With ``source_dimension`` the file is a cost-objects set of that legacy dimension."""
    columns, summary = read_rule_columns(path, known_dimensions=known_dimensions, **options)
    return columns.rules(), summary


def read_rule_columns(path: Path, *, known_dimensions: list[str],
                      **options: Unpack[RuleReadOptions]) -> tuple[RuleColumns, MappingImport]:
    """:func:`read_rules`, the rules as columns (what an import stores)."""
    source_dimension, progress = options.get("source_dimension"), options.get("progress")
    spec = MAPPING_TABLE if source_dimension is None else cost_object_table(source_dimension)
    table = read_table(path, spec, sheet=options.get("sheet"),
                       header_row=options.get("header_row"), delimiter=options.get("delimiter"),
                       encoding=options.get("encoding"))
    dimension_columns, ignored = _dimension_columns(table.extra_headers, known_dimensions)
    if source_dimension is None:
        found = _RuleParser(table, dimension_columns).read_columns(progress)
    else:
        if not dimension_columns:
            raise InputError("no target dimension column: name one by its key (e.g. "
                             "vastuuyksikko) or as target_KEY", file=table.file,
                             row=table.header_row)
        parser = _RuleParser(table, dimension_columns, source_what=source_dimension)
        found = RuleColumns.of(_rules_by_row(table, parser.cost_object_columns(),
                                             parser.cost_object_rule, progress))
    if not found:
        raise InputError("no rules in the file (only a header)", file=table.file)
    summary = MappingImport(name="", version=0, file=table.file, source=table.source,
                            rules=len(found), created=False,
                            dimensions=list(dimension_columns.values()), ignored_columns=ignored,
                            kind=ACCOUNTS if source_dimension is None else COST_OBJECTS,
                            source_dimension=source_dimension)
    return found, summary


def _rules_by_row(table: Table, columns: list[str],
                  make: Callable[[int, list[str], list[str]], Rule],
                  progress: Any = None) -> list[Rule]:
    rules: list[Rule] = []
    for number, cells, texts in cell_tuples(table, columns):
        rules.append(make(number, cells, texts))
        if progress is not None and len(rules) % 10_000 == 0:
            progress(len(rules))
    return rules


def import_mapping(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    name: str,
    system: str | None = None,
    kind: str | None = None,
    source_dimension: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    progress: Any = None,
    now: datetime | None = None,
) -> MappingImport:
    """Store the rules in ``path`` as the next version of set ``name``.

    ``kind`` defaults to the set's kind (a new set: accounts); a cost-objects set needs its
    legacy ``source_dimension`` (later versions keep the previous one unless given)."""
    try:
        name = normalize_key(name, what="mapping set name")
    except ValueError as exc:
        raise OptionError(str(exc), field="set") from None
    if kind is not None and kind not in SET_KINDS:
        raise OptionError(f"use {' or '.join(SET_KINDS)}", field="kind", value=kind)
    system_key = get_system(session, system).key if system else None
    previous = session.exec(
        select(MappingSet).where(MappingSet.name == name)
        .order_by(col(MappingSet.version).desc())
    ).first()
    if previous is not None and kind is not None and kind != previous.kind:
        raise Conflict(f"mapping set {name} is {kind_phrase(previous.kind)}; import the file "
                       f"under another name to make {kind_phrase(kind)}")
    kind = kind or (previous.kind if previous is not None else ACCOUNTS)
    source_dimension = _source_dimension(session, kind, source_dimension, previous)
    known = list(session.exec(select(Dimension.key).order_by(col(Dimension.key))).all())
    with gc_paused():  # one pause from reading to storing: the collector never walks the rules
        rules, summary = read_rule_columns(path, known_dimensions=known, sheet=sheet,
                                           header_row=header_row, delimiter=delimiter,
                                           encoding=encoding, progress=progress,
                                           source_dimension=source_dimension)
        sha = file_sha256(path)
        summary.name = name
        if previous is not None and previous.sha256 == sha \
                and (system_key is None or system_key == previous.system) \
                and source_dimension == previous.source_dimension:
            summary.version = previous.version
            summary.unchanged_since = previous.version
            return summary
        summary.created = previous is None
        summary.version = 1 if previous is None else previous.version + 1
        mapping_set = MappingSet(
            name=name, version=summary.version, kind=kind, source_dimension=source_dimension,
            system=system_key or (previous.system if previous else None),
            file_name=summary.file, sheet=sheet, sha256=sha, actor=actor.name,
            imported_at=now or datetime.now(UTC), rule_count=len(rules),
            dimensions=",".join(summary.dimensions), source_path=given_path(path),
        )
        session.add(mapping_set)
        session.flush()
        assert mapping_set.id is not None
        bulk_insert_columns(session, MAPPING_RULE, RULE_COLUMNS,
                            rules.insert_columns(mapping_set.id))
    after: dict[str, object] = {"file": summary.file, "sha256": sha, "rules": len(rules),
                             "system": mapping_set.system, "dimensions": summary.dimensions}
    if kind == COST_OBJECTS:
        after |= {"kind": kind, "source_dimension": source_dimension}
    record(session, actor, entity_type="mapping_set", entity_key=set_label(mapping_set),
           action="import",
           summary=f"{len(rules)} rules from {summary.file} ({summary.source})"
           + (f", {kind} of {source_dimension}" if kind == COST_OBJECTS else ""),
           after=after)
    return summary


def _source_dimension(session: Session, kind: str, given: str | None,
                      previous: MappingSet | None) -> str | None:
    """The legacy dimension a cost-objects set maps from: given, else the previous version's.
    It must exist and be a legacy dimension (its values are what M012/M013 check)."""
    if kind == ACCOUNTS:
        if given:
            raise OptionError("{option} applies to cost-objects sets (--kind cost-objects)",
                              field="source_dimension")
        return None
    key = given or (previous.source_dimension if previous is not None else None)
    if not key:
        raise OptionError("a cost-objects set needs {option} KEY: the legacy "
                          "dimension its values come from (e.g. kustannuspaikka)",
                          field="source_dimension")
    key = key.strip().lower()
    dimension = session.exec(select(Dimension).where(Dimension.key == key)).first()
    if dimension is None:
        raise OptionError(f"no dimension {key!r}; import it first with "
                          f"`migctl dimension import FILE --dimension {key} --role legacy`",
                          field="source_dimension")
    if dimension.role != "legacy":
        raise OptionError(f"{key} is a {dimension.role} dimension; the "
                          "source of a cost-objects set is a legacy one", field="source_dimension")
    return key


# --- listing ------------------------------------------------------------------------------

def set_document(mapping_set: MappingSet, *, latest: bool,
                 validation: ValidationRun | None = None) -> SetDocument:
    return {
        "set": mapping_set.name,
        "version": mapping_set.version,
        "ref": set_label(mapping_set),
        "latest": latest,
        "kind": mapping_set.kind,
        "source_dimension": mapping_set.source_dimension,
        "system": mapping_set.system,
        "rules": mapping_set.rule_count,
        "file": mapping_set.file_name,
        "sha256": mapping_set.sha256,
        "actor": mapping_set.actor,
        "imported_at": mapping_set.imported_at,
        "validation": None if validation is None else {
            "ran_at": validation.ran_at, "errors": validation.errors,
            "warnings": validation.warnings, "coverage": validation.coverage,
        },
    }


def latest_validations(session: Session) -> dict[int, ValidationRun]:
    """Set id → its most recent validation run."""
    latest: dict[int, ValidationRun] = {}
    query = select(ValidationRun).options(defer(ValidationRun.findings))  # type: ignore[arg-type]
    for run in session.exec(query.order_by(col(ValidationRun.ran_at), col(ValidationRun.id))):
        latest[run.set_id] = run
    return latest


def list_sets(session: Session, name: str | None = None) -> list[SetDocument]:
    """Every version of every set (or of ``name``), by name then version."""
    query = select(MappingSet).order_by(col(MappingSet.name), col(MappingSet.version))
    if name:
        query = query.where(MappingSet.name == parse_ref(name)[0])
    sets = session.exec(query).all()
    if name and not sets:
        raise NotFound(f"no mapping set {name!r}")
    newest: dict[str, int] = {}
    for mapping_set in sets:
        newest[mapping_set.name] = max(newest.get(mapping_set.name, 0), mapping_set.version)
    runs = latest_validations(session)
    return [set_document(s, latest=s.version == newest[s.name], validation=runs.get(s.id or 0))
            for s in sets]


def show_set(session: Session, ref: str | None) -> SetShowDocument:
    """``{"set": <as in mapping sets>, "rules": [rule…]}``."""
    mapping_set = resolve_set(session, ref)
    assert mapping_set.id is not None
    latest = mapping_set.version == latest_version(session, mapping_set.name)
    head = set_document(mapping_set, latest=latest,
                        validation=latest_validations(session).get(mapping_set.id))
    rules = load_rules(session, mapping_set.id)
    documents: list[RuleDocument] | list[CostObjectRuleDocument] = \
        [r.document() for r in rules] if mapping_set.kind == ACCOUNTS \
        else [r.cost_object_document() for r in rules]
    return {"set": head, "rules": documents}
