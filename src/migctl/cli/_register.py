"""What the register's commands (action, risk, decision) share: the clock, "today", output."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from migctl.cli._options import Language, ListFormat
from migctl.cli._time import now

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.cli._context import AppContext
    from migctl.services.register.documents import ImportSummary
    from migctl.store.db import Db

D = TypeVar("D")

TodayOpt = Annotated[
    str | None,
    typer.Option("--today", help="Count overdue as of this date (default: today)."),
]
LangOpt = Annotated[
    Language, typer.Option("--lang", case_sensitive=False, help="Language of the table.")
]
SystemsOpt = Annotated[
    str | None, typer.Option("--systems", help="Linked system keys, comma-separated ('' clears).")
]
TasksOpt = Annotated[
    str | None, typer.Option("--tasks", help="Linked task keys, comma-separated ('' clears).")
]
NotesOpt = Annotated[str | None, typer.Option("--notes", help="Free text.")]
OwnerOpt = Annotated[str | None, typer.Option("--owner", help="Who is responsible.")]
TitleOpt = Annotated[str | None, typer.Option("--title", help="What it is, in one line.")]


def today(appctx: AppContext, db: Db, text: str | None) -> date:
    """``--today`` as given, else the date now in the programme's time zone."""
    from migctl.cli._time import parse_day
    from migctl.cli._time import today as today_in

    return parse_day(text, "today") or today_in(appctx.timezone(db))


def emit_one(document: object, fmt: ListFormat, message: Callable[[], str]) -> None:
    """A changed entry: its JSON document, or one line saying what happened."""
    from migctl.cli._output import emit_json, emit_line

    if fmt == ListFormat.json:
        emit_json(document)
    else:
        emit_line(message())


def emit_import(summary: ImportSummary, fmt: ListFormat, what: str) -> None:
    from migctl.render.i18n import label

    emit_one(summary.document(), fmt, lambda: label(
        "register.imported", "en", rows=summary.rows, what=label(f"register.what.{what}"),
        file=summary.file, source=summary.source, created=len(summary.created),
        updated=len(summary.updated), unchanged=len(summary.unchanged)))


def show_entry(ctx: typer.Context, fetch: Callable[[Db, date], D],
               card: Callable[[D, tzinfo, str], RenderableType], *, today_text: str | None,
               lang: Language, fmt: ListFormat) -> None:
    """``show``: one entry as JSON or as a card in ``lang``."""
    from migctl.cli._context import app_context
    from migctl.cli._output import emit_json, emit_rich

    appctx = app_context(ctx)
    with appctx.session() as session:
        tz = appctx.timezone(session)
        document = fetch(session, today(appctx, session, today_text))
    if fmt == ListFormat.json:
        emit_json(document)
        return
    emit_rich(card(document, tz, lang.value))


def import_file(ctx: typer.Context, importer: Callable[..., ImportSummary], what: str, *,
                file: Path, fmt: ListFormat, **reading: str | int | None) -> None:
    """``import``: a spreadsheet through ``importer``, all or nothing, then its summary."""
    from migctl.cli._context import app_context

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        summary = importer(session, appctx.actor(ctx), path=file, now=now(),
                           today=today(appctx, session, None), **reading)
    emit_import(summary, fmt, what)

