"""`migctl chart …`: legacy and target charts of accounts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import ListFormat, ReadOptions, format_option
from migctl.cli._output import View, emit_document, emit_result, import_line

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
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Import a chart of accounts, replacing its accounts (all or nothing)."""
    from migctl.services.mapping.charts import import_chart

    with writing(ctx) as (session, actor):
        result = import_chart(session, actor, path=file, key=chart, role=role, name=name,
                              **read.kwargs())
    counts = result.counts
    emit_result(result.document(), fmt, f"chart {result.key} unchanged: {result.file} was "
                "imported already" if result.unchanged else import_line(
                    f"chart {result.key}", result.file, result.source,
                    [f"{counts['accounts']} accounts", f"{counts['postable']} postable",
                     f"{counts['inactive']} inactive"]))


@app.command("list")
def list_command(
    ctx: typer.Context, view: View = View()
) -> None:
    """List the charts of accounts."""
    from migctl.render.mapping import chart_columns
    from migctl.services.mapping.charts import list_charts

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = list_charts(session)
    view.listing(rows, chart_columns(), empty="no charts")


@app.command("show")
def show(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Chart key.")],
    tree: TreeOpt = False,
    view: View = View(),
) -> None:
    """Show a chart's accounts."""
    from migctl.render.mapping import hierarchy_view
    from migctl.services.mapping.charts import show_chart

    appctx = app_context(ctx)
    with appctx.session() as session:
        document = show_chart(session, key, tree=tree)
    emit_document(document, view.fmt, lambda: hierarchy_view(document, items="accounts", tree=tree),
                  view.output)
