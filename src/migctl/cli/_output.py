"""Small helpers commands use to hand results to renderers.

Light to import (Rich and the renderers are imported when used), so command modules import
it at the top.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol, assert_never

import typer

from migctl.cli._options import OUTPUT_HELP, Bundle, CheckFormat, ListFormat

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.checks import CheckReport
    from migctl.render.tables import Col


def emit_json(document: Any, output: Path | None = None) -> None:
    from migctl.render.console import write_text
    from migctl.render.jsondoc import dumps

    write_text(dumps(document), output)


def emit_rich(renderable: RenderableType, output: Path | None = None) -> None:
    """Print to the terminal, or render as plain text into ``output`` (runs of empty lines
    cut to one either way)."""
    from migctl.render.console import stdout_console, without_blank_runs, write_text

    if output is None:
        console = stdout_console()
        with console.capture() as captured:
            console.print(renderable)
        write_text(without_blank_runs(captured.get()), None)
        return
    import io

    from rich.console import Console

    console = Console(record=True, width=120, file=io.StringIO(), color_system=None)
    console.print(renderable)
    write_text(without_blank_runs(console.export_text()), output)


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


@dataclass(frozen=True)
class View(Bundle):
    """``-f/--format table|json`` and ``-o/--output FILE``: how a command shows what it read."""

    fmt: Annotated[ListFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="Output format.")] = ListFormat.table
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help=OUTPUT_HELP, dir_okay=False, writable=True)] = None

    @property
    def json(self) -> bool:
        return self.fmt == ListFormat.json

    def listing(self, rows: Sequence[Mapping[str, Any]], columns: Sequence[Col],
                **options: Any) -> None:
        emit_listing(rows, columns, fmt=self.fmt.value, output=self.output, **options)

    def document(self, document: object, draw: Callable[[], RenderableType]) -> None:
        emit_document(document, self.fmt, draw, self.output)


def emit_line(text: str) -> None:
    """A short human message on stdout (plain, no markup)."""
    import sys

    sys.stdout.write(text + "\n")


def note(text: str) -> None:
    """Progress and side remarks go to stderr, so stdout stays clean for pipes."""
    import sys

    sys.stderr.write(text + "\n")


def emit_result(document: object, fmt: str, line: str | Callable[[], str]) -> None:
    """What a command did: its JSON ``document`` with ``-f json``, else one ``line`` of text."""
    if fmt == "json":
        emit_json(document)
        return
    typer.echo(line if isinstance(line, str) else line())


def emit_document(document: object, fmt: str, view: Callable[[], RenderableType],
                  output: Path | None = None) -> None:
    """A document as JSON with ``-f json``, else drawn by ``view``."""
    if fmt == "json":
        emit_json(document, output)
    else:
        emit_rich(view(), output)


def emit_check(
    report: CheckReport,
    fmt: CheckFormat,
    output: Path | None,
    *,
    suite: str,
    table: Callable[[], RenderableType],
    document: Mapping[str, object] | None = None,
    strict: bool = False,
    own_json: object = None,
    paths: Mapping[str, str] | None = None,
) -> None:
    """A check's report in ``fmt``, then its verdict: exit 1 when it failed (``strict``: when
    it warned too). ``table`` draws the terminal view; ``document`` leads the JSON, or
    ``own_json`` replaces it for a check whose JSON has a documented shape of its own.
    ``paths`` names the findings' files as given (base name → path) for GitHub annotations.

    Every :class:`CheckFormat` is rendered here, so a new format fails mypy (``assert_never``)
    until it is written for every check.
    """
    from migctl.render.console import write_text
    from migctl.render.findings import github_annotations, junit_xml, report_document

    match fmt:
        case CheckFormat.table:
            emit_rich(table(), output)
        case CheckFormat.json:
            emit_json(own_json if own_json is not None
                      else report_document(report, **(document or {})), output)
        case CheckFormat.junit:
            write_text(junit_xml(report, suite=suite, strict=strict), output)
        case CheckFormat.github:
            write_text(github_annotations(report, paths=paths), output)
        case _:
            assert_never(fmt)
    if report.failed(strict=strict):
        if output is not None:  # the report went to a file: say on stderr that it failed
            note(check_failed_line(suite, report, output, strict=strict))
        raise typer.Exit(1)


def check_failed_line(suite: str, report: CheckReport, output: Path, *, strict: bool) -> str:
    """The one stderr line of a failed check whose report was written to ``output``."""
    from migctl.values import counted

    why = " (--strict: warnings fail too)" if strict and not report.errors else ""
    return (f"{suite}: failed{why}: {counted(report.errors, 'error')}, "
            f"{counted(report.warnings, 'warning')}; report written to {output}")


class Imported(Protocol):
    """An import summary: its JSON document, the file it read, the keys it created, updated
    and left unchanged."""

    @property
    def file(self) -> str: ...
    @property
    def created(self) -> Sized: ...
    @property
    def updated(self) -> Sized: ...
    @property
    def unchanged(self) -> Sized: ...
    def document(self) -> Any: ...


def import_line(what: str, file: str, source: str | None, counts: Iterable[str]) -> str:
    """The one line every import prints: ``imported WHAT from FILE (SOURCE): COUNTS``."""
    where = f" ({source})" if source else ""
    return f"imported {what} from {file}{where}: {', '.join(counts)}"


def emit_imported(summary: Imported, fmt: str, what: str, *, source: str | None = None,
                  more: Sequence[str] = ()) -> None:
    """An import's summary: its document with ``-f json``, else the import line with the
    created, updated and unchanged counts (and ``more``)."""
    counts = [f"{len(summary.created)} created", f"{len(summary.updated)} updated",
              f"{len(summary.unchanged)} unchanged", *more]
    emit_result(summary.document(), fmt, import_line(what, summary.file, source, counts))
