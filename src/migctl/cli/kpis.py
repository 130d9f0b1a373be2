"""`migctl kpi …`: KPI definitions, recorded values, snapshots of the built-ins, trends."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

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

app = new_app("KPIs: define, record, snapshot and follow trends.")

NameArg = Annotated[str, typer.Argument(help="KPI name, e.g. ostolaskut_5pv.")]


def _now() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)


def _when(text: str | None, option: str, tz: tzinfo) -> datetime | None:
    if text is None:
        return None
    from migctl.errors import UsageError
    from migctl.values import parse_datetime

    try:
        return parse_datetime(text, tz)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _decimal(text: str, what: str) -> Decimal:
    from migctl.errors import UsageError
    from migctl.values import parse_decimal

    try:
        return parse_decimal(text)
    except ValueError as exc:
        raise UsageError(f"{what}: {exc}") from None


def _shown(value: Any, unit: str = "") -> str:
    from migctl.render.i18n import format_number

    if value is None:
        return ""
    text = format_number(value)
    return f"{text} {unit}".rstrip() if unit not in ("", "count") else text


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
    from migctl.cli._output import emit_json
    from migctl.errors import UsageError
    from migctl.services.kpis import write as service

    parsed_direction = None
    if direction is not None:
        try:
            parsed_direction = service.normalize_direction(direction)
        except ValueError as exc:
            raise UsageError(f"--direction: {exc}") from None
    parsed_target = _decimal(target, "--target") if target else None
    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = service.define_kpi(session, appctx.actor(ctx), name=name, now=_now(),
                                      unit=unit, target=parsed_target,
                                      clear_target=target == "", direction=parsed_direction,
                                      description=description)
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        typer.echo(f"defined KPI {document['name']}")


@app.command("record")
def record(
    ctx: typer.Context,
    name: NameArg,
    value: Annotated[str, typer.Argument(help="The value, e.g. 87,5 or 87.5.")],
    at: Annotated[
        str | None, typer.Option("--at", help="When it was measured (default: now).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Record a value of a custom KPI."""
    from migctl.cli._output import emit_json
    from migctl.services.kpis import write as service

    parsed = _decimal(value, "VALUE")
    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        when = _when(at, "--at", appctx.timezone(session))
        document = service.record_value(session, appctx.actor(ctx), name=name, value=parsed,
                                        now=_now(), at=when)
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        typer.echo(f"recorded {document['metric']} = {service.plain(document['value'])}")


