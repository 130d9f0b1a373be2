"""`migctl recon …`: prove the load — reconcile the target systems against the legacy."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import CheckFormat, ListFormat, format_option, output_option
from migctl.cli._output import View

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from migctl.render.tables import Col

Row = Mapping[str, Any]

app = new_app("Prove the load: target systems against the legacy.")

NameArg = Annotated[str, typer.Argument(help="Reconciliation name, e.g. tb-opening.")]


def _now() -> datetime:
    from datetime import UTC

    return datetime.now(UTC)


def _listing(ctx: typer.Context, view: View, read: Callable[[Connection], Sequence[Row]],
             columns: Sequence[Col], *, empty: str) -> None:
    """Rows ``read`` on a Core connection, shown as ``view`` says (``empty`` when none)."""
    with app_context(ctx).connection() as db:
        rows = read(db)
    view.listing(rows, columns, empty=empty)


@app.command("add")
def add(
    ctx: typer.Context,
    name: NameArg,
    kind: Annotated[str, typer.Option("--kind", help="balances or items.")],
    legacy: Annotated[Path, typer.Option("--legacy", help="Legacy file (trial balance or "
                                         "items).", dir_okay=False)],
    target: Annotated[Path, typer.Option("--target", help="Target extract.", dir_okay=False)],
    mapping_set: Annotated[str | None, typer.Option(
        "--set", help="balances: the account mapping set NAME[@N].")] = None,
    cost_objects: Annotated[str | None, typer.Option(
        "--cost-objects", help="balances: a cost-objects set applied with it.")] = None,
    system: Annotated[str | None, typer.Option("--system", help="The target system's key.")
                      ] = None,
    tolerance: Annotated[str, typer.Option(
        "--tolerance", help="balances: differences up to this many euros are rounding.")] = "0",
    key: Annotated[str | None, typer.Option("--key", help="items: key column(s), "
                                            "comma-separated.")] = None,
    compare: Annotated[list[str] | None, typer.Option(
        "--compare", help="items: COL[=RULE], repeatable; RULE: exact (default), 0.01, "
        "0.5%, date, text, map:FILE.")] = None,
    description: Annotated[str, typer.Option("--description")] = "",
    fmt: ListFormat = format_option(),
) -> None:
    """Define a reconciliation, or change one (a new version)."""
    from migctl.cli._output import emit_json, emit_line
    from migctl.errors import UsageError
    from migctl.services.recon.write import DefinitionSpec, save_definition
    from migctl.values import parse_decimal

    try:
        parsed_tolerance = parse_decimal(tolerance)
    except ValueError as exc:
        raise UsageError(f"--tolerance: {exc}") from None
    spec = DefinitionSpec(
        name=name, kind=kind.strip().lower(), legacy=str(legacy), target=str(target),
        mapping_set=mapping_set, cost_objects=cost_objects, system=system,
        tolerance=parsed_tolerance,
        keys=[k.strip() for k in (key or "").split(",") if k.strip()],
        compare=list(compare or []), description=description)
    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document, action = save_definition(session, appctx.actor(ctx), spec, now=_now())
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        emit_line(f"{action} reconciliation {document['name']} (version {document['version']})")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="TOML file of [[recon]] definitions.",
                                         dir_okay=False)],
    fmt: ListFormat = format_option(),
) -> None:
    """Define reconciliations from a TOML file (all or nothing)."""
    from migctl.cli._output import emit_json, emit_line
    from migctl.services.recon.importer import import_definitions

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        result = import_definitions(session, appctx.actor(ctx), path=file, now=_now())
    if fmt == ListFormat.json:
        emit_json(result)
    else:
        emit_line(", ".join(f"{len(names)} {what}" for what, names in result.items()))


@app.command("list")
def list_(ctx: typer.Context, view: View = View()) -> None:
    """List the reconciliations."""
    from migctl.render.recon import DEFINITION_COLUMNS
    from migctl.services.recon.read import list_definitions

    _listing(ctx, view, list_definitions, DEFINITION_COLUMNS,
             empty="no reconciliations: add one with `migctl recon add`")


@app.command("show")
def show(ctx: typer.Context, name: NameArg, fmt: ListFormat = format_option()) -> None:
    """Show one reconciliation's definition."""
    from migctl.cli._output import emit_json, emit_line
    from migctl.services.recon.read import get_definition

    with app_context(ctx).connection() as db:
        document = get_definition(db, name)
    if fmt == ListFormat.json:
        emit_json(document)
        return
    for field, value in document.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        emit_line(f"{field:>13}: {'' if shown is None else shown}")


