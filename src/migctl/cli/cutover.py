"""`migctl cutover settings|run …`: the cutover window, rehearsals and the production run,
each run with its own actuals."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import app_context, reading, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import ListFormat, ReadOptions, format_option
from migctl.cli._output import View, emit_document, emit_result, import_line
from migctl.cli._time import now, parse_time
from migctl.cli.gates import PonrOpt, WindowEndOpt, WindowStartOpt

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.runbook.documents import RunCounts

app = new_app("Cutover runs: rehearsals and the production run.")
run_app = new_app("Start, finish, list, compare and import cutover runs.")
app.add_typer(run_app, name="run")

AtOpt = Annotated[
    str | None, typer.Option("--at", help="When (default now), e.g. '2026-12-31 16:00'.")
]
KindOpt = Annotated[
    str | None,
    typer.Option("--kind", help="rehearsal or production (default: production for names "
                                "starting with 'prod', else rehearsal)."),
]


@app.command("settings")
def cutover_settings(
    ctx: typer.Context,
    window_start: WindowStartOpt = None,
    window_end: WindowEndOpt = None,
    go_live: Annotated[str | None, typer.Option("--go-live", help="The go-live milestone, "
                                                "e.g. MS-030.")] = None,
    point_of_no_return: PonrOpt = None,
    fmt: ListFormat = format_option(),
    hypercare_end: Annotated[str | None, typer.Option(
        "--hypercare-end", help="The milestone that ends hypercare, e.g. MS-040 (the SSO "
                                "certificate calendar reads it).")] = None,
) -> None:
    """Show or store the cutover window, go-live milestone and point of no return ('' clears)."""
    from migctl.render.gates import cutover_settings_view
    from migctl.services.gates.window import update_cutover_settings
    from migctl.services.runbook.settings import hypercare_end_key
    from migctl.services.sso.cert_calendar import set_hypercare_end

    given = {"window_start": window_start, "window_end": window_end, "go_live": go_live,
             "point_of_no_return": point_of_no_return}
    clear = frozenset(name for name, value in given.items() if value == "")
    with writing(ctx) as (session, actor):
        document = update_cutover_settings(
            session, actor,
            window_start=parse_time(session, window_start or None, "window_start"),
            window_end=parse_time(session, window_end or None, "window_end"),
            go_live=go_live or None, point_of_no_return=point_of_no_return or None,
            clear=clear)
        if hypercare_end is not None:
            set_hypercare_end(session, actor, hypercare_end)
        hypercare = hypercare_end_key(session)
        tz = app_context(ctx).timezone(session)
    emit_document({**document, "hypercare_end": hypercare}, fmt,
                  lambda: _with_hypercare(cutover_settings_view(document, tz), hypercare))


def _with_hypercare(view: RenderableType, hypercare: str | None) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    return Group(view, Text(f"Hypercare ends  {hypercare or '–'}"))


@run_app.command("start")
def start(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Run name, e.g. rehearsal-2 or production.")],
    kind: KindOpt = None,
    at: AtOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Start a run; it becomes the active one (only one at a time)."""
    from migctl.services.runbook.runs import start_run

    with writing(ctx) as (session, actor):
        document = start_run(session, actor, name=name, kind=kind,
                             at=parse_time(session, at or None, "at") or now())
    emit_result(document, fmt, f"started run {document['name']} ({document['kind']}, "
                               f"{document['counts']['total']} tasks to do)")


def counts_line(counts: RunCounts) -> str:
    """``3 done, 1 skipped, 1 failed, 0 blocked, 2 todo of 7``: the parts add up to the total
    (tasks left in progress by ``--force`` are named only when there are some)."""
    parts = [f"{counts['done']} done", f"{counts['skipped']} skipped",
             f"{counts['failed']} failed", f"{counts['blocked']} blocked"]
    if counts["in_progress"]:
        parts.append(f"{counts['in_progress']} in progress")
    parts.append(f"{counts['todo']} todo")
    return ", ".join(parts) + f" of {counts['total']}"


@run_app.command("finish")
def finish(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Run name (default: the active run).")
                    ] = None,
    at: AtOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Finish although tasks are in "
                                        "progress, failed or blocked.")] = False,
    fmt: ListFormat = format_option(),
) -> None:
    """Finish the active run (or NAME); its actuals are kept for comparison."""
    from migctl.services.runbook.runs import finish_run

    with writing(ctx) as (session, actor):
        document = finish_run(session, actor, name=name, force=force,
                              at=parse_time(session, at or None, "at") or now())
    emit_result(document, fmt, f"finished run {document['name']}: "
                               f"{counts_line(document['counts'])}")


@run_app.command("list")
def list_command(ctx: typer.Context, view: View = View()) -> None:
    """List the runs, oldest first."""
    from migctl.render.runbook import run_columns
    from migctl.services.runbook.runs import list_runs

    with reading(ctx) as (session, tz):
        rows = list_runs(session)
    view.listing(rows, run_columns(tz), empty="no runs yet",
                 row_style=lambda r: "bold" if r["status"] == "active" else None)


@run_app.command("compare")
def compare(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="A run (compared with the plan).")],
    second: Annotated[str | None, typer.Argument(help="Another run to compare with.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many overruns to list.")] = 10,
    all_tasks: Annotated[bool, typer.Option("--all", help="List tasks not done in any of the "
                                            "runs too.")] = False,
    view: View = View(),
) -> None:
    """Planned vs actual durations per task and workstream, and the biggest overruns."""
    from migctl.render.runbook import compare_view
    from migctl.services.runbook.compare import compare_runs

    with reading(ctx) as (session, tz):
        document = compare_runs(session, [first] + ([second] if second else []), top=top)
    emit_document(document, view.fmt, lambda: compare_view(document, tz, all_tasks=all_tasks),
                  view.output)


@run_app.command("import")
def import_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Run name (created if it does not exist).")],
    file: Annotated[Path, typer.Argument(help="CSV or XLSX with key, status, actual_start, "
                                              "actual_end.")],
    kind: KindOpt = None,
    finish_run: Annotated[bool, typer.Option("--finish", help="Finish the run at the latest "
                                             "actual time.")] = False,
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Import a run's actuals from a spreadsheet, all or nothing."""
    from migctl.services.runbook.actuals import import_actuals

    with writing(ctx) as (session, actor):
        summary = import_actuals(session, actor, name=name, path=file, now=now(), kind=kind,
                                 finish=finish_run, **read.kwargs())
    counts = [f"{n} {s}" for s, n in summary["by_status"].items() if n]
    emit_result(summary, fmt, lambda: import_line(
        f"actuals of {summary['rows']} tasks into {summary['run']}", summary["file"], None,
        counts) + ("; run finished" if summary["finished"] else ""))
