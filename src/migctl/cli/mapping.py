"""`migctl mapping …`: versioned account and cost-object mappings, their validation for CI,
diff, export and translation."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import app_context, reading, writing
from migctl.cli._lazy import new_app
from migctl.cli._options import (
    CheckFormat,
    DelimiterOpt,
    EncodingOpt,
    ListFormat,
    ReadOptions,
    SheetOpt,
    check_format_option,
    format_option,
    output_option,
)
from migctl.cli._output import (
    View,
    emit_check,
    emit_document,
    emit_json,
    emit_line,
    emit_listing,
    emit_result,
    note,
)
from migctl.cli._time import parse_day, today

if TYPE_CHECKING:
    from migctl.services.mapping.sets import MappingImport

app = new_app("Account and cost-object mappings: import, validate, diff, export, translate.")

SetOpt = Annotated[
    str | None,
    typer.Option("--set", help="Mapping set NAME or NAME@VERSION (default: the only set)."),
]
LegacyChartOpt = Annotated[
    str | None, typer.Option("--legacy-chart", help="Legacy chart key (default: the only one).")
]
TargetChartOpt = Annotated[
    str | None, typer.Option("--target-chart", help="Target chart key (default: the only one).")
]


CostObjectsOpt = Annotated[
    str | None,
    typer.Option("--cost-objects", help="Cost-objects set NAME[@N] applied with the account "
                                        "set: it gives the dimensions the account rule "
                                        "leaves empty."),
]


class SetKind(StrEnum):
    accounts = "accounts"
    cost_objects = "cost-objects"


OnOpt = Annotated[
    str | None,
    typer.Option("--on", help="Apply the rules valid on this date (default: each line's "
                              "period end, else today)."),
]


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class TranslateFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV or XLSX mapping (consultant's workbook).")],
    set_name: Annotated[str, typer.Option("--set", help="Set name; re-import = new version.")],
    system: Annotated[
        str | None,
        typer.Option("--system", help="Target system the set feeds (default: as before)."),
    ] = None,
    kind: Annotated[SetKind | None, typer.Option(
        "--kind", case_sensitive=False,
        help="accounts (legacy account → target account) or cost-objects (legacy dimension "
             "value → target dimensions); default: the set's kind, for a new set accounts.")
    ] = None,
    source_dimension: Annotated[str | None, typer.Option(
        "--source-dimension",
        help="cost-objects: the legacy dimension whose values the file maps, e.g. "
             "kustannuspaikka (default: as before).")] = None,
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Import a mapping spreadsheet as the next version of a set (all or nothing)."""
    from migctl.render.progress import progress_bar
    from migctl.services.mapping.sets import import_mapping

    with writing(ctx) as (session, actor), progress_bar(
            "reading rules", enabled=None if fmt == ListFormat.table else False) as advance:
        result = import_mapping(session, actor, path=file, name=set_name, system=system,
                                kind=kind.value if kind else None,
                                source_dimension=source_dimension, progress=advance,
                                **read.kwargs())
    if result.ignored_columns:
        note(f"note: ignored columns {', '.join(repr(c) for c in result.ignored_columns)} "
             "(not a dimension key; prefix target_ to make one)")
    emit_result(result.document(), fmt, lambda: _imported(result))


def _imported(result: MappingImport) -> str:
    if result.unchanged_since is not None:
        return (f"mapping set {result.name}@{result.version} unchanged: "
                f"{result.file} is the file of its latest version")
    dims = f"; dimensions {', '.join(result.dimensions)}" if result.dimensions else ""
    of = f" ({result.kind} of {result.source_dimension})" if result.source_dimension else ""
    return (f"imported {result.rules} rules from {result.file} ({result.source}) as "
            f"{result.name}@{result.version}{of}{dims}")


@app.command("sets")
def sets_command(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Only this set's versions.")] = None,
    view: View = View(),
) -> None:
    """List mapping sets and their versions."""
    from migctl.render.mapping import set_columns
    from migctl.services.mapping.sets import list_sets

    with app_context(ctx).session() as session:
        rows = list_sets(session, name)
        tz = app_context(ctx).timezone(session)
    view.listing(rows, set_columns(tz), empty="no mapping sets")


@app.command("show")
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="NAME or NAME@VERSION.")],
    view: View = View(),
) -> None:
    """Show the rules of a set version."""
    from migctl.render.mapping import cost_object_rule_columns, rule_columns
    from migctl.services.mapping.sets import show_set

    with app_context(ctx).session() as session:
        document = show_set(session, ref)
    if view.json:
        emit_json(document, view.output)
        return
    head = document["set"]
    co = head["kind"] == "cost-objects"
    of = f" ({head['kind']} of {head['source_dimension']})" if co else ""
    emit_listing(document["rules"], cost_object_rule_columns() if co else rule_columns(),
                 fmt="table", output=view.output,
                 title=f"{head['ref']}{of}: {head['rules']} rules from {head['file']}",
                 empty="no rules")


