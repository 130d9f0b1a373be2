"""`migctl system …`: the inventory of legacy and target systems."""

from __future__ import annotations

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
    from migctl.render.tables import Col
    from migctl.services.systems.write import SystemFields

app = new_app("Systems inventory: legacy and target systems.")

NameOpt = Annotated[str | None, typer.Option("--name", help="Display name.")]
RoleOpt = Annotated[str | None, typer.Option("--role", help="legacy or target.")]
DomainOpt = Annotated[
    str | None, typer.Option("--domain", help="finance, procurement, payroll, hr, budgeting, …")
]
VendorOpt = Annotated[str | None, typer.Option("--vendor")]
OwnerOpt = Annotated[str | None, typer.Option("--owner")]
StatusOpt = Annotated[
    str | None,
    typer.Option("--status", help="planned, in_progress, parallel_run, live or retired."),
]
GoLiveOpt = Annotated[
    str | None, typer.Option("--go-live", help="Planned go-live date (YYYY-MM-DD, '' clears).")
]
ActualOpt = Annotated[
    str | None, typer.Option("--actual-go-live", help="Actual go-live date ('' clears).")
]
RetireOpt = Annotated[str | None, typer.Option("--retire-date", help="Retire date ('' clears).")]
EnvOpt = Annotated[
    list[str] | None,
    typer.Option("--env", help="Directory environment (repeat, or comma-separated)."),
]
ReplacesOpt = Annotated[
    list[str] | None,
    typer.Option("--replaces", help="Legacy system KEY this target replaces (repeatable)."),
]
NotesOpt = Annotated[str | None, typer.Option("--notes")]


def _fields(
    *,
    name: str | None,
    role: str | None,
    domain: str | None,
    vendor: str | None,
    owner: str | None,
    status: str | None,
    go_live: str | None,
    actual_go_live: str | None,
    retire_date: str | None,
    env: list[str] | None,
    notes: str | None,
) -> SystemFields:
    from migctl import values
    from migctl.errors import UsageError
    from migctl.services.systems import write as service

    def checked(option: str, value: str | None, parse: Any) -> Any:
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            raise UsageError(f"{option}: {exc}") from None

    data = service.SystemFields(
        name=name,
        role=checked("--role", role, service.normalize_role),
        domain=checked("--domain", domain, service.normalize_domain),
        vendor=vendor,
        owner=owner,
        status=checked("--status", status, service.normalize_status),
        environments=None if env is None else checked(
            "--env", ",".join(env),
            lambda t: service.normalize_environments(values.split_list(t))),
        notes=notes,
    )
    for option, attr, text in (("--go-live", "planned_go_live", go_live),
                               ("--actual-go-live", "actual_go_live", actual_go_live),
                               ("--retire-date", "retire_date", retire_date)):
        if text == "":
            data.clear.add(attr)
        elif text is not None:
            setattr(data, attr, service.parse_option_date(text, option))
    return data


def _columns() -> list[Col]:
    from migctl.render.tables import Col

    return [
        Col("key", "Key", style="bold"), Col("name", "Name", wrap=True, min_width=16),
        Col("role", "Role", optional=True), Col("domain", "Domain", optional=True),
        Col("vendor", "Vendor", wrap=True, optional=True), Col("status", "Status"),
        Col("planned_go_live", "Go-live"),
        Col("environments", "Envs", wrap=True, min_width=5, optional=True),
        Col("replaces", "Replaces", wrap=True, min_width=12),
        Col("replaced_by", "Replaced by", wrap=True, min_width=12),
        Col("owner", "Owner", wrap=True, optional=True),
    ]


