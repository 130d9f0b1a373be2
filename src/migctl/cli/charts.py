"""`migctl chart …` and `migctl dimension …`: legacy and target charts of accounts, and
cost-object dimensions (cost centres, responsibility units, …): import, list, show."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import app_context, writing
from migctl.cli._lazy import App, new_app
from migctl.cli._options import ListFormat, ReadOptions, format_option
from migctl.cli._output import View, emit_result, import_line

if TYPE_CHECKING:
    from migctl.services.mapping.charts import ImportResult

app = new_app("Charts of accounts: import, list, show.")
dimension_app = new_app("Cost-object dimensions: import, list, show.")

RoleOpt = Annotated[str, typer.Option("--role", help="legacy or target.")]
NameOpt = Annotated[str | None, typer.Option("--name", help="Display name (default: the key).")]


@app.command("import")
def import_chart(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX: code, name, type, parent, active.")],
    chart: Annotated[str, typer.Option("--chart", help="Chart key, e.g. populus.")],
    role: RoleOpt,
    name: NameOpt = None,
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Import a chart of accounts, replacing its accounts (all or nothing)."""
    from migctl.render.progress import progress_bar
    from migctl.services.mapping import charts

    with writing(ctx) as (session, actor), progress_bar(
            f"reading {file.name}", enabled=None if fmt != ListFormat.json else False) as advance:
        result = charts.import_chart(session, actor, path=file, key=chart, role=role, name=name,
                                     progress=advance, **read.kwargs())
    _imported(result, fmt, ("accounts", "postable", "inactive"))


@dimension_app.command("import")
def import_dimension(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX: code, name, parent, active.")],
    dimension: Annotated[
        str, typer.Option("--dimension", help="Dimension key, e.g. vastuuyksikko.")
    ],
    role: RoleOpt,
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
    from migctl.render.progress import progress_bar
    from migctl.services.mapping import charts

    with writing(ctx) as (session, actor), progress_bar(
            f"reading {file.name}", enabled=None if fmt != ListFormat.json else False) as advance:
        result = charts.import_dimension(session, actor, path=file, key=dimension, role=role,
                                         required_for=required_for, name=name,
                                         progress=advance, **read.kwargs())
    _imported(result, fmt, ("values", "inactive"))


def _imported(result: ImportResult, fmt: ListFormat, counted: tuple[str, ...]) -> None:
    what = f"{result.kind} {result.key}"
    counts: Mapping[str, object] = result.counts  # the import's own counts, by name
    emit_result(result.document(), fmt, f"{what} unchanged: {result.file} was imported already"
                if result.unchanged else import_line(what, result.file, result.source, [
                    f"{counts.get(name, 0)} {name}" for name in counted]))


def _list_and_show(app: App, noun: str, items: str, plural: str) -> None:
    """`list` and `show` of charts (noun ``chart``) or dimensions: the same commands."""

    def list_command(ctx: typer.Context, view: View = View()) -> None:
        from migctl.render import mapping as render
        from migctl.services.mapping import charts

        with app_context(ctx).session() as session:
            rows = charts.list_charts(session) if noun == "chart" else \
                charts.list_dimensions(session)
            tz = app_context(ctx).timezone(session)
        view.listing(rows, render.chart_columns(tz) if noun == "chart" else
                     render.dimension_columns(tz), empty=f"no {plural}")

    def show(ctx: typer.Context, key: str, tree: bool = False, view: View = View()) -> None:
        from migctl.render.mapping import hierarchy_view
        from migctl.services.mapping import charts

        with app_context(ctx).session() as session:
            document = (charts.show_chart if noun == "chart" else charts.show_dimension)(
                session, key, tree=tree)
        view.document(document, lambda: hierarchy_view(document, items=items, tree=tree))

    list_command.__doc__ = "List the charts of accounts." if noun == "chart" else \
        "List the dimensions."
    show.__doc__ = f"Show a {noun}'s {items}."
    show.__annotations__.update(  # the help names the noun: set here, not in the signature
        key=Annotated[str, typer.Argument(help=f"{noun.capitalize()} key.")],
        tree=Annotated[bool, typer.Option("--tree", help=f"Nest {items} under their parents.")])
    app.command("list")(list_command)
    app.command("show")(show)


_list_and_show(app, "chart", "accounts", "charts")
_list_and_show(dimension_app, "dimension", "values", "dimensions")
