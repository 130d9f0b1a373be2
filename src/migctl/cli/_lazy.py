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
from typer.core import TyperGroup


@dataclass(frozen=True)
class Lazy:
    target: str  # "package.module:attribute", the attribute being a typer.Typer
    help: str


def new_app(help: str | None = None, **kwargs: Any) -> typer.Typer:
    """A command module's Typer app with the project's settings (plain help, no completion)."""
    kwargs.setdefault("no_args_is_help", True)
    return typer.Typer(help=help, rich_markup_mode=None, add_completion=False,
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
