"""`migctl action …`: the programme's action register (who does what by when)."""

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
    TasksOpt,
    TitleOpt,
    TodayOpt,
    emit_one,
    import_file,
    now,
    show_entry,
    today,
)

app = new_app("Action register: who does what by when.")

CategoryOpt = Annotated[
    str | None, typer.Option("--category", help="development, training, investment, "
                             "wider change (or Finnish), or the programme's own categories.")
]
DueOpt = Annotated[str | None, typer.Option("--due", help="Due date, e.g. 2026-12-15 ('' clears).")]
StatusOpt = Annotated[
    str | None, typer.Option("--status", help="open, in_progress, done or dropped.")
]
IncidentsOpt = Annotated[
    str | None, typer.Option("--incidents", help="Linked incident keys, comma-separated.")
]
RisksOpt = Annotated[
    str | None, typer.Option("--risks", help="Linked risk keys, comma-separated.")
]


@app.command("add")
def add(
    ctx: typer.Context,
    title: TitleOpt = None,
    category: CategoryOpt = None,
    owner: OwnerOpt = None,
    due: DueOpt = None,
    status: StatusOpt = None,
    systems: SystemsOpt = None,
    tasks: TasksOpt = None,
    incidents: IncidentsOpt = None,
    risks: RisksOpt = None,
    notes: NotesOpt = None,
    key: Annotated[
        str | None, typer.Option("--key", help="Explicit key (default: the next ACT-nnn).")
    ] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Add an action."""
    from migctl.render.i18n import label
    from migctl.render.register import category_label
    from migctl.services.register import write

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        data = write.action_fields(session, title=title, category=category, owner=owner,
                                   due=due, status=status, systems=systems, tasks=tasks,
                                   incidents=incidents, risks=risks, notes=notes)
        document = write.add_action(session, appctx.actor(ctx), data=data, now=now(),
                                    today=today(appctx, session, None), key=key)
    emit_one(document, fmt, lambda: label("register.action_added", entry=document["key"],
                                          category=category_label(document["category"])))


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: StatusOpt = None,
    category: CategoryOpt = None,
    owner: OwnerOpt = None,
    system: Annotated[str | None, typer.Option("--system", help="Linked to this system.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    today_text: TodayOpt = None,
    lang: LangOpt = Language.en,
    fmt: ListFormat = format_option(),
    output: Path | None = output_option(),
) -> None:
    """List actions: open ones first, by due date."""
    from migctl.cli._output import emit_listing
    from migctl.render.i18n import label
    from migctl.render.register import action_columns, action_row_style
    from migctl.services.register.read import list_actions

    appctx = app_context(ctx)
    with appctx.session() as session:
        rows = list_actions(session, today=today(appctx, session, today_text), status=status,
                            category=category, owner=owner, system=system,
                            overdue_only=overdue)
    emit_listing(rows, action_columns(lang.value), fmt=fmt.value, output=output,
                 empty=label("register.no_actions", lang.value), row_style=action_row_style)


@app.command("show")
def show(ctx: typer.Context, key: str, today_text: TodayOpt = None, lang: LangOpt = Language.en,
         fmt: ListFormat = format_option()) -> None:
    """Show one action, the risks it mitigates, and its history."""
    from migctl.render.register import action_card
    from migctl.services.register.read import show_action

    show_entry(ctx, lambda db, day: show_action(db, key, today=day), action_card,
               today_text=today_text, lang=lang, fmt=fmt)


@app.command("set")
def set_command(
    ctx: typer.Context,
    key: str,
    title: TitleOpt = None,
    category: CategoryOpt = None,
    owner: OwnerOpt = None,
    due: DueOpt = None,
    status: StatusOpt = None,
    systems: SystemsOpt = None,
    tasks: TasksOpt = None,
    incidents: IncidentsOpt = None,
    risks: RisksOpt = None,
    notes: NotesOpt = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Change fields of an action (only the options given)."""
    from migctl.render.i18n import label
    from migctl.render.register import action_status_label
    from migctl.services.register import write

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        data = write.action_fields(session, title=title, category=category, owner=owner,
                                   due=due, status=status, systems=systems, tasks=tasks,
                                   incidents=incidents, risks=risks, notes=notes)
        document, changed = write.update_action(session, appctx.actor(ctx), key=key, data=data,
                                                now=now(), today=today(appctx, session, None))
    emit_one(document, fmt, lambda: label(
        "register.action_updated" if changed else "register.action_unchanged",
        entry=document["key"], status=action_status_label(document["status"])))


@app.command("done")
def done(
    ctx: typer.Context,
    key: str,
    note: Annotated[str | None, typer.Option("--note", help="Added to the notes.")] = None,
    fmt: ListFormat = format_option(),
) -> None:
    """Mark an action done."""
    from migctl.render.i18n import label
    from migctl.services.register import write

    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        document = write.done_action(session, appctx.actor(ctx), key=key, now=now(),
                                     today=today(appctx, session, None), note=note)
    emit_one(document, fmt, lambda: label("register.action_done", entry=document["key"]))


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX with tunnus/key, toimenpide/title, luokka/"
                             "category, vastuuhenkilö/owner, aikataulu/due, tila/status.")
    ],
    read: ReadOptions = ReadOptions(),
    fmt: ListFormat = format_option(),
) -> None:
    """Create or update actions from a spreadsheet, all or nothing."""
    from migctl.services.register.importer import import_actions

    import_file(ctx, import_actions, "actions", file=file, fmt=fmt, **read.kwargs())
