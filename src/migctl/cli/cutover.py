"""`migctl cutover run …`: rehearsals and the production run, each with its own actuals."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli import gates
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

app = new_app("Cutover runs: rehearsals and the production run.")
run_app = new_app("Start, finish, list, compare and import cutover runs.")
app.add_typer(run_app, name="run")
app.command("settings")(gates.cutover_settings)

AtOpt = Annotated[
    str | None, typer.Option("--at", help="When (default now), e.g. '2026-12-31 16:00'.")
]
KindOpt = Annotated[
    str | None,
    typer.Option("--kind", help="rehearsal or production (default: production for names "
                                "starting with 'prod', else rehearsal)."),
]


@run_app.command("start")
def start(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Run name, e.g. rehearsal-2 or production.")],
    kind: KindOpt = None,
    at: AtOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Start a run; it becomes the active one (only one at a time)."""
    from datetime import UTC, datetime

    from migctl.cli._output import emit_json
    from migctl.cli._time import parse_time
    from migctl.services.runbook.runs import start_run

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        when = parse_time(session, at, "--at") if at else datetime.now(UTC)
        document = start_run(session, appctx.actor(ctx), name=name, kind=kind, at=when)
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        typer.echo(f"started run {document['name']} ({document['kind']}, "
                   f"{document['counts']['total']} tasks to do)")


@run_app.command("finish")
def finish(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Run name (default: the active run).")
                    ] = None,
    at: AtOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Finish although tasks are still in "
                                        "progress.")] = False,
    fmt: ListFormat = format_option(),
) -> None:
    """Finish the active run (or NAME); its actuals are kept for comparison."""
    from datetime import UTC, datetime

    from migctl.cli._output import emit_json
    from migctl.cli._time import parse_time
    from migctl.services.runbook.runs import finish_run

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        when = parse_time(session, at, "--at") if at else datetime.now(UTC)
        document = finish_run(session, appctx.actor(ctx), name=name, at=when, force=force)
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        counts = document["counts"]
        typer.echo(f"finished run {document['name']}: {counts['done']} done, "
                   f"{counts['skipped']} skipped, {counts['todo']} not done of "
                   f"{counts['total']}")


@run_app.command("list")
def list_command(
    ctx: typer.Context,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List the runs, oldest first."""
    from migctl.cli._output import emit_listing
    from migctl.render.runbook import run_columns
    from migctl.services.runbook.runs import list_runs

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = list_runs(session)
        tz = appctx.timezone(session)
    emit_listing(rows, run_columns(tz), fmt=fmt.value, output=output, empty="no runs yet",
                 row_style=lambda r: "bold" if r["status"] == "active" else None)


@run_app.command("compare")
def compare(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(help="A run (compared with the plan).")],
    second: Annotated[str | None, typer.Argument(help="Another run to compare with.")] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many overruns to list.")] = 10,
    all_tasks: Annotated[bool, typer.Option("--all", help="List tasks not done in any of the "
                                            "runs too.")] = False,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """Planned vs actual durations per task and workstream, and the biggest overruns."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.runbook import compare_view
    from migctl.services.runbook.compare import compare_runs

    appctx = app_context(ctx)
    with appctx.session() as session:
        document = compare_runs(session, [first] + ([second] if second else []), top=top)
        tz = appctx.timezone(session)
    if fmt == ListFormat.json:
        emit_json(document, output)
    else:
        emit_rich(compare_view(document, tz, all_tasks=all_tasks), output)


@run_app.command("import")
def import_command(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Run name (created if it does not exist).")],
    file: Annotated[Path, typer.Argument(help="CSV or XLSX with key, status, actual_start, "
                                              "actual_end.")],
    kind: KindOpt = None,
    finish_run: Annotated[bool, typer.Option("--finish", help="Finish the run at the latest "
                                             "actual time.")] = False,
    sheet: str | None = sheet_option(),
    header_row: int | None = header_row_option(),
    delimiter: str | None = delimiter_option(),
    encoding: str | None = encoding_option(),
    fmt: ListFormat = format_option(),
) -> None:
    """Import a run's actuals from a spreadsheet, all or nothing."""
    from datetime import UTC, datetime

    from migctl.cli._output import emit_json
    from migctl.services.runbook.actuals import import_actuals

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        summary = import_actuals(session, appctx.actor(ctx), name=name, path=file,
                                 now=datetime.now(UTC), kind=kind, finish=finish_run,
                                 sheet=sheet, header_row=header_row, delimiter=delimiter,
                                 encoding=encoding)
    if fmt == ListFormat.json:
        emit_json(summary)
        return
    counts = ", ".join(f"{n} {s}" for s, n in summary["by_status"].items() if n)
    typer.echo(f"imported actuals of {summary['rows']} tasks into {summary['run']} "
               f"from {summary['file']}: {counts}"
               + ("; run finished" if summary["finished"] else ""))
