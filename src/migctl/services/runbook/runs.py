"""Cutover runs written: start, finish, the active run (ORM rows, audited). Reading a run as a
row or a document is :mod:`migctl.services.runbook.read`.

Each rehearsal and the production cutover keeps its own actuals.

At most one run is active (started, not finished); transitions apply to it unless a command
names another with ``--run``. Without an active run, transitions are refused with the command
that starts one: a project lead should never find rehearsal actuals recorded as production
ones (or the reverse) because a run started implicitly.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert
from sqlalchemy import select as core_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from migctl.errors import Conflict, NotFound, OptionError, UsageError, option_name
from migctl.services.audit import Actor, record
from migctl.services.runbook.documents import RunDocument
from migctl.services.runbook.fields import normalize_run_name
from migctl.services.runbook.read import execute, run_document
from migctl.store.models import CutoverRun
from migctl.store.tables import TASK, TASK_RUN_STATE

RUN_KINDS = ("rehearsal", "production")


def default_kind(name: str) -> str:
    """``production`` for names starting with "prod", else ``rehearsal``."""
    return "production" if name.startswith("prod") else "rehearsal"


def normalize_run_kind(text: str) -> str:
    value = text.strip().casefold()
    value = {"harjoitus": "rehearsal", "tuotanto": "production", "prod": "production"}.get(
        value, value)
    if value not in RUN_KINDS:
        raise UsageError(f"{text!r} is not a run kind; use {' or '.join(RUN_KINDS)}")
    return value


def active_run(session: Session) -> CutoverRun | None:
    return session.exec(select(CutoverRun).where(CutoverRun.status == "active")).first()


def get_run(session: Session, name: str) -> CutoverRun:
    run = session.exec(
        select(CutoverRun).where(CutoverRun.name == normalize_run_name(name))).first()
    if run is None:
        raise NotFound(f"no cutover run {name!r}; `migctl cutover run list` shows the runs")
    return run


def run_for_writing(session: Session, name: str | None) -> CutoverRun:
    """The run a transition records into: the one named, else the active one."""
    if name:
        return get_run(session, name)
    run = active_run(session)
    if run is None:
        raise UsageError(
            "no cutover run is active: start one with `migctl cutover run start NAME` "
            f"(e.g. rehearsal-2 or production), or name a run with {option_name('run')}"
        )
    return run


def ensure_states(session: Session, run: CutoverRun, task_ids: list[int] | None = None) -> int:
    """Give every task (or those in ``task_ids``) a ``todo`` row in ``run``; returns how many."""
    have = set(execute(session, core_select(TASK_RUN_STATE.c.task_id)
                       .where(TASK_RUN_STATE.c.run_id == run.id)).scalars())
    if task_ids is None:
        task_ids = list(execute(session, core_select(TASK.c.id)).scalars())
    missing = [task_id for task_id in task_ids if task_id not in have]
    if missing:
        now = datetime.now(UTC)
        execute(session, insert(TASK_RUN_STATE), [
            {"run_id": run.id, "task_id": task_id, "status": "todo", "version": 1,
             "updated_at": now} for task_id in missing])
    return len(missing)


def list_runs(session: Session) -> list[RunDocument]:
    runs = session.exec(select(CutoverRun).order_by(col(CutoverRun.started_at))).all()
    return [run_document(session, run) for run in runs]


def _snapshot(run: CutoverRun) -> dict[str, object]:
    """What the audit log keeps of a run."""
    return {"kind": run.kind, "status": run.status, "started_at": run.started_at,
            "finished_at": run.finished_at}


def create_run(
    session: Session, actor: Actor, *, name: str, kind: str | None, started_at: datetime,
    finished_at: datetime | None = None,
) -> CutoverRun:
    """A new run; active unless ``finished_at`` is given. Only one run may be active."""
    name = normalize_run_name(name)
    existing = session.exec(select(CutoverRun).where(CutoverRun.name == name)).first()
    if existing is not None:
        state = "is active" if existing.status == "active" else "has already finished"
        raise Conflict(f"cutover run {name!r} {state}; choose another name")
    kind = normalize_run_kind(kind) if kind else default_kind(name)
    if finished_at is None:
        current = active_run(session)
        if current is not None:
            raise Conflict(
                f"cutover run {current.name!r} is still active; finish it first with "
                f"`migctl cutover run finish {current.name}`"
            )
    if kind == "production":
        other = session.exec(
            select(CutoverRun.name).where(CutoverRun.kind == "production")).first()
        if other is not None:
            raise Conflict(f"there is already a production run ({other!r})")
    run = CutoverRun(name=name, kind=kind, status="active" if finished_at is None else "finished",
                     started_at=started_at, finished_at=finished_at)
    session.add(run)
    try:
        session.flush()
    except IntegrityError:  # another process created it since we looked
        raise Conflict(f"cutover run {name!r} was just created by someone else") from None
    ensure_states(session, run)
    record(session, actor, entity_type="cutover_run", entity_key=name, action="create",
           summary=f"started {kind} run {name}", after=_snapshot(run))
    return run


def start_run(
    session: Session, actor: Actor, *, name: str, kind: str | None, at: datetime
) -> RunDocument:
    run = create_run(session, actor, name=name, kind=kind, started_at=at)
    return run_document(session, run)


#: States a run must not be closed in without ``--force``: work under way or gone wrong.
UNFINISHED = ("in_progress", "failed", "blocked")


def _unfinished(session: Session, run: CutoverRun) -> list[tuple[str, str]]:
    """(key, status) of the tasks of ``run`` that are in progress, failed or blocked."""
    return [(key, status) for key, status in execute(
        session, core_select(TASK.c.key, TASK_RUN_STATE.c.status)
        .select_from(TASK_RUN_STATE.join(TASK, TASK.c.id == TASK_RUN_STATE.c.task_id))
        .where(TASK_RUN_STATE.c.run_id == run.id, TASK_RUN_STATE.c.status.in_(UNFINISHED))
        .order_by(TASK.c.key)).all()]


def _shown(items: list[tuple[str, str]]) -> str:
    words = {"in_progress": "in progress"}
    shown = ", ".join(f"{key} {words.get(status, status)}" for key, status in items[:5])
    return shown + (" …" if len(items) > 5 else "")


def finish_run(
    session: Session, actor: Actor, *, name: str | None, at: datetime, force: bool = False
) -> RunDocument:
    run = run_for_writing(session, name)
    if run.status == "finished":
        raise Conflict(f"cutover run {run.name!r} has already finished")
    if at < run.started_at:
        raise OptionError(f"{{option}} is before the run started ({run.started_at.isoformat()})",
                          field="at")
    unfinished = _unfinished(session, run)
    if unfinished and not force:
        raise Conflict(
            f"{len(unfinished)} task(s) of {run.name} are in progress, failed or blocked "
            f"({_shown(unfinished)}); finish, skip or undo them first, or pass "
            f"{option_name('force')} to close the run as it stands"
        )
    before = _snapshot(run)
    run.status = "finished"
    run.finished_at = at
    session.add(run)
    session.flush()
    record(session, actor, entity_type="cutover_run", entity_key=run.name, action="update",
           summary=f"finished {run.kind} run {run.name}", before=before, after=_snapshot(run))
    return run_document(session, run)
