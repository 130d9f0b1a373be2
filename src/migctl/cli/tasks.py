"""`migctl task …`: the cutover runbook — define tasks, record what happens, plan.

Definitions live here; transitions and gate decisions in :mod:`migctl.cli.tasks_flow`, the
plan, next and timeline views in :mod:`migctl.cli.tasks_plan`, gate criteria, lint and
estimates in :mod:`migctl.cli.gates`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from migctl.cli import gates, tasks_flow, tasks_plan
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

    from sqlmodel import Session

    from migctl.services.runbook.fields import TaskFields

app = new_app("Cutover runbook: tasks, dependencies, transitions and the plan.")

KeyArg = Annotated[str, typer.Argument(help="Task key, e.g. FIN-010 (case-insensitive).")]
TitleOpt = Annotated[str | None, typer.Option("--title", "-t", help="What is done.")]
WorkstreamOpt = Annotated[
    str | None, typer.Option("--workstream", "-w", help="Workstream, e.g. Talous, Palkat, SSO.")
]
SystemOpt = Annotated[
    str | None, typer.Option("--system", help="System key the task works on ('' clears).")
]
OwnerOpt = Annotated[str | None, typer.Option("--owner", help="Who does it.")]
KindOpt = Annotated[
    str | None, typer.Option("--kind", help="task (default), milestone or gate.")
]
DurationOpt = Annotated[
    str | None, typer.Option("--duration", "-d", help="90m, 4h, 2d or 1h30m (milestones: 0m).")
]
DependsOpt = Annotated[
    list[str] | None,
    typer.Option("--depends-on", help="Task KEY it waits for (repeat, or comma-separated; "
                                      "on set, '' clears)."),
]
PlannedOpt = Annotated[
    str | None,
    typer.Option("--planned-start", help="Fixed start, e.g. '2027-01-02 10:00' ('' clears)."),
]
RollbackOpt = Annotated[str | None, typer.Option("--rollback-note", help="How to undo it.")]
RunOpt = Annotated[
    str | None, typer.Option("--run", help="Cutover run to look at (default: the active one).")
]


def _fields(
    session: Session,
    *,
    title: str | None,
    workstream: str | None,
    system: str | None,
    owner: str | None,
    kind: str | None,
    duration: str | None,
    depends_on: list[str] | None,
    planned_start: str | None,
    rollback_note: str | None,
) -> TaskFields:
    from migctl.cli._time import parse_time
    from migctl.errors import UsageError
    from migctl.services.runbook.fields import TaskFields, parse_depends_on, parse_task_duration
    from migctl.services.runbook.tasks import parse_kind_option

    data = TaskFields(title=title, workstream=workstream, system=system, owner=owner,
                      kind=parse_kind_option(kind), rollback_note=rollback_note)
    if duration is not None:
        try:
            data.duration_minutes = parse_task_duration(duration)
        except ValueError as exc:
            raise UsageError(f"--duration: {exc}") from None
    if depends_on is not None:
        try:
            data.depends_on = parse_depends_on(",".join(depends_on))
        except ValueError as exc:
            raise UsageError(f"--depends-on: {exc}") from None
    if planned_start == "":
        data.clear.add("planned_start")
    elif planned_start is not None:
        data.planned_start = parse_time(session, planned_start, "--planned-start")
    return data


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


@app.command("add")
def add(
    ctx: typer.Context,
    key: KeyArg,
    title: TitleOpt = None,
    workstream: WorkstreamOpt = None,
    system: SystemOpt = None,
    owner: OwnerOpt = None,
    kind: KindOpt = None,
    duration: DurationOpt = None,
    depends_on: DependsOpt = None,
    planned_start: PlannedOpt = None,
    rollback_note: RollbackOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Add a task (dependencies must exist; cycles are refused)."""
    from migctl.cli._output import emit_json
    from migctl.services.runbook import tasks as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        data = _fields(session, title=title, workstream=workstream, system=system, owner=owner,
                       kind=kind, duration=duration, depends_on=depends_on,
                       planned_start=planned_start, rollback_note=rollback_note)
        document = service.add_task(session, appctx.actor(ctx), key=key, data=data, now=_now())
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        typer.echo(f"added {document['kind']} {document['key']}")


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option("--status", help="todo, in_progress, done, "
                                               "failed, skipped or blocked.")] = None,
    owner: OwnerOpt = None,
    workstream: WorkstreamOpt = None,
    system: SystemOpt = None,
    late: Annotated[bool, typer.Option("--late", help="Only late tasks.")] = False,
    blocked: Annotated[bool, typer.Option("--blocked", help="Only blocked tasks.")] = False,
    run: RunOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Judge lateness as of this "
                                              "time (default now).")] = None,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List tasks with their status in the active run (or --run)."""
    from migctl.cli._output import emit_listing
    from migctl.cli._time import parse_time
    from migctl.render.runbook import task_columns, task_row_style, task_rows
    from migctl.services.runbook import tasks as service
    from migctl.services.runbook.read import run_for_reading

    appctx = app_context(ctx)
    with appctx.session() as session:
        filters = service.TaskFilter(status=status, owner=owner, workstream=workstream,
                                     system=system, late=late, blocked=blocked)
        now = parse_time(session, as_of, "--as-of") if as_of else _now()
        rows = service.list_tasks(session, run=run_for_reading(session, run), filters=filters,
                                  now=now)
        tz = appctx.timezone(session)
    emit_listing(task_rows(rows, tz) if fmt != ListFormat.json else rows, task_columns(tz),
                 fmt=fmt.value, output=output, empty="no tasks", row_style=task_row_style)


@app.command("show")
def show(ctx: typer.Context, key: KeyArg, run: RunOpt = None,
         fmt: ListFormat = format_option()) -> None:
    """Show one task, its dependencies, and its state in the active run (or --run)."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.runbook import task_detail
    from migctl.services.runbook import tasks as service
    from migctl.services.runbook.read import run_for_reading

    appctx = app_context(ctx)
    with appctx.session() as session:
        document = service.show_task(session, key=key, run=run_for_reading(session, run))
        tz = appctx.timezone(session)
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        emit_rich(task_detail(document, tz))


