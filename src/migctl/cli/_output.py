"""Small helpers commands use to hand results to renderers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.render.tables import Col


def emit_json(document: Any, output: Path | None = None) -> None:
    from migctl.render.console import write_text
    from migctl.render.jsondoc import dumps

    write_text(dumps(document), output)


def emit_rich(renderable: RenderableType, output: Path | None = None) -> None:
    """Print to the terminal, or render as plain text into ``output``."""
    from migctl.render.console import stdout_console, write_text

    if output is None:
        stdout_console().print(renderable)
        return
    import io

    from rich.console import Console

    console = Console(record=True, width=120, file=io.StringIO(), color_system=None)
    console.print(renderable)
    write_text(console.export_text(), output)


def emit_listing(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Col],
    *,
    fmt: str,
    output: Path | None = None,
    title: str | None = None,
    document: Any = None,
    empty: str = "nothing to show",
    row_style: Callable[[Mapping[str, Any]], str | None] | None = None,
) -> None:
    """A listing as JSON (``document`` or the rows) or as a Rich table."""
    if fmt == "json":
        emit_json(rows if document is None else document, output)
        return
    from migctl.render.tables import build_table

    if not rows:
        emit_line(empty)
        return
    emit_rich(build_table(rows, columns, title=title, row_style=row_style), output)


def emit_line(text: str) -> None:
    """A short human message on stdout (plain, no markup)."""
    import sys

    sys.stdout.write(text + "\n")


def note(text: str) -> None:
    """Progress and side remarks go to stderr, so stdout stays clean for pipes."""
    import sys

    sys.stderr.write(text + "\n")
