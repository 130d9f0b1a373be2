"""`migctl demo`: build the sample city's store and show its status."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import ListFormat, format_option

app = new_app(no_args_is_help=False)


@app.command("demo")
def demo(
    ctx: typer.Context,
    source: Annotated[
        Path | None,
        typer.Option("--from", help="Sample data folder (default: the one shipped with migctl)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing store that is not a demo store.")
    ] = False,
    fmt: ListFormat = format_option(),
) -> None:
    """Build a fresh store from the sample city's data and print its status."""
    from migctl.cli._output import note
    from migctl.cli.status import show_status
    from migctl.render.progress import progress_bar
    from migctl.services.demo.build import STEPS, build_demo
    from migctl.services.status.sections import build_status

    appctx = app_context(ctx)
    with progress_bar("building the demo store", total=len(STEPS),
                      enabled=None if fmt == ListFormat.table else False) as advance:
        loaded = build_demo(db_url=appctx.settings.db_url, db_label=appctx.db_label,
                            actor=appctx.actor(ctx), source=source, force=force,
                            progress=advance)
    note(f"demo store {appctx.db_label} built from {', '.join(loaded)}")
    with appctx.session() as session:
        document = build_status(session)
    show_status(document, fmt.value, None)
