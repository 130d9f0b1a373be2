"""`migctl decision …`: who decided what and why; gate decisions (`task decide`) included."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import Language, ListFormat, format_option, output_option
from migctl.cli._register import LangOpt, SystemsOpt, TasksOpt, emit_one, now, show_entry

app = new_app("Decision log: who decided what and why.")


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Option("--title", help="What was decided, in one line.")],
    by: Annotated[str, typer.Option("--by", help="Who decided (a person or a body).")],
    why: Annotated[str, typer.Option("--why", help="Why it was decided.")] = "",
    at: Annotated[
        str | None, typer.Option("--at", help="When it was decided (default: now).")
    ] = None,
    systems: SystemsOpt = None,
    tasks: TasksOpt = None,
    gates: Annotated[
        str | None, typer.Option("--gates", help="Affected gate keys, comma-separated.")
    ] = None,
    key: Annotated[
        str | None, typer.Option("--key", help="Explicit key (default: the next DEC-nnn).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Record a decision."""
    from migctl.cli._time import parse_time
    from migctl.render.i18n import label
    from migctl.services.register.write import add_decision

    appctx = app_context(ctx)
    moment = now()
    with appctx.session(write=True) as session:
        when = parse_time(session, at, "at") or moment
        document = add_decision(session, appctx.actor(ctx), title=title, by=by, at=when,
                                now=moment, why=why, systems=systems, tasks=tasks, gates=gates,
                                key=key)
    emit_one(document, fmt, lambda: label("register.decision_added", entry=document["key"]))


@app.command("list")
def list_command(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Option("--source", help="register or gate (default: both).")
    ] = None,
    gate: Annotated[str | None, typer.Option("--gate", help="Only decisions on this gate.")] = None,
    lang: LangOpt = Language.en,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List decisions, newest first."""
    from migctl.cli._output import emit_listing
    from migctl.render.i18n import label
    from migctl.render.register import decision_columns
    from migctl.services.register.read import list_decisions

    appctx = app_context(ctx)
    with appctx.session() as session:
        tz = appctx.timezone(session)
        rows = list_decisions(session, source=source, gate=gate)
    emit_listing(rows, decision_columns(tz, lang.value), fmt=fmt.value, output=output,
                 empty=label("register.no_decisions", lang.value))


@app.command("show")
def show(ctx: typer.Context, key: str, lang: LangOpt = Language.en,
         fmt: ListFormat = format_option()) -> None:
    """Show one decision (DEC-nnn from the register, GD-n from a gate)."""
    from migctl.render.register import decision_card
    from migctl.services.register.read import show_decision

    show_entry(ctx, lambda db, _: show_decision(db, key), decision_card, today_text=None,
               lang=lang, fmt=fmt)
