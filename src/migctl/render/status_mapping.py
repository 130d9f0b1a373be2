"""The mapping section of the status screen: one row per set, its latest checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migctl.render.tables import Col, build_table, format_decimal
from migctl.values import counted

if TYPE_CHECKING:
    from rich.console import RenderableType


def _validation(value: dict[str, Any] | None) -> str:
    if value is None:
        return "[yellow]never validated[/]"
    style = "red" if value["errors"] else ("yellow" if value["warnings"] else "green")
    text = (f"[{style}]{counted(value['errors'], 'error')}, "
            f"{counted(value['warnings'], 'warning')}[/]")
    stale = "" if value["current"] else f" [yellow](v{value['version']})[/]"
    return f"{text}{stale} [dim]{value['ran_at_local']}[/]"


def _coverage(value: dict[str, Any] | None) -> str:
    if value is None or value["coverage"] is None:
        return ""
    text = f"{format_decimal(value['coverage'])} %"
    if value.get("coverage_amount") is not None:
        text += f" ({format_decimal(value['coverage_amount'])} % €)"
    return text


def _translation(value: dict[str, Any] | None) -> str:
    from rich.markup import escape  # the input file is named by whoever ran the translation

    if value is None:
        return "[dim]–[/]"
    if value["reconciled"]:
        text = f"[green]reconciled[/] {value['lines']} lines"
    else:
        text = (f"[red]{value['untranslated_lines']} lines untranslated[/] "
                f"({format_decimal(value['untranslated_amount'])} €)")
    stale = "" if value["current"] else f" [yellow](v{value['version']})[/]"
    return f"{text}{stale} [dim]{escape(value['input_file'])}[/]"


def mapping_view(section: dict[str, Any]) -> list[RenderableType]:
    from rich.text import Text

    line = Text()
    line.append("Mappings  ", style="bold")
    sets = section["sets"]
    if not sets:
        line.append("no mapping sets imported", style="dim")
        return [line]
    failing = sum(1 for s in sets if s["validation"] and s["validation"]["errors"])
    line.append(f"{len(sets)} set(s), {failing} with validation errors")
    table = build_table(sets, [
        Col("set", "Set", style="bold"), Col("version", "Ver", justify="right"),
        Col("system", "System"), Col("rules", "Rules", justify="right"),
        Col("validation", "Coverage", justify="right", fmt=_coverage),
        Col("validation", "Latest validation", fmt=_validation, wrap=True, min_width=20,
            markup=True),
        Col("translation", "Latest translation", fmt=_translation, wrap=True, min_width=24,
            markup=True),
    ])
    return [line, table]
