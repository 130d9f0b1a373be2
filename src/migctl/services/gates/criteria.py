"""A gate's criteria in the store: add, remove, list, and the runbook import's replacement.

Each criterion is a ``gate_criterion`` row; the gate's ``criteria`` column keeps the same list
as canonical text (``mapping-valid:tilimappaus; incidents-below:high:1``), so task listings,
the audit trail and re-imports see them without another query. Every change bumps the gate's
``version`` with ``UPDATE … WHERE version = :expected``: of two commands changing one gate's
criteria at once, the second is refused with nothing written.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime

from sqlalchemy import bindparam, delete, insert, update
from sqlmodel import Session

from migctl.errors import Conflict, NotFound, OptionError, UsageError, option_name
from migctl.services.audit import Actor, record
from migctl.services.gates.documents import CriterionDocument
from migctl.services.gates.read import CriterionRow, criteria_by_task
from migctl.services.gates.references import Vocabulary
from migctl.services.gates.spec import Criterion, kind_name, parse_spec
from migctl.services.runbook.fields import task_key
from migctl.services.runbook.read import Runbook, TaskRow, execute, load_runbook
from migctl.store.tables import GATE_CRITERION, TASK


def gate_position(runbook: Runbook, key: str) -> int:
    """The position of gate ``key``; refuses unknown keys and tasks that are not gates."""
    position = runbook.index.get(task_key(key))
    if position is None:
        raise NotFound(f"no task {key!r}; `migctl task list` shows the keys")
    task = runbook.tasks[position]
    if task.kind != "gate":
        raise UsageError(f"{task.key} is a {task.kind}, not a gate; only gates have criteria")
    return position


def parse_option(text: str, field: str = "require") -> Criterion:
    """The criterion a command-line ``field`` gives; refused with the option named."""
    try:
        return parse_spec(text)
    except ValueError as exc:
        raise OptionError(str(exc), field=field, value=text.strip()) from None


def _document(task: TaskRow, row: CriterionRow) -> CriterionDocument:
    return {"gate": task.key, "id": row.id, "spec": row.spec, "kind": kind_name(row.spec),
            "created_at": row.created_at, "created_by": row.created_by,
            "source_file": task.source_file if row.source_row is not None else None,
            "source_row": row.source_row}


def _write_text(session: Session, task: TaskRow, specs: list[str], now: datetime) -> None:
    """Keep the gate's ``criteria`` text equal to its rows (version-checked)."""
    result = execute(session, update(TASK)
                     .where(TASK.c.id == task.id, TASK.c.version == task.version)
                     .values(criteria="; ".join(specs) or None, version=task.version + 1,
                             updated_at=now))
    if result.rowcount != 1:
        raise Conflict(f"gate {task.key} was changed by someone else while this command ran; "
                       f"nothing was written: check `migctl task criteria list {task.key}` and "
                       "try again")


def add_criteria(session: Session, actor: Actor, *, gate: str, specs: list[str],
                 now: datetime, source_row: int | None = None) -> list[CriterionDocument]:
    """Add criteria to a gate; unparseable specs, unknown names and duplicates are refused.

    ``source_row`` is the runbook file row they come from (the demo), None when typed.
    """
    if not specs:
        raise OptionError("name at least one criterion with {option} SPEC", field="require")
    runbook = load_runbook(session)
    task = runbook.tasks[gate_position(runbook, gate)]
    existing = criteria_by_task(session, [task.id]).get(task.id, [])
    have = {row.spec for row in existing}
    vocabulary = Vocabulary(session)
    new: list[str] = []
    for text in specs:
        criterion = parse_option(text)
        problem = vocabulary.problem(criterion, gate=task.key)
        if problem is not None:
            raise OptionError(problem, field="require", value=criterion.spec)
        if criterion.spec in have or criterion.spec in new:
            raise Conflict(f"{task.key} already has the criterion {criterion.spec}")
        new.append(criterion.spec)
    execute(session, insert(GATE_CRITERION), [
        {"task_id": task.id, "spec": spec, "created_at": now, "created_by": actor.name,
         "source_row": source_row} for spec in new])
    before = [row.spec for row in existing]
    _write_text(session, task, before + new, now)
    record(session, actor, entity_type="task", entity_key=task.key, action="criteria",
           summary=f"{task.key}: added criteria {', '.join(new)}",
           before={"criteria": before}, after={"criteria": before + new}, at=now)
    rows = criteria_by_task(session, [task.id])[task.id]
    return [_document(task, row) for row in rows if row.spec in new]


