"""`migctl task start|done|fail|skip|block|unblock|undo|decide`: what happens during a run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import writing
from migctl.cli._options import ListFormat, format_option
from migctl.cli._output import emit_result
from migctl.cli._time import max_age_minutes, now, parse_time

if TYPE_CHECKING:
    from migctl.services.runbook.transitions import Change

KeyArg = Annotated[str, typer.Argument(help="Task key, e.g. FIN-010.")]
AtOpt = Annotated[
    str | None,
    typer.Option("--at", help="When it happened (default now), e.g. '2027-01-01 09:30'."),
]
RunOpt = Annotated[
    str | None, typer.Option("--run", help="Cutover run (default: the active one).")
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Go ahead although dependencies are not done (start, "
                                       "done, go) or a no-go stands (unblock).")
]
ReasonOpt = Annotated[
    str | None, typer.Option("--reason", help="Why (required for block; kept for fail, skip).")
]


def _line(change: Change) -> str:
    line = f"{change.key} in {change.run}: {change.before} → {change.after}"
    if change.blocked:
        line += f"; blocked downstream: {', '.join(change.blocked)}"
    if change.released:
        line += f"; released: {', '.join(change.released)}"
    return line


def _transition(action: str, doc: str) -> Callable[..., None]:
    def command(
        ctx: typer.Context,
        key: KeyArg,
        at: AtOpt = None,
        run: RunOpt = None,
        force: ForceOpt = False,
        reason: ReasonOpt = None,
        fmt: ListFormat = format_option(),
    ) -> None:
        from migctl.services.runbook.transitions import transition

        with writing(ctx) as (session, actor):
            change = transition(session, actor, key=key, action=action,
                                at=parse_time(session, at or None, "at") or now(),
                                run_name=run, force=force, reason=reason)
        emit_result(change.document(), fmt, _line(change))

    command.__doc__ = doc
    command.__name__ = action
    return command


def undo(
    ctx: typer.Context,
    key: KeyArg,
    reason: Annotated[str, typer.Option("--reason", help="Why the transition was wrong (kept "
                                        "in the log).")],
    at: AtOpt = None,
    run: RunOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Revert a task's last transition in the run (e.g. a `fail` meant as `done`)."""
    from migctl.services.runbook.undo import undo as undo_transition

    with writing(ctx) as (session, actor):
        change = undo_transition(session, actor, key=key, reason=reason, run_name=run,
                                 at=parse_time(session, at or None, "at") or now())
    emit_result(change.document(), fmt, f"{_line(change)} (undone)")


def decide(
    ctx: typer.Context,
    gate: Annotated[str, typer.Argument(help="Gate key, e.g. GATE-1.")],
    decision: Annotated[str, typer.Argument(help="go or no-go.")],
    by: Annotated[str, typer.Option("--by", help="Who decided (e.g. the steering group chair).")],
    note: Annotated[str, typer.Option("--note", help="Why, or the conditions.")] = "",
    at: AtOpt = None,
    run: RunOpt = None,
    force: ForceOpt = False,
    override: Annotated[bool, typer.Option("--override", help="Go although criteria fail "
                                           "(needs --reason).")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the failing criteria "
                                               "are overridden (kept with the decision).")
                      ] = None,
    max_age: Annotated[str, typer.Option("--max-age", help="How old SSO results may be for "
                                         "sso-pass criteria.")] = "24h",
    fmt: ListFormat = format_option(),
) -> None:
    """Record a go/no-go on a gate; no-go blocks everything downstream until a go."""
    from migctl.services.gates.decide import decide_gate

    minutes = max_age_minutes(max_age)
    with writing(ctx) as (session, actor):
        moment = now()
        result = decide_gate(session, actor, key=gate, decision=decision, by=by, note=note,
                             at=parse_time(session, at or None, "at") or moment, now=moment,
                             run_name=run, force=force, override=override, reason=reason,
                             max_age_minutes=minutes)
    emit_result(result.document(), fmt, _line(result.change))
    if fmt == ListFormat.json:
        return
    counts = result.evidence["counts"]
    if result.override:
        typer.echo(f"criteria overridden ({counts['failed']} of {counts['criteria']} failing): "
                   f"{result.reason}")
    elif override:
        typer.echo("the criteria pass: --override had nothing to override")
    elif counts["criteria"]:
        typer.echo(f"criteria: {counts['passed']} of {counts['criteria']} pass; the evidence is "
                   "kept with the decision")


COMMANDS: dict[str, Callable[..., None]] = {
    "start": _transition("start", "Start a task (its dependencies must be done)."),
    "done": _transition("done", "Mark a task done (records its actual end)."),
    "fail": _transition("fail", "Mark a task in progress as failed."),
    "skip": _transition("skip", "Skip a task in this run (dependants may go on)."),
    "block": _transition("block", "Block a task, with a --reason."),
    "unblock": _transition("unblock", "Unblock a task (back to todo, or in progress)."),
    "undo": undo,
    "decide": decide,
}
