"""What the register's commands (action, risk, decision) share: option bundles, sessions with
the clock and "today", the done/close and import commands, output."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from migctl.cli._lazy import App
from migctl.cli._options import (
    OUTPUT_HELP,
    Bundle,
    Language,
    ListFormat,
    ReadOptions,
    format_option,
)
from migctl.cli._time import now

if TYPE_CHECKING:
    from rich.console import RenderableType
    from sqlmodel import Session

    from migctl.importers.summary import ImportSummary
    from migctl.render.tables import Col
    from migctl.services.audit import Actor
    from migctl.store.db import Db

D = TypeVar("D")

TodayOpt = Annotated[
    str | None, typer.Option("--today", help="Count overdue as of this date (default: today).")
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
NoteOpt = Annotated[str | None, typer.Option("--note", help="Added to the notes.")]


def key_option(prefix: str) -> Any:
    """``--key``: an explicit key instead of the next ``PREFIX-nnn``."""
    return typer.Option(None, "--key", help=f"Explicit key (default: the next {prefix}-nnn).")


@dataclass(frozen=True)
class RegisterView(Bundle):
    """``--lang``, ``-f/--format`` and ``-o/--output``: how a register listing is shown."""

    lang: LangOpt = Language.en
    fmt: Annotated[ListFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="Output format.")] = ListFormat.table
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help=OUTPUT_HELP, dir_okay=False, writable=True)] = None

    def listing(self, rows: Sequence[Mapping[str, Any]], columns: Sequence[Col], *,
                empty: str, **options: Any) -> None:
        """``rows`` as JSON or as a table; ``empty`` is the label key said when there are none."""
        from migctl.cli._output import emit_listing
        from migctl.render.i18n import label

        emit_listing(rows, columns, fmt=self.fmt.value, output=self.output,
                     empty=label(empty, self.lang.value), **options)


@dataclass(frozen=True)
class CardView(Bundle):
    """``--today``, ``--lang`` and ``-f/--format``: how `show` draws one entry."""

    today_text: TodayOpt = None
    lang: LangOpt = Language.en
    fmt: Annotated[ListFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="Output format.")] = ListFormat.table

    def show(self, ctx: typer.Context, fetch: Callable[[Db, date], D],
             card: Callable[[D, tzinfo, str], RenderableType]) -> None:
        """The entry ``fetch`` reads as JSON, or drawn by ``card`` in ``--lang``."""
        show_entry(ctx, fetch, card, today_text=self.today_text, lang=self.lang, fmt=self.fmt)


def _today(tz: tzinfo, text: str | None) -> date:
    """``--today`` as given, else the date now in the programme's time zone ``tz``."""
    from migctl.cli._time import parse_day
    from migctl.cli._time import today as today_in

    return parse_day(text, "today") or today_in(tz)


@dataclass(frozen=True)
class Reading:
    """An open read session on the register, the programme's time zone and "today"."""

    session: Session
    tz: tzinfo
    today: date


@contextmanager
def reading(ctx: typer.Context, today_text: str | None = None) -> Iterator[Reading]:
    """A read session, its time zone and ``--today`` (default: today there)."""
    from migctl.cli._context import reading as read_session

    with read_session(ctx) as (session, tz):
        yield Reading(session, tz, _today(tz, today_text))


@dataclass(frozen=True)
class Change:
    """What every register change needs: the write session, the actor, the clock and today."""

    session: Session
    actor: Actor
    now: datetime
    today: date

    def at(self, text: str | None) -> datetime:
        """``--at`` as given (in the programme's time zone), else now."""
        from migctl.cli._time import parse_time

        return parse_time(self.session, text, "at") or self.now


@contextmanager
def changing(ctx: typer.Context) -> Iterator[Change]:
    """A write session with the command's actor, now, and today in the programme's zone."""
    from migctl.cli._context import app_context, writing

    with writing(ctx) as (session, actor):
        tz = app_context(ctx).timezone(session)
        yield Change(session, actor, now(), _today(tz, None))


def finish_entry(ctx: typer.Context, finish: Callable[..., Mapping[str, object]], key: str, *,
                 note: str | None, fmt: ListFormat, said: str) -> None:
    """``done``/``close``: ``finish`` the entry ``key``, adding ``note`` to its notes; the
    line printed is the label ``said``."""
    from migctl.render.i18n import label

    with changing(ctx) as change:
        document = finish(change.session, change.actor, key=key, now=change.now,
                          today=change.today, note=note)
    emit_one(document, fmt, lambda: label(said, entry=document["key"]))


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
    from migctl.cli._output import emit_json, emit_rich

    with reading(ctx, today_text) as seen:
        document = fetch(seen.session, seen.today)
    if fmt == ListFormat.json:
        emit_json(document)
        return
    emit_rich(card(document, seen.tz, lang.value))


def import_file(ctx: typer.Context, importer: Callable[..., ImportSummary], what: str, *,
                file: Path, fmt: ListFormat, **reading: str | int | None) -> None:
    """``import``: a spreadsheet through ``importer``, all or nothing, then its summary."""
    with changing(ctx) as change:
        summary = importer(change.session, change.actor, path=file, now=change.now,
                           today=change.today, **reading)
    emit_import(summary, fmt, what)


def add_import_command(app: App, what: str, *, columns: str, doc: str) -> None:
    """Give ``app`` its ``import FILE`` command: ``import_WHAT`` of
    :mod:`migctl.services.register.importer`; ``columns`` is FILE's help, ``doc`` the
    command's."""

    def import_command(ctx: typer.Context, file: Path, read: ReadOptions = ReadOptions(),
                       fmt: ListFormat = format_option()) -> None:
        from migctl.services.register import importer

        import_file(ctx, getattr(importer, f"import_{what}"), what, file=file, fmt=fmt,
                    **read.kwargs())

    import_command.__doc__ = doc
    import_command.__annotations__["file"] = Annotated[Path, typer.Argument(help=columns)]
    app.command("import")(import_command)
