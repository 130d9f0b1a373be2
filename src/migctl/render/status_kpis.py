"""The KPI section's views: each KPI's value, target and change since the last value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from migctl.docvalues import as_datetime
from migctl.render import html as h
from migctl.render.i18n import format_datetime, format_number
from migctl.render.listings import zone_name
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.render.svg import sparkline_svg
from migctl.render.tables import Col, build_table
from migctl.services.status.registry import KPIS

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.kpis.status import KpiRow, KpisSection


# --- terminal -----------------------------------------------------------------------------

def _value(row: KpiRow, lang: str = "en") -> str:
    unit = row.get("unit") or ""
    text = format_number(row["value"], lang)
    return text if unit in ("", "count") else f"{text} {unit}"


def kpis_view(section: KpisSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    rows = section["kpis"]
    title = Text()
    title.append(f"{view.t('kpis')}  ", style="bold")
    last = as_datetime(section.get("last_snapshot_at"))
    # in the programme's zone, named once, like every other time shown (issue 17)
    title.append(view.t("audit17.last_snapshot", at=format_datetime(last, view.tz, view.lang),
                        zone=zone_name(view.tz)) if last
                 else view.t("fi_no_snapshot"), style="dim")
    if not rows:
        return [title, Text(view.t("fi_no_kpi_values"), style="dim")]

    shown = [r | {"shown_value": _styled_value(r, view), "shown_arrow": _styled_arrow(r),
                  "shown_age": _screen_age(r, view)} for r in rows]
    table = build_table(
        shown,
        [Col("name", view.t("kpi"), style="bold"),
         Col("shown_value", view.t("value"), justify="right", markup=True),
         Col("target", view.t("target"), justify="right",
             fmt=lambda v: "" if v is None else format_number(v, view.lang)),
         Col("change", view.t("change"), justify="right",
             fmt=lambda v: "" if v is None else format_number(v, view.lang, sign=True)),
         Col("shown_arrow", "", markup=True),
         Col("source", view.t("section"), fmt=lambda s: view.word("fi_kpi_source", s)),
         Col("shown_age", view.t("age"), markup=True)],
    )
    return [title, table]


def _screen_age(row: KpiRow, view: DocView) -> str:
    """``live``, ``3h``, ``9d stale`` (Rich markup) in the view's language."""
    from migctl.render.listings import kpi_age as listed_age

    return listed_age(row.get("age_minutes"), row.get("stale"), span=view.duration,
                      live=view.t("fi_live"), stale_word=view.t("report.stale"))


def _styled_value(row: KpiRow, view: DocView | None = None) -> str:
    """The value, green on target and red off it (Rich markup)."""
    on_target = row["on_target"]
    colour = None if on_target is None else ("green" if on_target else "red")
    from rich.markup import escape  # units are what people defined ("kpl", "[EUR]")

    value = _value(row, view.lang if view else "en")
    return f"[{colour}]{escape(value)}[/]" if colour else escape(value)


def _styled_arrow(row: KpiRow) -> str:
    """The trend arrow, green when improving and red when worsening (Rich markup)."""
    if not row.get("arrow"):
        return ""
    improving = row.get("improving")
    colour = "" if improving is None else ("green" if improving else "red")
    return f"[{colour}]{row['arrow']}[/]" if colour else row["arrow"]


# --- documents ----------------------------------------------------------------------------

def kpi_value(value: Decimal | float | None, unit: str, view: DocView) -> str:
    if value is None:
        return ""
    text = format_number(value, view.lang)
    if unit in ("", "count"):
        return text
    return f"{text} %" if unit == "%" else f"{text} {unit}"


def kpi_cells(row: KpiRow, view: DocView) -> list[str]:
    """Text cells: name, value, target, change and arrow."""
    change = "" if row["change"] is None else format_number(row["change"], view.lang,
                                                             sign=True)
    return [row["name"], kpi_value(row["value"], row["unit"], view),
            kpi_value(row["target"], row["unit"], view), f"{change} {row['arrow']}".strip()]


def kpi_description(row: KpiRow, view: DocView) -> str:
    """A built-in KPI's description in the view's language; a defined one's as written."""
    name, text = row["name"], row.get("description") or ""
    if not row.get("builtin"):
        return text
    if name.startswith("sso_pass_rate_"):
        return view.t("kpi_desc.sso_pass_rate", env=name.removeprefix("sso_pass_rate_"))
    key = f"kpi_desc.{name}"
    found = view.t(key)
    return text if found == key else found


