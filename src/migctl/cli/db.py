"""`migctl db …`: upgrade and inspect the store's schema."""

from __future__ import annotations

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import ListFormat, format_option

app = new_app("Store schema: upgrade and inspect.")


@app.command("upgrade")
def upgrade_command(ctx: typer.Context) -> None:
    """Upgrade the store to this migctl's schema (creating it if missing)."""
    from migctl.store.migrate import upgrade

    appctx = app_context(ctx)
    before, after = upgrade(appctx.engine(ready=False))
    if before == after:
        typer.echo(f"store {appctx.db_label} is up to date (schema {after})")
    else:
        typer.echo(f"upgraded store {appctx.db_label} from {before or 'empty'} to {after}")


@app.command("current")
def current_command(ctx: typer.Context, fmt: ListFormat = format_option()) -> None:
    """Show the store's schema revision and whether it is current."""
    from migctl.cli._output import emit_json
    from migctl.store.migrate import HEAD, current_revision

    appctx = app_context(ctx)
    revision = current_revision(appctx.engine(ready=False))
    document = {
        "store": appctx.db_label,
        "revision": revision,
        "head": HEAD,
        "up_to_date": revision == HEAD,
    }
    if fmt == ListFormat.json:
        emit_json(document)
        return
    state = "up to date" if revision == HEAD else (
        "missing: run `migctl init`" if revision is None else "behind: run `migctl db upgrade`")
    typer.echo(f"{appctx.db_label}: {revision or '(no schema)'} (head {HEAD}) — {state}")
