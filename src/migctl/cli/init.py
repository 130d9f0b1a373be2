"""`migctl init`: create the store, or bring it to this migctl's schema."""

from __future__ import annotations

from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app

app = new_app(no_args_is_help=False)


@app.command("init")
def init(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="Programme name.")] = None,
    timezone: Annotated[
        str | None, typer.Option("--timezone", help="Time zone for people (Europe/Helsinki).")
    ] = None,
) -> None:
    """Create the store, or upgrade it to this migctl's schema."""
    from migctl.services import settings as settings_service
    from migctl.store.migrate import upgrade

    appctx = app_context(ctx)
    engine = appctx.engine(ready=False, create=True)
    before, after = upgrade(engine)
    if name or timezone:
        with appctx.session(write=True) as session:
            actor = appctx.actor(ctx)
            if name:
                settings_service.put(session, actor, "programme.name", name)
            if timezone:
                settings_service.put(session, actor, "programme.timezone", timezone)
    if before is None:
        typer.echo(f"created store {appctx.db_label} (schema {after})")
    elif before != after:
        typer.echo(f"upgraded store {appctx.db_label} from {before} to {after}")
    else:
        typer.echo(f"store {appctx.db_label} is up to date (schema {after})")
