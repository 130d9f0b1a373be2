"""Task transitions and gate decisions within one cutover run.

| command   | from                        | to                          |
|-----------|-----------------------------|-----------------------------|
| start     | todo, failed                | in_progress                 |
| done      | in_progress (todo: milestones, or --force) | done         |
| fail      | in_progress                 | failed                      |
| skip      | todo, failed, blocked       | skipped                     |
| block     | todo, in_progress, failed   | blocked (a reason is required) |
| unblock   | blocked                     | todo, or in_progress if it had started |

``start`` and ``done`` (and a ``go``) need every dependency done or skipped unless ``--force``.
A ``no-go`` fails the gate and blocks every unfinished task downstream of it; a later ``go``
passes the gate and releases them. Each state row carries a version; every update is
``UPDATE … WHERE version = :expected``, so of two concurrent commands on the same task one
wins and the other is refused with nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from migctl.errors import Conflict, NotFound, OptionError, UsageError, option_name
from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor, record
from migctl.services.runbook import runs
from migctl.services.runbook.documents import TransitionDocument
from migctl.services.runbook.fields import RESOLVED, normalize_task_key
from migctl.services.runbook.graph import downstream
from migctl.services.runbook.read import (
    Runbook,
    StateRow,
    TaskRow,
    execute,
    latest_decisions,
    load_runbook,
)
from migctl.services.settings import timezone
from migctl.store.models import CutoverRun
from migctl.store.tables import GATE_DECISION, TASK_RUN_STATE
from migctl.values import format_local

ACTIONS = ("start", "done", "fail", "skip", "block", "unblock")
VERBS = {"start": "start", "done": "finish", "fail": "fail", "skip": "skip", "block": "block",
         "unblock": "unblock"}
DECISIONS = ("go", "no-go")
#: Statuses a no-go turns into ``blocked`` downstream of the gate.
BLOCKABLE = frozenset({"todo", "in_progress", "failed"})


def normalize_decision(text: str) -> str:
    value = text.strip().casefold().replace("_", "-").replace(" ", "-")
    value = {"nogo": "no-go", "no": "no-go", "yes": "go", "kyllä": "go", "ei": "no-go"}.get(
        value, value)
    if value not in DECISIONS:
        raise UsageError(f"{text!r} is not a decision; use go or no-go")
    return value


@dataclass
class Change:
    """What a transition did, for the CLI and the audit log."""

    key: str
    run: str
    before: str
    after: str
    at: datetime
    blocked: list[str]
    released: list[str]

    def document(self) -> TransitionDocument:
        return {"key": self.key, "run": self.run, "from": self.before, "to": self.after,
                "at": self.at, "blocked": self.blocked, "released": self.released}


def _prepare(session: Session, run_name: str | None, key: str) -> tuple[CutoverRun, Runbook, int]:
    run = runs.run_for_writing(session, run_name)
    try:
        key = normalize_task_key(key)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    runbook = load_runbook(session, run)
    position = runbook.index.get(key)
    if position is None:
        raise NotFound(f"no task {key!r}; `migctl task list` shows the keys")
    if runbook.states[position].id is None:  # a task added after the run ended
        try:
            runs.ensure_states(session, run, [runbook.tasks[position].id])
            session.flush()
        except IntegrityError:
            raise _stale(key, run) from None
        runbook = load_runbook(session, run)
    return run, runbook, position


def _stale(key: str, run: CutoverRun) -> Conflict:
    return Conflict(
        f"{key} was changed in {run.name} by someone else while this command ran; nothing was "
        f"written: check `migctl task show {key}` and try again"
    )


def _write(session: Session, run: CutoverRun, key: str, state: StateRow,
           at: datetime | None = None, **values: object) -> None:
    """Update one state row if nobody else has since it was read.

    ``updated_at`` is when the change happened (``--at``, default now): status says since
    when a task is failed or blocked from it.
    """
    result = execute(session, update(TASK_RUN_STATE)
                     .where(TASK_RUN_STATE.c.id == state.id,
                            TASK_RUN_STATE.c.version == state.version)
                     .values(**values, version=state.version + 1,
                             updated_at=at or datetime.now(UTC)))
    if result.rowcount != 1:
        raise _stale(key, run)


def _unresolved(runbook: Runbook, position: int) -> list[str]:
    return [f"{runbook.tasks[d].key} ({runbook.states[d].status})"
            for d in runbook.depends_on[position]
            if runbook.states[d].status not in RESOLVED]


def _require_dependencies(runbook: Runbook, position: int, verb: str, force: bool) -> None:
    waiting = _unresolved(runbook, position)
    if waiting and not force:
        key = runbook.tasks[position].key
        raise Conflict(f"cannot {verb} {key}: it depends on {', '.join(waiting)}, not done "
                       f"yet; pass {option_name('force')} to do it anyway")


def _no_go_gates_upstream(session: Session, run: CutoverRun, runbook: Runbook,
                          position: int) -> list[int]:
    """Gates whose latest decision in ``run`` is no-go and that ``position`` depends on."""
    decisions = latest_decisions(session, run)
    no_go = {runbook.by_id[gate_id] for gate_id, d in decisions.items()
             if d["decision"] == "no-go" and gate_id in runbook.by_id}
    if not no_go:
        return []
    seen: set[int] = set()
    stack = [position]
    found = []
    while stack:
        current = stack.pop()
        for dep in runbook.depends_on[current]:
            if dep not in seen:
                seen.add(dep)
                if dep in no_go:
                    found.append(dep)
                stack.append(dep)
    return sorted(found)


@dataclass(frozen=True)
class _Move:
    """One requested transition, as the action's rule sees it."""

    session: Session
    run: CutoverRun
    runbook: Runbook
    position: int
    action: str
    at: datetime
    force: bool
    reason: str | None
    tz: tzinfo

    @property
    def key(self) -> str:
        return self.runbook.tasks[self.position].key

    @property
    def state(self) -> StateRow:
        return self.runbook.states[self.position]

    def refuse(self, why: str) -> Conflict:
        return Conflict(f"cannot {VERBS[self.action]} {self.key}: {why}")

    def refuse_blocked(self) -> Conflict:
        return self.refuse(f"it is blocked ({self.state.block_reason or 'no reason given'}); "
                           f"`migctl task unblock {self.key}` first")


