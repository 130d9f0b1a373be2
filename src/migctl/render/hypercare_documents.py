"""Markdown and HTML layouts of the hypercare sections (incidents, KPIs) for documents."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from migctl.render import html as h
from migctl.render.i18n import format_datetime, format_number, label
from migctl.render.markdown import md_table
from migctl.render.svg import sparkline_svg, stacked_bars

if TYPE_CHECKING:
    from migctl.render.status_documents import DocView

SEVERITIES = ("critical", "high", "medium", "low")
AGE_COLOURS = (("under_7_days", "#90caf9"), ("7_to_30_days", "#1e88e5"),
               ("over_30_days", "#0d47a1"))
SEVERITY_COLOURS = {"critical": "#b71c1c", "high": "#c62828", "medium": "#ef6c00", "low": ""}
#: Open incidents listed in documents; the rest are counted.
OPEN_SHOWN = 25


def _age(row: dict[str, Any], view: DocView) -> str:
    days = row.get("age_days")
    if days is None:
        return ""
    unit = "pv" if view.lang == "fi" else "d"
    return f"{days} {unit}" if days else f"{format_number(row.get('age_hours'), view.lang)} h"


def _severity(value: str, view: DocView) -> str:
    return label(f"severity.{value}", view.lang)


def _status(value: str, view: DocView) -> str:
    return label(f"incident_status.{value}", view.lang)


def incidents_summary(section: dict[str, Any], view: DocView) -> str:
    """One sentence: open (by severity), closed, mean time to close, oldest open."""
    counts = section["counts"]
    by_severity = [f"{_severity(s, view)} {n}" for s, n in section["open_by_severity"].items()
                   if n]
    text = view.t("open_count", n=counts["open"])
    if by_severity:
        text += f" ({', '.join(by_severity)})"
    text += ", " + view.t("closed_count", n=counts["closed"])
    mttc = section.get("mean_time_to_close_hours")
    if mttc is not None:
        text += f"; {view.t('mean_time_to_close').lower()} {format_number(mttc, view.lang)} h"
    oldest = section.get("oldest_open")
    if oldest:
        text += f"; {view.t('oldest_open').lower()} {oldest['key']} ({_age(oldest, view)})"
    return text


def _open_rows(section: dict[str, Any], view: DocView) -> list[list[str]]:
    return [[r["key"], _severity(r["severity"], view), _status(r["status"], view),
             r["system"] or "", r["title"], r["owner"], _age(r, view)]
            for r in section["open"][:OPEN_SHOWN]]


def _open_headers(view: DocView) -> list[str]:
    return [view.t("key"), view.t("severity"), view.t("status"), view.t("system"),
            view.t("title"), view.t("owner"), view.t("age")]


def incidents_markdown(section: dict[str, Any], view: DocView) -> str:
    parts = [f"## {view.t('incidents')}\n", incidents_summary(section, view) + "\n"]
    if section["open"]:
        parts.append(md_table(_open_headers(view), _open_rows(section, view),
                              align=["left"] * 6 + ["right"]))
        hidden = len(section["open"]) - OPEN_SHOWN
        if hidden > 0:
            parts.append(view.t("and_more", n=hidden) + "\n")
    return "\n".join(parts)


def incidents_chart(section: dict[str, Any], view: DocView, *, width: int = 640) -> str:
    """Open incidents by severity (bars) and age (segments)."""
    return stacked_bars(
        [(s, _severity(s, view)) for s in SEVERITIES],
        [(key, label(f"age.{key}", view.lang), colour) for key, colour in AGE_COLOURS],
        section["open_by_age"], width=width, title=view.t("incidents_by_age"))


def incidents_html(section: dict[str, Any], view: DocView, *, chart: bool = True) -> str:
    parts = [h.heading(view.t("incidents")),
             h.paragraph(h.esc(incidents_summary(section, view)))]
    if chart and section["counts"]["open"]:
        parts.append(f'<div style="margin:6px 0">{incidents_chart(section, view)}</div>')
    if section["open"]:
        rows = []
        styles = []
        for row, source in zip(_open_rows(section, view), section["open"], strict=False):
            cells = [h.esc(c) for c in row]
            cells[0] = h.nowrap(f"<b>{cells[0]}</b>")
            cells[-1] = h.nowrap(cells[-1])
            rows.append(cells)
            colour = SEVERITY_COLOURS.get(source["severity"])
            styles.append(f"color:{colour}" if colour else "")
        parts.append(h.table(_open_headers(view), rows, align=["left"] * 6 + ["right"],
                             row_styles=styles))
        hidden = len(section["open"]) - OPEN_SHOWN
        if hidden > 0:
            parts.append(h.paragraph(h.esc(view.t("and_more", n=hidden)), muted=True))
    else:
        parts.append(h.paragraph(h.esc(view.t("no_open_incidents")), muted=True))
    return h.block(*parts, keep_together=False)


# --- KPIs ---------------------------------------------------------------------------------

def kpi_value(value: Decimal | float | None, unit: str, view: DocView) -> str:
    if value is None:
        return ""
    text = format_number(value, view.lang)
    if unit in ("", "count"):
        return text
    return f"{text} %" if unit == "%" else f"{text} {unit}"


def kpi_cells(row: dict[str, Any], view: DocView) -> list[str]:
    """Text cells: name, value, target, change and arrow."""
    change = "" if row["change"] is None else format_number(row["change"], view.lang,
                                                             sign=True)
    return [row["name"], kpi_value(row["value"], row["unit"], view),
            kpi_value(row["target"], row["unit"], view), f"{change} {row['arrow']}".strip()]


def kpis_markdown(section: dict[str, Any], view: DocView) -> str:
    parts = [f"## {view.t('kpis')}\n"]
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


def change_note(section: dict[str, Any], view: DocView) -> str:
    last = section.get("last_snapshot_at")
    when = format_datetime(last, view.tz, view.lang) if last else view.t("none")
    return view.t("change_note", at=when)


def arrow_html(row: dict[str, Any]) -> str:
    if not row.get("arrow"):
        return ""
    improving = row.get("improving")
    colour = "#616161" if improving is None else ("#2e7d32" if improving else "#c62828")
    return f'<span style="color:{colour};font-weight:bold">{h.esc(row["arrow"])}</span>'


def kpis_table_html(
    section: dict[str, Any], view: DocView, *,
    trends: Mapping[str, Sequence[Any]] | None = None,
) -> str:
    """The KPI table; with ``trends`` (name → values) a sparkline column is added."""
    rows = []
    for row in section["kpis"]:
        name, value, target, change = kpi_cells(row, view)
        colour = {True: "#2e7d32", False: "#c62828"}.get(row["on_target"], "#212121")
        description = (f'<br/><span style="color:#757575;font-size:11px">'
                       f'{h.esc(row["description"])}</span>' if row["description"] else "")
        change_text = change.removesuffix(row["arrow"]).strip()
        cells = [f"<b>{h.esc(name)}</b>{description}",
                 h.nowrap(f'<span style="color:{colour};font-weight:bold">{h.esc(value)}</span>'),
                 h.nowrap(h.esc(target)),
                 h.nowrap(f"{h.esc(change_text)} {arrow_html(row)}".strip())]
        if trends is not None:
            cells.append(sparkline_svg(trends.get(row["name"], [])))
        rows.append(cells)
    headers = [view.t("kpi"), view.t("value"), view.t("target"), view.t("change")]
    align = ["left", "right", "right", "right"]
    if trends is not None:
        headers.append(view.t("trend"))
        align.append("left")
    return h.table(headers, rows, align=align)


def kpis_html(section: dict[str, Any], view: DocView) -> str:
    parts = [h.heading(view.t("kpis"))]
    if not section["kpis"]:
        parts.append(h.paragraph(h.esc(view.t("no_kpis")), muted=True))
        return h.block(*parts)
    parts.append(kpis_table_html(section, view))
    parts.append(h.paragraph(h.esc(change_note(section, view)), muted=True))
    return h.block(*parts, keep_together=False)

