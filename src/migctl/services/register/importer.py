"""Actions and risks from the spreadsheets the city already keeps (CSV or XLSX), all or nothing.

Headers in English or Finnish (``tunnus``, ``toimenpide``, ``luokka``, ``vastuuhenkilö``,
``aikataulu``, ``tila``; ``riski``, ``todennäköisyys``, ``vaikutus``, ``lieventävä
toimenpide``). Rows are read and checked first; the first bad cell stops the import with
``file:row:column`` and nothing is written. Rows create or update entries by key, so
re-importing the same file changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select
from sqlmodel import Session

from migctl.errors import Conflict, InputError, NotFound, OptionError
from migctl.importers import Column, ImportSummary, Row, TableSpec, read_table
from migctl.services.audit import Actor, record
from migctl.services.register.fields import normalize_key
from migctl.services.register.write import (
    ActionFields,
    RiskFields,
    action_fields,
    add_action,
    add_risk,
    risk_fields,
    update_action,
    update_risk,
)
from migctl.store.db import execute
from migctl.store.tables import REGISTER_ACTION, REGISTER_RISK

if TYPE_CHECKING:
    from sqlalchemy import Column as Column_

F = TypeVar("F", bound=ActionFields | RiskFields)

ACTION_TABLE = TableSpec(
    what="actions",
    columns=(
        Column("key", ("tunnus",)),
        Column("title", ("toimenpide", "otsikko")),
        Column("category", ("luokka",)),
        Column("owner", ("vastuuhenkilö", "vastuutaho", "omistaja"), required=False),
        Column("due", ("aikataulu", "määräaika", "valmis viimeistään"), required=False),
        Column("status", ("tila",), required=False),
        Column("systems", ("järjestelmät", "järjestelmä", "system"), required=False),
        Column("tasks", ("tehtävät", "tehtävä", "task"), required=False),
        Column("incidents", ("häiriöt", "incident"), required=False),
        Column("risks", ("riskit", "risk"), required=False),
        Column("notes", ("huomiot", "lisätiedot"), required=False),
    ),
)

RISK_TABLE = TableSpec(
    what="risks",
    columns=(
        Column("key", ("tunnus",)),
        Column("title", ("riski", "otsikko")),
        Column("owner", ("vastuuhenkilö", "omistaja"), required=False),
        Column("likelihood", ("todennäköisyys",)),
        Column("impact", ("vaikutus",)),
        Column("mitigation", ("lieventävä toimenpide", "lieventävä toimenpide (tunnus)"),
               required=False),
        Column("status", ("tila",), required=False),
        Column("systems", ("järjestelmät", "järjestelmä", "system"), required=False),
        Column("notes", ("huomiot", "lisätiedot"), required=False),
    ),
)


def _cells(row: Row, names: tuple[str, ...], present: frozenset[str]) -> dict[str, str | None]:
    """The row's text by column; a column missing from the file is "not given" (None)."""
    return {name: (row.get(name) if name in present else None) for name in names}


def _read(row: Row, build: Callable[..., F], cells: dict[str, str | None]) -> F:
    try:
        return build(**cells)
    except OptionError as exc:
        raise row.error(exc.field, exc.problem.replace("{option}", exc.field)) from None


def _key(row: Row, seen: dict[str, int], what: str) -> str:
    try:
        key = normalize_key(row.get("key"), what=f"an {what} key" if what == "action"
                            else f"a {what} key")
    except ValueError as exc:
        raise row.error("key", str(exc)) from None
    if key in seen:
        raise row.error("key", f"duplicate key {key} (first on row {seen[key]})")
    seen[key] = row.number
    return key


def _required(row: Row, names: tuple[str, ...]) -> None:
    for name in names:
        if not row.get(name):
            raise row.error(name, "is empty")


@dataclass(frozen=True)
class Kind:
    """What differs between importing actions and risks."""

    what: str  # "action" | "risk"
    spec: TableSpec
    names: tuple[str, ...]  # the cells read into fields
    required: tuple[str, ...]  # cells that must not be empty
    build: Callable[..., ActionFields | RiskFields]
    add: Callable[..., object]
    update: Callable[..., tuple[object, bool]]
    keys: Column_[str]


ACTIONS = Kind("action", ACTION_TABLE,
               ("title", "category", "owner", "due", "status", "systems", "tasks", "incidents",
                "risks", "notes"),
               ("title", "category"), action_fields, add_action, update_action,
               REGISTER_ACTION.c.key)
RISKS = Kind("risk", RISK_TABLE,
             ("title", "owner", "likelihood", "impact", "status", "mitigation", "systems",
              "notes"),
             ("title", "likelihood", "impact"), risk_fields, add_risk, update_risk,
             REGISTER_RISK.c.key)


def _import(session: Session, actor: Actor, kind: Kind, *, path: Path, now: datetime,
            today: date, **reading: Any) -> ImportSummary:
    table = read_table(path, kind.spec, **reading)
    parsed: list[tuple[Row, str, ActionFields | RiskFields]] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        key = _key(row, seen, kind.what)
        _required(row, kind.required)
        cells = _cells(row, kind.names, table.present)
        parsed.append((row, key, _read(row, lambda **c: kind.build(session, **c), cells)))
    if not parsed:
        raise InputError(f"no {kind.what}s in the file (only a header)", file=table.file)
    existing = set(execute(session, select(kind.keys)).scalars())
    summary = ImportSummary(file=table.file, source=table.source, rows=len(parsed))
    for row, key, data in parsed:
        try:
            if key in existing:
                _, changed = kind.update(session, actor, key=key, data=data, now=now,
                                         today=today, verb="import")
                (summary.updated if changed else summary.unchanged).append(key)
            else:
                kind.add(session, actor, data=data, now=now, today=today, key=key)
                summary.created.append(key)
        except OptionError as exc:
            raise row.error(exc.field, exc.problem.replace("{option}", exc.field)) from None
        except (Conflict, NotFound) as exc:
            raise row.error(None, str(exc)) from None
    record(session, actor, entity_type="import", entity_key=summary.file, action="import",
           summary=f"{kind.what}s: {len(summary.created)} created, {len(summary.updated)} "
           f"updated, {len(summary.unchanged)} unchanged ({summary.source})", at=now)
    return summary


def import_actions(session: Session, actor: Actor, *, path: Path, now: datetime, today: date,
                   sheet: str | None = None, header_row: int | None = None,
                   delimiter: str | None = None, encoding: str | None = None) -> ImportSummary:
    """Create or update actions by key, all or nothing."""
    return _import(session, actor, ACTIONS, path=path, now=now, today=today, sheet=sheet,
                   header_row=header_row, delimiter=delimiter, encoding=encoding)


def import_risks(session: Session, actor: Actor, *, path: Path, now: datetime, today: date,
                 sheet: str | None = None, header_row: int | None = None,
                 delimiter: str | None = None, encoding: str | None = None) -> ImportSummary:
    """Create or update risks by key, all or nothing; a mitigation names an existing action."""
    return _import(session, actor, RISKS, path=path, now=now, today=today, sheet=sheet,
                   header_row=header_row, delimiter=delimiter, encoding=encoding)
