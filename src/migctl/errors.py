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


class OptionError(UsageError):
    """A bad value for one parameter of a service: the service names the parameter, not a flag.

    ``field`` is the service's parameter name (``max_age``); the command line words it as its
    option (``--max-age``, Typer's own naming), so services never spell command-line flags.
    ``problem`` may hold ``{option}`` where the option's name belongs in the sentence.
    """

    def __init__(self, problem: str, *, field: str, value: str | None = None) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(self.worded(option_name(field)))

    def worded(self, option: str) -> str:
        if "{option}" in self.problem:
            return self.problem.replace("{option}", option)
        if self.value is not None:
            return f"{option} {self.value!r}: {self.problem}"
        return f"{option}: {self.problem}"


def option_name(field: str) -> str:
    """The command-line option of a service parameter: ``max_age`` → ``--max-age``."""
    return "--" + field.strip("_").replace("_", "-")


class NotFound(MigctlError):
    """A key that names nothing in the store."""


class Conflict(MigctlError):
    """The change contradicts the store: duplicate key, illegal transition, cycle, stale update."""


class StoreNotReady(MigctlError):
    """The store is missing or its schema is behind the code; the message says what to run."""


class ChecksFailed(MigctlError):
    """A command ran fine but its checks found errors (exit 1)."""

    exit_code = ExitCode.CHECKS_FAILED
