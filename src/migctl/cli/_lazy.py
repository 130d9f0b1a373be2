"""Commands imported only when used, so `migctl --help` does not import every command module.

The root group knows each command's name and one-line help up front; the module behind it is
imported when the command runs (or its own help is asked for). A test keeps the one-line help
here equal to the command's own docstring.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from migctl.cli._options import expand_bundles

#: Where the running command's context is kept (``ctx.meta`` is shared along the chain), so
#: the error boundary can name the command's own options.
RUNNING = "migctl.running"


#: Root options with a value, and root flags: accepted after the command too (``migctl demo
#: --db x``), where they are moved back in front of it.
ROOT_VALUED = ("--db",)
ROOT_FLAGS = ("--debug",)
#: Command options also accepted before the command (``migctl --lang fi report``), where they
#: are moved behind it; a command that has no such option refuses it as usual.
PASSED_ON = ("--lang",)


def _option(token: str, names: tuple[str, ...]) -> str | None:
    """The option of ``names`` that ``token`` is (``--db`` or ``--db=x``), else None."""
    return next((n for n in names if token == n or token.startswith(n + "=")), None)


def _take(args: list[str], index: int, valued: bool) -> list[str]:
    """Remove the option at ``index`` (and its value when it takes one, unless ``--x=v``)."""
    count = 2 if valued and "=" not in args[index] and index + 1 < len(args) else 1
    taken = args[index:index + count]
    del args[index:index + count]
    return taken


def hoist_root_options(argv: list[str]) -> list[str]:
    """``argv`` with root options given after the command moved in front of it, and passed-on
    options given before the command moved behind it (before a ``--``)."""
    args = list(argv)
    front: list[str] = []
    behind: list[str] = []
    index = 0
    while index < len(args) and args[index].startswith("-"):  # the root's own part
        if _option(args[index], PASSED_ON):
            behind += _take(args, index, True)
        elif _option(args[index], ROOT_VALUED) and "=" not in args[index]:
            index += 2
        else:
            index += 1
    if index >= len(args):
        return args + behind
    command = index
    index += 1
    while index < len(args) and args[index] != "--":
        if _option(args[index], ROOT_VALUED) or _option(args[index], ROOT_FLAGS):
            front += _take(args, index, _option(args[index], ROOT_VALUED) is not None)
        else:
            index += 1
    # after the root's own part, so that given after the command they win as the later ones
    return args[:command] + front + args[command:index] + behind + args[index:]


@dataclass(frozen=True)
class Lazy:
    target: str  # "package.module:attribute", the attribute being a typer.Typer
    help: str


class Command(TyperCommand):
    """A command that leaves its context where the error boundary finds it."""

    def invoke(self, ctx: Any) -> Any:
        ctx.meta[RUNNING] = ctx
        _refuse_control_characters(ctx.params)
        return super().invoke(ctx)


def _refuse_control_characters(params: dict[str, Any]) -> None:
    """Names and text given on the command line hold no control character (ESC, BEL…)."""
    from migctl.errors import OptionError
    from migctl.textsafe import first_problem

    found = first_problem(params)
    if found is not None:
        raise OptionError(found[1], field=found[0])


class App(typer.Typer):
    """A Typer app whose commands take option bundles (see :mod:`migctl.cli._options`)."""

    def command(self, name: str | None = None, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", Command)
        register = super().command(name, **kwargs)

        def decorator(function: Any) -> Any:
            register(expand_bundles(function))
            return function

        return decorator


def new_app(help: str | None = None, **kwargs: Any) -> App:
    """A command module's Typer app with the project's settings (plain help, no completion)."""
    kwargs.setdefault("no_args_is_help", True)
    return App(help=help, rich_markup_mode=None, add_completion=False,
               pretty_exceptions_enable=False, **kwargs)


def load(target: str) -> Any:
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


class LazyGroup(TyperGroup):
    lazy: dict[str, Lazy] = {}  # noqa: RUF012  (set once by migctl.cli.main)

    def list_commands(self, ctx: Any) -> list[str]:
        eager = [name for name in self.commands if name not in self.lazy]
        return [*self.lazy, *eager]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = self.commands.get(cmd_name)
        if command is None and cmd_name in self.lazy:
            command = typer.main.get_command(load(self.lazy[cmd_name].target))
            command.name = cmd_name
            self.commands[cmd_name] = command
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A mistyped command is refused with the nearest names (``stauts`` → status)."""
        from typer._click.exceptions import UsageError

        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            if args and "Did you mean" not in exc.message:
                from difflib import get_close_matches

                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    exc.message = (f"{exc.message.rstrip('.')}. Did you mean "
                                   f"{', '.join(repr(m) for m in matches)}?")
            raise

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy and name not in self.commands:
                rows.append((name, self.lazy[name].help))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
