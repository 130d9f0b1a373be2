"""`migctl task import`: a runbook spreadsheet into the store, all or nothing.

Tasks are matched by key: new keys are created, existing ones updated (their dependency list
replaced by the file's), tasks the file does not name are kept. Dependencies may point to rows
further down the file or to tasks already in the store. Every row is checked before anything
is written; unknown or self dependencies and cycles are refused with the file, row and column.
Writes are SQLAlchemy Core bulk inserts, so 10,000 tasks with 30,000 dependencies import in
about a second.

The ``criteria`` column holds a gate's criteria (``;``-separated specs, see
:mod:`migctl.services.gates.spec`): they replace the gate's criteria, and a spec that does not
parse or names an unknown set, system, task or KPI stops the import like any other bad cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Unpack

from sqlalchemy import delete, insert, select, update
from sqlmodel import Session

from migctl.errors import Conflict, InputError
from migctl.importers import Column, ImportSummary, ReadOptions, Row, TableSpec, start_import
from migctl.importers.cells import datetime_cell, parse_cell
from migctl.services.audit import Actor, record
from migctl.services.gates.criteria import replace_imported
from migctl.services.gates.references import Vocabulary
from migctl.services.gates.spec import Criterion, joined, parse_specs
from migctl.services.mapping.files import given_path
from migctl.services.runbook import runs
from migctl.services.runbook.fields import (
    check_kind_duration,
    normalize_kind,
    normalize_task_key,
    parse_depends_on,
    parse_task_duration,
)
from migctl.services.runbook.integrity import cycle_message, find_cycle
from migctl.services.runbook.read import execute, load_runbook
from migctl.services.runbook.tasks import system_ids
from migctl.services.settings import timezone
from migctl.store.tables import TASK, TASK_DEPENDENCY

RUNBOOK_TABLE = TableSpec(
    what="runbook",
    columns=(
        Column("key", ("tunnus", "avain", "task key", "id")),
        Column("title", ("otsikko", "nimi", "kuvaus", "name", "tehtävä")),
        Column("workstream", ("työvirta", "osa-alue", "osakokonaisuus", "stream"),
               required=False),
        Column("system", ("järjestelmä",), required=False),
        Column("owner", ("vastuuhenkilö", "vastuu", "omistaja", "tekijä"), required=False),
        Column("kind", ("tyyppi", "laji", "type"), required=False),
        Column("duration", ("kesto",)),
        Column("depends_on", ("riippuvuudet", "edeltäjät", "edellyttää", "dependencies",
                              "predecessors"), required=False),
        Column("planned_start", ("suunniteltu alku", "alku", "aloitus", "start"),
               required=False),
        Column("rollback_note", ("paluusuunnitelma", "palautus", "peruutus", "rollback"),
               required=False),
        Column("criteria", ("kriteerit", "ehdot"), required=False),
    ),
)

#: Columns compared to decide whether an existing task changed.
COMPARED = ("title", "workstream", "system_id", "owner", "kind", "duration_minutes",
            "planned_start", "rollback_note", "criteria", "source_file", "source_row",
            "source_path")


#: A task row's column values, for a Core insert or update (values of several types).
TaskValues = dict[str, Any]


@dataclass
class _Parsed:
    row: Row
    values: TaskValues
    depends_on: list[str]
    criteria: list[Criterion] = field(default_factory=list)


def _parse_criteria(row: Row, key: str, kind: str) -> list[Criterion]:
    criteria = parse_cell(row, "criteria", parse_specs) or []
    if criteria and kind != "gate":
        raise row.error("criteria", f"only gates have criteria, and {key} is a {kind}")
    return criteria


def _parse_row(row: Row, *, file: str, path: str, tz: Any, systems: dict[str, int],
               with_criteria: bool) -> _Parsed:
    key = parse_cell(row, "key", normalize_task_key)
    if key is None:
        raise row.error("key", "is empty")
    title = row.get("title")
    if not title:
        raise row.error("title", "is empty")
    kind = parse_cell(row, "kind", normalize_kind) or "task"
    minutes = parse_cell(row, "duration", parse_task_duration)
    if minutes is None:
        if kind != "milestone":
            raise row.error("duration", f"is empty (a {kind} needs one, e.g. 90m, 4h, 2d)")
        minutes = 0
    try:
        check_kind_duration(kind, minutes)
    except ValueError as exc:
        raise row.error("duration", str(exc)) from None
    system_key = row.get("system").strip().lower()
    system_id = None
    if system_key:
        system_id = systems.get(system_key)
        if system_id is None:
            raise row.error("system", f"unknown system {system_key!r}; "
                                      "`migctl system list` shows the keys")
    depends_on = parse_cell(row, "depends_on", parse_depends_on) or []
    if key in depends_on:
        raise row.error("depends_on", f"{key} depends on itself")
    values = {
        "key": key, "title": title, "workstream": row.get("workstream"),
        "system_id": system_id, "owner": row.get("owner"), "kind": kind,
        "duration_minutes": minutes, "planned_start": datetime_cell(row, "planned_start", tz),
        "rollback_note": row.get("rollback_note"),
        "source_file": file, "source_row": row.number, "source_path": path,
    }
    criteria: list[Criterion] = []
    if with_criteria:
        criteria = _parse_criteria(row, key, kind)
        values["criteria"] = joined(criteria)
    return _Parsed(row=row, depends_on=depends_on, values=values, criteria=criteria)


def _check_criteria(session: Session, parsed: dict[str, _Parsed]) -> None:
    """Criteria may name tasks and workstreams of the file (further down, too) or the store."""
    vocabulary = Vocabulary(session, file_tasks={
        key: item.values["workstream"] for key, item in parsed.items()})
    for key, item in parsed.items():
        for criterion, problem in vocabulary.problems(item.criteria, gate=key):
            raise item.row.error("criteria", f"{criterion.spec}: {problem}")


def _created(item: _Parsed) -> dict[str, object]:
    """What the audit log keeps of a new task (JSON-ready without a round trip)."""
    values = item.values
    planned = values["planned_start"]
    return {"title": values["title"], "kind": values["kind"],
            "duration_minutes": values["duration_minutes"],
            "planned_start": None if planned is None else planned.isoformat(),
            "depends_on": item.depends_on, "criteria": values.get("criteria")}


def import_runbook(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    now: datetime,
    progress: Callable[[int], None] | None = None,
    criteria: bool = True,
    **read: Unpack[ReadOptions],
) -> ImportSummary:
    """Create or update every task in the file; nothing is written unless every row is good.

    With ``criteria`` false the ``criteria`` column is ignored (the demo loads the criteria
    once the sets, systems and KPIs they name exist).
    """
    table, summary = start_import(path, RUNBOOK_TABLE, **read)
    tz = timezone(session)
    systems = system_ids(session)
    with_criteria = criteria and table.has_column("criteria")
    parsed: dict[str, _Parsed] = {}
    source_path = given_path(path)
    for row in table.rows:
        item = _parse_row(row, file=table.file, path=source_path, tz=tz, systems=systems,
                          with_criteria=with_criteria)
        key = item.values["key"]
        if key in parsed:
            raise row.error("key", f"duplicate key {key!r} (first on row {parsed[key].row.number})")
        parsed[key] = item
        summary.rows += 1
        if progress is not None and summary.rows % 1000 == 0:
            progress(summary.rows)
    if not parsed:
        raise InputError("no tasks in the file (only a header)", file=table.file)

    existing = load_runbook(session)
    for item in parsed.values():
        for dep in item.depends_on:
            if dep not in parsed and dep not in existing.index:
                raise item.row.error("depends_on", f"unknown task {dep!r}")
    graph = {task.key: [existing.tasks[d].key for d in existing.depends_on[i]]
             for i, task in enumerate(existing.tasks)}
    graph.update((key, item.depends_on) for key, item in parsed.items())
    cycle = find_cycle(graph)
    if cycle is not None:
        first = min((k for k in cycle if k in parsed), key=lambda k: parsed[k].row.number)
        at = cycle.index(first)
        rotated = [*cycle[at:-1], *cycle[:at], first]
        raise parsed[first].row.error("depends_on", cycle_message(rotated))
    if with_criteria:
        _check_criteria(session, parsed)

    _write(session, actor, summary, parsed, now=now, with_criteria=with_criteria)
    return summary


@dataclass
class _Changes:
    """What the import writes, worked out before anything is written."""

    compared: tuple[str, ...]
    current: dict[str, Sequence[Any]]  # key → (key, id, version, *compared columns)
    new_rows: list[TaskValues] = field(default_factory=list)
    # key → (task id, version it was read at, changed columns)
    updates: dict[str, tuple[int, int, TaskValues]] = field(default_factory=dict)
    replace_deps: list[int] = field(default_factory=list)  # tasks whose dependencies change
    dep_rows: list[dict[str, int]] = field(default_factory=list)


def _changes(session: Session, summary: ImportSummary, parsed: dict[str, _Parsed],
             compared: tuple[str, ...], now: datetime) -> _Changes:
    """New tasks (listed as created) and the changed columns of existing ones."""
    changes = _Changes(compared=compared, current={row[0]: row for row in execute(
        session, select(TASK.c.key, TASK.c.id, TASK.c.version,
                        *[TASK.c[name] for name in compared]))})
    for key, item in parsed.items():
        found = changes.current.get(key)
        if found is None:
            changes.new_rows.append(item.values | {"version": 1, "created_at": now,
                                                   "updated_at": now})
            summary.created.append(key)
            continue
        before = dict(zip(compared, found[3:], strict=True))
        diff = {name: item.values[name] for name in compared
                if before[name] != item.values[name]}
        if diff:
            changes.updates[key] = (found[1], found[2], diff)
    return changes


def _dependency_changes(session: Session, parsed: dict[str, _Parsed], changes: _Changes,
                        ids: dict[str, int]) -> None:
    """Tasks whose dependency list differs from the file's; an existing one among them is
    updated (version bump) even if nothing else changed."""
    current_deps: dict[int, set[int]] = {}
    for task_id, dep_id in execute(session, select(TASK_DEPENDENCY.c.task_id,
                                                   TASK_DEPENDENCY.c.depends_on_id)):
        current_deps.setdefault(task_id, set()).add(dep_id)
    for key, item in parsed.items():
        task_id = ids[key]
        wanted = {ids[d] for d in item.depends_on}
        if key in changes.current and wanted == current_deps.get(task_id, set()):
            continue
        if key in changes.current:
            changes.replace_deps.append(task_id)
        changes.dep_rows.extend({"task_id": task_id, "depends_on_id": d} for d in sorted(wanted))
    dep_changed = set(changes.replace_deps)
    for key in parsed:
        if key in changes.current and key not in changes.updates and ids[key] in dep_changed:
            changes.updates[key] = (ids[key], changes.current[key][2], {})


def _update_tasks(session: Session, summary: ImportSummary, changes: _Changes,
                  parsed: dict[str, _Parsed], now: datetime) -> None:
    for key, (task_id, version, diff) in changes.updates.items():
        result = execute(session, update(TASK)
                         .where(TASK.c.id == task_id, TASK.c.version == version)
                         .values(**diff, version=version + 1, updated_at=now))
        if result.rowcount != 1:
            raise Conflict(f"task {key} was changed by someone else during the import; "
                           "nothing was written, try again")
        summary.updated.append(key)
    summary.unchanged.extend(k for k in parsed
                             if k in changes.current and k not in changes.updates)
    if changes.replace_deps:
        execute(session, delete(TASK_DEPENDENCY)
                .where(TASK_DEPENDENCY.c.task_id.in_(changes.replace_deps)))
    if changes.dep_rows:
        execute(session, insert(TASK_DEPENDENCY), changes.dep_rows)


def _audit(session: Session, actor: Actor, summary: ImportSummary, parsed: dict[str, _Parsed],
           changes: _Changes, ids: dict[str, int], now: datetime) -> None:
    dep_changed = set(changes.replace_deps)
    for key in summary.created:
        record(session, actor, entity_type="task", entity_key=key, action="create",
               summary=f"imported from {summary.file}:{parsed[key].row.number}",
               after=_created(parsed[key]), at=now)
    for key in summary.updated:
        diff = changes.updates[key][2]
        names = sorted(diff) + (["depends_on"] if ids[key] in dep_changed else [])
        record(session, actor, entity_type="task", entity_key=key, action="update",
               summary=f"re-imported from {summary.file}:{parsed[key].row.number}: "
                       f"{', '.join(names)} changed",
               after=diff | {"depends_on": parsed[key].depends_on}, at=now)
    record(session, actor, entity_type="import", entity_key=summary.file, action="import",
           summary=f"runbook: {len(summary.created)} created, {len(summary.updated)} updated, "
                   f"{len(summary.unchanged)} unchanged ({summary.source})", at=now)


def _write(
    session: Session, actor: Actor, summary: ImportSummary, parsed: dict[str, _Parsed], *,
    now: datetime, with_criteria: bool,
) -> None:
    compared = COMPARED if with_criteria else tuple(c for c in COMPARED if c != "criteria")
    changes = _changes(session, summary, parsed, compared, now)
    if changes.new_rows:
        execute(session, insert(TASK), changes.new_rows)
    ids: dict[str, int] = dict(execute(session, select(TASK.c.key, TASK.c.id)).all())
    _dependency_changes(session, parsed, changes, ids)
    _update_tasks(session, summary, changes, parsed, now)
    if with_criteria:
        replace_imported(session, actor, now=now, wanted={
            ids[key]: [(c.spec, item.row.number) for c in item.criteria]
            for key, item in parsed.items()})
    active = runs.active_run(session)
    if active is not None and changes.new_rows:
        runs.ensure_states(session, active, [ids[k] for k in summary.created])
    _audit(session, actor, summary, parsed, changes, ids, now)