@app.command("remove")
def remove(ctx: typer.Context, name: NameArg) -> None:
    """Remove a reconciliation with its runs and decisions."""
    from migctl.cli._output import emit_line
    from migctl.services.recon.write import remove_definition

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        remove_definition(session, appctx.actor(ctx), name=name, now=_now())
    emit_line(f"removed reconciliation {name}")


@app.command("run")
def run(
    ctx: typer.Context,
    name: NameArg,
    legacy: Annotated[Path | None, typer.Option(
        "--legacy", help="This run's legacy file (default: the definition's).",
        dir_okay=False)] = None,
    target: Annotated[Path | None, typer.Option(
        "--target", help="This run's target extract (default: the definition's).",
        dir_okay=False)] = None,
    cutover_run: Annotated[str | None, typer.Option(
        "--run", help="The cutover run it belongs to (default: the active one).")] = None,
    export: Annotated[Path | None, typer.Option(
        "--export", help="Write every difference here (.csv or .xlsx).", dir_okay=False)
                      ] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Differences shown.")] = 1000,
    engine: Annotated[str, typer.Option(
        "--engine", help="auto (default), python or duckdb (items).", hidden=True)] = "auto",
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", "-f",
                                    case_sensitive=False, help="Output format."),
    output: Path | None = output_option(),
) -> None:
    """Compare, record the run, and exit 1 unless it is clean."""
    from migctl.cli._output import emit_check, note
    from migctl.render.recon import check_report, run_view
    from migctl.services.recon import runs

    appctx = app_context(ctx)
    started = _now()
    with appctx.session() as session:
        plan = runs.plan(session, name=name, legacy=legacy, target=target,
                         cutover_run=cutover_run)
    outcome, used = runs.compare(plan, today=started.date(), engine=engine)
    if export is not None:
        written = runs.export(outcome, export)
        note(f"wrote {written} differences to {export}")
    with appctx.session(write=True) as session:
        document = runs.record_run(session, appctx.actor(ctx), plan, outcome, engine=used,
                                   started=started, now=_now(), limit=limit)
    emit_check(check_report(document), fmt, output, suite=f"migctl recon {name}",
               table=lambda: run_view(document), own_json=document)
    if not document["clean"]:  # every failing cause is an error in the report: exit 1 above
        raise typer.Exit(1)


@app.command("accept")
def accept(
    ctx: typer.Context,
    name: NameArg,
    key: Annotated[str, typer.Option("--key", help="The difference's key values, "
                                     "comma-separated, in the order of its key.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is acceptable.")],
    by: Annotated[str, typer.Option("--by", help="Who decided.")],
    fmt: ListFormat = format_option(),
) -> None:
    """Accept one difference of the newest run; it stays accepted while it stays the same."""
    from migctl.cli._output import emit_json, emit_line
    from migctl.services.recon.write import accept as accept_difference

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = accept_difference(session, appctx.actor(ctx), name=name,
                                     key=[v.strip() for v in key.split(",")], reason=reason,
                                     by=by, now=_now())
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        emit_line(f"accepted {document['cause']} under {key} ({document['difference']})")


@app.command("decisions")
def decisions(ctx: typer.Context, name: NameArg, view: View = View()) -> None:
    """List the reviewers' decisions on a reconciliation."""
    from migctl.render.recon import DECISION_COLUMNS
    from migctl.services.recon.read import list_decisions

    _listing(ctx, view, lambda db: list_decisions(db, name), DECISION_COLUMNS,
             empty=f"no decisions on {name}")


@app.command("history")
def history(ctx: typer.Context, name: NameArg, view: View = View()) -> None:
    """Every run of a reconciliation, across rehearsals."""
    from migctl.render.recon import HISTORY_COLUMNS
    from migctl.services.recon.read import history as run_history

    _listing(ctx, view, lambda db: run_history(db, name), HISTORY_COLUMNS,
             empty=f"{name} has not run yet")
