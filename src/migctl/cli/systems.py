"""`migctl system …`: the inventory of legacy and target systems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import app_context, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import Bundle, ListFormat, ReadOptions, checked, format_option
from migctl.cli._output import View, emit_document, emit_imported, emit_result
from migctl.cli._time import parse_day

if TYPE_CHECKING:
    from migctl.services.systems.documents import SystemDocument
    from migctl.services.systems.write import SystemFields

app = new_app("Systems inventory: legacy and target systems.")

RoleOpt = Annotated[str | None, typer.Option("--role", help="legacy or target.")]
DomainOpt = Annotated[
    str | None, typer.Option("--domain", help="finance, procurement, payroll, hr, budgeting, …")
]
StatusOpt = Annotated[
    str | None,
    typer.Option("--status", help="planned, in_progress, parallel_run, live or retired."),
]


@dataclass(frozen=True)
class SystemOptions(Bundle):
    """The fields `system add` and `system set` take."""

    name: Annotated[str | None, typer.Option("--name", help="Display name.")] = None
    role: RoleOpt = None
    domain: DomainOpt = None
    vendor: Annotated[str | None, typer.Option("--vendor")] = None
    owner: Annotated[str | None, typer.Option("--owner")] = None
    status: StatusOpt = None
    go_live: Annotated[str | None, typer.Option(
        "--go-live", help="Planned go-live date (YYYY-MM-DD, '' clears).")] = None
    actual_go_live: Annotated[str | None, typer.Option(
        "--actual-go-live", help="Actual go-live date ('' clears).")] = None
    retire_date: Annotated[str | None, typer.Option(
        "--retire-date", help="Retire date ('' clears).")] = None
    env: Annotated[list[str] | None, typer.Option(
        "--env", help="Directory environment (repeat, or comma-separated).")] = None
    replaces: Annotated[list[str] | None, typer.Option(
        "--replaces", help="Legacy system KEY this target replaces (repeatable).")] = None
    notes: Annotated[str | None, typer.Option("--notes")] = None

    def fields(self, *, default_status: str | None = None) -> SystemFields:
        from migctl import values
        from migctl.services.systems import write as service

        data = service.SystemFields(
            name=self.name,
            role=checked("role", self.role, service.normalize_role),
            domain=checked("domain", self.domain, service.normalize_domain),
            vendor=self.vendor,
            owner=self.owner,
            status=checked("status", self.status if default_status is None
                           else self.status or default_status, service.normalize_status),
            environments=None if self.env is None else checked(
                "env", ",".join(self.env),
                lambda t: service.normalize_environments(values.split_list(t))),
            notes=self.notes,
        )
        for field, attr in (("go_live", "planned_go_live"), ("actual_go_live", "actual_go_live"),
                            ("retire_date", "retire_date")):
            text = getattr(self, field)
            if text == "":
                data.clear.add(attr)
            elif text is not None:
                setattr(data, attr, parse_day(text, field))
        return data

    def replaced(self) -> list[str] | None:
        from migctl.values import split_list

        return None if self.replaces is None else [
            k for item in self.replaces for k in split_list(item)]



def _save(ctx: typer.Context, key: str, given: SystemOptions, *, new: bool) -> SystemDocument:
    """Add the system (``new``: an unset status is planned) or change it, from the options
    given."""
    from migctl.services.systems import write as service

    save = service.add_system if new else service.update_system
    data = given.fields(default_status="planned") if new else given.fields()
    with writing(ctx) as (session, actor):
        return save(session, actor, key=key, data=data, replaces=given.replaced())


@app.command("add")
def add(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Short key, e.g. raindance.")],
    given: SystemOptions = SystemOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Add a system."""
    document = _save(ctx, key, given, new=True)
    emit_result(document, fmt, f"added system {document['key']}")


@app.command("list")
def list_command(
    ctx: typer.Context,
    role: RoleOpt = None,
    status: StatusOpt = None,
    domain: DomainOpt = None,
    view: View = View(),
) -> None:
    """List systems, targets first, by go-live."""
    from migctl.render.listings import system_columns
    from migctl.services.systems import write as service

    with app_context(ctx).session() as session:
        rows = service.list_systems(session, role=role, status=status, domain=domain)
    view.listing(rows, system_columns(), empty="no systems")


@app.command("show")
def show(ctx: typer.Context, key: str, fmt: ListFormat = format_option()) -> None:
    """Show one system."""
    from migctl.render.listings import field_card
    from migctl.services.systems import write as service

    with app_context(ctx).session() as session:
        document = service.show_system(session, key)
    emit_document(document, fmt, lambda: field_card(document))


@app.command("set")
def set_command(ctx: typer.Context, key: str, given: SystemOptions = SystemOptions(),
                fmt: ListFormat = format_option()) -> None:
    """Change fields of a system (only the options given)."""
    document = _save(ctx, key, given, new=False)
    emit_result(document, fmt, f"updated system {document['key']}")


@app.command("remove")
def remove(ctx: typer.Context, key: str) -> None:
    """Remove a system and its replacement links."""
    from migctl.services.systems import write as service

    with writing(ctx) as (session, actor):
        document = service.remove_system(session, actor, key=key)
    typer.echo(f"removed system {document['key']}")


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX with key, name, role, … columns.")],
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update systems from a spreadsheet, all or nothing."""
    from migctl.services.systems import write as service

    with writing(ctx) as (session, actor):
        summary = service.import_systems(session, actor, path=file, **read.kwargs())
    emit_imported(summary, fmt, f"{summary.rows} systems", source=summary.source)
