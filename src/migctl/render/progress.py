"""Progress for long work: a Rich bar on stderr when a person watches, silence otherwise.

Services take an optional ``progress`` callback (``Callable[[int], None]``, units done so far);
they never import Rich. The CLI passes :func:`progress_bar`'s callback. The bar shows only on
a terminal: never with ``-f json`` (the command passes ``enabled=False``), in CI, with
``NO_COLOR``, or when stdout or stderr is a pipe or a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from migctl.render.console import interactive

Advance = Callable[[int], None]


def _noop(_: int) -> None:
    return None


def shows(enabled: bool | None = None) -> bool:
    """Whether a bar would show: ``enabled`` False never, else only for a person watching."""
    return enabled is not False and interactive()


@contextmanager
def progress_bar(description: str, total: int | None = None, *, enabled: bool | None = None
                 ) -> Iterator[Advance]:
    """Yields ``advance(n)``; shows a bar only on an interactive terminal (never in CI, JSON
    or piped output)."""
    if not shows(enabled):
        yield _noop
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from migctl.render.console import stderr_console

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=stderr_console(), transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(done: int) -> None:
            bar.update(task, completed=done)

        yield advance
