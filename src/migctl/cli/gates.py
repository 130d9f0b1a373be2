"""`migctl task criteria|gate-check|lint|estimate` and `migctl cutover settings`: gates decided
from evidence, and a runbook CI can check.

The commands are registered on the `task` and `cutover` apps (see :mod:`migctl.cli.tasks` and
:mod:`migctl.cli.cutover`); services do the work (:mod:`migctl.services.gates`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import CheckFormat, ListFormat, format_option, output_option

if TYPE_CHECKING:
    from sqlmodel import Session

criteria_app = new_app("Gate criteria: what must be true before a gate may pass.")

GateArg = Annotated[str, typer.Argument(help="Gate key, e.g. GATE-1.")]
RequireOpt = Annotated[
    list[str] | None,
    typer.Option("--require", "-r", help="A criterion (repeatable): mapping-valid:SET, "
                 "reconciled:SET, sso-pass[:SYSTEM[:ENV]], tasks-done:KEY,… or "
                 "tasks-done:workstream=NAME, incidents-below:SEVERITY:N, kpi:NAME>=VALUE "
                 "(or <=)."),
]
RunOpt = Annotated[
    str | None, typer.Option("--run", help="Cutover run tasks-done reads (default: the active "
                                           "one).")
]
MaxAgeOpt = Annotated[
    str, typer.Option("--max-age", help="How old the latest SSO results may be for sso-pass "
                                        "(e.g. 24h, 90m).")
]
WindowStartOpt = Annotated[
    str | None, typer.Option("--window-start", help="Cutover window start, e.g. "
                                                    "'31.12.2026 16:00'.")
]
WindowEndOpt = Annotated[
    str | None, typer.Option("--window-end", help="Cutover window end, e.g. '3.1.2027 20:00'.")
]
PonrOpt = Annotated[
    str | None, typer.Option("--point-of-no-return", help="Task after which there is no way "
                                                          "back, e.g. GATE-2.")
]


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def _time(session: Session, text: str | None, option: str) -> Any:
    from migctl.cli._time import parse_time

    return parse_time(session, text, option) if text else None


# --- criteria --------------------------------------------------------------------------------

@criteria_app.command("add")
def criteria_add(
    ctx: typer.Context,
    gate: GateArg,
    require: RequireOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Add criteria to a gate (unknown sets, systems, tasks and KPIs are refused)."""
    from migctl.cli._output import emit_json
    from migctl.services.gates.criteria import add_criteria

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        added = add_criteria(session, appctx.actor(ctx), gate=gate, specs=require or [],
                             now=_now())
    if fmt == ListFormat.json:
        emit_json(added)
        return
    typer.echo(f"{added[0]['gate']}: added {', '.join(row['spec'] for row in added)}")


