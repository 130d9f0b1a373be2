"""Where output goes: stdout for results, stderr for errors and progress.

Rich decides colour by itself (off when not a terminal, off with ``NO_COLOR``); tables use a
light box so piped output stays readable. Text reaching the terminal has its control
characters shown as ``\\x1b`` escapes (:mod:`migctl.textsafe`): a name stored by an older
migctl cannot clear the screen, set the window title or plant a hyperlink.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.segment import Segment


#: Width for tables when stdout is a pipe or file and COLUMNS is unset: wide enough that
#: listings do not wrap mid-word in logs and CI output.
PIPE_WIDTH = 160


@cache
def _safe_console_class() -> type[Console]:
    from rich.console import Console
    from rich.segment import Segment

    from migctl.textsafe import neutralise

    class SafeConsole(Console):
        """A Console whose text segments (never Rich's own control segments, which carry the
        colours and cursor moves) have their control characters escaped."""

        def _render_buffer(self, buffer: Iterable[Segment]) -> str:
            return super()._render_buffer(
                segment if segment.control else Segment(neutralise(segment.text),
                                                        segment.style, None)
                for segment in buffer)

    return SafeConsole


def stdout_console() -> Console:
    width = None
    if not sys.stdout.isatty() and not os.environ.get("COLUMNS"):
        width = PIPE_WIDTH
    return _safe_console_class()(highlight=False, soft_wrap=False, width=width)


def stderr_console() -> Console:
    return _safe_console_class()(stderr=True, highlight=False, soft_wrap=True)


def interactive() -> bool:
    """True when a person is watching: progress bars and colour make sense."""
    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("NO_COLOR")


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
