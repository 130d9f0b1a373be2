"""`migctl chart …`: legacy and target charts of accounts."""

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

app = new_app("Charts of accounts: import, list, show.")

RoleOpt = Annotated[str, typer.Option("--role", help="legacy or target.")]
NameOpt = Annotated[str | None, typer.Option("--name", help="Display name (default: the key).")]
TreeOpt = Annotated[bool, typer.Option("--tree", help="Nest accounts under their parents.")]


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX: code, name, type, parent, active.")],
    chart: Annotated[str, typer.Option("--chart", help="Chart key, e.g. populus.")],
    role: RoleOpt,
    name: NameOpt = None,
    sheet: str | None = sheet_option(),
    header_row: int | None = header_row_option(),
    delimiter: str | None = delimiter_option(),
    encoding: str | None = encoding_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Import a chart of accounts, replacing its accounts (all or nothing)."""
    from migctl.cli._output import emit_json, emit_line
    from migctl.services.mapping.charts import import_chart

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        result = import_chart(session, appctx.actor(ctx), path=file, key=chart, role=role,
                              name=name, sheet=sheet, header_row=header_row,
                              delimiter=delimiter, encoding=encoding)
    if fmt == ListFormat.json:
        emit_json(result.document())
    elif result.unchanged:
        emit_line(f"chart {result.key} unchanged: {result.file} was imported already")
    else:
        counts = result.counts
        emit_line(f"imported chart {result.key} from {result.file} ({result.source}): "
                  f"{counts['accounts']} accounts, {counts['postable']} postable, "
                  f"{counts['inactive']} inactive")


@app.command("list")
def list_command(
    ctx: typer.Context, fmt: ListFormat = format_option(), output: Path | None = output_option()
) -> None:
    """List the charts of accounts."""
    from migctl.cli._output import emit_listing
    from migctl.render.mapping import chart_columns
    from migctl.services.mapping.charts import list_charts

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = list_charts(session)
    emit_listing(rows, chart_columns(), fmt=fmt.value, output=output, empty="no charts")


@app.command("show")
def show(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Chart key.")],
    tree: TreeOpt = False,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """Show a chart's accounts."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.mapping import hierarchy_view
    from migctl.services.mapping.charts import show_chart

    appctx = app_context(ctx)
    with appctx.session() as session:
        document = show_chart(session, key, tree=tree)
    if fmt == ListFormat.json:
        emit_json(document, output)
        return
    emit_rich(hierarchy_view(document, items="accounts", tree=tree), output)
