"""`migctl task …`: the cutover runbook — define tasks, record what happens, plan.

Definitions live here; transitions and gate decisions in :mod:`migctl.cli.tasks_flow`, the
plan, next and timeline views in :mod:`migctl.cli.tasks_plan`, gate criteria, lint and
estimates in :mod:`migctl.cli.gates`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli import gates, tasks_flow, tasks_plan
from migctl.cli._context import reading, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import Bundle, ListFormat, ReadOptions, checked, format_option
from migctl.cli._output import View, emit_document, emit_imported, emit_result
from migctl.cli._time import now, parse_time

if TYPE_CHECKING:
    from sqlmodel import Session

    from migctl.services.runbook.documents import TaskDocument
    from migctl.services.runbook.fields import TaskFields

app = new_app("Cutover runbook: tasks, dependencies, transitions and the plan.")

KeyArg = Annotated[str, typer.Argument(help="Task key, e.g. FIN-010 (case-insensitive).")]
WorkstreamOpt = Annotated[
    str | None, typer.Option("--workstream", "-w", help="Workstream, e.g. Talous, Palkat, SSO.")
]
SystemOpt = Annotated[
    str | None, typer.Option("--system", help="System key the task works on ('' clears).")
]
OwnerOpt = Annotated[str | None, typer.Option("--owner", help="Who does it.")]
RunOpt = Annotated[
    str | None, typer.Option("--run", help="Cutover run to look at (default: the active one).")
]


@dataclass(frozen=True)
class TaskOptions(Bundle):
    """The fields `task add` and `task set` take."""

    title: Annotated[str | None, typer.Option("--title", "-t", help="What is done.")] = None
    workstream: WorkstreamOpt = None
    system: SystemOpt = None
    owner: OwnerOpt = None
    kind: Annotated[str | None, typer.Option(
        "--kind", help="task (default), milestone or gate.")] = None
    duration: Annotated[str | None, typer.Option(
        "--duration", "-d", help="90m, 4h, 2d or 1h30m (milestones: 0m).")] = None
    depends_on: Annotated[list[str] | None, typer.Option(
        "--depends-on", help="Task KEY it waits for (repeat, or comma-separated; on set, '' "
                             "clears).")] = None
    planned_start: Annotated[str | None, typer.Option(
        "--planned-start", help="Fixed start, e.g. '2027-01-02 10:00' ('' clears).")] = None
    rollback_note: Annotated[str | None, typer.Option(
        "--rollback-note", help="How to undo it.")] = None

    def fields(self, session: Session) -> TaskFields:
        from migctl.services.runbook.fields import (
            TaskFields,
            parse_depends_on,
            parse_task_duration,
        )
        from migctl.services.runbook.tasks import parse_kind_option

        data = TaskFields(title=self.title, workstream=self.workstream, system=self.system,
                          owner=self.owner, kind=parse_kind_option(self.kind),
                          rollback_note=self.rollback_note)
        data.duration_minutes = checked("duration", self.duration, parse_task_duration)
        if self.depends_on is not None:
            data.depends_on = checked("depends_on", ",".join(self.depends_on),
                                      parse_depends_on)
        if self.planned_start == "":
            data.clear.add("planned_start")
        else:
            data.planned_start = parse_time(session, self.planned_start, "planned_start")
        return data



def _save(ctx: typer.Context, key: str, given: TaskOptions, *, new: bool) -> TaskDocument:
    """Add the task (``new``) or change it, from the options given."""
    from migctl.services.runbook import tasks as service

    save = service.add_task if new else service.update_task
    with writing(ctx) as (session, actor):
        return save(session, actor, key=key, data=given.fields(session), now=now())


@app.command("add")
def add(ctx: typer.Context, key: KeyArg, given: TaskOptions = TaskOptions(),
        fmt: ListFormat = format_option()) -> None:
    """Add a task (dependencies must exist; cycles are refused)."""
    document = _save(ctx, key, given, new=True)
    emit_result(document, fmt, f"added {document['kind']} {document['key']}")


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
    view: View = View(),
) -> None:
    """List tasks with their status in the active run (or --run)."""
    from migctl.render.runbook import task_columns, task_row_style, task_rows
    from migctl.services.runbook import tasks as service
    from migctl.services.runbook.read import run_for_reading

    with reading(ctx) as (session, tz):
        filters = service.TaskFilter(status=status, owner=owner, workstream=workstream,
                                     system=system, late=late, blocked=blocked)
        rows = service.list_tasks(session, run=run_for_reading(session, run), filters=filters,
                                  now=parse_time(session, as_of or None, "as_of") or now())
    view.listing(task_rows(rows, tz) if not view.json else rows, task_columns(tz),
                 empty="no tasks", row_style=task_row_style)


@app.command("show")
def show(ctx: typer.Context, key: KeyArg, run: RunOpt = None,
         fmt: ListFormat = format_option()) -> None:
    """Show one task, its dependencies, and its state in the active run (or --run)."""
    from migctl.render.runbook import task_detail
    from migctl.services.runbook import tasks as service
    from migctl.services.runbook.read import run_for_reading

    with reading(ctx) as (session, tz):
        document = service.show_task(session, key=key, run=run_for_reading(session, run))
    emit_document(document, fmt, lambda: task_detail(document, tz))


@app.command("set")
def set_command(ctx: typer.Context, key: KeyArg, given: TaskOptions = TaskOptions(),
                fmt: ListFormat = format_option()) -> None:
    """Change a task (only the options given; --depends-on replaces the list)."""
    document = _save(ctx, key, given, new=False)
    emit_result(document, fmt, f"updated {document['kind']} {document['key']} (version "
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

    with writing(ctx) as (session, actor):
        removed = service.remove_task(session, actor, key=key, force=force)
    message = f"removed task {removed.key}"
    if removed.unlinked:
        message += f"; unlinked {', '.join(removed.unlinked)} (they no longer wait for it)"
    typer.echo(message)


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX with key, title, duration, "
                                              "depends_on, … columns.")],
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update tasks from a spreadsheet, all or nothing."""
    from migctl.render.progress import progress_bar
    from migctl.services.runbook.importer import import_runbook

    with writing(ctx) as (session, actor), progress_bar(
            f"reading {file.name}", enabled=None if fmt != ListFormat.json else False) as advance:
        summary = import_runbook(session, actor, path=file, now=now(), progress=advance,
                                 **read.kwargs())
    emit_imported(summary, fmt, f"{summary.rows} tasks", source=summary.source)


for _name, _command in {**tasks_flow.COMMANDS, **tasks_plan.COMMANDS,
                        **gates.COMMANDS}.items():
    app.command(_name)(_command)
app.add_typer(gates.criteria_app, name="criteria")
