"""`migctl status`: the one screen a project lead reads first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import Language, ReportFormat, lang_option, output_option

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Connection

    from migctl.cli._context import AppContext
    from migctl.services.status.documents import StatusDocument

app = new_app(no_args_is_help=False)


@app.command("status")
def status(
    ctx: typer.Context,
    fmt: ReportFormat = typer.Option(
        ReportFormat.table, "--format", "-f", case_sensitive=False, help="Output format."),
    output: Path | None = output_option(),
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Show the status as of this date/time (default: now)."),
    ] = None,
    lang: Language = lang_option("The screen, Markdown and HTML in English or Finnish (labels, "
                                 "dates, reasons); JSON carries each reason's code and params."),
) -> None:
    """Show the programme status at a glance."""
    from migctl.errors import UsageError
    from migctl.services.status.sections import build_status

    if lang != Language.en and fmt == ReportFormat.json:
        raise UsageError(f"--lang {lang.value} needs -f table, markdown or html (JSON has "
                         "each reason's code and params)")
    appctx = app_context(ctx)
    with appctx.connection() as connection:  # Core only: no SQLModel, no ORM to import
        document = build_status(connection, now=as_of_time(appctx, connection, as_of))
    show_status(document, fmt.value, output, lang=lang.value)


def as_of_time(appctx: AppContext, connection: Connection, as_of: str | None
               ) -> datetime | None:
    """``--as-of`` in the programme's zone (None: now), for `status` and `report`."""
    from migctl.errors import UsageError
    from migctl.values import parse_datetime

    if not as_of:
        return None
    try:
        return parse_datetime(as_of, appctx.timezone(connection))
    except ValueError as exc:
        raise UsageError(f"--as-of: {exc}") from None


def show_status(document: StatusDocument, fmt: str, output: Path | None, *,
                lang: str = "en") -> None:
    """JSON, Markdown or HTML documents; a Rich screen (or its plain text) otherwise."""
    from migctl.cli._output import emit_json, emit_rich

    if fmt == "json":
        emit_json(document, output)
        return
    if fmt in ("markdown", "html"):
        from migctl.render.console import write_text
        from migctl.render.status_documents import render_html, render_markdown

        render = render_html if fmt == "html" else render_markdown
        write_text(render(document, lang=lang), output)
        return
    from migctl.render.status_view import render_status

    emit_rich(render_status(document, lang), output)
