"""`migctl risk …`: the steering group's risk list, its reviews and the heat map."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli import _register as register
from migctl.cli._lazy import new_app
from migctl.cli._options import Bundle, ListFormat, format_option
from migctl.cli._register import CardView, RegisterView

if TYPE_CHECKING:
    from migctl.services.register.write import RiskFields
    from migctl.store.db import Db

app = new_app("Risk register: scores, mitigations and reviews.")

LikelihoodOpt = Annotated[
    str | None, typer.Option("--likelihood", help="1 (rare) to 5 (almost certain).")
]
ImpactOpt = Annotated[str | None, typer.Option("--impact", help="1 (minor) to 5 (severe).")]
StatusOpt = Annotated[str | None, typer.Option("--status", help="open or closed.")]


@dataclass(frozen=True)
class RiskOptions(Bundle):
    """The fields `risk add` and `risk set` take before `risk set`'s ``--status``."""

    title: register.TitleOpt = None
    owner: register.OwnerOpt = None
    likelihood: LikelihoodOpt = None
    impact: ImpactOpt = None
    mitigation: Annotated[str | None, typer.Option(
        "--mitigation", help="Key of the mitigating action ('' clears).")] = None

    def fields(self, db: Db, *, status: str | None = None, systems: str | None,
               notes: str | None) -> RiskFields:
        from migctl.services.register.write import risk_fields

        return risk_fields(db, **asdict(self), status=status, systems=systems, notes=notes)


@app.command("add")
def add(
    ctx: typer.Context,
    given: RiskOptions = RiskOptions(),
    systems: register.SystemsOpt = None,
    notes: register.NotesOpt = None,
    key: str | None = register.key_option("RISK"),
    fmt: ListFormat = format_option(),
) -> None:
    """Add a risk."""
    from migctl.render.i18n import label
    from migctl.services.register import write

    with register.changing(ctx) as change:
        data = given.fields(change.session, systems=systems, notes=notes)
        document = write.add_risk(change.session, change.actor, data=data, now=change.now,
                                  today=change.today, key=key)
    register.emit_one(document, fmt, lambda: label("register.risk_added", entry=document["key"],
                                          score=document["score"]))


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: StatusOpt = None,
    owner: register.OwnerOpt = None,
    min_score: Annotated[
        str | None, typer.Option("--min-score", help="Only risks scoring this or more (1–25).")
    ] = None,
    system: Annotated[str | None, typer.Option("--system", help="Linked to this system.")] = None,
    heat_map: Annotated[
        bool, typer.Option("--heat-map", help="Show the 5×5 heat map of open risks instead.")
    ] = False,
    today_text: register.TodayOpt = None,
    view: RegisterView = RegisterView(),
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

    with register.reading(ctx, today_text) as seen:
        rows = list_risks(seen.session, today=seen.today, status=status, owner=owner,
                          min_score=min_score, system=system)
        high = settings.high_score(seen.session)
    if heat_map:
        cells = build_heat_map(rows)
        emit_listing(heat_map_rows(cells), heat_map_columns(view.lang.value),
                     fmt=view.fmt.value, output=view.output, document=cells,
                     title=label("risk_heat_map", view.lang.value))
        return
    view.listing(rows, risk_columns(view.lang.value), empty="register.no_risks",
                 row_style=risk_row_style(high))


@app.command("show")
def show(ctx: typer.Context, key: str, view: CardView = CardView()) -> None:
    """Show one risk, its reviews and its history."""
    from migctl.render.register import risk_card
    from migctl.services.register.read import show_risk

    view.show(ctx, lambda db, day: show_risk(db, key, today=day), risk_card)


@app.command("set")
def set_command(ctx: typer.Context, key: str, given: RiskOptions = RiskOptions(),
                status: StatusOpt = None, systems: register.SystemsOpt = None,
                notes: register.NotesOpt = None, fmt: ListFormat = format_option()) -> None:
    """Change fields of a risk (only the options given); --status open reopens it."""
    from migctl.render.i18n import label
    from migctl.services.register import write

    with register.changing(ctx) as change:
        data = given.fields(change.session, status=status, systems=systems, notes=notes)
        document, changed = write.update_risk(change.session, change.actor, key=key, data=data,
                                              now=change.now, today=change.today)
    register.emit_one(document, fmt, lambda: label(
        "register.risk_updated" if changed else "register.risk_unchanged",
        entry=document["key"], score=document["score"]))


@app.command("close")
def close(ctx: typer.Context, key: str, note: register.NoteOpt = None,
          fmt: ListFormat = format_option()) -> None:
    """Close a risk (it no longer threatens the programme)."""
    from migctl.services.register import write

    register.finish_entry(ctx, write.close_risk, key, note=note, fmt=fmt,
                          said="register.risk_closed")


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
    from migctl.render.i18n import label
    from migctl.render.register import trend_label
    from migctl.services.register import write

    with register.changing(ctx) as change:
        data = None
        if likelihood is not None or impact is not None:
            data = write.risk_fields(change.session, likelihood=likelihood, impact=impact)
        document = write.review_risk(change.session, change.actor, key=key, by=by,
                                     at=change.at(at), now=change.now, today=change.today,
                                     data=data, note=note)
    register.emit_one(document, fmt, lambda: label("register.risk_reviewed", entry=document["key"],
                                          score=document["score"],
                                          trend=trend_label(document["trend"])))


register.add_import_command(
    app, "risks",
    columns=("CSV or XLSX with tunnus/key, riski/title, vastuuhenkilö/"
             "owner, todennäköisyys/likelihood, vaikutus/impact, lieventävä "
             "toimenpide/mitigation."),
    doc="Create or update risks from a spreadsheet, all or nothing.",
)
