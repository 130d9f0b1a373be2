"""`migctl cutover run import NAME FILE`: a run's actuals from a spreadsheet, all or nothing.

For back-filling a rehearsal that was tracked elsewhere (or on paper). Each row sets one
task's status and actual times in the run; tasks the file does not name keep their state. The
run is created when it does not exist (started at the earliest actual start) and, with
``finish``, finished at the latest actual time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Unpack

from sqlalchemy import select, update
from sqlmodel import Session

from migctl.errors import Conflict, InputError, NotFound
from migctl.importers import Column, ReadOptions, Row, Table, TableSpec, read_table
from migctl.importers.cells import datetime_cell, parse_cell, unique_cell
from migctl.services.audit import Actor, record
from migctl.services.runbook import runs
from migctl.services.runbook.documents import ActualsImportDocument
from migctl.services.runbook.fields import STATUSES, normalize_status, normalize_task_key
from migctl.services.runbook.read import Runbook, execute, load_runbook
from migctl.services.settings import timezone
from migctl.store.models import CutoverRun
from migctl.store.tables import TASK_RUN_STATE

ACTUALS_TABLE = TableSpec(
    what="run actuals",
    columns=(
        Column("key", ("tunnus", "avain", "task")),
        Column("status", ("tila",)),
        Column("actual_start", ("toteutunut alku", "alkoi", "aloitettu", "start"),
               required=False),
        Column("actual_end", ("toteutunut loppu", "päättyi", "valmistui", "end"),
               required=False),
        Column("note", ("huomautus", "syy", "reason", "block_reason"), required=False),
    ),
)


@dataclass
class _Actual:
    row: Row
    task_id: int
    status: str
    start: datetime | None
    end: datetime | None
    note: str | None


def _check_times(item: _Actual) -> None:
    row, status, start, end = item.row, item.status, item.start, item.end
    if status == "done" and (start is None or end is None):
        raise row.error("actual_start" if start is None else "actual_end",
                        "a done task needs both actual_start and actual_end")
    if status in ("in_progress", "failed") and start is None:
        raise row.error("actual_start", f"a {status} task needs its actual_start")
    if status == "in_progress" and end is not None:
        raise row.error("actual_end", "a task in progress has no actual_end yet")
    if status in ("todo", "skipped") and (start is not None or end is not None):
        raise row.error("actual_start" if start is not None else "actual_end",
                        f"a {status} task has no actual times")
    if start is not None and end is not None and end < start:
        raise row.error("actual_end", "is before actual_start")


def _read_items(table: Table, runbook: Runbook, tz: tzinfo) -> dict[str, _Actual]:
    """Every row checked: a known task once, a status, times that fit the status."""
    items: dict[str, _Actual] = {}
    for row in table.rows:
        key = unique_cell(row, "key", normalize_task_key, items)
        position = runbook.index.get(key)
        if position is None:
            raise row.error("key", f"unknown task {key!r}; import the runbook first")
        status = parse_cell(row, "status", normalize_status)
        if status is None:
            raise row.error("status", f"is empty (use one of {', '.join(STATUSES)})")
        item = _Actual(row=row, task_id=runbook.tasks[position].id, status=status,
                       start=datetime_cell(row, "actual_start", tz),
                       end=datetime_cell(row, "actual_end", tz), note=row.get("note") or None)
        _check_times(item)
        items[key] = item
    if not items:
        raise InputError("no actuals in the file (only a header)", file=table.file)
    return items


def _write_states(session: Session, run: CutoverRun, items: dict[str, _Actual],
                  now: datetime) -> None:
    """Each named task's state row set from the file (version-checked)."""
    states = {row[0]: (row[1], row[2]) for row in execute(
        session, select(TASK_RUN_STATE.c.task_id, TASK_RUN_STATE.c.id, TASK_RUN_STATE.c.version)
        .where(TASK_RUN_STATE.c.run_id == run.id))}
    for key, item in items.items():
        state_id, version = states[item.task_id]
        blocked = item.status == "blocked"
        result = execute(session, update(TASK_RUN_STATE)
                         .where(TASK_RUN_STATE.c.id == state_id,
                                TASK_RUN_STATE.c.version == version)
                         .values(status=item.status, actual_start=item.start,
                                 actual_end=item.end, note=None if blocked else item.note,
                                 block_reason=item.note if blocked else None,
                                 blocked_by_id=None, version=version + 1, updated_at=now))
        if result.rowcount != 1:
            raise Conflict(f"{key} was changed in {run.name} by someone else during the "
                           "import; nothing was written, try again")


def import_actuals(
    session: Session,
    actor: Actor,
    *,
    name: str,
    path: Path,
    now: datetime,
    kind: str | None = None,
    finish: bool = False,
    **read: Unpack[ReadOptions],
) -> ActualsImportDocument:
    table = read_table(path, ACTUALS_TABLE, **read)
    items = _read_items(table, load_runbook(session), timezone(session))
    times = [t for item in items.values() for t in (item.start, item.end) if t is not None]
    if finish and any(item.status == "in_progress" for item in items.values()):
        first = next(item for item in items.values() if item.status == "in_progress")
        raise first.row.error("status", "a run cannot finish with tasks in progress")
    created = False
    run: CutoverRun | None
    try:
        run = runs.get_run(session, name)
    except NotFound:
        run = None
    if run is None:
        started = min(times) if times else now
        run = runs.create_run(session, actor, name=name, kind=kind, started_at=started,
                              finished_at=(max(times) if times else started) if finish else None)
        created = True
    elif run.status == "finished":
        raise Conflict(f"cutover run {run.name!r} has finished; its actuals are closed")
    else:
        runs.ensure_states(session, run)
    _write_states(session, run, items, now)
    if finish and not created:
        runs.finish_run(session, actor, name=run.name, at=max([run.started_at, *times]))
    by_status = dict.fromkeys(STATUSES, 0)
    for item in items.values():
        by_status[item.status] += 1
    record(session, actor, entity_type="cutover_run", entity_key=run.name, action="import",
           summary=f"actuals of {len(items)} task(s) from {table.file} ({table.source})"
                   + ("; run finished" if finish else ""),
           after={"by_status": by_status})
    return {"run": run.name, "file": table.file, "source": table.source, "rows": len(items),
            "by_status": by_status, "created_run": created, "finished": finish}
