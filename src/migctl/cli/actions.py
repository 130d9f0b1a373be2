"""`migctl action …`: the programme's action register (who does what by when)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli import _register as register
from migctl.cli._lazy import new_app
from migctl.cli._options import Bundle, ListFormat, format_option
from migctl.cli._register import CardView, RegisterView

if TYPE_CHECKING:
    from migctl.services.register.write import ActionFields
    from migctl.store.db import Db

app = new_app("Action register: who does what by when.")

CategoryOpt = Annotated[
    str | None, typer.Option("--category", help="development, training, investment, "
                             "wider change (or Finnish), or the programme's own categories.")
]
StatusOpt = Annotated[
    str | None, typer.Option("--status", help="open, in_progress, done or dropped.")
]


@dataclass(frozen=True)
class ActionOptions(Bundle):
    """The fields `action add` and `action set` take."""

    title: register.TitleOpt = None
    category: CategoryOpt = None
    owner: register.OwnerOpt = None
    due: Annotated[str | None, typer.Option(
        "--due", help="Due date, e.g. 2026-12-15 ('' clears).")] = None
    status: StatusOpt = None
    systems: register.SystemsOpt = None
    tasks: register.TasksOpt = None
    incidents: Annotated[str | None, typer.Option(
        "--incidents", help="Linked incident keys, comma-separated.")] = None
    risks: Annotated[str | None, typer.Option(
        "--risks", help="Linked risk keys, comma-separated.")] = None
    notes: register.NotesOpt = None

    def fields(self, db: Db) -> ActionFields:
        from migctl.services.register.write import action_fields

        return action_fields(db, **asdict(self))


@app.command("add")
def add(ctx: typer.Context, given: ActionOptions = ActionOptions(),
        key: str | None = register.key_option("ACT"), fmt: ListFormat = format_option()) -> None:
    """Add an action."""
    from migctl.render.i18n import label
    from migctl.render.register import category_label
    from migctl.services.register import write

    with register.changing(ctx) as change:
        document = write.add_action(change.session, change.actor,
                                    data=given.fields(change.session), now=change.now,
                                    today=change.today, key=key)
    register.emit_one(document, fmt, lambda: label("register.action_added", entry=document["key"],
                                          category=category_label(document["category"])))


@app.command("list")
def list_command(
    ctx: typer.Context,
    status: StatusOpt = None,
    category: CategoryOpt = None,
    owner: register.OwnerOpt = None,
    system: Annotated[str | None, typer.Option("--system", help="Linked to this system.")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    today_text: register.TodayOpt = None,
    view: RegisterView = RegisterView(),
) -> None:
    """List actions: open ones first, by due date."""
    from migctl.render.register import action_columns, action_row_style
    from migctl.services.register.read import list_actions

    with register.reading(ctx, today_text) as seen:
        rows = list_actions(seen.session, today=seen.today, status=status, category=category,
                            owner=owner, system=system, overdue_only=overdue)
    view.listing(rows, action_columns(view.lang.value), empty="register.no_actions",
                 row_style=action_row_style)


@app.command("show")
def show(ctx: typer.Context, key: str, view: CardView = CardView()) -> None:
    """Show one action, the risks it mitigates, and its history."""
    from migctl.render.register import action_card
    from migctl.services.register.read import show_action

    view.show(ctx, lambda db, day: show_action(db, key, today=day), action_card)


@app.command("set")
def set_command(ctx: typer.Context, key: str, given: ActionOptions = ActionOptions(),
                fmt: ListFormat = format_option()) -> None:
    """Change fields of an action (only the options given)."""
    from migctl.render.i18n import label
    from migctl.render.register import action_status_label
    from migctl.services.register import write

    with register.changing(ctx) as change:
        document, changed = write.update_action(
            change.session, change.actor, key=key, data=given.fields(change.session),
            now=change.now, today=change.today)
    register.emit_one(document, fmt, lambda: label(
        "register.action_updated" if changed else "register.action_unchanged",
        entry=document["key"], status=action_status_label(document["status"])))


@app.command("done")
def done(ctx: typer.Context, key: str, note: register.NoteOpt = None,
         fmt: ListFormat = format_option()) -> None:
    """Mark an action done."""
    from migctl.services.register import write

    register.finish_entry(ctx, write.done_action, key, note=note, fmt=fmt,
                          said="register.action_done")


register.add_import_command(
    app, "actions",
    columns=("CSV or XLSX with tunnus/key, toimenpide/title, luokka/"
             "category, vastuuhenkilö/owner, aikataulu/due, tila/status."),
    doc="Create or update actions from a spreadsheet, all or nothing.",
)
