"""`migctl dimension …`: cost-object dimensions (cost centres, responsibility units, …)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import (
    ListFormat,
    delimiter_option,
    encoding_option,
    format_option,
    header_row_option,
    output_option,
    sheet_option,
)

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
    sheet: str | None = sheet_option(),
    header_row: int | None = header_row_option(),
    delimiter: str | None = delimiter_option(),
    encoding: str | None = encoding_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Import a dimension's values, replacing them (all or nothing)."""
    from migctl.cli._output import emit_json, emit_line
    from migctl.services.mapping.charts import import_dimension

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        result = import_dimension(session, appctx.actor(ctx), path=file, key=dimension,
                                  role=role, required_for=required_for, name=name, sheet=sheet,
                                  header_row=header_row, delimiter=delimiter,
                                  encoding=encoding)
    if fmt == ListFormat.json:
        emit_json(result.document())
    elif result.unchanged:
        emit_line(f"dimension {result.key} unchanged: {result.file} was imported already")
    else:
        emit_line(f"imported dimension {result.key} from {result.file} ({result.source}): "
                  f"{result.counts['values']} values, {result.counts['inactive']} inactive")


@app.command("list")
def list_command(
    ctx: typer.Context, fmt: ListFormat = format_option(), output: Path | None = output_option()
) -> None:
    """List the dimensions."""
    from migctl.cli._output import emit_listing
    from migctl.render.mapping import dimension_columns
    from migctl.services.mapping.charts import list_dimensions

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = list_dimensions(session)
    emit_listing(rows, dimension_columns(), fmt=fmt.value, output=output,
                 empty="no dimensions")


@app.command("show")
def show(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Dimension key.")],
    tree: Annotated[bool, typer.Option("--tree", help="Nest values under their parents.")
                    ] = False,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """Show a dimension's values."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.mapping import hierarchy_view
    from migctl.services.mapping.charts import show_dimension

    appctx = app_context(ctx)
    with appctx.session() as session:
        document = show_dimension(session, key, tree=tree)
    if fmt == ListFormat.json:
        emit_json(document, output)
        return
    emit_rich(hierarchy_view(document, items="values", tree=tree), output)