#: The columns of the state row a transition writes (its ``status`` and what goes with it).
StateValues = dict[str, object]


def _start(move: _Move) -> StateValues:
    current, state = move.state.status, move.state
    if current == "blocked":
        raise move.refuse_blocked()
    if current not in ("todo", "failed"):
        since = ""
        if current == "in_progress" and state.actual_start is not None:
            since = f" since {format_local(state.actual_start, move.tz)}"
        raise move.refuse(f"it is already {current}{since}")
    _require_dependencies(move.runbook, move.position, move.action, move.force)
    return {"status": "in_progress", "actual_start": move.at, "actual_end": None, "note": None}


def _done(move: _Move) -> StateValues:
    task, state, current, key = (move.runbook.tasks[move.position], move.state,
                                 move.state.status, move.key)
    if task.kind == "gate":
        raise move.refuse(f"it is a gate; record the decision with "
                          f"`migctl task decide {key} go --by NAME`")
    if current == "blocked":
        raise move.refuse_blocked()
    if current in RESOLVED:
        raise move.refuse(f"it is already {current}")
    if current != "in_progress" and task.duration_minutes > 0 and not move.force:
        raise move.refuse(f"it is {current}, not started; `migctl task start {key}` first "
                          f"(or pass {option_name('force')} to record it done with no "
                          "duration)")
    _require_dependencies(move.runbook, move.position, "finish", move.force)
    began = state.actual_start if current == "in_progress" and state.actual_start else move.at
    if move.at < began:
        raise move.refuse(f"{option_name('at')} {format_local(move.at, move.tz)} is before its "
                          f"actual start {format_local(began, move.tz)}")
    return {"status": "done", "actual_start": began, "actual_end": move.at}


def _fail(move: _Move) -> StateValues:
    state = move.state
    if state.status != "in_progress":
        raise move.refuse(f"it is {state.status}; only a task in progress can fail")
    if state.actual_start and move.at < state.actual_start:
        raise move.refuse(f"{option_name('at')} is before its actual start")
    return {"status": "failed", "actual_end": move.at, "note": move.reason}


