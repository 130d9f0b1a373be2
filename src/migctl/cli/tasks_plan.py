"""`migctl task plan|next|timeline`: the critical path, what can start now, the Gantt view."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._output import View, emit_json, emit_line, emit_listing, emit_rich
from migctl.cli._time import now, parse_time_in

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from migctl.services.runbook.plan import PlanningContext

RunOpt = Annotated[
    str | None, typer.Option("--run", help="Cutover run (default: the active one, else none).")
]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Plan as of this time instead of now (what-if, "
                                             "or replaying a run).")
]
StartOpt = Annotated[
    str | None,
    typer.Option("--start", help="Plan start (default: the earliest of the cutover window start "
                                 "and the fixed planned starts)."),
]


@contextmanager
def _reading(ctx: typer.Context) -> Iterator[Connection]:
    """One read transaction on the store, without the ORM session (see services.runbook.data:
    ``task plan`` on 10,000 tasks must answer within a second, start-up included)."""
    engine = app_context(ctx).engine()
    with engine.connect() as connection, connection.begin():
        yield connection


def _context(connection: Connection, run: str | None, start: str | None, as_of: str | None
             ) -> PlanningContext:
    from migctl.services.runbook.plan import planning_context, programme_zone
    from migctl.services.runbook.read import load_runbook, run_for_reading

    runbook = load_runbook(connection, run_for_reading(connection, run))
    tz = programme_zone(connection)
    begin = parse_time_in(tz, start or None, "start")
    moment = parse_time_in(tz, as_of or None, "as_of") or now()
    return planning_context(connection, runbook, now=moment, start=begin)


def plan(
    ctx: typer.Context,
    start: StartOpt = None,
    run: RunOpt = None,
    as_of: AsOfOpt = None,
    view: View = View(),
) -> None:
    """Plan the runbook: earliest/latest times, slack, the critical path, the end."""
    with _reading(ctx) as connection:
        planning = _context(connection, run, start, as_of)
    result = planning.forecast()
    if view.json:
        from migctl.render.console import write_text
        from migctl.render.runbook_json import plan_json
        from migctl.services.runbook.plan import plan_document

        write_text(plan_json(plan_document(planning.runbook, result)), view.output)
        return
    from migctl.render.runbook import plan_table
    from migctl.services.runbook.plan import moment, schedule_rows

    if not planning.runbook.tasks:
        emit_line("no tasks")
        return
    keys = [t.key for t in planning.runbook.tasks]
    run_doc = planning.runbook.run
    emit_rich(plan_table(schedule_rows(planning, result), planning.tz,
                         start=moment(result.start), end=moment(result.end),
                         critical_path=[keys[i] for i in result.critical_path],
                         run=run_doc.name if run_doc else None), view.output)


def next_command(
    ctx: typer.Context,
    run: RunOpt = None,
    as_of: AsOfOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=0, help="At most N (0: all).")] = 0,
    view: View = View(),
) -> None:
    """Tasks ready to start now (dependencies done), most critical first."""
    from migctl.render.runbook import next_table
    from migctl.services.runbook.plan import next_rows

    with _reading(ctx) as connection:
        planning = _context(connection, run, None, as_of)
    rows = next_rows(planning, planning.forecast(), limit=limit or None)
    if view.json:
        emit_listing(rows, [], fmt="json", output=view.output)
        return
    if not rows:
        emit_line("nothing is ready to start")
        return
    emit_rich(next_table(rows, planning.tz), view.output)


def timeline(
    ctx: typer.Context,
    run: RunOpt = None,
    start: StartOpt = None,
    as_of: AsOfOpt = None,
    from_: Annotated[str | None, typer.Option("--from", help="Show from this time "
                                              "(default: the plan start).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Show until this time "
                                           "(default: the plan end).")] = None,
    workstream: Annotated[str | None, typer.Option("--workstream", "-w",
                                                   help="Only this workstream.")] = None,
    critical: Annotated[bool, typer.Option("--critical", help="Only critical tasks.")] = False,
    view: View = View(),
) -> None:
    """A Gantt chart of the plan: critical tasks highlighted, a now-line."""
    from migctl.render.console import stdout_console
    from migctl.render.timeline import timeline as draw
    from migctl.services.runbook.plan import moment, schedule_rows

    with _reading(ctx) as connection:
        planning = _context(connection, run, start, as_of)
    begin = parse_time_in(planning.tz, from_ or None, "from_")
    end = parse_time_in(planning.tz, to or None, "to")
    result = planning.forecast()
    rows = schedule_rows(planning, result)
    if workstream:
        rows = [r for r in rows if r["workstream"].casefold() == workstream.casefold()]
    if critical:
        rows = [r for r in rows if r["critical"]]
    begin = begin or moment(result.start)
    end = end or moment(result.end)
    rows = [r for r in rows if r["earliest_finish"] >= begin and r["earliest_start"] <= end]
    if view.json:
        emit_json(rows, view.output)
        return
    if not rows:
        emit_line("no tasks in this range")
        return
    width = (120 if view.output else stdout_console().width) - 24
    run_doc = planning.runbook.run
    title = f"Timeline ({run_doc.name if run_doc else 'no run'})"
    emit_rich(draw(rows, tz=planning.tz, start=begin, end=end, now=moment(planning.now),
                   width=width, title=title), view.output)


def forecast(
    ctx: typer.Context,
    simulate: Annotated[int, typer.Option(
        "--simulate", min=1, help="Simulations to run (Monte Carlo over the rehearsals' "
                                  "actuals), e.g. 10000.")],
    seed: Annotated[int | None, typer.Option(
        "--seed", min=0, help="Random seed: the same seed gives the same figures (default: "
                              "a new one, printed).")] = None,
    spread: Annotated[int | None, typer.Option(
        "--spread", min=0, max=100, help="Plan ± this percentage for tasks without rehearsal "
                                         "actuals (default: setting cutover.spread_pct).")] = None,
    start: StartOpt = None,
    run: RunOpt = None,
    as_of: AsOfOpt = None,
    view: View = View(),
) -> None:
    """The odds of making the window: P50/P80/P95 ends, P(within window), criticality."""
    import secrets

    from migctl.services.runbook import confidence_settings
    from migctl.services.runbook.confidence import check_simulations, forecast_window

    check_simulations(simulate)
    chosen = secrets.randbelow(2**32) if seed is None else seed
    with _reading(ctx) as connection:
        planning = _context(connection, run, start, as_of)
        share = confidence_settings.spread(connection) if spread is None else spread / 100
        result = forecast_window(connection, planning, simulations=simulate, seed=chosen,
                                 spread=share)
    from migctl.render.status_window import forecast_view
    from migctl.services.runbook.confidence import forecast_document

    view.document(forecast_document(result), lambda: forecast_view(result, planning.tz))


COMMANDS: dict[str, Callable[..., None]] = {
    "forecast": forecast,
    "plan": plan,
    "next": next_command,
    "timeline": timeline,
}
