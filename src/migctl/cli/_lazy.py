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