def _skip(move: _Move) -> StateValues:
    current = move.state.status
    if current not in ("todo", "failed", "blocked"):
        raise move.refuse(f"it is {current}" + (
            "; mark it done or failed first" if current == "in_progress" else ""))
    return {"status": "skipped", "actual_start": None, "actual_end": None,
            "block_reason": None, "blocked_by_id": None, "note": move.reason}


def _block(move: _Move) -> StateValues:
    if not move.reason:
        raise OptionError("block needs a {option} (it is shown in status and lists)",
                          field="reason")
    if move.state.status not in ("todo", "in_progress", "failed"):
        raise move.refuse(f"it is {move.state.status}")
    return {"status": "blocked", "block_reason": move.reason, "blocked_by_id": None}


def _unblock(move: _Move) -> StateValues:
    state = move.state
    if state.status != "blocked":
        raise move.refuse(f"it is {state.status}, not blocked")
    gates = _no_go_gates_upstream(move.session, move.run, move.runbook, move.position)
    if gates and not move.force:
        names = ", ".join(move.runbook.tasks[g].key for g in gates)
        raise move.refuse(f"the no-go on {names} still stands; a `go` on it releases the "
                          f"tasks downstream (or pass {option_name('force')})")
    resumed = state.actual_start is not None and state.actual_end is None
    return {"status": "in_progress" if resumed else "todo", "block_reason": None,
            "blocked_by_id": None}


#: Each action's rule: refuses an illegal move, else says what the state row becomes.
RULES: dict[str, Callable[[_Move], StateValues]] = {
    "start": _start, "done": _done, "fail": _fail, "skip": _skip, "block": _block,
    "unblock": _unblock,
}


def transition(
    session: Session,
    actor: Actor,
    *,
    key: str,
    action: str,
    at: datetime,
    run_name: str | None = None,
    force: bool = False,
    reason: str | None = None,
) -> Change:
    """Apply ``action`` to a task in the active (or named) run; refuses illegal moves."""
    if action not in ACTIONS:
        raise UsageError(f"unknown action {action!r}")
    run, runbook, position = _prepare(session, run_name, key)
    move = _Move(session=session, run=run, runbook=runbook, position=position, action=action,
                 at=at, force=force, reason=reason, tz=timezone(session))
    state, key = move.state, move.key
    current = state.status
    values = RULES[action](move)
    _write(session, run, key, state, at, **values)
    after = str(values["status"])
    record(session, actor, entity_type="task", entity_key=key, action="transition",
           summary=f"{key} in {run.name}: {current} → {after}"
                   + (f" ({reason})" if reason else ""),
           before={"run": run.name, "status": current, "actual_start": state.actual_start,
                   "actual_end": state.actual_end, "note": state.note,
                   "block_reason": state.block_reason, "blocked_by_id": state.blocked_by_id},
           after={"run": run.name, "at": at} | values)
    return Change(key=key, run=run.name, before=current, after=after, at=at, blocked=[],
                  released=[])


def _block_downstream(session: Session, run: CutoverRun, runbook: Runbook, gate: TaskRow,
                      below: list[int], reason: str, at: datetime) -> list[str]:
    """A no-go: every blockable task downstream of ``gate`` becomes blocked by it."""
    blocked: list[str] = []
    for i in below:
        other = runbook.states[i]
        if other.status in BLOCKABLE:
            _write(session, run, runbook.tasks[i].key, other, at, status="blocked",
                   block_reason=reason, blocked_by_id=gate.id)
            blocked.append(runbook.tasks[i].key)
    return blocked


