"""The one place where errors become output: one line on stderr and an exit code.

Every command runs inside :class:`BoundaryGroup.invoke`, so a :class:`MigctlError` anywhere
becomes ``error: <message>`` and its exit code, and an unexpected exception becomes a one-line
"internal error" (exit 3) unless ``--debug`` asks for the traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer

from migctl.cli._lazy import RUNNING, LazyGroup
from migctl.errors import ExitCode, MigctlError, OptionError, option_name

INTERNAL_ERROR = 3


def _debug_requested(ctx: typer.Context) -> bool:
    obj = ctx.find_root().obj
    return bool(getattr(obj, "debug", False)) or os.environ.get("MIGCTL_DEBUG") == "1"


def print_error(message: str) -> None:
    """One red line on stderr (plain when stderr is not a terminal or NO_COLOR is set)."""
    from migctl.textsafe import neutralise

    text = message.strip().splitlines()[0] if message.strip() else "error"
    text = neutralise(text)  # a stored name quoted in a message: ESC shown as \x1b
    if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
        sys.stderr.write(f"\x1b[31merror:\x1b[0m {text}\n")
    else:
        sys.stderr.write(f"error: {text}\n")
    sys.stderr.flush()


def option_of(ctx: typer.Context | None, field: str) -> str:
    """How the running command spells the option of parameter ``field``: its longest flag
    (``--max-age``), else the flag Typer would make of the name."""
    running = ctx.meta.get(RUNNING) if ctx is not None else None
    for param in getattr(getattr(running, "command", None), "params", ()):
        if param.name == field and param.param_type_name == "option" and param.opts:
            return str(max(param.opts, key=len))
    return option_name(field)


def translate_exception(exc: BaseException, ctx: typer.Context | None = None
                        ) -> tuple[str, int] | None:
    """Known exception types that are not bugs, as (message, exit code)."""
    if isinstance(exc, OptionError):
        return exc.worded(option_of(ctx, exc.field)), int(exc.exit_code)
    if isinstance(exc, MigctlError):
        return str(exc), int(exc.exit_code)
    module = type(exc).__module__
    if module.startswith("sqlalchemy"):
        text = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        if any(s in text for s in ("locked", "could not obtain lock", "deadlock", "lock timeout")):
            return (f"the store is busy (another migctl is writing) and did not free up in time: "
                    f"{text}; try again", int(ExitCode.USAGE))
        if type(exc).__name__ == "OperationalError":
            return f"cannot use the store: {text}", int(ExitCode.USAGE)
        if type(exc).__name__ == "DatabaseError":  # a damaged or truncated SQLite file
            return (f"cannot use the store: {text} (a damaged or truncated file? restore it "
                    "from `migctl db backup`)"), int(ExitCode.USAGE)
    if isinstance(exc, IsADirectoryError):
        return f"{exc.filename} is a directory; name a file", int(ExitCode.USAGE)
    if isinstance(exc, PermissionError | FileNotFoundError):
        return f"{exc.strerror}: {exc.filename}", int(ExitCode.USAGE)
    return _tls_setup(exc)


def _tls_setup(exc: BaseException) -> tuple[str, int] | None:
    """A broken ``SSL_CERT_FILE``/``SSL_CERT_DIR`` is the user's setting, not a bug."""
    import ssl

    named = [f"{name}={os.environ[name]}" for name in ("SSL_CERT_FILE", "SSL_CERT_DIR")
             if os.environ.get(name)]
    if isinstance(exc, ssl.SSLError) and named:
        return (f"cannot load the trusted certificates from {', '.join(named)}: "
                f"{exc.reason or exc}; fix or unset the variable"), int(ExitCode.USAGE)
    return None


class BoundaryGroup(LazyGroup):
    """The root group: catches what commands raise and reports it the migctl way."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            print_error("interrupted; nothing was written")
            raise typer.Exit(130) from None
        except Exception as exc:
            if _is_click_control_flow(exc):
                raise
            known = translate_exception(exc, ctx)
            if _debug_requested(ctx):
                raise
            if known is None:
                message = f"internal error: {type(exc).__name__}: {exc} (run with --debug to see " \
                          "the traceback, and please report it)"
                print_error(message)
                raise typer.Exit(INTERNAL_ERROR) from None
            print_error(known[0])
            raise typer.Exit(known[1]) from None


def _is_click_control_flow(exc: BaseException) -> bool:
    """Usage errors and exits of the vendored Click are rendered by Typer itself (exit 2)."""
    module = type(exc).__module__
    return module.startswith(("typer._click", "click"))
