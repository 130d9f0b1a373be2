"""`migctl recon …`: prove the load — reconcile the target systems against the legacy."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
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
    kind: Annotated[str, typer.Option("--kind", help="balances, items or payroll.")],
    legacy: Annotated[Path, typer.Option("--legacy", help="Legacy file (trial balance, "
                                         "items or payroll results).", dir_okay=False)],
    target: Annotated[Path, typer.Option("--target", help="Target extract.", dir_okay=False)],
    mapping_set: Annotated[str | None, typer.Option(
        "--set", help="balances: the account mapping set NAME[@N].")] = None,
    cost_objects: Annotated[str | None, typer.Option(
        "--cost-objects", help="balances: a cost-objects set applied with it.")] = None,
    system: Annotated[str | None, typer.Option("--system", help="The target system's key.")
                      ] = None,
    tolerance: Annotated[str | None, typer.Option(
        "--tolerance", help="balances, payroll: differences up to this many euros are "
        "rounding (default 0; payroll 0.01).")] = None,
    key: Annotated[str | None, typer.Option("--key", help="items: key column(s), "
                                            "comma-separated.")] = None,
    compare: Annotated[list[str] | None, typer.Option(
        "--compare", help="items: COL[=RULE], repeatable; RULE: exact (default), 0.01, "
        "0.5%, date, text, map:FILE.")] = None,
    description: Annotated[str, typer.Option("--description")] = "",
    wage_types: Annotated[Path | None, typer.Option(
        "--wage-types", help="payroll: the wage-type mapping (legacy_wage_type, "
        "new_wage_type, income_type, name).", dir_okay=False)] = None,
    key_map: Annotated[Path | None, typer.Option(
        "--key-map", help="payroll: employee key map (legacy_employee_id, new_employee_id).",
        dir_okay=False)] = None,
    tolerance_pct: Annotated[str, typer.Option(
        "--tolerance-pct", help="payroll: differences up to this per cent of the legacy "
        "amount are rounding too (default 0: off).")] = "0",
    fmt: ListFormat = format_option(),
) -> None:
    """Define a reconciliation, or change one (a new version)."""
    from migctl.cli._output import emit_json, emit_line
    from migctl.errors import UsageError
    from migctl.services.recon.write import DefinitionSpec, save_definition
    from migctl.values import parse_decimal

    kind = kind.strip().lower()
    default = "0.01" if kind == "payroll" else "0"
    try:
        parsed_tolerance = parse_decimal(tolerance if tolerance is not None else default)
    except ValueError as exc:
        raise UsageError(f"--tolerance: {exc}") from None
    try:
        parsed_pct = parse_decimal(tolerance_pct.strip().rstrip("%"))
    except ValueError as exc:
        raise UsageError(f"--tolerance-pct: {exc}") from None
    spec = DefinitionSpec(
        name=name, kind=kind, legacy=str(legacy), target=str(target),
        mapping_set=mapping_set, cost_objects=cost_objects, system=system,
        tolerance=parsed_tolerance,
        keys=[k.strip() for k in (key or "").split(",") if k.strip()],
        compare=list(compare or []), description=description,
        wage_types=str(wage_types) if wage_types else "", key_map=str(key_map) if key_map else "",
        tolerance_pct=parsed_pct)
    appctx = app_context(ctx)
    if kind == "payroll":
        _add_payroll(ctx, spec, fmt)
        return
    with appctx.session(write=True) as session:
        document, action = save_definition(session, appctx.actor(ctx), spec, now=_now())
    if fmt == ListFormat.json:
        emit_json(document)
    else:
        emit_line(f"{action} reconciliation {document['name']} (version {document['version']})")


def _add_payroll(ctx: typer.Context, spec: Any, fmt: ListFormat) -> None:
    from migctl.cli._output import emit_json, emit_line
    from migctl.services.recon.payroll_write import save_payroll

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document, action, wage = save_payroll(session, appctx.actor(ctx), spec, now=_now())
    if fmt == ListFormat.json:
        emit_json({**document, "wage_type_mapping": wage})
        return
    emit_line(f"{action} reconciliation {document['name']} (version {document['version']}), "
              f"wage-type mapping version {wage['version']}: {wage['entries']} rows, "
              f"{len(wage['findings'])} finding(s)")
    for finding in wage["findings"]:
        emit_line(f"  {finding['code']} row {finding['row']}: {finding['message']}")


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
        "--engine", help="auto (default), python or duckdb (items, balances).",
        hidden=True)] = "auto",
    key_file: Annotated[Path | None, typer.Option(
        "--key-file", help="payroll: the pseudonym key (default: $MIGCTL_PSEUDONYM_KEY).",
        dir_okay=False)] = None,
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", "-f",
                                    case_sensitive=False, help="Output format."),
    output: Path | None = output_option(),
) -> None:
    """Compare, record the run, and exit 1 unless it is clean."""
    from migctl.cli._output import emit_check, note
    from migctl.render.recon import check_report, run_view
    from migctl.services.recon import runs
    from migctl.services.recon.read import get_definition

    appctx = app_context(ctx)
    started = _now()
    with appctx.connection() as db:
        kind = get_definition(db, name)["kind"]
    if kind == "payroll":
        _run_payroll(ctx, name, legacy=legacy, target=target, cutover_run=cutover_run,
                     export=export, limit=limit, engine=engine, key_file=key_file, fmt=fmt,
                     output=output)
        return
    with appctx.session() as session:
        plan = runs.plan(session, name=name, legacy=legacy, target=target,
                         cutover_run=cutover_run)
    with _reading_bar(name, fmt):
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


def _reading_bar(name: str, fmt: CheckFormat) -> AbstractContextManager[object]:
    """A bar without a total while a run reads and compares its files (the services report no
    counts): on a terminal only, never for ``-f json/junit/github``."""
    from migctl.render.progress import progress_bar

    return progress_bar(f"reading and comparing {name}",
                        enabled=None if fmt == CheckFormat.table else False)


def _run_payroll(ctx: typer.Context, name: str, *, legacy: Path | None, target: Path | None,
                 cutover_run: str | None, export: Path | None, limit: int, engine: str,
                 key_file: Path | None, fmt: CheckFormat, output: Path | None) -> None:
    """A payroll run: the key first (no key, no run), then as for the other kinds."""
    from migctl.cli._output import emit_check, note
    from migctl.render.recon import payroll_report, payroll_view
    from migctl.services.pseudonym import load_key
    from migctl.services.recon import payroll_runs

    pseudonymiser = load_key(key_file)
    appctx = app_context(ctx)
    started = _now()
    with appctx.session() as session:
        plan = payroll_runs.plan(session, name=name, legacy=legacy, target=target,
                                 cutover_run=cutover_run)
    with _reading_bar(name, fmt):
        outcome, used = payroll_runs.compare(plan, pseudonymiser, engine=engine)
    if export is not None:
        written = payroll_runs.export(outcome, export)
        note(f"wrote {written} differences to {export}")
    with appctx.session(write=True) as session:
        document = payroll_runs.record_run(session, appctx.actor(ctx), plan, outcome,
                                           engine=used, started=started, now=_now(),
                                           limit=limit)
    emit_check(payroll_report(document), fmt, output, suite=f"migctl recon {name}",
               table=lambda: payroll_view(document), own_json=document)
    if not document["clean"]:
        raise typer.Exit(1)


@app.command("accept")
def accept(
    ctx: typer.Context,
    name: NameArg,
    reason: Annotated[str, typer.Option("--reason", help="Why it is acceptable.")],
    by: Annotated[str, typer.Option("--by", help="Who decided.")],
    key: Annotated[str | None, typer.Option(
        "--key", help="The difference's key values, comma-separated, in the order of its key "
        "(payroll: PSEUDONYM,INCOME_TYPE[,PERIOD]).")] = None,
    pattern: Annotated[str | None, typer.Option(
        "--pattern", help="payroll: accept a whole pattern by its id (e.g. P213-0.80).")
                       ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Accept one difference of the newest run; it stays accepted while it stays the same."""
    from migctl.cli._output import emit_json, emit_line
    from migctl.errors import UsageError
    from migctl.services.recon.read import get_definition
    from migctl.services.recon.write import accept as accept_difference

    appctx = app_context(ctx)
    with appctx.connection() as db:
        kind = get_definition(db, name)["kind"]
    if kind == "payroll":
        from migctl.services.recon.payroll_write import accept_payroll

        with appctx.session(write=True) as session:
            decision = accept_payroll(
                session, appctx.actor(ctx), name=name, reason=reason, by=by, now=_now(),
                key=[v.strip() for v in key.split(",")] if key else None, pattern=pattern)
        if fmt == ListFormat.json:
            emit_json(decision)
        else:
            emit_line(f"accepted {decision['cause']} under {','.join(decision['key'])} "
                      f"({decision['difference']})")
        return
    if key is None or pattern is not None:
        raise UsageError("--key names the difference (--pattern is for payroll "
                         "reconciliations)")
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
    from migctl.render.recon import history_columns
    from migctl.services.recon.read import history as run_history

    with app_context(ctx).connection() as db:
        rows = run_history(db, name)
        tz = app_context(ctx).timezone(db)
    view.listing(rows, history_columns(tz), empty=f"{name} has not run yet")


@app.command("reveal")
def reveal(
    ctx: typer.Context,
    name: NameArg,
    pseudonym: Annotated[str, typer.Argument(help="The pseudonym, e.g. p-3f9a0c1d2e4b.")],
    legacy: Annotated[Path, typer.Option("--legacy", help="The legacy payroll file to look "
                                         "the employee up in.", dir_okay=False)],
    key_file: Annotated[Path | None, typer.Option(
        "--key-file", help="The pseudonym key (default: $MIGCTL_PSEUDONYM_KEY).",
        dir_okay=False)] = None,
) -> None:
    """Payroll: the employee id behind one pseudonym, found locally with the key (audited)."""
    from migctl.cli._output import emit_line
    from migctl.services.pseudonym import load_key
    from migctl.services.recon.payroll_write import reveal as reveal_one

    pseudonymiser = load_key(key_file)
    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        employee = reveal_one(session, appctx.actor(ctx), name=name, pseudonym=pseudonym,
                              legacy=legacy, pseudonymiser=pseudonymiser, now=_now())
    emit_line(employee)
