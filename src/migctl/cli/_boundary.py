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

from migctl.cli._lazy import RUNNING, LazyGroup, hoist_root_options
from migctl.errors import ExitCode, MigctlError, OptionError, option_name

INTERNAL_ERROR = 3
#: The exit status of a process whose reader went away (128 + SIGPIPE), see :func:`closed_pipe`.
CLOSED_PIPE = 141
#: Where the root group keeps the command line it parsed (``ctx.meta``).
ARGV = "migctl.argv"


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


def closed_pipe() -> typer.Exit:
    """Stdout's reader went away (``migctl db export | head``): end quietly, status 141.

    Not a bug, so no "internal error" line: the reader chose to stop reading. The status is
    what `git log | head` (and any Unix tool ended by SIGPIPE) gives, 128 + SIGPIPE: the output
    was cut short, so a script under ``set -o pipefail`` learns that it did not get it all,
    while a plain pipeline reports the reader's status as always. Stdout is pointed at
    /dev/null so that the interpreter's final flush of the unwritten rest cannot raise again.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout has no file descriptor (an in-process test run)
        pass
    return typer.Exit(CLOSED_PIPE)


class BoundaryGroup(LazyGroup):
    """The root group: catches what commands raise and reports it the migctl way."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        args = hoist_root_options(args)
        ctx.meta[ARGV] = list(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader that went away is found here, not at exit
            return result
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            raise closed_pipe() from None
        except KeyboardInterrupt:
            print_error("interrupted; nothing was written")
            raise typer.Exit(130) from None
        except Exception as exc:
            if _is_click_control_flow(exc):
                refused = _output_directory(exc, ctx)
                if refused is not None:  # one line naming the path, as outfiles says it
                    junit_for_error(self, ctx, refused)
                    print_error(refused)
                    raise typer.Exit(int(ExitCode.USAGE)) from None
                if callable(getattr(exc, "format_message", None)):  # a usage error
                    junit_for_error(self, ctx, exc.format_message())  # type: ignore[attr-defined]
                raise
            known = translate_exception(exc, ctx)
            if _debug_requested(ctx):
                raise
            if known is None:
                message = f"internal error: {type(exc).__name__}: {exc} (run with --debug to see " \
                          "the traceback, and please report it)"
                junit_for_error(self, ctx, message)
                print_error(message)
                raise typer.Exit(INTERNAL_ERROR) from None
            junit_for_error(self, ctx, known[0])
            print_error(known[0])
            raise typer.Exit(known[1]) from None


def _output_directory(exc: BaseException, ctx: typer.Context) -> str | None:
    """Click's refusal of a directory given to an output file option (``-o``), worded in one
    line by :func:`migctl.outfiles.resolve_target`; None for any other usage error."""
    from pathlib import Path

    param = getattr(exc, "param", None)
    if param is None or param.name not in ("output", "export") \
            or not getattr(param, "opts", None) or "is a directory" not in str(exc):
        return None
    args = ctx.meta.get(ARGV) or []
    given = [value for opt in param.opts if (value := _given(args, opt, opt)) is not None]
    if not given or not Path(given[-1]).is_dir():
        return None
    from migctl.outfiles import resolve_target

    try:
        resolve_target(Path(given[-1]))
    except MigctlError as refused:
        return str(refused)
    return None


def _is_click_control_flow(exc: BaseException) -> bool:
    """Usage errors and exits of the vendored Click are rendered by Typer itself (exit 2)."""
    module = type(exc).__module__
    return module.startswith(("typer._click", "click"))


def _check_command(group: Any, ctx: typer.Context, args: list[str]) -> tuple[list[str], Any]:
    """The command ``args`` name (through nested groups) and its name path, or (…, None)."""
    path: list[str] = []
    command: Any = group
    tokens = iter(args)
    for token in tokens:
        if token in ("--db",):
            next(tokens, None)
            continue
        if token.startswith("-"):
            continue
        found = command.get_command(ctx, token) if hasattr(command, "get_command") else None
        if found is None:
            break
        path.append(token)
        command = found
        if not hasattr(command, "get_command"):
            return path, command
    return path, None


def _given(args: list[str], short: str, long: str) -> str | None:
    """The last value given to option ``short``/``long`` in ``args`` (any of its spellings)."""
    value = None
    for index, token in enumerate(args):
        if token in (short, long) and index + 1 < len(args):
            value = args[index + 1]
        elif token.startswith(long + "="):
            value = token.partition("=")[2]
        elif token.startswith(short) and len(token) > len(short) and not token.startswith("--"):
            value = token[len(short):]
    return value


def junit_for_error(group: Any, ctx: typer.Context, message: str) -> None:
    """A check command asked for ``-f junit -o FILE`` but could not run: FILE still gets a
    JUnit report, one testcase with the error, so the CI job shows why it failed."""
    from migctl.cli._options import CheckFormat

    args = ctx.meta.get(ARGV) or []
    try:
        path, command = _check_command(group, ctx, args)
        if command is None or not any(
                "--format" in p.opts
                and getattr(getattr(p, "type_descriptor", None), "annotation", None)
                is CheckFormat for p in command.params):
            return
        fmt, output = _given(args, "-f", "--format"), _given(args, "-o", "--output")
        if fmt is None or fmt.lower() != "junit" or not output:
            return
        from pathlib import Path

        from migctl.render.console import write_text
        from migctl.render.findings import junit_error

        write_text(junit_error(" ".join(["migctl", *path]), message), Path(output))
    except Exception:  # the output itself may be what failed: the error line that follows
        return  # says so, and this must never hide it
