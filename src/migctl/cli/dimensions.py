"""`migctl dimension …`: cost-object dimensions (cost centres, responsibility units, …)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import ListFormat, ReadOptions, format_option
from migctl.cli._output import View, emit_document, emit_result, import_line

app = new_app("Cost-object dimensions: import, list, show.")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX: code, name, parent, active.")],
    dimension: Annotated[
        str, typer.Option("--dimension", help="Dimension key, e.g. vastuuyksikko.")
    ],
    role: Annotated[str, typer.Option("--role", help="legacy or target.")],
    required_for: Annotated[
        str | None,
        typer.Option("--required-for",
                     help="Target account types that need this dimension, e.g. "
                          "expense,income ('' clears; default: keep)."),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Display name.")] = None,
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Import a dimension's values, replacing them (all or nothing)."""
    from migctl.services.mapping.charts import import_dimension

    with writing(ctx) as (session, actor):
        result = import_dimension(session, actor, path=file, key=dimension, role=role,
                                  required_for=required_for, name=name, **read.kwargs())
    counts = result.counts
    emit_result(result.document(), fmt, f"dimension {result.key} unchanged: {result.file} was "
                "imported already" if result.unchanged else import_line(
                    f"dimension {result.key}", result.file, result.source,
                    [f"{counts['values']} values", f"{counts['inactive']} inactive"]))


@app.command("list")
def list_command(
    ctx: typer.Context, view: View = View()
) -> None:
    """List the dimensions."""
    from migctl.render.mapping import dimension_columns
    from migctl.services.mapping.charts import list_dimensions

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = list_dimensions(session)
    view.listing(rows, dimension_columns(), empty="no dimensions")


@app.command("show")
def show(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Dimension key.")],
    tree: Annotated[bool, typer.Option("--tree", help="Nest values under their parents.")
                    ] = False,
    view: View = View(),
) -> None:
    """Show a dimension's values."""
    from migctl.render.mapping import hierarchy_view
    from migctl.services.mapping.charts import show_dimension

    appctx = app_context(ctx)
    with appctx.session() as session:
        document = show_dimension(session, key, tree=tree)
    emit_document(document, view.fmt, lambda: hierarchy_view(document, items="values", tree=tree),
                  view.output)