@app.command("set")
def set_command(
    ctx: typer.Context,
    key: KeyArg,
    title: TitleOpt = None,
    workstream: WorkstreamOpt = None,
    system: SystemOpt = None,
    owner: OwnerOpt = None,
    kind: KindOpt = None,
    duration: DurationOpt = None,
    depends_on: DependsOpt = None,
    planned_start: PlannedOpt = None,
    rollback_note: RollbackOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Change a task (only the options given; --depends-on replaces the list)."""
    from migctl.cli._output import emit_json
    from migctl.services.runbook import tasks as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        data = _fields(session, title=title, workstream=workstream, system=system, owner=owner,
                       kind=kind, duration=duration, depends_on=depends_on,
                       planned_start=planned_start, rollback_note=rollback_note)
        document = service.update_task(session, appctx.actor(ctx), key=key, data=data,
                                       now=_now())
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        typer.echo(f"updated {document['kind']} {document['key']} (version "
                   f"{document['version']})")


@app.command("remove")
def remove(
    ctx: typer.Context,
    key: KeyArg,
    force: Annotated[bool, typer.Option("--force", help="Remove it even if others depend on "
                                        "it (they are unlinked).")] = False,
) -> None:
    """Remove a task (others depending on it need --force)."""
    from migctl.services.runbook import tasks as service

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        removed = service.remove_task(session, appctx.actor(ctx), key=key, force=force)
    message = f"removed task {removed.key}"
    if removed.unlinked:
        message += f"; unlinked {', '.join(removed.unlinked)} (they no longer wait for it)"
    typer.echo(message)


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX with key, title, duration, "
                                              "depends_on, … columns.")],
    sheet: str | None = sheet_option(),
    header_row: int | None = header_row_option(),
    delimiter: str | None = delimiter_option(),
    encoding: str | None = encoding_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update tasks from a spreadsheet, all or nothing."""
    from migctl.cli._output import emit_json
    from migctl.render.progress import progress_bar
    from migctl.services.runbook.importer import import_runbook

    appctx = app_context(ctx)
    with appctx.session(write=True) as session, \
            progress_bar(f"reading {file.name}", enabled=None if fmt != ListFormat.json
                         else False) as advance:
        summary = import_runbook(session, appctx.actor(ctx), path=file, now=_now(), sheet=sheet,
                                 header_row=header_row, delimiter=delimiter, encoding=encoding,
                                 progress=advance)
    if fmt == ListFormat.json:
        emit_json(summary.document())
        return
    typer.echo(
        f"imported {summary.rows} tasks from {summary.file} ({summary.source}): "
        f"{len(summary.created)} created, {len(summary.updated)} updated, "
        f"{len(summary.unchanged)} unchanged"
    )


for _name, _command in tasks_flow.COMMANDS.items():
    app.command(_name)(_command)
for _name, _command in tasks_plan.COMMANDS.items():
    app.command(_name)(_command)
for _name, _command in gates.COMMANDS.items():
    app.command(_name)(_command)
app.add_typer(gates.criteria_app, name="criteria")
