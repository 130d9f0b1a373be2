"""Options shared by many commands, and the output formats they speak."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class CheckFormat(StrEnum):
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


OUTPUT_HELP = "Write to this file instead of stdout."


def output_option() -> Path | None:
    return typer.Option(
        None, "--output", "-o", help=OUTPUT_HELP, dir_okay=False, writable=True
    )


def sheet_option() -> str | None:
    return typer.Option(
        None, "--sheet", help="Worksheet name (default: the first sheet holding the header)."
    )


def header_row_option() -> int | None:
    return typer.Option(
        None, "--header-row", min=1, help="Row number of the header (default: found by name)."
    )


def delimiter_option() -> str | None:
    return typer.Option(
        None, "--delimiter", help="CSV delimiter (default: detected among ';' ',' tab)."
    )


def encoding_option() -> str | None:
    return typer.Option(
        None, "--encoding", help="CSV encoding (default: UTF-8, UTF-8 with BOM, or cp1252)."
    )