def remove_criteria(session: Session, actor: Actor, *, gate: str, specs: list[str],
                    remove_all: bool = False, now: datetime) -> list[CriterionDocument]:
    """Remove the named criteria (or all with ``remove_all``); unknown ones are refused."""
    if bool(specs) == remove_all:
        raise OptionError(f"name the criteria to remove with {{option}} SPEC, or pass "
                          f"{option_name('all')}", field="require")
    runbook = load_runbook(session)
    task = runbook.tasks[gate_position(runbook, gate)]
    existing = criteria_by_task(session, [task.id]).get(task.id, [])
    by_spec = {row.spec: row for row in existing}
    if remove_all:
        gone = list(existing)
    else:
        gone = []
        for text in specs:
            spec = text.strip()  # a spec the parser no longer reads is matched as written
            with suppress(ValueError):
                spec = parse_spec(text).spec
            if spec not in by_spec:
                shown = ", ".join(by_spec) or "none"
                raise NotFound(f"{task.key} has no criterion {spec!r} (it has: {shown})")
            gone.append(by_spec[spec])
    if not gone:
        return []
    gone_ids = [row.id for row in gone]
    execute(session, delete(GATE_CRITERION).where(GATE_CRITERION.c.id.in_(gone_ids)))
    before = [row.spec for row in existing]
    after = [spec for spec in before if spec not in {row.spec for row in gone}]
    _write_text(session, task, after, now)
    record(session, actor, entity_type="task", entity_key=task.key, action="criteria",
           summary=f"{task.key}: removed criteria {', '.join(row.spec for row in gone)}",
           before={"criteria": before}, after={"criteria": after}, at=now)
    return [_document(task, row) for row in gone]


def list_criteria(session: Session, *, gate: str | None = None) -> list[CriterionDocument]:
    """Criteria of one gate, or of every gate in runbook order."""
    runbook = load_runbook(session)
    if gate is not None:
        positions = [gate_position(runbook, gate)]
    else:
        positions = [i for i, task in enumerate(runbook.tasks) if task.kind == "gate"]
    rows = criteria_by_task(session, [runbook.tasks[i].id for i in positions])
    return [_document(runbook.tasks[i], row) for i in positions
            for row in rows.get(runbook.tasks[i].id, [])]


def replace_imported(session: Session, actor: Actor, *,
                     wanted: dict[int, list[tuple[str, int]]], now: datetime) -> None:
    """The runbook import: each task's criteria become exactly the file's (spec, row) list.

    Rows that stay keep their creation time and author (and follow their row if it moved);
    the task's ``criteria`` text and its audit event are written by the importer with the rest
    of the task.
    """
    existing = criteria_by_task(session)  # a small table: no 10,000-key IN list
    stale: list[int] = []
    moved: list[dict[str, int]] = []
    new: list[dict[str, object]] = []  # gate_criterion rows to insert
    for task_id, specs in wanted.items():
        have = {row.spec: row for row in existing.get(task_id, [])}
        keep = {spec for spec, _ in specs}
        stale.extend(row.id for spec, row in have.items() if spec not in keep)
        for spec, number in specs:
            row = have.get(spec)
            if row is None:
                new.append({"task_id": task_id, "spec": spec, "created_at": now,
                            "created_by": actor.name, "source_row": number})
            elif row.source_row != number:
                moved.append({"criterion_id": row.id, "row_number": number})
    if stale:
        execute(session, delete(GATE_CRITERION).where(GATE_CRITERION.c.id.in_(stale)))
    if moved:
        execute(session, update(GATE_CRITERION)
                .where(GATE_CRITERION.c.id == bindparam("criterion_id"))
                .values(source_row=bindparam("row_number")), moved)
    if new:
        execute(session, insert(GATE_CRITERION), new)

