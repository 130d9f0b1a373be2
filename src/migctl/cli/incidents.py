"""`migctl incident …`: hypercare incidents, case by case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import app_context, reading, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import Bundle, ListFormat, ReadOptions, checked, format_option
from migctl.cli._output import View, emit_document, emit_imported, emit_result
from migctl.cli._time import now, parse_time_in

if TYPE_CHECKING:
    from migctl.services.hypercare.write import IncidentFields

app = new_app("Hypercare incidents: add, list, update and close cases.")

SystemOpt = Annotated[
    str | None, typer.Option("--system", help="Key of the system concerned ('' detaches).")
]
SeverityOpt = Annotated[
    str | None, typer.Option("--severity", help="critical, high, medium or low.")
]
StatusOpt = Annotated[
    str | None, typer.Option("--status", help="open, in_progress, resolved or closed.")
]
ResolutionOpt = Annotated[str | None, typer.Option("--resolution", help="How it was solved.")]


@dataclass(frozen=True)
class IncidentOptions(Bundle):
    """The fields `incident add` and `incident update` take."""

    severity: SeverityOpt = None
    title: Annotated[str | None, typer.Option(
        "--title", help="What is wrong, in one line.")] = None
    system: SystemOpt = None
    owner: Annotated[str | None, typer.Option("--owner", help="Who works on it.")] = None
    status: StatusOpt = None
    opened: Annotated[str | None, typer.Option(
        "--opened", help="When it was reported (default: now), e.g. 2027-01-05 08:30.")] = None
    reference: Annotated[str | None, typer.Option(
        "--reference", help="The provider's reference for the case (its ticket number).")] = None
    responded_at: Annotated[str | None, typer.Option(
        "--responded-at", help="When the provider first responded (SLA response time).")] = None

    def fields(self, tz: tzinfo, resolution: str | None = None) -> IncidentFields:
        from migctl.services.hypercare import write as service
        from migctl.services.hypercare.fields import normalize_reference

        return service.IncidentFields(
            system=self.system,
            severity=checked("severity", self.severity, service.normalize_severity),
            title=self.title,
            owner=self.owner,
            status=checked("status", self.status, service.normalize_status),
            opened_at=parse_time_in(tz, self.opened, "opened"),
            resolution=resolution,
            reference=checked("reference", self.reference, normalize_reference),
            responded_at=parse_time_in(tz, self.responded_at, "responded_at"),
        )



@app.command("add")
def add(
    ctx: typer.Context,
    given: IncidentOptions = IncidentOptions(),
    key: Annotated[
        str | None, typer.Option("--key", help="Explicit key (default: the next INC-nnn).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Open an incident."""
    from migctl.services.hypercare import write as service

    with writing(ctx) as (session, actor):
        data = given.fields(app_context(ctx).timezone(session))
        document = service.add_incident(session, actor, data=data, now=now(), key=key)
    emit_result(document, fmt, f"added incident {document['key']} ({document['severity']})")


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: StatusOpt = None,
    severity: SeverityOpt = None,
    system: SystemOpt = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="Only open and in-progress incidents.")
    ] = False,
    view: View = View(),
) -> None:
    """List incidents: open ones first, by severity and age."""
    from migctl.render.listings import incident_columns
    from migctl.render.status_hypercare import SEVERITY_STYLE
    from migctl.services.hypercare import write as service

    with reading(ctx) as (session, tz):
        rows = service.list_incidents(session, status=status, severity=severity, system=system,
                                      open_only=open_only)
    view.listing(rows, incident_columns(tz), empty="no incidents",
                 row_style=lambda r: SEVERITY_STYLE.get(r["severity"])
                 if r["status"] in service.OPEN_STATUSES else "dim")


@app.command("show")
def show(ctx: typer.Context, key: str, fmt: ListFormat = format_option()) -> None:
    """Show one incident and its history."""
    from migctl.render.status_hypercare import incident_card
    from migctl.services.hypercare import write as service

    with reading(ctx) as (session, tz):
        document = service.show_incident(session, key)
    emit_document(document, fmt, lambda: incident_card(document, tz))


@app.command("update")
def update(
    ctx: typer.Context,
    key: str,
    given: IncidentOptions = IncidentOptions(),
    resolution: ResolutionOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Change fields of an incident (only the options given); --status open reopens it."""
    from migctl.services.hypercare import write as service

    with writing(ctx) as (session, actor):
        data = given.fields(app_context(ctx).timezone(session), resolution)
        document = service.update_incident(session, actor, key=key, data=data, now=now())
    emit_result(document, fmt, f"updated incident {document['key']} ({document['status']})")


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

    with writing(ctx) as (session, actor):
        closed_at = parse_time_in(app_context(ctx).timezone(session), at, "at")
        document = service.close_incident(session, actor, key=key, now=now(),
                                          resolution=resolution, at=closed_at)
    emit_result(document, fmt, f"closed incident {document['key']}")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX with key, system, severity, title, … columns, "
                                  "or the provider's ticket export (reference, opened, first "
                                  "response, resolved).")
    ],
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update incidents from a spreadsheet, all or nothing (by key, else by the
    provider's reference)."""
    from migctl.services.hypercare import write as service

    with writing(ctx) as (session, actor):
        summary = service.import_incidents(session, actor, path=file, now=now(),
                                           **read.kwargs())
    emit_imported(summary, fmt, f"{summary.rows} incidents", source=summary.source)
