"""The systems inventory: legacy and target systems, their statuses, go-lives and replacements."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Unpack

from sqlalchemy import insert
from sqlmodel import Session, select

from migctl import values
from migctl.errors import Conflict, InputError, NotFound, OptionError, UsageError
from migctl.importers import Column, ImportSummary, ReadOptions, Row, Table, TableSpec, start_import
from migctl.importers.cells import date_cell, parse_cell, unique_cell
from migctl.services.audit import (
    Actor,
    changes,
    describe_changes,
    record,
    record_import,
    record_update,
)
from migctl.services.systems.documents import SystemDocument, SystemSnapshot
from migctl.services.systems.fields import (
    normalize_domain,
    normalize_environments,
    normalize_key,
    normalize_role,
    normalize_status,
)
from migctl.services.systems.read import list_systems as list_systems  # the CLI's listing
from migctl.services.systems.read import replacement_map, system_document
from migctl.store.models import System, SystemReplacement
from migctl.store.tables import SYSTEM

#: A system's own fields by name, as given (``None`` and dates included).
FieldValues = dict[str, str | date | None]


@dataclass
class SystemFields:
    """Validated input for one system; ``None`` means "not given" (keep on update)."""

    name: str | None = None
    role: str | None = None
    domain: str | None = None
    vendor: str | None = None
    owner: str | None = None
    status: str | None = None
    planned_go_live: date | None = None
    actual_go_live: date | None = None
    retire_date: date | None = None
    environments: str | None = None
    notes: str | None = None
    clear: set[str] = field(default_factory=set)  # date fields to empty explicitly

    def given(self) -> FieldValues:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "clear"}
        result = {k: v for k, v in data.items() if v is not None}
        result.update(dict.fromkeys(self.clear))
        return result


_SNAPSHOT_FIELDS = (
    "name", "role", "domain", "vendor", "owner", "status", "planned_go_live", "actual_go_live",
    "retire_date", "environments", "notes",
)
_DEFAULTS: FieldValues = {
    "domain": "", "vendor": "", "owner": "", "status": "planned", "planned_go_live": None,
    "actual_go_live": None, "retire_date": None, "environments": "", "notes": "",
}


def _snapshot(system: System) -> SystemSnapshot:
    return {
        "name": system.name, "role": system.role, "domain": system.domain,
        "vendor": system.vendor, "owner": system.owner, "status": system.status,
        "planned_go_live": system.planned_go_live, "actual_go_live": system.actual_go_live,
        "retire_date": system.retire_date, "environments": system.environments,
        "notes": system.notes,
    }


def get_system(session: Session, key: str) -> System:
    system = session.exec(select(System).where(System.key == key.strip().lower())).first()
    if system is None:
        raise NotFound(f"no system {key!r}; `migctl system list` shows the keys")
    return system


def show_system(session: Session, key: str) -> SystemDocument:
    system = get_system(session, key)
    replaces, replaced_by = replacement_map(session)
    return system_document(
        system, replaces.get(system.id or 0, []), replaced_by.get(system.id or 0, [])
    )


def _set_replacements(
    session: Session,
    system: System,
    legacy_keys: list[str],
    *,
    by_key: dict[str, System],
    current: list[SystemReplacement] | None = None,
) -> None:
    """Make ``system`` replace exactly ``legacy_keys``; ``current`` saves a query per system."""
    if legacy_keys and system.role != "target":
        raise UsageError(f"{system.key} is a legacy system; only target systems replace others")
    for key in legacy_keys:
        legacy = by_key.get(key)
        if legacy is None:
            raise OptionError("no such system", field="replaces", value=key)
        if legacy.role != "legacy":
            raise UsageError(f"{system.key} cannot replace {key}: {key} is not a legacy system")
    existing = current if current is not None else session.exec(
        select(SystemReplacement).where(SystemReplacement.target_id == system.id)
    ).all()
    wanted = {by_key[k].id for k in legacy_keys}
    for link in existing:
        if link.legacy_id not in wanted:
            session.delete(link)
    have = {link.legacy_id for link in existing}
    for legacy_id in wanted - have:
        assert system.id is not None and legacy_id is not None
        session.add(SystemReplacement(legacy_id=legacy_id, target_id=system.id))


def _all_by_key(session: Session) -> dict[str, System]:
    return {s.key: s for s in session.exec(select(System))}


def _replace_as_given(session: Session, system: System, replaces: list[str]) -> None:
    """``replaces`` as the command line gives them: keys in any case, looked up in the store."""
    _set_replacements(session, system, [k.lower() for k in replaces], by_key=_all_by_key(session))


def _assign(system: System, given: FieldValues) -> None:
    for name, value in given.items():
        setattr(system, name, value)


def add_system(session: Session, actor: Actor, *, key: str, data: SystemFields,
               replaces: list[str] | None = None) -> SystemDocument:
    try:
        key = normalize_key(key)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if session.exec(select(System.id).where(System.key == key)).first() is not None:
        raise Conflict(f"system {key!r} already exists; use `migctl system set {key}` to change it")
    given = data.given()
    if not data.name:
        raise OptionError("a system needs a {option}", field="name")
    if not data.role:
        raise OptionError("a system needs a {option} (legacy or target)", field="role")
    system = System(key=key, name=data.name, role=data.role)
    _assign(system, given)
    session.add(system)
    session.flush()
    if replaces:
        _replace_as_given(session, system, replaces)
    record(session, actor, entity_type="system", entity_key=key, action="create",
           summary=f"added {system.role} system {key} ({system.name})",
           after=_snapshot(system) | {"replaces": sorted(replaces or [])})
    return show_system(session, key)


def update_system(session: Session, actor: Actor, *, key: str, data: SystemFields,
                  replaces: list[str] | None = None) -> SystemDocument:
    system = get_system(session, key)
    before = _snapshot(system)
    before_replaces = show_system(session, key)["replaces"]
    _assign(system, data.given())
    if system.status == "live" and system.actual_go_live is None and before["status"] != "live":
        system.actual_go_live = datetime.now(UTC).date()
    after = _snapshot(system)
    diff = changes(before, after)
    if replaces is not None:
        _replace_as_given(session, system, replaces)
        if sorted(replaces) != before_replaces:
            diff["replaces"] = (before_replaces, sorted(replaces))
    if not diff:
        return show_system(session, key)
    system.updated_at = datetime.now(UTC)
    session.add(system)
    record(session, actor, entity_type="system", entity_key=system.key, action="update",
           summary=describe_changes(diff), before=before, after=after)
    return show_system(session, key)


def remove_system(session: Session, actor: Actor, *, key: str) -> SystemDocument:
    document = show_system(session, key)
    system = get_system(session, key)
    links = session.exec(
        select(SystemReplacement).where(
            (SystemReplacement.target_id == system.id) | (SystemReplacement.legacy_id == system.id)
        )
    ).all()
    for link in links:
        session.delete(link)
    session.flush()
    session.delete(system)
    record(session, actor, entity_type="system", entity_key=system.key, action="delete",
           summary=f"removed system {system.key}", before=_snapshot(system))
    return document


# --- import -------------------------------------------------------------------------------

SYSTEM_TABLE = TableSpec(
    what="systems",
    columns=(
        Column("key", ("tunnus", "järjestelmä", "system")),
        Column("name", ("nimi",)),
        Column("role", ("rooli",)),
        Column("domain", ("alue", "toiminto"), required=False),
        Column("vendor", ("toimittaja",), required=False),
        Column("owner", ("omistaja", "vastuuhenkilö"), required=False),
        Column("status", ("tila",), required=False),
        Column("planned_go_live", ("go_live", "käyttöönotto", "suunniteltu käyttöönotto"),
               required=False),
        Column("actual_go_live", ("toteutunut käyttöönotto",), required=False),
        Column("retire_date", ("alasajo", "poisto"), required=False),
        Column("environments", ("ympäristöt", "environment"), required=False),
        Column("replaces", ("korvaa",), required=False),
        Column("notes", ("huomautus", "lisätiedot"), required=False),
    ),
)


_DATE_FIELDS = ("planned_go_live", "actual_go_live", "retire_date")



def _environments(text: str) -> str:
    return normalize_environments(values.split_list(text))


def _row_fields(row: Row, table: Table) -> SystemFields:
    """One row's validated fields; a date column given empty clears the date."""
    data = SystemFields(
        name=row.get("name") or None,
        role=parse_cell(row, "role", normalize_role),
        domain=parse_cell(row, "domain", normalize_domain) or "",
        vendor=row.get("vendor"),
        owner=row.get("owner"),
        status=parse_cell(row, "status", normalize_status) or "planned",
        planned_go_live=date_cell(row, "planned_go_live"),
        actual_go_live=date_cell(row, "actual_go_live"),
        retire_date=date_cell(row, "retire_date"),
        environments=parse_cell(row, "environments", _environments) or "",
        notes=row.get("notes"),
    )
    if not data.name:
        raise row.error("name", "is empty")
    if data.role is None:
        raise row.error("role", "is empty")
    for date_field in _DATE_FIELDS:
        if getattr(data, date_field) is None and table.has_column(date_field):
            data.clear.add(date_field)
    return data


