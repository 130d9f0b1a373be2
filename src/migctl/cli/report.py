"""`migctl report`: the steering group's report as one self-contained HTML (or Markdown) file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from migctl.cli._context import app_context
from migctl.cli._lazy import new_app
from migctl.cli._options import Language, lang_option, output_option

app = new_app(no_args_is_help=False)


class DocumentFormat(StrEnum):
    html = "html"
    markdown = "markdown"


@app.command("report")
def report(
    ctx: typer.Context,
    output: Path | None = output_option(),
    fmt: DocumentFormat = typer.Option(
        DocumentFormat.html, "--format", "-f", case_sensitive=False, help="Output format."),
    lang: Language = lang_option("Labels and reasons in English or Finnish."),
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Report as of this date/time (default: now)."),
    ] = None,
) -> None:
    """Write the steering-group report (HTML for e-mail and A4 print, or Markdown)."""
    from migctl.cli.status import as_of_time
    from migctl.render.console import write_text
    from migctl.render.report import report_html, report_markdown
    from migctl.services.status.report import build_report

    appctx = app_context(ctx)
    with appctx.connection() as connection:  # Core only, like status: no SQLModel, no ORM
        document = build_report(connection, now=as_of_time(appctx, connection, as_of))
    render = report_html if fmt == DocumentFormat.html else report_markdown
    write_text(render(document, lang=lang.value), output)
    if output is not None:
        from migctl.cli._output import note

        note(f"wrote {output}")
