"""`migctl kpi …`: KPI definitions, recorded values, snapshots of the built-ins, trends."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context, reading, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import ListFormat, ReadOptions, checked, format_option
from migctl.cli._output import (
    View,
    emit_imported,
    emit_json,
    emit_line,
    emit_listing,
    emit_result,
    emit_rich,
    import_line,
)
from migctl.cli._time import now, parse_time_in

NameArg = Annotated[str, typer.Argument(help="KPI name, e.g. ostolaskut_5pv.")]

app = new_app("KPIs: define, record, snapshot and follow trends.")


def _decimal(text: str) -> Decimal:
    from migctl.values import parse_decimal

    return parse_decimal(text)


@app.command("define")
def define(
    ctx: typer.Context,
    name: NameArg,
    unit: Annotated[str | None, typer.Option("--unit", help="e.g. %, kpl, EUR, h.")] = None,
    target: Annotated[
        str | None, typer.Option("--target", help="Target value ('' clears it).")
    ] = None,
    direction: Annotated[
        str | None, typer.Option("--direction", help="up (higher is better) or down.")
    ] = None,
    description: Annotated[str | None, typer.Option("--description")] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Define a custom KPI or change one (for a built-in: its target and description)."""
    from migctl.services.kpis import write as service

    parsed_direction = checked("direction", direction, service.normalize_direction)
    parsed_target = checked("target", target or None, _decimal)
    with writing(ctx) as (session, actor):
        document = service.define_kpi(session, actor, name=name, now=now(), unit=unit,
                                      target=parsed_target, clear_target=target == "",
                                      direction=parsed_direction, description=description)
    emit_result(document, fmt, f"defined KPI {document['name']}")


@app.command("record")
def record(
    ctx: typer.Context,
    name: NameArg,
    value: Annotated[str, typer.Argument(help="The value, e.g. 87,5 or 87.5.")],
    at: Annotated[
        str | None, typer.Option("--at", help="When it was measured (default: now).")
    ] = None,
    allow_future: Annotated[bool, typer.Option(
        "--allow-future", help="Accept an --at more than a few minutes ahead (a forecast).")
    ] = False,
    fmt: ListFormat = format_option(),
) -> None:
    """Record a value of a custom KPI."""
    from migctl.errors import UsageError
    from migctl.services.kpis import write as service

    try:
        parsed = _decimal(value)
    except ValueError as exc:
        raise UsageError(f"VALUE: {exc}") from None
    with writing(ctx) as (session, actor):
        when = parse_time_in(app_context(ctx).timezone(session), at, "at")
        document = service.record_value(session, actor, name=name, value=parsed, now=now(),
                                        at=when, allow_future=allow_future)
    emit_result(document, fmt,
                f"recorded {document['metric']} = {service.plain(document['value'])}")


@app.command("list")
def list_command(ctx: typer.Context, view: View = View()) -> None:
    """List KPIs with their targets and latest values."""
    from migctl.render.listings import kpi_listing
    from migctl.services.kpis import write as service

    with reading(ctx) as (session, tz):
        rows = service.list_kpis(session, now=now())
    view.listing(*kpi_listing(rows, tz), document=rows, empty="no KPIs")


@app.command("snapshot")
def snapshot(ctx: typer.Context, fmt: ListFormat = format_option()) -> None:
    """Store the current values of the built-in KPIs (run it nightly, e.g. from CI)."""
    from migctl.services.kpis import write as service

    with writing(ctx) as (session, actor):
        document = service.take_snapshot(session, actor, now=now())
    values = document["values"]
    emit_result(document, fmt, f"stored {len(values)} KPI values: " + ", ".join(
        f"{name} {service.plain(value)}" for name, value in values.items()) if values
        else "no built-in KPI has a value yet; nothing stored")


@app.command("trend")
def trend(
    ctx: typer.Context,
    metric: Annotated[
        str | None, typer.Argument(help="One KPI (default: every KPI with values).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only values at or after this date/time.")
    ] = None,
    view: View = View(),
) -> None:
    """Show KPI values over time with a sparkline."""
    from migctl.render.listings import kpi_trend_view, kpi_trends_listing
    from migctl.render.sparkline import sparkline
    from migctl.services.kpis import write as service

    with reading(ctx) as (session, tz):
        series = service.trend(session, now=now(), metric=metric,
                               since=parse_time_in(tz, since, "since"))
    for entry in series:
        entry["sparkline"] = sparkline([p["value"] for p in entry["points"]])
    none = "no KPI values" if not metric else f"{series[0]['name']}: no values"
    none += " since then" if since else ""
    if view.json:
        emit_json(series[0] if metric else series, view.output)
    elif metric and series[0]["points"]:
        emit_rich(kpi_trend_view(series[0], tz), view.output)
    elif metric:
        emit_line(none)
    else:
        emit_listing(*kpi_trends_listing(series, tz), fmt="table", output=view.output,
                     empty=none)


@app.command("import")
def import_values(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX with metric, value, at columns.")],
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Load KPI history from a spreadsheet, all or nothing."""
    from migctl.render.progress import progress_bar
    from migctl.services.kpis import write as service

    with writing(ctx) as (session, actor), progress_bar(
            f"reading {file.name}", enabled=None if fmt != ListFormat.json else False) as advance:
        summary = service.import_values(session, actor, path=file, now=now(), progress=advance,
                                        **read.kwargs())
    emit_result(summary.document(), fmt, import_line(
        f"{summary.rows} KPI values", summary.file, summary.source,
        [f"{summary.stored} stored", f"{summary.unchanged} already there"]))


@app.command("import-definitions")
def import_definitions(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX with name, unit, target, direction columns.")
    ],
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Define or update KPIs from a spreadsheet, all or nothing."""
    from migctl.services.kpis import write as service

    with writing(ctx) as (session, actor):
        summary = service.import_definitions(session, actor, path=file, now=now(),
                                             **read.kwargs())
    emit_imported(summary, fmt, f"{summary.rows} KPI definitions")