@app.command("list")
def list_command(
    ctx: typer.Context,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List KPIs with their targets and latest values."""
    from migctl.cli._output import emit_listing
    from migctl.render.tables import Col
    from migctl.services.kpis import write as service
    from migctl.values import format_local

    appctx = app_context(ctx)
    with appctx.session() as session:
        tz = appctx.timezone(session)
        rows = service.list_kpis(session, now=_now())
    shown = [r | {"latest_value": _shown(r["latest"]["value"] if r["latest"] else None,
                                         r["unit"]),
                  "latest_at": format_local(r["latest"]["at"] if r["latest"] else None, tz),
                  "kind": "built-in" if r["builtin"] else "custom"} for r in rows]
    emit_listing(shown, [
        Col("name", "KPI", style="bold"), Col("kind", "Kind"), Col("unit", "Unit"),
        Col("direction", "Better"),
        Col("target", "Target", justify="right", fmt=lambda v: _shown(v)),
        Col("latest_value", "Latest", justify="right"), Col("latest_at", "At"),
        Col("description", "Description", wrap=True),
    ], fmt=fmt.value, output=output, document=rows, empty="no KPIs")


@app.command("snapshot")
def snapshot(ctx: typer.Context, fmt: ListFormat = format_option()) -> None:
    """Store the current values of the built-in KPIs (run it nightly, e.g. from CI)."""
    from migctl.cli._output import emit_json
    from migctl.services.kpis import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = service.take_snapshot(session, appctx.actor(ctx), now=_now())
    if fmt == ListFormat.json:
        emit_json(document)
        return
    if not document["values"]:
        typer.echo("no built-in KPI has a value yet; nothing stored")
        return
    typer.echo(f"stored {len(document['values'])} KPI values: " + ", ".join(
        f"{name} {service.plain(value)}" for name, value in document["values"].items()))


@app.command("trend")
def trend(
    ctx: typer.Context,
    metric: Annotated[
        str | None, typer.Argument(help="One KPI (default: every KPI with values).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only values at or after this date/time.")
    ] = None,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """Show KPI values over time with a sparkline."""
    from migctl.cli._output import emit_json, emit_line, emit_listing
    from migctl.render.sparkline import sparkline
    from migctl.render.tables import Col
    from migctl.services.kpis import write as service
    from migctl.values import format_local

    appctx = app_context(ctx)
    with appctx.session() as session:
        tz = appctx.timezone(session)
        since_at = _when(since, "--since", tz)
        series = service.trend(session, now=_now(), metric=metric, since=since_at)
    for entry in series:
        entry["sparkline"] = sparkline([p["value"] for p in entry["points"]])
    if fmt == ListFormat.json:
        emit_json(series[0] if metric else series, output)
        return
    if metric:
        entry = series[0]
        if not entry["points"]:
            emit_line(f"{entry['name']}: no values" + (" since then" if since else ""))
            return
        from rich.console import Group
        from rich.text import Text

        from migctl.cli._output import emit_rich
        from migctl.render.tables import build_table

        title = Text(f"{entry['name']}  {entry['sparkline']}", style="bold")
        if entry["target"] is not None:
            title.append(f"   target {_shown(entry['target'], entry['unit'])} "
                         f"({entry['direction']})", style="")
        rows = [p | {"when": format_local(p["at"], tz)} for p in entry["points"]]
        table = build_table(rows, [
            Col("when", "At"),
            Col("value", "Value", justify="right", fmt=lambda v: _shown(v, entry["unit"])),
            Col("source", "Source")])
        emit_rich(Group(title, table), output)
        return
    rows = [{
        "name": e["name"], "points": len(e["points"]), "sparkline": e["sparkline"],
        "first": _shown(e["points"][0]["value"], e["unit"]),
        "latest": _shown(e["points"][-1]["value"], e["unit"]),
        "target": _shown(e["target"], e["unit"]),
        "since": format_local(e["points"][0]["at"], tz),
    } for e in series if e["points"]]
    emit_listing(rows, [
        Col("name", "KPI", style="bold"), Col("sparkline", "Trend"),
        Col("first", "First", justify="right"), Col("latest", "Latest", justify="right"),
        Col("target", "Target", justify="right"), Col("points", "Values", justify="right"),
        Col("since", "Since"),
    ], fmt="table", output=output, empty="no KPI values" + (" since then" if since else ""))


@app.command("import")
def import_values(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX with metric, value, at columns.")],
    sheet: str | None = sheet_option(),
    header_row: int | None = header_row_option(),
    delimiter: str | None = delimiter_option(),
    encoding: str | None = encoding_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Load KPI history from a spreadsheet, all or nothing."""
    from migctl.cli._output import emit_json
    from migctl.services.kpis import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        summary = service.import_values(session, appctx.actor(ctx), path=file, now=_now(),
                                        sheet=sheet, header_row=header_row,
                                        delimiter=delimiter, encoding=encoding)
    if fmt == ListFormat.json:
        emit_json(summary.document())
        return
    typer.echo(f"imported {summary.rows} KPI values from {summary.file} ({summary.source}): "
               f"{summary.stored} stored, {summary.unchanged} already there")


@app.command("import-definitions")
def import_definitions(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX with name, unit, target, direction columns.")
    ],
    sheet: str | None = sheet_option(),
    header_row: int | None = header_row_option(),
    delimiter: str | None = delimiter_option(),
    encoding: str | None = encoding_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Define or update KPIs from a spreadsheet, all or nothing."""
    from migctl.cli._output import emit_json
    from migctl.services.kpis import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        summary = service.import_definitions(session, appctx.actor(ctx), path=file, now=_now(),
                                             sheet=sheet, header_row=header_row,
                                             delimiter=delimiter, encoding=encoding)
    if fmt == ListFormat.json:
        emit_json(summary.document())
        return
    typer.echo(f"imported {summary.rows} KPI definitions from {summary.file}: "
               f"{len(summary.created)} created, {len(summary.updated)} updated, "
               f"{len(summary.unchanged)} unchanged")
