"""The mapping section of the status screen: one row per set, its latest checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.docvalues import as_datetime
from migctl.render import html as h
from migctl.render.i18n import format_datetime, format_number
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.render.tables import Col, build_table, format_decimal
from migctl.services.status.registry import MAPPING
from migctl.values import counted

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.mapping.status import (
        LatestTranslation,
        LatestValidation,
        MappingSection,
    )


def _validation(value: LatestValidation | None) -> str:
    if value is None:
        return "[yellow]never validated[/]"
    style = "red" if value["errors"] else ("yellow" if value["warnings"] else "green")
    text = (f"[{style}]{counted(value['errors'], 'error')}, "
            f"{counted(value['warnings'], 'warning')}[/]")
    stale = "" if value["current"] else f" [yellow](v{value['version']})[/]"
    return f"{text}{stale} [dim]{value['ran_at_local']}[/]"


def _coverage(value: LatestValidation | None) -> str:
    if value is None or value["coverage"] is None:
        return ""
    text = f"{format_decimal(value['coverage'])} %"
    if value["coverage_amount"] is not None:
        text += f" ({format_decimal(value['coverage_amount'])} % €)"
    return text


def _translation(value: LatestTranslation | None) -> str:
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


def mapping_view(section: MappingSection) -> list[RenderableType]:
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


# --- documents ----------------------------------------------------------------------------

def _when(value: object, view: DocView) -> str:
    return format_datetime(as_datetime(value), view.tz, view.lang)


def _mapping_rows(section: MappingSection, view: DocView) -> list[list[str]]:
    rows = []
    for item in section["sets"]:
        coverage = item.get("coverage_pct")
        translation = item.get("translation")
        reconciled = None if translation is None else translation["reconciled"]
        rows.append([
            f"{item['set']}@{item['version']}", str(item.get("kind") or ""),
            str(item["rules"]),
            "" if coverage is None else f"{format_number(coverage, view.lang)} %",
            "" if item.get("errors") is None else str(item["errors"]),
            "" if item.get("warnings") is None else str(item["warnings"]),
            _when(item.get("validated_at"), view) or view.t("never"),
            "" if reconciled is None else view.t("yes" if reconciled else "no"),
        ])
    return rows


def _mapping_headers(view: DocView) -> list[str]:
    return [view.t("mapping_set"), view.t("kind"), view.t("rules"), view.t("coverage"),
            view.t("errors"), view.t("warnings"), view.t("validated"), view.t("reconciled")]


_RIGHT = ["left", "left", "right", "right", "right", "right", "left", "left"]


def mapping_markdown(section: MappingSection, view: DocView) -> str:
    rows = _mapping_rows(section, view)
    if not rows:
        return ""
    return (f"## {MAPPING.title(view.lang)}\n\n"
            + md_table(_mapping_headers(view), rows, align=_RIGHT))


def mapping_html(section: MappingSection, view: DocView) -> str:
    rows = _mapping_rows(section, view)
    if not rows:
        return ""
    return h.block(h.heading(MAPPING.title(view.lang)),
                   h.table(_mapping_headers(view), [[h.esc(c) for c in r] for r in rows],
                           align=_RIGHT))


VIEWS: SectionViews[MappingSection] = SectionViews(mapping_view, mapping_markdown, mapping_html)