def _release_downstream(session: Session, run: CutoverRun, gate: TaskRow, below: list[int],
                        at: datetime) -> list[str]:
    """A go: tasks blocked by ``gate`` resume, or stay blocked by another no-go upstream."""
    released: list[str] = []
    refreshed = load_runbook(session, run)
    for i in below:
        other = refreshed.states[i]
        if other.status != "blocked" or other.blocked_by_id != gate.id:
            continue
        still = _no_go_gates_upstream(session, run, refreshed, i)
        if still:
            holder = refreshed.tasks[still[0]]
            _write(session, run, refreshed.tasks[i].key, other, at,
                   block_reason=f"no-go at {holder.key}", blocked_by_id=holder.id)
            continue
        resumed = other.actual_start is not None and other.actual_end is None
        _write(session, run, refreshed.tasks[i].key, other, at,
               status="in_progress" if resumed else "todo", block_reason=None,
               blocked_by_id=None)
        released.append(refreshed.tasks[i].key)
    return released


def _decision_summary(gate: TaskRow, run: CutoverRun, decision: str, by: str, note: str,
                      override: bool | None, reason: str | None, blocked: list[str],
                      released: list[str]) -> str:
    summary = f"{gate.key} in {run.name}: {decision} by {by}"
    if note:
        summary += f" ({note})"
    if override:
        summary += f"; criteria overridden: {reason}"
    if blocked:
        summary += f"; blocked {len(blocked)} task(s) downstream"
    if released:
        summary += f"; released {len(released)} task(s)"
    return summary


def decide(
    session: Session,
    actor: Actor,
    *,
    key: str,
    decision: str,
    by: str,
    at: datetime,
    note: str = "",
    run_name: str | None = None,
    force: bool = False,
    override: bool | None = None,
    reason: str | None = None,
    evidence: Mapping[str, object] | None = None,
) -> Change:
    """Record a go/no-go on a gate; no-go blocks everything downstream until a later go.

    ``override``, ``reason`` and ``evidence`` come from the gate criteria
    (:mod:`migctl.services.gates.decide`): a go despite failing criteria, why, and the
    criteria's evidence as it stood; they are stored with the decision and in the audit event.
    """
    decision = normalize_decision(decision)
    if not by.strip():
        raise OptionError("{option} must name who decided", field="by")
    run, runbook, position = _prepare(session, run_name, key)
    gate = runbook.tasks[position]
    state = runbook.states[position]
    if gate.kind != "gate":
        raise UsageError(f"{gate.key} is a {gate.kind}, not a gate; only gates take go/no-go")
    if state.status == "skipped":
        raise Conflict(f"cannot decide on {gate.key}: it was skipped in {run.name}")
    if decision == "go":
        _require_dependencies(runbook, position, "pass", force)
    began = state.actual_start or at
    if at < began:
        raise Conflict(f"cannot decide on {gate.key}: {option_name('at')} is before the gate "
                       "started")
    gate_values: StateValues = {
        "status": "done" if decision == "go" else "failed", "actual_start": began,
        "actual_end": at, "block_reason": None, "blocked_by_id": None,
        "note": None if decision == "go" else (note or "no-go"),
    }
    _write(session, run, gate.key, state, at, **gate_values)
    execute(session, insert(GATE_DECISION).values(
        run_id=run.id, task_id=gate.id, decision=decision, decided_by=by.strip(), note=note,
        decided_at=at, override=override, reason=reason,
        evidence=None if evidence is None else to_jsonable(evidence)))

    blocked: list[str] = []
    released: list[str] = []
    below = downstream(position, runbook.dependants())
    if decision == "no-go":
        reason = f"no-go at {gate.key} by {by.strip()}" + (f": {note}" if note else "")
        blocked = _block_downstream(session, run, runbook, gate, below, reason, at)
    else:
        released = _release_downstream(session, run, gate, below, at)
    record(session, actor, entity_type="task", entity_key=gate.key, action="decide",
           summary=_decision_summary(gate, run, decision, by.strip(), note, override, reason,
                                     blocked, released),
           before={"run": run.name, "status": state.status},
           after={"run": run.name, "decision": decision, "decided_by": by.strip(),
                  "note": note, "at": at, "status": gate_values["status"],
                  "blocked": blocked, "released": released}
                 | ({} if evidence is None else {"override": override, "reason": reason,
                                                 "evidence": evidence}))
    return Change(key=gate.key, run=run.name, before=state.status,
                  after=str(gate_values["status"]), at=at, blocked=blocked, released=released)
