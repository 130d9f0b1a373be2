"""Errors that reach the user, and the exit codes they map to.

Everything the core raises on purpose is a :class:`MigctlError`; the CLI boundary turns it
into one line on stderr and the exit code below. Anything else is a bug and shows a
traceback only with ``--debug``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    CHECKS_FAILED = 1
    USAGE = 2


class MigctlError(Exception):
    """A failure the user can act on; ``str()`` is the one-line message."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(MigctlError):
    """Bad input in a file: names the file, the row as the user sees it, and the column."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.detail = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        location = ":".join(
            str(part) for part in (self.file, self.row, self.column) if part not in (None, "")
        )
        return f"{location}: {self.detail}" if location else self.detail


class UsageError(MigctlError):
    """A bad option value or combination."""


class NotFound(MigctlError):
    """A key that names nothing in the store."""


class Conflict(MigctlError):
    """The change contradicts the store: duplicate key, illegal transition, cycle, stale update."""


class StoreNotReady(MigctlError):
    """The store is missing or its schema is behind the code; the message says what to run."""


class ChecksFailed(MigctlError):
    """A command ran fine but its checks found errors (exit 1)."""

    exit_code = ExitCode.CHECKS_FAILED
