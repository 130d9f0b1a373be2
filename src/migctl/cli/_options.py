"""Options shared by many commands, the output formats they speak, and option bundles.

A *bundle* is a frozen dataclass of Typer options (:class:`Bundle`); a command takes it as one
parameter (``read: ReadOptions = READ``) and Typer sees its options in that place, in field
order (:func:`expand_bundles`, applied by every ``app.command`` of ``_lazy.new_app``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypedDict, TypeVar, get_type_hints

import typer


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class CheckFormat(StrEnum):
    """How a check report is written; every member is rendered by ``_output.emit_check``."""

    table = "table"
    json = "json"
    junit = "junit"
    github = "github"


class ReportFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class Language(StrEnum):
    en = "en"
    fi = "fi"


def lang_option(help_text: str) -> Language:
    return typer.Option(Language.en, "--lang", case_sensitive=False, help=help_text)


def format_option(default: StrEnum = ListFormat.table) -> ListFormat:
    return typer.Option(
        default, "--format", "-f", case_sensitive=False, help="Output format."
    )


def check_format_option() -> CheckFormat:
    return typer.Option(CheckFormat.table, "--format", "-f", case_sensitive=False,
                        help="Output format.")


OUTPUT_HELP = "Write to this file instead of stdout."


def output_option() -> Path | None:
    return typer.Option(
        None, "--output", "-o", help=OUTPUT_HELP, dir_okay=False, writable=True
    )


def checked(field: str, text: str | None, parse: Callable[[str], Any]) -> Any:
    """``parse(text)`` (None stays None); a ValueError names the command's option ``field``."""
    from migctl.errors import OptionError

    if text is None:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        raise OptionError(str(exc), field=field) from None


# --- bundles ---------------------------------------------------------------------------------

class Bundle:
    """Base of option bundles: a frozen dataclass whose fields are annotated Typer options."""

    def engaged(self) -> AbstractContextManager[None]:
        """Around the command's run: a bundle may set something up for it (and undo it)."""
        return nullcontext()


SheetOpt = Annotated[str | None, typer.Option(
    "--sheet", help="Worksheet name (default: the first sheet holding the header).")]
HeaderRowOpt = Annotated[int | None, typer.Option(
    "--header-row", min=1, help="Row number of the header (default: found by name).")]
DelimiterOpt = Annotated[str | None, typer.Option(
    "--delimiter", help="CSV delimiter (default: detected among ';' ',' tab).")]
EncodingOpt = Annotated[str | None, typer.Option(
    "--encoding", help="CSV encoding (default: UTF-8, UTF-8 with BOM, or cp1252).")]
DryRunOpt = Annotated[bool, typer.Option(
    "--dry-run", help="Read and check everything and show the summary, but write nothing.")]


class ReaderOptions(TypedDict):
    sheet: str | None
    header_row: int | None
    delimiter: str | None
    encoding: str | None


@dataclass(frozen=True)
class ReadOptions(Bundle):
    """How an import reads its spreadsheet: ``--sheet --header-row --delimiter --encoding``."""

    sheet: SheetOpt = None
    header_row: HeaderRowOpt = None
    delimiter: DelimiterOpt = None
    encoding: EncodingOpt = None
    dry_run: DryRunOpt = False

    @contextmanager
    def engaged(self) -> Iterator[None]:
        from migctl.cli._context import DRY_RUN

        token = DRY_RUN.set(self.dry_run)
        try:
            yield
        finally:
            DRY_RUN.reset(token)

    def kwargs(self) -> ReaderOptions:
        """The reader's keyword arguments, as every importer service takes them."""
        return ReaderOptions(sheet=self.sheet, header_row=self.header_row,
                             delimiter=self.delimiter, encoding=self.encoding)


F = TypeVar("F", bound=Callable[..., Any])


def expand_bundles(function: F) -> F:
    """``function`` as Typer must see it: each :class:`Bundle` parameter replaced by its options.

    The wrapper Typer calls gathers those options back into the bundle. A function without
    bundles is returned as it is.
    """
    hints = get_type_hints(function, include_extras=True)
    bundles: dict[str, type[Any]] = {name: hint for name, hint in hints.items()
               if isinstance(hint, type) and issubclass(hint, Bundle)}
    if not bundles:
        return function
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters: list[inspect.Parameter] = []
    for parameter in inspect.signature(function).parameters.values():
        bundle = bundles.get(parameter.name)
        if bundle is None:
            parameters.append(parameter.replace(kind=keyword,
                                                annotation=hints.get(parameter.name, Any)))
            continue
        options = get_type_hints(bundle, include_extras=True)
        parameters += [inspect.Parameter(f.name, keyword, default=f.default,
                                         annotation=options[f.name]) for f in fields(bundle)]

    def command(**given: Any) -> Any:
        with ExitStack() as stack:
            for name, bundle in bundles.items():
                given[name] = bundle(**{f.name: given.pop(f.name) for f in fields(bundle)})
                stack.enter_context(given[name].engaged())
            return function(**given)

    command.__name__, command.__doc__ = function.__name__, function.__doc__
    command.__module__, command.__qualname__ = function.__module__, function.__qualname__
    command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    return command  # type: ignore[return-value]