@dataclass
class _Parsed:
    row: Row
    fields: SystemFields
    replaces: list[str]


def _parse_rows(table: Table, summary: ImportSummary) -> dict[str, _Parsed]:
    """Every row by key, validated; refuses empty and repeated keys."""
    parsed: dict[str, _Parsed] = {}
    for row in table.rows:
        summary.rows += 1
        key = unique_cell(row, "key", normalize_key, parsed)
        data = _row_fields(row, table)
        replaces = [normalize_key(k) for k in values.split_list(row.get("replaces"))]
        parsed[key] = _Parsed(row, data, replaces)
    if not parsed:
        raise InputError("no systems in the file (only a header)", file=table.file)
    return parsed


def _check_replacements(parsed: dict[str, _Parsed], existing: dict[str, System]) -> None:
    """Only targets replace, only legacy systems are replaced, from the file or the store."""
    for key, entry in parsed.items():
        role = entry.fields.role
        for legacy_key in entry.replaces:
            target_role = parsed[legacy_key].fields.role if legacy_key in parsed else (
                existing[legacy_key].role if legacy_key in existing else None)
            if target_role is None:
                raise entry.row.error("replaces", f"unknown system {legacy_key!r}")
            if role != "target":
                raise entry.row.error("replaces",
                                      f"{key} is {role}; only target systems replace others")
            if target_role != "legacy":
                raise entry.row.error("replaces", f"{legacy_key} is not a legacy system")


