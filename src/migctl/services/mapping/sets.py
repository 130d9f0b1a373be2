"""Mapping sets: import a consultant's spreadsheet as a new version, resolve ``NAME[@N]``, list.

Every import stores the file name, its SHA-256, the actor, the time and each rule's source row.
Re-importing under the same name makes a new version; the very same file as the latest version
changes nothing. A cell that cannot be parsed stops the import with file:row:column and
nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from migctl import values
from migctl.errors import InputError, NotFound, UsageError
from migctl.importers import Column, Table, TableSpec, read_table
from migctl.importers.fast import cell_tuples
from migctl.importers.tabular import normalize_header
from migctl.services.audit import Actor, record
from migctl.services.mapping.bulk import bulk_insert
from migctl.services.mapping.codes import normalize_code, parse_source, unneutralise
from migctl.services.mapping.files import file_sha256
from migctl.services.mapping.perf import gc_paused
from migctl.services.mapping.rules import (
    HUNDRED,
    RULE_COLUMNS,
    SHARE_PLACES,
    Rule,
    load_rules,
    rule_rows,
)
from migctl.services.systems import get_system, normalize_key
from migctl.store.models.mapping import Dimension, MappingRule, MappingSet, ValidationRun

MAPPING_TABLE = TableSpec(
    what="mapping",
    columns=(
        Column("source_account", ("vanha tili", "lähdetili", "source")),
        Column("source_cost_centre", ("vanha kustannuspaikka", "source cost center"),
               required=False),
        Column("target_account", ("uusi tili", "kohdetili", "target")),
        Column("share", ("osuus", "share %", "osuus %"), required=False),
        Column("valid_from", ("voimassa alkaen",), required=False),
        Column("valid_to", ("voimassa asti",), required=False),
        Column("note", ("huomautus",), required=False),
    ),
)

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

    def document(self) -> dict[str, Any]:
        return {"set": self.name, "version": self.version, "file": self.file,
                "source": self.source, "rules": self.rules, "created": self.created,
                "unchanged": self.unchanged_since is not None,
                "dimensions": self.dimensions, "ignored_columns": self.ignored_columns}


# --- names and versions -------------------------------------------------------------------

def parse_ref(ref: str) -> tuple[str, int | None]:
    """``tilimappaus`` → (tilimappaus, None); ``tilimappaus@2`` → (tilimappaus, 2)."""
    match = _REF.match(ref.strip())
    if not match:
        raise UsageError(f"{ref!r} is not a mapping set (use NAME or NAME@VERSION)")
    version = match.group("version")
    return match.group("name").strip().lower(), int(version) if version else None


def resolve_set(session: Session, ref: str | None) -> MappingSet:
    """A set by ``NAME`` (its latest version) or ``NAME@N``; with None, the only set there is."""
    if ref is None:
        names = session.exec(select(MappingSet.name).distinct()).all()
        if len(names) == 1:
            ref = names[0]
        elif not names:
            raise NotFound("no mapping sets yet; `migctl mapping import FILE --set NAME`")
        else:
            raise UsageError(f"several mapping sets ({', '.join(sorted(names))}); "
                             "choose one with --set NAME[@N]")
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


def _code(what: str) -> Any:
    return lambda text: normalize_code(text, what=what)


#: Cells read for each rule, in this order, followed by the dimension columns.
_COLUMNS = ("source_account", "target_account", "source_cost_centre", "share", "valid_from",
            "valid_to", "note")


class _RuleParser:
    """Turns raw rows into rules. Parsed values are remembered per distinct text (codes,
    shares and dates repeat across rows), which is most of the speed of a 200,000-row import.
    """

    def __init__(self, table: Table, dimension_columns: dict[str, str]) -> None:
        self.table = table
        self.dimension_headers = list(dimension_columns)
        self.dimension_keys = list(dimension_columns.values())
        self.parsers: dict[str, Any] = {
            "source_account": parse_source, "target_account": _code("account"),
            "source_cost_centre": _code("cost centre"), "share": parse_share,
            "valid_from": _date, "valid_to": _date,
            **{h: _code(f"{k} value") for h, k in dimension_columns.items()},
        }
        self.caches: dict[str, dict[str, Any]] = {column: {} for column in self.parsers}

    def columns(self) -> list[str]:
        return [*_COLUMNS, *self.dimension_headers]

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


def read_rules(
    path: Path,
    *,
    known_dimensions: list[str],
    sheet: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    progress: Any = None,
) -> tuple[list[Rule], MappingImport]:
    """Parse a mapping spreadsheet into rules (no store access); raises on the first bad cell."""
    table = read_table(path, MAPPING_TABLE, sheet=sheet, header_row=header_row,
                       delimiter=delimiter, encoding=encoding)
    dimension_columns, ignored = _dimension_columns(table.extra_headers, known_dimensions)
    parser = _RuleParser(table, dimension_columns)
    rules: list[Rule] = []
    for number, cells, texts in cell_tuples(table, parser.columns()):
        rules.append(parser.rule(number, cells, texts))
        if progress is not None and len(rules) % 10_000 == 0:
            progress(len(rules))
    if not rules:
        raise InputError("no rules in the file (only a header)", file=table.file)
    summary = MappingImport(name="", version=0, file=table.file, source=table.source,
                            rules=len(rules), created=False,
                            dimensions=list(dimension_columns.values()), ignored_columns=ignored)
    return rules, summary


def import_mapping(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    name: str,
    system: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    progress: Any = None,
) -> MappingImport:
    """Store the rules in ``path`` as the next version of set ``name``."""
    try:
        name = normalize_key(name, what="mapping set name")
    except ValueError as exc:
        raise UsageError(f"--set: {exc}") from None
    system_key = get_system(session, system).key if system else None
    known = list(session.exec(select(Dimension.key).order_by(col(Dimension.key))).all())
    with gc_paused():
        rules, summary = read_rules(path, known_dimensions=known, sheet=sheet,
                                    header_row=header_row, delimiter=delimiter,
                                    encoding=encoding, progress=progress)
    sha = file_sha256(path)
    summary.name = name
    previous = session.exec(
        select(MappingSet).where(MappingSet.name == name)
        .order_by(col(MappingSet.version).desc())
    ).first()
    if previous is not None and previous.sha256 == sha \
            and (system_key is None or system_key == previous.system):
        summary.version = previous.version
        summary.unchanged_since = previous.version
        return summary
    summary.created = previous is None
    summary.version = 1 if previous is None else previous.version + 1
    mapping_set = MappingSet(
        name=name, version=summary.version, kind="accounts",
        system=system_key or (previous.system if previous else None),
        file_name=summary.file, sheet=sheet, sha256=sha, actor=actor.name,
        imported_at=datetime.now(UTC), rule_count=len(rules),
        dimensions=",".join(summary.dimensions),
    )
    session.add(mapping_set)
    session.flush()
    assert mapping_set.id is not None
    with gc_paused():
        bulk_insert(session, MappingRule.__table__,  # type: ignore[attr-defined]
                    RULE_COLUMNS, rule_rows(rules, mapping_set.id))
    record(session, actor, entity_type="mapping_set", entity_key=set_label(mapping_set),
           action="import",
           summary=f"{len(rules)} rules from {summary.file} ({summary.source})",
           after={"file": summary.file, "sha256": sha, "rules": len(rules),
                  "system": mapping_set.system, "dimensions": summary.dimensions})
    return summary


# --- listing ------------------------------------------------------------------------------

def set_document(mapping_set: MappingSet, *, latest: bool,
                 validation: ValidationRun | None = None) -> dict[str, Any]:
    return {
        "set": mapping_set.name,
        "version": mapping_set.version,
        "ref": set_label(mapping_set),
        "latest": latest,
        "kind": mapping_set.kind,
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


def list_sets(session: Session, name: str | None = None) -> list[dict[str, Any]]:
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


def show_set(session: Session, ref: str | None) -> dict[str, Any]:
    """``{"set": <as in mapping sets>, "rules": [rule…]}``."""
    mapping_set = resolve_set(session, ref)
    assert mapping_set.id is not None
    latest = mapping_set.version == latest_version(session, mapping_set.name)
    return {
        "set": set_document(mapping_set, latest=latest,
                            validation=latest_validations(session).get(mapping_set.id)),
        "rules": [r.document() for r in load_rules(session, mapping_set.id)],
    }
