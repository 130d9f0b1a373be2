"""`migctl settings`: programme-level settings such as its name and time zone."""

from __future__ import annotations

from types import ModuleType

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import ListFormat, format_option

app = new_app("Programme settings (name, time zone, …).")


def _registry() -> ModuleType:
    """The settings service with every area's settings registered (the cutover window's too)."""
    import migctl.services.register.settings  # (registers the register.* settings)
    import migctl.services.runbook.settings  # noqa: F401  (registers the cutover.* settings)
    from migctl.services import settings

    return settings


@app.command("list")
def list_command(ctx: typer.Context, fmt: ListFormat = format_option()) -> None:
    """Show every setting with its value (defaults included)."""
    from migctl.cli._output import emit_listing
    from migctl.render.tables import Col
    service = _registry()

    appctx = app_context(ctx)
    with appctx.session() as session:
        current = service.get_all(session)
    rows = [
        {"key": k, "value": v,
         "description": service.SPECS[k].description if k in service.SPECS else ""}
        for k, v in current.items()
    ]
    emit_listing(rows, [Col("key", "Setting"), Col("value", "Value"),
                        Col("description", "Meaning")], fmt=fmt.value, document=current)


@app.command("set")
def set_command(ctx: typer.Context, key: str, value: str) -> None:
    """Set KEY to VALUE (audited)."""
    service = _registry()

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        stored = service.put(session, appctx.actor(ctx), key, value)
    typer.echo(f"{key} = {stored}")


@app.command("unset")
def unset_command(ctx: typer.Context, key: str) -> None:
    """Reset KEY to its default (audited)."""
    service = _registry()

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        service.unset(session, appctx.actor(ctx), key)
        value = service.get(session, key)
    typer.echo(f"{key} = {value} (default)")