@criteria_app.command("list")
def criteria_list(
    ctx: typer.Context,
    gate: Annotated[str | None, typer.Argument(help="Gate key (default: every gate).")] = None,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List the criteria of one gate, or of every gate."""
    from migctl.cli._output import emit_listing
    from migctl.render.gates import criteria_columns
    from migctl.services.gates.criteria import list_criteria

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = list_criteria(session, gate=gate)
        tz = appctx.timezone(session)
    emit_listing(rows, criteria_columns(tz), fmt=fmt.value, output=output,
                 empty="no gate criteria")


@criteria_app.command("remove")
def criteria_remove(
    ctx: typer.Context,
    gate: GateArg,
    require: RequireOpt = None,
    remove_all: Annotated[bool, typer.Option("--all", help="Remove every criterion of the "
                                             "gate.")] = False,
    fmt: ListFormat = format_option(),
) -> None:
    """Remove criteria from a gate (--require SPEC, or --all)."""
    from migctl.cli._output import emit_json
    from migctl.services.gates.criteria import remove_criteria

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        removed = remove_criteria(session, appctx.actor(ctx), gate=gate, specs=require or [],
                                  remove_all=remove_all, now=_now())
    if fmt == ListFormat.json:
        emit_json(removed)
        return
    typer.echo(f"removed {', '.join(row['spec'] for row in removed) or 'nothing'}")


# --- gate check ------------------------------------------------------------------------------

def gate_check(
    ctx: typer.Context,
    gate: GateArg,
    run: RunOpt = None,
    max_age: MaxAgeOpt = "24h",
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluate as of this time "
                                              "(default now).")] = None,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """Evaluate a gate's criteria with their evidence (exit 1 if any fails)."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.cli._time import max_age_minutes
    from migctl.render.gates import gate_check_view
    from migctl.services.gates.check import check_gate
    from migctl.services.runbook.read import run_for_reading

    minutes = max_age_minutes(max_age)
    appctx = app_context(ctx)
    with appctx.session() as session:
        now = _time(session, as_of, "--as-of") or _now()
        document = check_gate(session, key=gate, run=run_for_reading(session, run), now=now,
                              max_age_minutes=minutes)
        tz = appctx.timezone(session)
    if fmt == ListFormat.json:
        emit_json(document, output)
    else:
        emit_rich(gate_check_view(document, tz), output)
    if not document["passed"]:
        raise typer.Exit(1)


# --- lint ------------------------------------------------------------------------------------

def lint(
    ctx: typer.Context,
    window_start: WindowStartOpt = None,
    window_end: WindowEndOpt = None,
    point_of_no_return: PonrOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")
                      ] = False,
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", "-f", case_sensitive=False,
                                    help="Output format."),
    output: Path | None = output_option(),
) -> None:
    """Check the runbook: R001–R007 (exit 1 on errors; warnings too with --strict)."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.console import write_text
    from migctl.render.findings import (
        findings_table,
        github_annotations,
        junit_xml,
        report_document,
    )
    from migctl.services.gates.lint import LintOptions, lint_runbook

    appctx = app_context(ctx)
    with appctx.session() as session:
        options = LintOptions(window_start=_time(session, window_start, "--window-start"),
                              window_end=_time(session, window_end, "--window-end"),
                              point_of_no_return=point_of_no_return)
        report = lint_runbook(session, options=options, now=_now())
    if fmt == CheckFormat.json:
        emit_json(report_document(report), output)
    elif fmt == CheckFormat.junit:
        write_text(junit_xml(report, suite="migctl task lint"), output)
    elif fmt == CheckFormat.github:
        write_text(github_annotations(report), output)
    else:
        emit_rich(findings_table(report, subject_header="Task", title="Runbook lint"), output)
    if report.failed(strict=strict):
        raise typer.Exit(1)


# --- estimate --------------------------------------------------------------------------------

def estimate(
    ctx: typer.Context,
    runs: Annotated[str | None, typer.Option("--runs", help="Finished runs to learn from, "
                                             "e.g. rehearsal-1,rehearsal-2 (default: every "
                                             "finished rehearsal).")] = None,
    apply: Annotated[bool, typer.Option("--apply", help="Write the new durations "
                                        "(audited).")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="List unchanged tasks too.")
                        ] = False,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """Durations from rehearsal actuals (median; p90 for critical tasks) and their effect."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.gates import estimate_view
    from migctl.services.gates.estimate import estimate_durations
    from migctl.values import split_list

    appctx = app_context(ctx)
    with appctx.session(write=apply) as session:
        document = estimate_durations(session, appctx.actor(ctx),
                                      runs=split_list(runs) if runs is not None else None,
                                      apply=apply, now=_now())
        tz = appctx.timezone(session)
    if fmt == ListFormat.json:
        emit_json(document, output)
    else:
        emit_rich(estimate_view(document, tz, show_all=show_all), output)


# --- cutover settings ------------------------------------------------------------------------

def cutover_settings(
    ctx: typer.Context,
    window_start: WindowStartOpt = None,
    window_end: WindowEndOpt = None,
    go_live: Annotated[str | None, typer.Option("--go-live", help="The go-live milestone, "
                                                "e.g. MS-030.")] = None,
    point_of_no_return: PonrOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Show or store the cutover window, go-live milestone and point of no return ('' clears)."""
    from migctl.cli._output import emit_json, emit_rich
    from migctl.render.gates import cutover_settings_view
    from migctl.services.gates.window import update_cutover_settings

    given = {"window_start": window_start, "window_end": window_end, "go_live": go_live,
             "point_of_no_return": point_of_no_return}
    clear = frozenset(name for name, value in given.items() if value == "")
    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = update_cutover_settings(
            session, appctx.actor(ctx),
            window_start=_time(session, window_start, "--window-start"),
            window_end=_time(session, window_end, "--window-end"),
            go_live=go_live or None, point_of_no_return=point_of_no_return or None,
            clear=clear)
        tz = appctx.timezone(session)
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        emit_rich(cutover_settings_view(document, tz))


#: Commands of `migctl task` defined here (the `criteria` group is added beside them).
COMMANDS: dict[str, Callable[..., None]] = {
    "gate-check": gate_check,
    "lint": lint,
    "estimate": estimate,
}
