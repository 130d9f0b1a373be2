"""`migctl risk …`: the steering group's risk list, its reviews and the heat map."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import (
    Language,
    ListFormat,
    ReadOptions,
    format_option,
    output_option,
)
from migctl.cli._register import (
    LangOpt,
    NotesOpt,
    OwnerOpt,
    SystemsOpt,
    TitleOpt,
    TodayOpt,
    emit_one,
    import_file,
    now,
    show_entry,
    today,
)

app = new_app("Risk register: scores, mitigations and reviews.")

LikelihoodOpt = Annotated[
    str | None, typer.Option("--likelihood", help="1 (rare) to 5 (almost certain).")
]
ImpactOpt = Annotated[str | None, typer.Option("--impact", help="1 (minor) to 5 (severe).")]
MitigationOpt = Annotated[
    str | None, typer.Option("--mitigation", help="Key of the mitigating action ('' clears).")
]
StatusOpt = Annotated[str | None, typer.Option("--status", help="open or closed.")]


@app.command("add")
def add(
    ctx: typer.Context,
    title: TitleOpt = None,
    owner: OwnerOpt = None,
    likelihood: LikelihoodOpt = None,
    impact: ImpactOpt = None,
    mitigation: MitigationOpt = None,
    systems: SystemsOpt = None,
    notes: NotesOpt = None,
    key: Annotated[
        str | None, typer.Option("--key", help="Explicit key (default: the next RISK-nnn).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Add a risk."""
    from migctl.render.i18n import label
    from migctl.services.register import write

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        data = write.risk_fields(session, title=title, owner=owner, likelihood=likelihood,
                                 impact=impact, mitigation=mitigation, systems=systems,
                                 notes=notes)
        document = write.add_risk(session, appctx.actor(ctx), data=data, now=now(),
                                  today=today(appctx, session, None), key=key)
    emit_one(document, fmt, lambda: label("register.risk_added", entry=document["key"],
                                          score=document["score"]))


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: StatusOpt = None,
    owner: OwnerOpt = None,
    min_score: Annotated[
        str | None, typer.Option("--min-score", help="Only risks scoring this or more (1–25).")
    ] = None,
    system: Annotated[str | None, typer.Option("--system", help="Linked to this system.")] = None,
    heat_map: Annotated[
        bool, typer.Option("--heat-map", help="Show the 5×5 heat map of open risks instead.")
    ] = False,
    today_text: TodayOpt = None,
    lang: LangOpt = Language.en,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List risks: open ones first, highest score first."""
    from migctl.cli._output import emit_listing
    from migctl.render.i18n import label
    from migctl.render.register import (
        heat_map_columns,
        heat_map_rows,
        risk_columns,
        risk_row_style,
    )
    from migctl.services.register import settings
    from migctl.services.register.read import list_risks
    from migctl.services.register.status import heat_map as build_heat_map

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = list_risks(session, today=today(appctx, session, today_text), status=status,
                          owner=owner, min_score=min_score, system=system)
        high = settings.high_score(session)
    if heat_map:
        cells = build_heat_map(rows)
        emit_listing(heat_map_rows(cells), heat_map_columns(lang.value), fmt=fmt.value,
                     output=output, document=cells, title=label("risk_heat_map", lang.value))
        return
    emit_listing(rows, risk_columns(lang.value), fmt=fmt.value, output=output,
                 empty=label("register.no_risks", lang.value), row_style=risk_row_style(high))


@app.command("show")
def show(ctx: typer.Context, key: str, today_text: TodayOpt = None, lang: LangOpt = Language.en,
         fmt: ListFormat = format_option()) -> None:
    """Show one risk, its reviews and its history."""
    from migctl.render.register import risk_card
    from migctl.services.register.read import show_risk

    show_entry(ctx, lambda db, day: show_risk(db, key, today=day), risk_card,
               today_text=today_text, lang=lang, fmt=fmt)


@app.command("set")
def set_command(
    ctx: typer.Context,
    key: str,
    title: TitleOpt = None,
    owner: OwnerOpt = None,
    likelihood: LikelihoodOpt = None,
    impact: ImpactOpt = None,
    mitigation: MitigationOpt = None,
    status: StatusOpt = None,
    systems: SystemsOpt = None,
    notes: NotesOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Change fields of a risk (only the options given); --status open reopens it."""
    from migctl.render.i18n import label
    from migctl.services.register import write

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        data = write.risk_fields(session, title=title, owner=owner, likelihood=likelihood,
                                 impact=impact, mitigation=mitigation, status=status,
                                 systems=systems, notes=notes)
        document, changed = write.update_risk(session, appctx.actor(ctx), key=key, data=data,
                                              now=now(), today=today(appctx, session, None))
    emit_one(document, fmt, lambda: label(
        "register.risk_updated" if changed else "register.risk_unchanged",
        entry=document["key"], score=document["score"]))


@app.command("close")
def close(
    ctx: typer.Context,
    key: str,
    note: Annotated[str | None, typer.Option("--note", help="Added to the notes.")] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Close a risk (it no longer threatens the programme)."""
    from migctl.render.i18n import label
    from migctl.services.register import write

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = write.close_risk(session, appctx.actor(ctx), key=key, now=now(),
                                    today=today(appctx, session, None), note=note)
    emit_one(document, fmt, lambda: label("register.risk_closed", entry=document["key"]))


@app.command("review")
def review(
    ctx: typer.Context,
    key: str,
    by: Annotated[str, typer.Option("--by", help="Who reviewed it (e.g. the steering group).")],
    likelihood: LikelihoodOpt = None,
    impact: ImpactOpt = None,
    note: Annotated[str, typer.Option("--note", help="What the review concluded.")] = "",
    at: Annotated[
        str | None, typer.Option("--at", help="When it was reviewed (default: now).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Record a review of a risk, optionally reassessing its likelihood and impact."""
    from migctl.cli._time import parse_time
    from migctl.render.i18n import label
    from migctl.render.register import trend_label
    from migctl.services.register import write

    appctx = app_context(ctx)
    moment = now()
    with appctx.session(write=True) as session:
        when = parse_time(session, at, "at") or moment
        data = None
        if likelihood is not None or impact is not None:
            data = write.risk_fields(session, likelihood=likelihood, impact=impact)
        document = write.review_risk(session, appctx.actor(ctx), key=key, by=by, at=when,
                                     now=moment, today=today(appctx, session, None), data=data,
                                     note=note)
    emit_one(document, fmt, lambda: label("register.risk_reviewed", entry=document["key"],
                                          score=document["score"],
                                          trend=trend_label(document["trend"])))


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX with tunnus/key, riski/title, vastuuhenkilö/"
                             "owner, todennäköisyys/likelihood, vaikutus/impact, lieventävä "
                             "toimenpide/mitigation.")
    ],
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update risks from a spreadsheet, all or nothing."""
    from migctl.services.register.importer import import_risks

    import_file(ctx, import_risks, "risks", file=file, fmt=fmt, **read.kwargs())
