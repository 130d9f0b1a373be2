"""Progress for long work: a Rich bar on stderr when a person watches, silence otherwise.

Services take an optional ``progress`` callback (``Callable[[int], None]``, units done so far);
they never import Rich. The CLI passes :func:`progress_bar`'s callback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from migctl.render.console import interactive

Advance = Callable[[int], None]


def _noop(_: int) -> None:
    return None


@contextmanager
def progress_bar(description: str, total: int | None = None, *, enabled: bool | None = None
                 ) -> Iterator[Advance]:
    """Yields ``advance(n)``; shows a bar only on an interactive terminal (never in CI or JSON)."""
    if not (interactive() if enabled is None else enabled):
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