@app.command("validate")
def validate(
    ctx: typer.Context,
    file: Annotated[Path | None, typer.Argument(
        help="A mapping spreadsheet to check without importing it (as the next version of "
             "--set, else as a new account set); nothing is written.")] = None,
    set_ref: SetOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")
                      ] = False,
    balances: Annotated[Path | None, typer.Option(
        "--balances", help="Ledger lines (account, cost centre, period, amount): M001 for "
                           "money without a rule.")] = None,
    on: OnOpt = None,
    cost_objects: CostObjectsOpt = None,
    legacy_chart: LegacyChartOpt = None,
    target_chart: TargetChartOpt = None,
    fmt: CheckFormat = check_format_option(),
    output: Path | None = output_option(),
    sheet: SheetOpt = None,
    delimiter: DelimiterOpt = None,
    encoding: EncodingOpt = None,
    dry_run: Annotated[bool, typer.Option(
        "--dry-run", help="Check and report, but do not record the run.")] = False,
) -> None:
    """Check a mapping set against the charts and dimensions (exit 1 on errors).

    An account set runs M001–M011 and M014; a cost-objects set M005, M006, M008, M010–M013.
    With --cost-objects, an account rule may leave empty the dimensions that set gives (M007).
    """
    from migctl.render.mapping import validation_view
    from migctl.services.mapping.validate import validate_set

    on_date = parse_day(on, "on")
    record_run = file is None and not dry_run
    with (writing(ctx) if record_run else reading(ctx)) as (session, _):
        result = validate_set(session, app_context(ctx).actor(ctx), ref=set_ref, strict=strict,
                              legacy_chart=legacy_chart, target_chart=target_chart,
                              balances=balances, on=on_date,
                              today=today(app_context(ctx).timezone(session)),
                              reader_options={"sheet": sheet, "delimiter": delimiter,
                                              "encoding": encoding},
                              cost_objects=cost_objects, file=file, record_run=record_run)
    if not result.recorded:
        note("dry run: the validation was not recorded" if file is None
             else f"{result.label} was checked, not imported; nothing was recorded")
    emit_check(result.report, fmt, output, suite=f"migctl mapping validate {result.label}",
               table=lambda: validation_view(result), document=result.head(), strict=strict,
               paths=result.paths)


@app.command("diff")
def diff(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="Older set: NAME or NAME@VERSION.")],
    b: Annotated[str, typer.Argument(help="Newer set: NAME or NAME@VERSION.")],
    view: View = View(),
) -> None:
    """Rules added, removed and changed between two sets or versions, keyed by source."""
    from migctl.render.mapping import diff_view
    from migctl.services.mapping.compare import diff_sets

    with app_context(ctx).session() as session:
        document = diff_sets(session, a, b)
    view.document(document, lambda: diff_view(document))


@app.command("export")
def export(
    ctx: typer.Context,
    set_ref: Annotated[str, typer.Option("--set", help="NAME or NAME@VERSION.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.",
                                         dir_okay=False)],
    fmt: Annotated[ExportFormat | None, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="csv or xlsx (default: from the output's suffix).")] = None,
) -> None:
    """Write a set version to CSV or XLSX that imports back unchanged."""
    from migctl.errors import UsageError
    from migctl.services.mapping.export import export_set

    chosen = fmt.value if fmt is not None else output.suffix.lower().lstrip(".")
    if chosen not in ("csv", "xlsx"):
        raise UsageError("--format csv or xlsx (the output's suffix does not say which)")
    with app_context(ctx).session() as session:
        summary = export_set(session, ref=set_ref, fmt=chosen, output=output)
    emit_line(f"exported {summary['rules']} rules of {summary['set']}@{summary['version']} "
              f"to {summary['output']}")


@app.command("translate")
def translate_command(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(
        help="Ledger lines, CSV or XLSX: account, cost_centre, period, amount (or debit, "
             "credit).")],
    set_ref: SetOpt = None,
    cost_objects: CostObjectsOpt = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False,
        help="Write the translated lines here (.csv, .xlsx or .json).")] = None,
    fmt: Annotated[TranslateFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="csv/xlsx: the lines' format (needs --output); json: the report as JSON; "
             "table (default): the report as tables.")] = TranslateFormat.table,
    on: OnOpt = None,
    aggregate: Annotated[bool, typer.Option(
        "--aggregate", help="Sum the lines by target account, dimensions and period.")
    ] = False,
    legacy_chart: LegacyChartOpt = None,
    target_chart: TargetChartOpt = None,
    read: ReadOptions = ReadOptions(),
) -> None:
    """Translate ledger lines through a mapping set and reconcile them (exit 1 if not).

    With --cost-objects, each line's cost centre (or the set's legacy dimension column) picks
    the cost-object rule that gives the dimensions the account rule leaves empty.
    """
    from migctl.errors import UsageError
    from migctl.render.mapping import translation_view
    from migctl.render.progress import progress_bar
    from migctl.services.mapping.outputs import format_for
    from migctl.services.mapping.translate import prepare, record_translation, translate

    lines_format = None
    if fmt in (TranslateFormat.csv, TranslateFormat.xlsx):
        if output is None:
            raise UsageError(f"--format {fmt.value} is the format of the translated lines: "
                             "give --output FILE")
        lines_format = fmt.value
    elif output is not None:
        lines_format = format_for(output, None,
                                  fallback="json" if fmt == TranslateFormat.json else "csv")
    on_date = parse_day(on, "on")
    with reading(ctx) as (session, tz):
        prepared = prepare(session, ref=set_ref, legacy_chart=legacy_chart,
                           target_chart=target_chart, cost_objects=cost_objects)
        day = today(tz)
    with progress_bar(f"translating {file.name}",
                      enabled=None if fmt != TranslateFormat.json else False) as advance:
        result = translate(prepared, path=file, today=day, on=on_date, output=output,
                           output_format=lines_format or "csv", aggregate=aggregate,
                           progress=advance, **read.kwargs())
    with writing(ctx) as (session, actor):
        record_translation(session, actor, result)
    document = result.document()
    emit_document(document, fmt, lambda: translation_view(document))
    if not result.reconciled:
        raise typer.Exit(1)
