"""`migctl incident …`: hypercare incidents, case by case."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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

if TYPE_CHECKING:
    from migctl.services.hypercare.write import IncidentFields

app = new_app("Hypercare incidents: add, list, update and close cases.")

SystemOpt = Annotated[
    str | None, typer.Option("--system", help="Key of the system concerned ('' detaches).")
]
SeverityOpt = Annotated[
    str | None, typer.Option("--severity", help="critical, high, medium or low.")
]
TitleOpt = Annotated[str | None, typer.Option("--title", help="What is wrong, in one line.")]
OwnerOpt = Annotated[str | None, typer.Option("--owner", help="Who works on it.")]
StatusOpt = Annotated[
    str | None, typer.Option("--status", help="open, in_progress, resolved or closed.")
]
OpenedOpt = Annotated[
    str | None,
    typer.Option("--opened", help="When it was reported (default: now), e.g. 2027-01-05 08:30."),
]
ResolutionOpt = Annotated[str | None, typer.Option("--resolution", help="How it was solved.")]


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


def _fields(tz: tzinfo, **given: Any) -> IncidentFields:
    from migctl.errors import UsageError
    from migctl.services.hypercare import write as service

    def checked(option: str, value: str | None, parse: Any) -> Any:
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            raise UsageError(f"{option}: {exc}") from None

    return service.IncidentFields(
        system=given.get("system"),
        severity=checked("--severity", given.get("severity"), service.normalize_severity),
        title=given.get("title"),
        owner=given.get("owner"),
        status=checked("--status", given.get("status"), service.normalize_status),
        opened_at=_when(given.get("opened"), "--opened", tz),
        resolution=given.get("resolution"),
    )


def _emit_one(document: Mapping[str, object], fmt: ListFormat, message: str) -> None:
    from migctl.cli._output import emit_json

    if fmt == ListFormat.json:
        emit_json(document)
    else:
        typer.echo(message)


@app.command("add")
def add(
    ctx: typer.Context,
    severity: SeverityOpt = None,
    title: TitleOpt = None,
    system: SystemOpt = None,
    owner: OwnerOpt = None,
    status: StatusOpt = None,
    opened: OpenedOpt = None,
    key: Annotated[
        str | None, typer.Option("--key", help="Explicit key (default: the next INC-nnn).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Open an incident."""
    from migctl.services.hypercare import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        data = _fields(appctx.timezone(session), system=system, severity=severity, title=title,
                       owner=owner, status=status, opened=opened)
        document = service.add_incident(session, appctx.actor(ctx), data=data, now=_now(),
                                        key=key)
    _emit_one(document, fmt, f"added incident {document['key']} ({document['severity']})")


def _columns(tz: tzinfo) -> list[Any]:
    from migctl.render.tables import Col
    from migctl.values import format_local

    return [
        Col("key", "Key", style="bold"), Col("severity", "Severity"), Col("status", "Status"),
        Col("system", "System"), Col("title", "Title", wrap=True, min_width=24),
        Col("owner", "Owner", optional=True),
        Col("opened_at", "Opened", fmt=lambda v: format_local(v, tz)),
        Col("closed_at", "Closed", fmt=lambda v: format_local(v, tz), optional=True),
    ]


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: StatusOpt = None,
    severity: SeverityOpt = None,
    system: SystemOpt = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="Only open and in-progress incidents.")
    ] = False,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List incidents: open ones first, by severity and age."""
    from migctl.cli._output import emit_listing
    from migctl.render.status_hypercare import SEVERITY_STYLE
    from migctl.services.hypercare import write as service

    appctx = app_context(ctx)
    with appctx.session() as session:
        tz = appctx.timezone(session)
        rows = service.list_incidents(session, status=status, severity=severity, system=system,
                                      open_only=open_only)
    emit_listing(rows, _columns(tz), fmt=fmt.value, output=output, empty="no incidents",
                 row_style=lambda r: SEVERITY_STYLE.get(r["severity"])
                 if r["status"] in service.OPEN_STATUSES else "dim")


@app.command("show")
def show(ctx: typer.Context, key: str, fmt: ListFormat = format_option()) -> None:
    """Show one incident and its history."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.status_hypercare import incident_card
    from migctl.services.hypercare import write as service

    appctx = app_context(ctx)
    with appctx.session() as session:
        tz = appctx.timezone(session)
        document = service.show_incident(session, key)
    if fmt == ListFormat.json:
        emit_json(document)
        return
    emit_rich(incident_card(document, tz))


@app.command("update")
def update(
    ctx: typer.Context,
    key: str,
    severity: SeverityOpt = None,
    title: TitleOpt = None,
    system: SystemOpt = None,
    owner: OwnerOpt = None,
    status: StatusOpt = None,
    opened: OpenedOpt = None,
    resolution: ResolutionOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Change fields of an incident (only the options given); --status open reopens it."""
    from migctl.services.hypercare import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        data = _fields(appctx.timezone(session), system=system, severity=severity, title=title,
                       owner=owner, status=status, opened=opened, resolution=resolution)
        document = service.update_incident(session, appctx.actor(ctx), key=key, data=data,
                                           now=_now())
    _emit_one(document, fmt, f"updated incident {document['key']} ({document['status']})")


@app.command("close")
def close(
    ctx: typer.Context,
    key: str,
    resolution: ResolutionOpt = None,
    at: Annotated[
        str | None, typer.Option("--at", help="When it was closed (default: now).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Close an incident, optionally saying how it was solved."""
    from migctl.services.hypercare import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        closed_at = _when(at, "--at", appctx.timezone(session))
        document = service.close_incident(session, appctx.actor(ctx), key=key, now=_now(),
                                          resolution=resolution, at=closed_at)
    _emit_one(document, fmt, f"closed incident {document['key']}")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX with key, system, severity, title, … columns.")
    ],
    sheet: str | None = sheet_option(),
    header_row: int | None = header_row_option(),
    delimiter: str | None = delimiter_option(),
    encoding: str | None = encoding_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update incidents from a spreadsheet, all or nothing."""
    from migctl.cli._output import emit_json
    from migctl.services.hypercare import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        summary = service.import_incidents(session, appctx.actor(ctx), path=file, now=_now(),
                                           sheet=sheet, header_row=header_row,
                                           delimiter=delimiter, encoding=encoding)
    if fmt == ListFormat.json:
        emit_json(summary.document())
        return
    typer.echo(
        f"imported {summary.rows} incidents from {summary.file} ({summary.source}): "
        f"{len(summary.created)} created, {len(summary.updated)} updated, "
        f"{len(summary.unchanged)} unchanged"
    )
