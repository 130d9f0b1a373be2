"""`migctl log`: the audit trail of every change."""

from __future__ import annotations

from typing import Annotated

import typer

from migctl.cli._context import reading
from migctl.cli._lazy import new_app
from migctl.cli._output import View
from migctl.cli._time import parse_time_in

app = new_app(no_args_is_help=False)


@app.command("log")
def log(
    ctx: typer.Context,
    entity: Annotated[
        str | None,
        typer.Option("--entity", help="TYPE or TYPE:KEY, e.g. system or system:raindance."),
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only events at or after this date/time.")
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only this actor's events.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most N (0: all).")] = 50,
    view: View = View(),
) -> None:
    """Show the audit log, newest first."""
    from migctl.render.listings import audit_listing
    from migctl.services.audit import list_events

    with reading(ctx) as (session, tz):
        events = list_events(session, entity=entity, since=parse_time_in(tz, since or None,
                                                                         "since"),
                             actor=actor, limit=limit or None)
    view.listing(*audit_listing(events, tz), document=events, empty="no audit events")