def kpi_age(row: KpiRow, view: DocView, as_of: datetime | None = None) -> str:
    """How old the value is (``age_minutes`` when the document has it, else from ``at``),
    marked stale when the document says so."""
    age = row.get("age_minutes")
    if not isinstance(age, int | float) and as_of is not None and row.get("at") is not None:
        age = max(int((as_of - row["at"]).total_seconds() // 60), 0)
    if not isinstance(age, int | float):
        return ""
    age = int(age)
    text = (view.t("minutes_ago", n=age) if age < 120 else
            view.t("report.age_hours", n=age // 60) if age < 48 * 60 else
            view.t("report.age_days", n=age // 1440))
    return f"{text} ({view.t('report.stale')})" if row.get("stale") else text


def kpis_markdown(section: KpisSection, view: DocView) -> str:
    parts = [f"## {KPIS.title(view.lang)}\n"]
    if not section["kpis"]:
        return parts[0] + "\n" + view.t("no_kpis") + "\n"
    rows = []
    for row in section["kpis"]:
        name, value, target, change = kpi_cells(row, view)
        if row["on_target"] is not None:
            value = f"{value} {'✓' if row['on_target'] else '✗'}"
        rows.append([name, value, target, change])
    parts.append(md_table([view.t("kpi"), view.t("value"), view.t("target"), view.t("change")],
                          rows, align=["left", "right", "right", "right"]))
    parts.append(f"{change_note(section, view)} {view.t('target_marks')}\n")
    return "\n".join(parts)


def change_note(section: KpisSection, view: DocView) -> str:
    last = section.get("last_snapshot_at")
    when = format_datetime(last, view.tz, view.lang) if last else view.t("none")
    return view.t("change_note", at=when)


def arrow_html(row: KpiRow) -> str:
    if not row.get("arrow"):
        return ""
    improving = row.get("improving")
    colour = "#616161" if improving is None else ("#2e7d32" if improving else "#c62828")
    return f'<span style="color:{colour};font-weight:bold">{h.esc(row["arrow"])}</span>'


def kpis_table_html(
    section: KpisSection, view: DocView, *,
    trends: Mapping[str, Sequence[Decimal]] | None = None,
    as_of: datetime | None = None,
) -> str:
    """The KPI table; with ``trends`` (name → values) a sparkline column is added, with
    ``as_of`` each value's age."""
    rows = []
    for row in section["kpis"]:
        name, value, target, change = kpi_cells(row, view)
        colour = {True: "#2e7d32", False: "#c62828", None: "#212121"}[row["on_target"]]
        text = kpi_description(row, view)
        description = (f'<br/><span style="color:#757575;font-size:11px">'
                       f'{h.esc(text)}</span>' if text else "")
        change_text = change.removesuffix(row["arrow"]).strip()
        cells = [f"<b>{h.esc(name)}</b>{description}",
                 h.nowrap(f'<span style="color:{colour};font-weight:bold">{h.esc(value)}</span>'),
                 h.nowrap(h.esc(target)),
                 h.nowrap(f"{h.esc(change_text)} {arrow_html(row)}".strip())]
        if as_of is not None:
            cells.insert(2, h.nowrap(h.esc(kpi_age(row, view, as_of))))
        if trends is not None:
            cells.append(sparkline_svg(trends.get(row["name"], [])))
        rows.append(cells)
    headers = [view.t("kpi"), view.t("value"), view.t("target"), view.t("change")]
    align = ["left", "right", "right", "right"]
    if as_of is not None:
        headers.insert(2, view.t("report.kpi_age"))
        align.insert(2, "right")
    if trends is not None:
        headers.append(view.t("trend"))
        align.append("left")
    return h.table(headers, rows, align=align)


def kpis_html(section: KpisSection, view: DocView) -> str:
    parts = [h.heading(KPIS.title(view.lang))]
    if not section["kpis"]:
        parts.append(h.paragraph(h.esc(view.t("no_kpis")), muted=True))
        return h.block(*parts)
    parts.append(kpis_table_html(section, view))
    parts.append(h.paragraph(h.esc(change_note(section, view)), muted=True))
    return h.block(*parts, keep_together=False)


VIEWS: SectionViews[KpisSection] = SectionViews(kpis_view, kpis_markdown, kpis_html)
