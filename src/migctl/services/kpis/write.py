"""KPIs: definitions (built-in and custom), values over time, snapshots and trends.

Built-in KPIs are computed from the status document (:mod:`migctl.services.kpis.builtins`);
``snapshot`` stores their current values (source ``snapshot``) so trends can be drawn. Custom
process KPIs are defined with a unit, a target and a direction and recorded by hand or from a
file (source ``record``). A built-in may get a stored definition row (``builtin``) that
overrides its target and description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Unpack

from sqlalchemy import insert
from sqlmodel import Session, select

from migctl import values
from migctl.errors import Conflict, InputError, NotFound, OptionError, UsageError
from migctl.importers import (
    Column,
    ImportSummary,
    ReadOptions,
    Row,
    TableSpec,
    read_table,
    start_import,
)
from migctl.importers.cells import choice_cell, datetime_cell, decimal_cell, required_text
from migctl.services.audit import Actor, record, record_import, record_update
from migctl.services.kpis.builtins import BuiltinKpi, builtin, extract_all
from migctl.services.kpis.documents import (
    DefinitionDocument,
    DefinitionSnapshot,
    KpiListing,
    KpiTrend,
    RecordedValue,
    SnapshotDocument,
    ValuesImportDocument,
)
from migctl.services.kpis.fields import (
    DIRECTION_ALIASES,
    SOURCES,
    STALE_AFTER_MINUTES,
    UNIT_LIMIT,
    age_minutes,
    check_value,
    normalize_name,
    plain,
)
from migctl.services.kpis.fields import normalize_direction as normalize_direction  # the CLI's
from migctl.services.kpis.read import Definition, definitions, history
from migctl.services.settings import timezone
from migctl.store.models import KpiDefinition, KpiValue

# --- definitions --------------------------------------------------------------------------


def get_definition(session: Session, name: str) -> Definition:
    try:
        key = normalize_name(name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    extra = [key] if builtin(key) else []
    found = definitions(session, extra_builtins=extra).get(key)
    if found is None:
        raise NotFound(f"no KPI {name!r}; `migctl kpi list` shows them, "
                       "`migctl kpi define` adds one")
    return found


def _definition_snapshot(row: KpiDefinition) -> DefinitionSnapshot:
    return {"unit": row.unit, "target": row.target, "direction": row.direction,
            "builtin": row.builtin, "description": row.description}


def define_kpi(
    session: Session,
    actor: Actor,
    *,
    name: str,
    now: datetime,
    unit: str | None = None,
    target: Decimal | None = None,
    clear_target: bool = False,
    direction: str | None = None,
    description: str | None = None,
) -> DefinitionDocument:
    """Create or change a custom KPI; for a built-in, set its target and description."""
    try:
        name = normalize_name(name)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if target is not None:
        check_value(target)
    if unit is not None and len(unit.strip()) > UNIT_LIMIT:
        raise UsageError(f"a KPI unit has at most {UNIT_LIMIT} characters: {unit!r}")
    kpi = builtin(name)
    if kpi is not None:
        if unit is not None and unit != kpi.unit:
            raise UsageError(f"{name} is built-in; its unit is {kpi.unit!r}")
        if direction is not None and direction != kpi.direction:
            raise UsageError(f"{name} is built-in; its direction is {kpi.direction}")
    row = session.exec(select(KpiDefinition).where(KpiDefinition.name == name)).first()
    if row is None:
        if kpi is None and direction is None:
            raise OptionError("a new KPI needs a {option} (up: higher is better, or down)",
                              field="direction")
        row = KpiDefinition(
            name=name, builtin=kpi is not None,
            unit=kpi.unit if kpi else (unit or "").strip(),
            direction=kpi.direction if kpi else (direction or "up"),
            target=None if clear_target else (target if target is not None
                                              else (kpi.target if kpi else None)),
            description=(description or "").strip(), created_at=now, updated_at=now)
        session.add(row)
        record(session, actor, entity_type="kpi", entity_key=name, action="create",
               summary=f"defined {'built-in ' if kpi else ''}KPI {name}",
               after=_definition_snapshot(row), at=now)
    else:
        _change_definition(session, actor, row, now=now, unit=unit, target=target,
                           clear_target=clear_target, direction=direction,
                           description=description)
    session.flush()
    return get_definition(session, name).document()


def _change_definition(
    session: Session, actor: Actor, row: KpiDefinition, *, now: datetime, unit: str | None,
    target: Decimal | None, clear_target: bool, direction: str | None, description: str | None,
) -> None:
    """Apply the fields given to a stored definition; audited when anything changed."""
    before = _definition_snapshot(row)
    if unit is not None:
        row.unit = unit.strip()
    if direction is not None:
        row.direction = direction
    if target is not None:
        row.target = target
    if clear_target:
        row.target = None
    if description is not None:
        row.description = description.strip()
    if record_update(session, actor, entity_type="kpi", entity_key=row.name, before=before,
                     after=_definition_snapshot(row), at=now):
        row.updated_at = now
        session.add(row)


# --- values -------------------------------------------------------------------------------

def _value_exists(session: Session, metric: str, at: datetime) -> KpiValue | None:
    return session.exec(
        select(KpiValue).where(KpiValue.metric == metric, KpiValue.at == at)).first()


#: How far ahead of the clock a measurement time may be (clocks of two machines differ).
FUTURE_SLACK = timedelta(minutes=5)


def record_value(
    session: Session, actor: Actor, *, name: str, value: Decimal, now: datetime,
    at: datetime | None = None, allow_future: bool = False,
) -> RecordedValue:
    """Record one value of a custom KPI (built-ins are computed: `kpi snapshot` stores them).

    A time ``at`` more than :data:`FUTURE_SLACK` ahead of ``now`` is a typing error (a value
    measured next year), refused unless ``allow_future``."""
    definition = get_definition(session, name)
    if definition.builtin:
        raise UsageError(f"{definition.name} is built-in and computed from the store; "
                         "`migctl kpi snapshot` records it")
    try:
        check_value(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if at is not None and at > now + FUTURE_SLACK and not allow_future:
        raise OptionError(f"{values.iso_utc(at)} is in the future; a measured value has a "
                          "past time (pass --allow-future to record a forecast)", field="at")
    at = at or now
    if _value_exists(session, definition.name, at) is not None:
        raise Conflict(f"{definition.name} already has a value at {values.iso_utc(at)}")
    session.add(KpiValue(metric=definition.name, value=value, at=at, source="record"))
    record(session, actor, entity_type="kpi", entity_key=definition.name, action="record",
           summary=f"{definition.name} = {plain(value)} {definition.unit}".rstrip()
           + f" at {values.iso_utc(at)}", after={"value": value, "at": at}, at=now)
    return {"metric": definition.name, "value": value, "at": at, "source": "record"}


def current_builtin_values(session: Session, *, now: datetime) -> dict[str, Decimal]:
    """The built-ins computed from a fresh status document (without the KPI section itself)."""
    from migctl.services.status.sections import DERIVED_SECTIONS, SECTIONS, build_status

    document = build_status(session, now=now,
                            sections=[s for s in SECTIONS if s not in DERIVED_SECTIONS])
    return extract_all(document["sections"])


def take_snapshot(session: Session, actor: Actor, *, now: datetime) -> SnapshotDocument:
    """Store the current value of every built-in KPI that has one."""
    current = current_builtin_values(session, now=now)
    taken = [m for m in current if _value_exists(session, m, now) is None]
    if taken:
        session.execute(insert(KpiValue), [
            {"metric": m, "value": current[m], "at": now, "source": "snapshot"} for m in taken])
        record(session, actor, entity_type="kpi", entity_key="snapshot", action="snapshot",
               summary=f"snapshot of {len(taken)} built-in KPIs",
               after={m: current[m] for m in taken}, at=now)
    return {"at": now, "values": {m: current[m] for m in taken}}


def list_kpis(session: Session, *, now: datetime) -> list[KpiListing]:
    """Every KPI with a definition or stored values, with its latest stored value."""
    stored = history(session, until=now)
    found = definitions(session, extra_builtins=[m for m in stored if builtin(m)])
    rows: list[KpiListing] = []
    for name, definition in found.items():
        points = stored.get(name, [])
        if definition.builtin and not points and name not in _defined_rows(session):
            continue  # a built-in nobody snapshotted or configured yet: nothing to say
        latest = points[-1].document() if points else None
        age = age_minutes(points[-1].at, now) if points else None
        rows.append({**definition.document(), "latest": latest, "values": len(points),
                     "age_minutes": age,
                     "stale": None if age is None else age > STALE_AFTER_MINUTES})
    return rows


def _defined_rows(session: Session) -> set[str]:
    return set(session.exec(select(KpiDefinition.name)))


def trend(
    session: Session, *, now: datetime, metric: str | None = None, since: datetime | None = None
) -> list[KpiTrend]:
    """Stored values over time, one entry per KPI that has values (or the one asked for)."""
    wanted = None
    if metric is not None:
        wanted = [get_definition(session, metric).name]
    stored = history(session, metrics=wanted, since=since, until=now)
    found = definitions(session, extra_builtins=[m for m in stored if builtin(m)])
    result: list[KpiTrend] = []
    for name in wanted or [n for n in found if n in stored]:
        definition = found[name]
        result.append({**definition.document(),
                       "points": [p.document() for p in stored.get(name, [])]})
    return result


# --- import -------------------------------------------------------------------------------

VALUE_TABLE = TableSpec(
    what="KPI values",
    columns=(
        Column("metric", ("mittari", "kpi", "name", "nimi")),
        Column("value", ("arvo",)),
        Column("at", ("aika", "ajankohta", "time", "date", "pvm")),
        Column("source", ("lähde",), required=False),
    ),
)

DEFINITION_TABLE = TableSpec(
    what="KPI definitions",
    columns=(
        Column("name", ("nimi", "mittari", "kpi")),
        Column("unit", ("yksikkö",), required=False),
        Column("target", ("tavoite",), required=False),
        Column("direction", ("suunta",)),
        Column("description", ("kuvaus", "selite"), required=False),
    ),
)


def _name_cell(row: Row, column: str) -> str:
    """A KPI name from the row, normalised (errors name the row and column)."""
    text = required_text(row, column)
    try:
        return normalize_name(text)
    except ValueError as exc:
        raise row.error(column, str(exc)) from None


def import_definitions(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    now: datetime,
    **read: Unpack[ReadOptions],
) -> ImportSummary:
    """Define or update custom KPIs (and built-in targets) from a file, all or nothing."""
    table, summary = start_import(path, DEFINITION_TABLE, **read)
    existing = {d.name: _definition_snapshot(d) for d in session.exec(select(KpiDefinition))}
    seen: dict[str, int] = {}
    for row in table.rows:
        summary.rows += 1
        name = _name_cell(row, "name")
        if name in seen:
            raise row.error("name", f"duplicate KPI {name} (first on row {seen[name]})")
        seen[name] = row.number
        target = decimal_cell(row, "target")
        try:
            define_kpi(session, actor, name=name, now=now, unit=row.get("unit"),
                       target=target, clear_target=target is None and table.has_column("target"),
                       direction=choice_cell(row, "direction", DIRECTION_ALIASES),
                       description=row.get("description"))
        except (UsageError, ValueError) as exc:
            raise row.error(None, str(exc)) from None
        row_now = session.exec(select(KpiDefinition).where(KpiDefinition.name == name)).one()
        if name not in existing:
            summary.created.append(name)
        elif existing[name] != _definition_snapshot(row_now):
            summary.updated.append(name)
        else:
            summary.unchanged.append(name)
    if not seen:
        raise InputError("no KPI definitions in the file (only a header)", file=table.file)
    record_import(session, actor, file=table.file, summary=summary.counted("KPI definitions"),
                  at=now)
    return summary


@dataclass
class ValuesImportSummary:
    file: str
    source: str
    rows: int = 0
    stored: int = 0
    unchanged: int = 0
    metrics: list[str] = field(default_factory=list)

    def document(self) -> ValuesImportDocument:
        return {"file": self.file, "source": self.source, "rows": self.rows,
                "stored": self.stored, "unchanged": self.unchanged, "metrics": self.metrics}


def _value_row(
    row: Row, known: dict[str, Definition], tz: tzinfo, now: datetime
) -> tuple[str, Decimal, datetime, str]:
    """(metric, value, time, source) of one history row, validated."""
    metric = _name_cell(row, "metric")
    kpi: BuiltinKpi | None = builtin(metric)
    if metric not in known and kpi is None:
        raise row.error("metric", f"unknown KPI {metric!r}; define it first "
                        "(`migctl kpi define` or `migctl kpi import-definitions`)")
    value = decimal_cell(row, "value")
    if value is None:
        raise row.error("value", "is empty")
    try:
        check_value(value)
    except ValueError as exc:
        raise row.error("value", str(exc)) from None
    at = datetime_cell(row, "at", tz)
    if at is None:
        raise row.error("at", "is empty")
    if at > now:
        raise row.error("at", "is in the future")
    default_source = "snapshot" if kpi is not None else "record"
    source = choice_cell(row, "source", {s: s for s in SOURCES}, default=default_source)
    return metric, value, at, source


def import_values(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    now: datetime,
    progress: Callable[[int], None] | None = None,
    **read: Unpack[ReadOptions],
) -> ValuesImportSummary:
    """Load KPI history (metric, value, time), all or nothing (``progress``: rows read, every
    1,000).

    Built-in metrics are stored as snapshots, custom ones as records. A value already stored
    for the same metric and time is unchanged when equal and refused when different, so
    re-importing a file is a no-op.
    """
    table = read_table(path, VALUE_TABLE, **read)
    tz = timezone(session)
    known = definitions(session)
    summary = ValuesImportSummary(file=table.file, source=table.source)
    stored = {(m, p.at): p.value for m, points in history(session).items() for p in points}
    new: dict[tuple[str, datetime], dict[str, object]] = {}
    for row in table.rows:
        summary.rows += 1
        if progress is not None and summary.rows % 1000 == 0:
            progress(summary.rows)
        metric, value, at, source = _value_row(row, known, tz, now)
        key = (metric, at)
        if key in new:
            raise row.error("at", f"{metric} has two values at {values.iso_utc(at)}")
        if key in stored:
            if stored[key] != value:
                raise row.error("value", f"{metric} already has {plain(stored[key])} at "
                                f"{values.iso_utc(at)}")
            summary.unchanged += 1
            continue
        new[key] = {"metric": metric, "value": value, "at": at, "source": source}
    if not summary.rows:
        raise InputError("no KPI values in the file (only a header)", file=table.file)
    if new:
        session.execute(insert(KpiValue), list(new.values()))
    summary.stored = len(new)
    summary.metrics = sorted({m for m, _ in new})
    record_import(session, actor, file=table.file,
                  summary=f"KPI values: {summary.stored} stored for {len(summary.metrics)} "
                  f"KPIs, {summary.unchanged} already there ({table.source})", at=now)
    return summary
