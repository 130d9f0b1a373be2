"""Where output goes: stdout for results, stderr for errors and progress.

Rich decides colour by itself (off when not a terminal, off with ``NO_COLOR``); tables use a
light box so piped output stays readable. Text reaching the terminal has its control
characters shown as ``\\x1b`` escapes (:mod:`migctl.textsafe`): a name stored by an older
migctl cannot clear the screen, set the window title or plant a hyperlink. A line break inside
a ``Text`` is shown as a space (:func:`migctl.textsafe.one_line`, as Markdown and annotations
do): a stored name cannot start a line of its own (``::error ::…`` is a workflow command in a
GitHub Actions log). So a view that wants two lines draws two ``Text`` objects (a ``Group``),
never one holding ``"\\n"``; Rich markup strings (a table cell's ``markup=True`` text, which
escapes what people typed) keep their line breaks.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions
    from rich.segment import Segment
    from rich.text import Text


#: Width for tables when stdout is a pipe or file, no terminal is there to follow and COLUMNS
#: is unset (CI logs, cron mail): wide enough that listings do not wrap in logs.
PIPE_WIDTH = 160

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def terminal_width() -> int | None:
    """The width of the terminal a person is at, when stdout is not it (``migctl status |
    less``): stderr's or stdin's; None when there is no terminal."""
    for stream in (sys.stderr, sys.stdin):
        try:
            if stream is not None and stream.isatty():
                return os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            continue
    return None


def output_width() -> int | None:
    """The width stdout is drawn at: COLUMNS when set; a terminal's own width (None: Rich
    asks it); piped, the terminal's width when there is one, else :data:`PIPE_WIDTH`."""
    if os.environ.get("COLUMNS") or sys.stdout.isatty():
        return None
    return terminal_width() or PIPE_WIDTH


@cache
def _safe_console_class() -> type[Console]:
    from rich.console import Console
    from rich.segment import Segment
    from rich.text import Text

    from migctl.textsafe import neutralise

    class SafeConsole(Console):
        """A Console whose text segments (never Rich's own control segments, which carry the
        colours and cursor moves) have their control characters escaped, and whose ``Text``
        renderables show their line breaks as spaces (see the module docstring)."""

        def render(self, renderable: Any, options: ConsoleOptions | None = None
                   ) -> Iterable[Segment]:
            if isinstance(renderable, Text):
                renderable = one_line_text(renderable)
            return super().render(renderable, options)

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                segment if segment.control else Segment(neutralise(segment.text),
                                                        segment.style, None)
                for segment in buffer)

    return SafeConsole


def one_line_text(text: Text) -> Text:
    """``text`` with each run of line breaks shown as one space, its styles kept (the
    ``Text`` form of :func:`migctl.textsafe.one_line`); ``text`` itself when it has none."""
    from rich.text import Span

    from migctl.textsafe import LINE_BREAKS

    plain = text.plain
    runs = [found.span() for found in LINE_BREAKS.finditer(plain)]
    if not runs:
        return text

    def moved(offset: int) -> int:
        shift = 0
        for start, end in runs:
            if offset >= end:
                shift += end - start - 1
            elif offset > start:
                return start - shift + 1
            else:
                break
        return offset - shift

    flat = text.blank_copy(LINE_BREAKS.sub(" ", plain))
    flat.spans = [Span(moved(span.start), moved(span.end), span.style) for span in text.spans
                  if moved(span.start) < moved(span.end)]
    return flat


def stdout_console() -> Console:
    return _safe_console_class()(highlight=False, soft_wrap=False, width=output_width())


def without_blank_runs(text: str) -> str:
    """``text`` with each run of empty lines (spaces and colour codes count as empty) cut to
    one: tables' edges and the blank line between sections do not add up."""
    lines: list[str] = []
    blank = False
    for line in text.split("\n"):
        empty = not _ANSI.sub("", line).strip()
        if empty and blank:
            continue
        lines.append(line)
        blank = empty
    return "\n".join(lines)


def stderr_console() -> Console:
    return _safe_console_class()(stderr=True, highlight=False, soft_wrap=True)


def interactive() -> bool:
    """True when a person is watching: progress bars and colour make sense. Not in CI, not
    with ``NO_COLOR``, and not when either output is a pipe or a file (``migctl … | less``
    must not get a bar drawn over it)."""
    return sys.stderr.isatty() and sys.stdout.isatty() and not os.environ.get("CI") \
        and not os.environ.get("NO_COLOR")


def write_text(text: str, output: Path | None) -> None:
    """Write a finished document to a file (:mod:`migctl.outfiles`: atomic, the user's file
    kept as it was made — mode, links, FIFOs) or to stdout."""
    if output is None:
        if sys.stdout.isatty():
            from migctl.textsafe import neutralise

            text = neutralise(text)
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_file(output, text.encode("utf-8"))


def write_file(output: Path, data: bytes) -> None:
    from migctl.outfiles import write_bytes

    write_bytes(output, data)
