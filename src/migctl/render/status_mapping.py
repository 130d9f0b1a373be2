"""The mapping section of the status screen: one row per set, its latest checks."""

from __future__ import annotations

from decimal import Decimal
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


def _validation(value: LatestValidation | None, view: DocView) -> str:
    if value is None:
        return f"[yellow]{view.t('fi_never_validated')}[/]"
    style = "red" if value["errors"] else ("yellow" if value["warnings"] else "green")
    if view.lang == "en":
        text = (f"[{style}]{counted(value['errors'], 'error')}, "
                f"{counted(value['warnings'], 'warning')}[/]")
    else:
        text = (f"[{style}]{view.count(value['errors'], 'error')}, "
                f"{view.count(value['warnings'], 'warning')}[/]")
    stale = "" if value["current"] else f" [yellow](v{value['version']})[/]"
    return f"{text}{stale} [dim]{value['ran_at_local']}[/]"


def _coverage(value: LatestValidation | None, view: DocView) -> str:
    if value is None or value["coverage"] is None:
        return ""
    text = f"{_decimal(value['coverage'], view)} %"
    if value["coverage_amount"] is not None:
        text += f" ({_decimal(value['coverage_amount'], view)} % €)"
    return text


def _decimal(value: Decimal, view: DocView) -> str:
    return format_decimal(value) if view.lang == "en" else format_number(value, view.lang)


def _translation(value: LatestTranslation | None, view: DocView) -> str:
    from rich.markup import escape  # the input file is named by whoever ran the translation

    if value is None:
        return "[dim]–[/]"
    if value["reconciled"]:
        text = f"[green]{view.t('fi_reconciled')}[/] " + (
            f"{value['lines']} lines" if view.lang == "en" else view.count(value["lines"], "line"))
    else:
        text = (f"[red]{view.t('fi_untranslated', n=value['untranslated_lines'])}[/] "
                f"({_decimal(value['untranslated_amount'], view)} €)")
    stale = "" if value["current"] else f" [yellow](v{value['version']})[/]"
    return f"{text}{stale} [dim]{escape(value['input_file'])}[/]"


def mapping_view(section: MappingSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    line = Text()
    line.append(f"{view.t('fi_mappings')}  ", style="bold")
    sets = section["sets"]
    if not sets:
        line.append(view.t("fi_no_mapping_sets"), style="dim")
        return [line]
    failing = sum(1 for s in sets if s["validation"] and s["validation"]["errors"])
    line.append(view.t("fi_sets_failing", n=len(sets), failing=failing) if view.lang == "en"
                else view.t("fi_sets_failing", sets=view.count(len(sets), "set"),
                            failing=failing))
    table = build_table(sets, [
        Col("set", view.t("fi_set"), style="bold"),
        Col("version", view.t("fi_ver"), justify="right"),
        Col("system", view.t("system")), Col("rules", view.t("rules"), justify="right"),
        Col("validation", view.t("coverage"), justify="right",
            fmt=lambda v: _coverage(v, view)),
        Col("validation", view.t("fi_latest_validation"), fmt=lambda v: _validation(v, view),
            wrap=True, min_width=20, markup=True),
        Col("translation", view.t("fi_latest_translation"),
            fmt=lambda v: _translation(v, view), wrap=True, min_width=24, markup=True),
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
            view.t("errors"), view.t("warnings"), view.zoned("validated"),
            view.t("reconciled")]


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