@app.command("add")
def add(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Short key, e.g. raindance.")],
    name: NameOpt = None,
    role: RoleOpt = None,
    domain: DomainOpt = None,
    vendor: VendorOpt = None,
    owner: OwnerOpt = None,
    status: StatusOpt = None,
    go_live: GoLiveOpt = None,
    actual_go_live: ActualOpt = None,
    retire_date: RetireOpt = None,
    env: EnvOpt = None,
    replaces: ReplacesOpt = None,
    notes: NotesOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Add a system."""
    from migctl.cli._output import emit_json
    from migctl.services.systems import write as service

    data = _fields(name=name, role=role, domain=domain, vendor=vendor, owner=owner,
                   status=status or "planned", go_live=go_live, actual_go_live=actual_go_live,
                   retire_date=retire_date, env=env, notes=notes)
    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = service.add_system(session, appctx.actor(ctx), key=key, data=data,
                                      replaces=_split(replaces))
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        typer.echo(f"added system {document['key']}")


def _split(items: list[str] | None) -> list[str] | None:
    if items is None:
        return None
    from migctl.values import split_list

    return [k for item in items for k in split_list(item)]


@app.command("list")
def list_command(
    ctx: typer.Context,
    role: RoleOpt = None,
    status: StatusOpt = None,
    domain: DomainOpt = None,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List systems, targets first, by go-live."""
    from migctl.cli._output import emit_listing
    from migctl.services.systems import write as service

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = service.list_systems(session, role=role, status=status, domain=domain)
    emit_listing(rows, _columns(), fmt=fmt.value, output=output, empty="no systems",
                 title=None)


@app.command("show")
def show(ctx: typer.Context, key: str, fmt: ListFormat = format_option()) -> None:
    """Show one system."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.tables import cell

    appctx = app_context(ctx)
    from migctl.services.systems import write as service

    with appctx.session() as session:
        document = service.show_system(session, key)
    if fmt == ListFormat.json:
        emit_json(document)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    for field, value in document.items():
        table.add_row(field.replace("_", " "), Text(cell(value)))  # as typed, never markup
    emit_rich(table)


@app.command("set")
def set_command(
    ctx: typer.Context,
    key: str,
    name: NameOpt = None,
    role: RoleOpt = None,
    domain: DomainOpt = None,
    vendor: VendorOpt = None,
    owner: OwnerOpt = None,
    status: StatusOpt = None,
    go_live: GoLiveOpt = None,
    actual_go_live: ActualOpt = None,
    retire_date: RetireOpt = None,
    env: EnvOpt = None,
    replaces: ReplacesOpt = None,
    notes: NotesOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Change fields of a system (only the options given)."""
    from migctl.cli._output import emit_json
    from migctl.services.systems import write as service

    data = _fields(name=name, role=role, domain=domain, vendor=vendor, owner=owner,
                   status=status, go_live=go_live, actual_go_live=actual_go_live,
                   retire_date=retire_date, env=env, notes=notes)
    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = service.update_system(session, appctx.actor(ctx), key=key, data=data,
                                         replaces=_split(replaces))
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        typer.echo(f"updated system {document['key']}")


@app.command("remove")
def remove(ctx: typer.Context, key: str) -> None:
    """Remove a system and its replacement links."""
    from migctl.services.systems import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = service.remove_system(session, appctx.actor(ctx), key=key)
    typer.echo(f"removed system {document['key']}")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX with key, name, role, … columns.")],
    sheet: str | None = sheet_option(),
    header_row: int | None = header_row_option(),
    delimiter: str | None = delimiter_option(),
    encoding: str | None = encoding_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update systems from a spreadsheet, all or nothing."""
    from migctl.cli._output import emit_json
    from migctl.services.systems import write as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        summary = service.import_systems(session, appctx.actor(ctx), path=file, sheet=sheet,
                                         header_row=header_row, delimiter=delimiter,
                                         encoding=encoding)
    if fmt == ListFormat.json:
        emit_json(summary.document())
        return
    typer.echo(
        f"imported {summary.rows} systems from {summary.file} ({summary.source}): "
        f"{len(summary.created)} created, {len(summary.updated)} updated, "
        f"{len(summary.unchanged)} unchanged"
    )
