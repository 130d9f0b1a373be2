"""Where output goes: stdout for results, stderr for errors and progress.

Rich decides colour by itself (off when not a terminal, off with ``NO_COLOR``); tables use a
light box so piped output stays readable.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


#: Width for tables when stdout is a pipe or file and COLUMNS is unset: wide enough that
#: listings do not wrap mid-word in logs and CI output.
PIPE_WIDTH = 160


def stdout_console() -> Console:
    from rich.console import Console

    width = None
    if not sys.stdout.isatty() and not os.environ.get("COLUMNS"):
        width = PIPE_WIDTH
    return Console(highlight=False, soft_wrap=False, width=width)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


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
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_file(output, text.encode("utf-8"))


def write_file(output: Path, data: bytes) -> None:
    from migctl.outfiles import write_bytes

    write_bytes(output, data)