def _write_rows(
    session: Session, actor: Actor, parsed: dict[str, _Parsed], existing: dict[str, System],
    summary: ImportSummary,
) -> None:
    """Update the systems the store has (audited per system), bulk-insert the new ones."""
    new_rows: list[dict[str, object]] = []
    now = datetime.now(UTC)
    for key, entry in parsed.items():
        system = existing.get(key)
        if system is None:
            values_: dict[str, object] = {"key": key, **_DEFAULTS, **entry.fields.given(),
                                          "created_at": now, "updated_at": now}
            new_rows.append(values_)
            summary.created.append(key)
            record(session, actor, entity_type="system", entity_key=key, action="create",
                   summary=f"imported from {summary.file}",
                   after={k: values_.get(k) for k in _SNAPSHOT_FIELDS})
            continue
        before = _snapshot(system)
        _assign(system, entry.fields.given())
        if record_update(session, actor, entity_type="system", entity_key=key, before=before,
                         after=_snapshot(system), prefix=f"imported from {summary.file}: "):
            system.updated_at = datetime.now(UTC)
            session.add(system)
            summary.updated.append(key)
        else:
            summary.unchanged.append(key)
    session.flush()
    if new_rows:  # a Core bulk insert: building ORM objects costs more than the insert itself
        session.execute(insert(SYSTEM), new_rows)


def _link_rows(session: Session, parsed: dict[str, _Parsed], existing: dict[str, System]) -> None:
    """Every imported system replaces exactly the systems its row lists."""
    links: dict[int, list[SystemReplacement]] = {}
    for link in session.exec(select(SystemReplacement)):
        links.setdefault(link.target_id, []).append(link)
    for key, entry in parsed.items():
        system = existing[key]
        _set_replacements(session, system, entry.replaces, by_key=existing,
                          current=links.get(system.id or 0, []))


def import_systems(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    **read: Unpack[ReadOptions],
) -> ImportSummary:
    """Create or update every system in the file; replacements resolved after reading."""
    table, summary = start_import(path, SYSTEM_TABLE, **read)
    parsed = _parse_rows(table, summary)
    existing = _all_by_key(session)
    _check_replacements(parsed, existing)
    _write_rows(session, actor, parsed, existing, summary)
    if summary.created:
        existing = _all_by_key(session)
    _link_rows(session, parsed, existing)
    record_import(session, actor, file=table.file, summary=summary.counted("systems"))
    return summary


def parse_option_date(text: str | None, option: str) -> date | None:
    if text is None or text == "":
        return None
    try:
        return values.parse_date(text)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None
