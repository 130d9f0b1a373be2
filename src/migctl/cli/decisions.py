"""`migctl decision …`: who decided what and why; gate decisions (`task decide`) included."""

from __future__ import annotations

from typing import Annotated

import typer

from migctl.cli import _register as register
from migctl.cli._context import reading
from migctl.cli._lazy import new_app
from migctl.cli._options import Language, ListFormat, format_option
from migctl.cli._register import RegisterView

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
    systems: register.SystemsOpt = None,
    tasks: register.TasksOpt = None,
    gates: Annotated[
        str | None, typer.Option("--gates", help="Affected gate keys, comma-separated.")
    ] = None,
    key: str | None = register.key_option("DEC"),
    fmt: ListFormat = format_option(),
) -> None:
    """Record a decision."""
    from migctl.render.i18n import label
    from migctl.services.register.write import add_decision

    with register.changing(ctx) as change:
        document = add_decision(change.session, change.actor, title=title, by=by,
                                at=change.at(at), now=change.now, why=why, systems=systems,
                                tasks=tasks, gates=gates, key=key)
    register.emit_one(document, fmt, lambda: label("register.decision_added",
                                                   entry=document["key"]))


@app.command("list")
def list_command(
    ctx: typer.Context,
    source: Annotated[
        str | None, typer.Option("--source", help="register or gate (default: both).")
    ] = None,
    gate: Annotated[str | None, typer.Option("--gate", help="Only decisions on this gate.")] = None,
    view: RegisterView = RegisterView(),
) -> None:
    """List decisions, newest first."""
    from migctl.render.register import decision_columns
    from migctl.services.register.read import list_decisions

    with reading(ctx) as (session, tz):
        rows = list_decisions(session, source=source, gate=gate)
    view.listing(rows, decision_columns(tz, view.lang.value), empty="register.no_decisions")


@app.command("show")
def show(ctx: typer.Context, key: str, lang: register.LangOpt = Language.en,
         fmt: ListFormat = format_option()) -> None:
    """Show one decision (DEC-nnn from the register, GD-n from a gate)."""
    from migctl.render.register import decision_card
    from migctl.services.register.read import show_decision

    register.show_entry(ctx, lambda db, _: show_decision(db, key), decision_card, today_text=None,
               lang=lang, fmt=fmt)
