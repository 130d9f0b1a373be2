"""`migctl task criteria|gate-check|lint|estimate`: gates decided from evidence, and a
runbook CI can check.

The commands are registered on the `task` app (see :mod:`migctl.cli.tasks`); services do the
work (:mod:`migctl.services.gates`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context, reading, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import (
    CheckFormat,
    ListFormat,
    check_format_option,
    format_option,
    output_option,
)
from migctl.cli._output import View, emit_check, emit_result
from migctl.cli._time import max_age_minutes, now, parse_time

criteria_app = new_app("Gate criteria: what must be true before a gate may pass.")

GateArg = Annotated[str, typer.Argument(help="Gate key, e.g. GATE-1.")]
RequireOpt = Annotated[
    list[str] | None,
    typer.Option("--require", "-r", help="A criterion (repeatable): mapping-valid:SET, "
                 "reconciled:SET, sso-pass[:SYSTEM[:ENV]], tasks-done:KEY,… or "
                 "tasks-done:workstream=NAME, incidents-below:SEVERITY:N, kpi:NAME>=VALUE "
                 "(or <=), recon-clean:NAME, actions-done:category=NAME or KEY,…, "
                 "risks-below:SCORE (see README, Gate criteria)."),
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


# --- criteria --------------------------------------------------------------------------------

@criteria_app.command("add")
def criteria_add(
    ctx: typer.Context,
    gate: GateArg,
    require: RequireOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Add criteria to a gate (unknown sets, systems, tasks and KPIs are refused)."""
    from migctl.services.gates.criteria import add_criteria

    with writing(ctx) as (session, actor):
        added = add_criteria(session, actor, gate=gate, specs=require or [], now=now())
    emit_result(added, fmt, lambda: f"{added[0]['gate']}: added "
                f"{', '.join(row['spec'] for row in added)}")


@criteria_app.command("list")
def criteria_list(
    ctx: typer.Context,
    gate: Annotated[str | None, typer.Argument(help="Gate key (default: every gate).")] = None,
    view: View = View(),
) -> None:
    """List the criteria of one gate, or of every gate."""
    from migctl.render.gates import criteria_columns
    from migctl.services.gates.criteria import list_criteria

    with reading(ctx) as (session, tz):
        rows = list_criteria(session, gate=gate)
    view.listing(rows, criteria_columns(tz), empty="no gate criteria")


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
    from migctl.services.gates.criteria import remove_criteria

    with writing(ctx) as (session, actor):
        removed = remove_criteria(session, actor, gate=gate, specs=require or [],
                                  remove_all=remove_all, now=now())
    emit_result(removed, fmt,
                f"removed {', '.join(row['spec'] for row in removed) or 'nothing'}")


# --- gate check ------------------------------------------------------------------------------

def gate_check(
    ctx: typer.Context,
    gate: GateArg,
    run: RunOpt = None,
    max_age: MaxAgeOpt = "24h",
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluate as of this time "
                                              "(default now).")] = None,
    view: View = View(),
) -> None:
    """Evaluate a gate's criteria with their evidence (exit 1 if any fails)."""
    from migctl.render.gates import gate_check_view
    from migctl.services.gates.check import check_gate
    from migctl.services.runbook.read import run_for_reading

    minutes = max_age_minutes(max_age)
    with reading(ctx) as (session, tz):
        document = check_gate(session, key=gate, run=run_for_reading(session, run),
                              now=parse_time(session, as_of or None, "as_of") or now(),
                              max_age_minutes=minutes)
    view.document(document, lambda: gate_check_view(document, tz))
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
    fmt: CheckFormat = check_format_option(),
    output: Path | None = output_option(),
) -> None:
    """Check the runbook: R001–R007 (exit 1 on errors; warnings too with --strict)."""
    from migctl.render.findings import findings_table
    from migctl.services.gates.lint import LintOptions, lint_runbook
    from migctl.services.runbook.read import source_paths

    with app_context(ctx).session() as session:
        options = LintOptions(window_start=parse_time(session, window_start or None,
                                                      "window_start"),
                              window_end=parse_time(session, window_end or None, "window_end"),
                              point_of_no_return=point_of_no_return)
        report = lint_runbook(session, options=options, now=now())
        paths = source_paths(session)
    emit_check(report, fmt, output, suite="migctl task lint", strict=strict, paths=paths,
               table=lambda: findings_table(report, subject_header="Task", title="Runbook lint"))


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
    view: View = View(),
) -> None:
    """Durations from rehearsal actuals (median; p90 for critical tasks) and their effect."""
    from migctl.render.gates import estimate_view
    from migctl.services.gates.estimate import estimate_durations
    from migctl.values import split_list

    appctx = app_context(ctx)
    with appctx.session(write=apply) as session:
        document = estimate_durations(session, appctx.actor(ctx),
                                      runs=split_list(runs) if runs is not None else None,
                                      apply=apply, now=now())
        tz = appctx.timezone(session)
    view.document(document, lambda: estimate_view(document, tz, show_all=show_all))


#: Commands of `migctl task` defined here (the `criteria` group is added beside them).
COMMANDS: dict[str, Callable[..., None]] = {
    "gate-check": gate_check,
    "lint": lint,
    "estimate": estimate,
}
