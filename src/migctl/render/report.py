"""The steering-group report as self-contained HTML (or Markdown) from the report document.

Blocks, in order: title and key facts, summary and RAG, milestones, cutover burndown, mapping
coverage trend, SSO matrix, incidents by severity and age, KPI table. A block whose data is
missing (no cutover, mapping or SSO section yet, no history) is left out rather than shown
empty. Each block is a function ``(report, view) -> str`` returning "" to be omitted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from migctl.docvalues import as_datetime
from migctl.render import html as h
from migctl.render.i18n import days_phrase, format_date, format_datetime, format_number, label
from migctl.render.markdown import md_document, md_table
from migctl.render.sections import DocView
from migctl.render.sparkline import sparkline
from migctl.render.status_documents import facts as status_facts
from migctl.render.status_documents import (
    programme_entry,
    rag_text,
    reasons_html,
    view_for,
)
from migctl.render.status_incidents import incidents_html, incidents_markdown, incidents_summary
from migctl.render.status_kpis import change_note, kpi_cells, kpis_table_html
from migctl.render.status_sso import sso_html as sso_section_html
from migctl.render.status_sso import sso_markdown as sso_section_markdown
from migctl.render.svg import Series, X, line_chart
from migctl.services.status.registry import CUTOVER, INCIDENTS, KPIS, MAPPING, SSO, SYSTEMS

if TYPE_CHECKING:
    from migctl.services.kpis.status import KpiRow
    from migctl.services.status.documents import ReportDocument

Block = Callable[["ReportDocument", DocView], str]
COVERAGE_METRICS = (("mapping_coverage_pct", "coverage", "#1565c0"),
                    ("mapping_coverage_eur_pct", "coverage_eur", "#6a1b9a"))


def _kpi_rows(report: ReportDocument) -> dict[str, KpiRow]:
    section = KPIS.of(report["status"]["sections"])
    return {row["name"]: row for row in section["kpis"]} if section else {}


def trend_points(report: ReportDocument, metric: str) -> list[tuple[datetime, Decimal]]:
    """Stored values of a KPI, plus its live value when newer (computed from a section)."""
    points = [(p["at"], p["value"]) for p in report["kpi_history"].get(metric, [])]
    row = _kpi_rows(report).get(metric)
    if row is not None and row["source"] == "live" and (not points or row["at"] > points[-1][0]):
        points.append((row["at"], row["value"]))
    return points


def _time_series(pairs: object) -> list[tuple[datetime, Decimal]]:
    """``[[iso_time, value], …]`` from a section, skipping malformed entries."""
    result = []
    for pair in pairs if isinstance(pairs, list) else []:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            at = as_datetime(pair[0])
            if at is not None and isinstance(pair[1], int | float | Decimal):
                result.append((at, Decimal(str(pair[1]))))
    return result


# --- facts shared by HTML and Markdown ----------------------------------------------------

def key_facts(report: ReportDocument, view: DocView) -> list[tuple[str, str]]:
    """The status header's facts, then cutover progress and incidents when known."""
    sections = report["status"]["sections"]
    facts = status_facts(report["status"], view)
    cutover = CUTOVER.of(sections)
    # .get throughout the report: a block whose data is missing or malformed is left out
    progress = cutover.get("progress") if cutover else None
    if isinstance(progress, Mapping) and progress.get("total"):
        facts.append((view.t("progress"), view.t("tasks_done", done=progress.get("done", 0),
                                                 total=progress["total"])))
    incidents = INCIDENTS.of(sections)
    if incidents:
        facts.append((view.t("incidents"), incidents_summary(incidents, view)))
    return facts


def _go_live_groups(
    report: ReportDocument, view: DocView
) -> list[tuple[date, int | None, list[str]]]:
    """Target go-lives grouped by date: (date, days to it, ["key (status)", …])."""
    systems = SYSTEMS.of(report["status"]["sections"])
    groups: dict[date, tuple[int | None, list[str]]] = {}
    for target in systems.get("targets", []) if systems else []:
        when = target.get("planned_go_live")
        if when is None:
            continue
        _, keys = groups.setdefault(when, (target.get("days_to_go_live"), []))
        keys.append(f"{target['key']} ({label('system_status.' + target['status'], view.lang)})")
    return [(when, days, keys) for when, (days, keys) in sorted(groups.items())]


def _milestone_rows(report: ReportDocument, view: DocView) -> list[tuple[list[str], bool]]:
    """Cutover milestones as text cells, with "forecast later than planned"."""
    cutover = CUTOVER.of(report["status"]["sections"])
    rows = []
    for item in (cutover.get("milestones") if cutover else None) or []:
        if not isinstance(item, Mapping):
            continue
        planned, forecast = as_datetime(item.get("planned")), as_datetime(item.get("forecast"))
        late = planned is not None and forecast is not None and forecast > planned
        rows.append(([str(item.get("key", "")), str(item.get("title", "")),
                      format_datetime(planned, view.tz, view.lang),
                      format_datetime(forecast, view.tz, view.lang),
                      str(item.get("status", ""))], late))
    return rows


# --- HTML blocks --------------------------------------------------------------------------

def _overall(report: ReportDocument, view: DocView) -> tuple[str, int, int]:
    readiness = report["status"]["readiness"]
    return readiness["overall"], readiness["counts"]["red"], readiness["counts"]["amber"]


def _subtitle(report: ReportDocument, view: DocView) -> str:
    return (f"{view.t('report_title')} · {view.t('as_of')} "
            f"{format_date(report['status']['today'], view.lang)}")


def title_html(report: ReportDocument, view: DocView) -> str:
    overall, red, amber = _overall(report, view)
    rows = [[h.esc(view.t("overall")),
             f"{h.badge(overall, view.t(overall).upper())} "
             f"{h.esc(str(red))} {h.esc(view.t('red'))}, "
             f"{h.esc(str(amber))} {h.esc(view.t('amber'))}"]]
    rows.extend([h.nowrap(h.esc(name)), h.esc(text)] for name, text in key_facts(report, view))
    return h.block(
        f"<h1>{h.esc(report['status']['programme']['name'])}</h1>",
        h.paragraph(h.esc(_subtitle(report, view)), muted=True),
        h.table([], rows))


def summary_html(report: ReportDocument, view: DocView) -> str:
    readiness = report["status"]["readiness"]
    programme = programme_entry(readiness)
    rows = []
    for entry in [*readiness["systems"], *([programme] if programme else [])]:
        rows.append([h.nowrap(f"<b>{h.esc(entry['key'] or view.t('programme_wide'))}</b>"),
                     h.esc(entry["name"]), h.badge(entry["rag"], view.t(entry["rag"])),
                     reasons_html(entry["signals"], view)])
    parts = [h.heading(view.t("summary"))]
    if rows:
        parts.append(h.table([view.t("system"), view.t("name"), view.t("rag"),
                              view.t("reasons")], rows))
    else:
        parts.append(h.paragraph(h.esc(view.t("all_green"))))
    return h.block(*parts, keep_together=False)


def _go_live_headers(view: DocView) -> list[str]:
    return [view.t("go_live"), view.t("when"), view.t("systems")]


def _milestone_headers(view: DocView) -> list[str]:
    return [view.t("key"), view.t("milestone"), view.t("planned"), view.t("forecast"),
            view.t("status")]


def milestones_html(report: ReportDocument, view: DocView) -> str:
    groups = _go_live_groups(report, view)
    milestones = _milestone_rows(report, view)
    if not groups and not milestones:
        return ""
    parts = [h.heading(view.t("milestones"))]
    if groups:
        parts.append(h.table(
            _go_live_headers(view),
            [[h.nowrap(h.esc(format_date(when, view.lang))),
              h.nowrap(h.esc(days_phrase(days, view.lang))), h.esc(", ".join(keys))]
             for when, days, keys in groups]))
    if milestones:
        parts.append(h.table(
            _milestone_headers(view),
            [[h.esc(c) for c in cells] for cells, _ in milestones],
            row_styles=["color:#c62828" if late else "" for _, late in milestones]))
    return h.block(*parts)


def _x_time(view: DocView) -> Callable[[X], str]:
    def fmt(value: X) -> str:
        assert isinstance(value, datetime)  # the burndown's x axis is time
        local = value.astimezone(view.tz)
        return f"{local.day}.{local.month}. {local.hour}:{local.minute:02d}"

    return fmt


def _x_date(view: DocView) -> Callable[[X], str]:
    def fmt(value: X) -> str:
        assert isinstance(value, datetime)  # the coverage trend's x axis is time
        local = value.astimezone(view.tz)
        return f"{local.day}.{local.month}."

    return fmt


def _burndown_series(report: ReportDocument
                     ) -> tuple[list[tuple[datetime, Decimal]], list[tuple[datetime, Decimal]]]:
    """(planned, actual) tasks remaining over time; both empty without a burndown."""
    cutover = CUTOVER.of(report["status"]["sections"])
    burndown = cutover.get("burndown") if cutover else None
    if not isinstance(burndown, Mapping):
        return [], []
    return _time_series(burndown.get("planned")), _time_series(burndown.get("actual"))


def burndown_chart(report: ReportDocument, view: DocView) -> str:
    planned, actual = _burndown_series(report)
    if not planned and not actual:
        return ""
    return line_chart(
        [Series(view.t("planned"), planned, color="#9e9e9e", dashed=True),
         Series(view.t("actual"), actual, color="#1565c0")],
        title=view.t("burndown_note"), y_label=view.t("remaining"), x_format=_x_time(view),
        y_floor=0)


def _chart_html(chart: str) -> str:
    return f'<div style="margin:6px 0">{chart}</div>'


def burndown_html(report: ReportDocument, view: DocView) -> str:
    chart = burndown_chart(report, view)
    if not chart:
        return ""
    return h.block(h.heading(view.t("burndown")), _chart_html(chart))


def coverage_chart(report: ReportDocument, view: DocView) -> str:
    series = [Series(view.t(key), trend_points(report, metric), color=colour)
              for metric, key, colour in COVERAGE_METRICS]
    if not any(s.points for s in series):
        return ""
    return line_chart(series, title=f"{view.t('coverage')} %", x_format=_x_date(view),
                      target=100, target_label=f"{view.t('target')} 100 %",
                      y_format=lambda v: f"{v:g} %")


def _mapping_rows(report: ReportDocument, view: DocView) -> list[list[str]]:
    mapping = MAPPING.of(report["status"]["sections"])
    rows = []
    for item in (mapping.get("sets") if mapping else None) or []:
        if not isinstance(item, Mapping):
            continue
        coverage = item.get("coverage_pct")
        rows.append([str(item.get("set", "")), str(item.get("version", "") or ""),
                     "" if coverage is None else f"{format_number(coverage, view.lang)} %",
                     str(item.get("errors", "")), str(item.get("warnings", "")),
                     format_datetime(as_datetime(item.get("validated_at")), view.tz,
                                     view.lang)])
    return rows


def _mapping_headers(view: DocView) -> list[str]:
    return [view.t("mapping_set"), view.t("version"), view.t("coverage"), view.t("errors"),
            view.t("warnings"), view.t("validated")]


def coverage_html(report: ReportDocument, view: DocView) -> str:
    chart = coverage_chart(report, view)
    rows = _mapping_rows(report, view)
    if not chart and not rows:
        return ""
    parts = [h.heading(view.t("mapping_trend"))]
    if chart:
        parts.append(_chart_html(chart))
    if rows:
        parts.append(h.table(_mapping_headers(view), [[h.esc(c) for c in r] for r in rows],
                             align=["left", "left", "right", "right", "right", "left"]))
    return h.block(*parts)


def sso_html(report: ReportDocument, view: DocView) -> str:
    sso = SSO.of(report["status"]["sections"])
    return sso_section_html(sso, view) if sso else ""


def incidents_block_html(report: ReportDocument, view: DocView) -> str:
    incidents = INCIDENTS.of(report["status"]["sections"])
    return incidents_html(incidents, view) if incidents else ""


def kpis_block_html(report: ReportDocument, view: DocView) -> str:
    section = KPIS.of(report["status"]["sections"])
    if not section or not section["kpis"]:
        return ""
    trends = {row["name"]: [v for _, v in trend_points(report, row["name"])]
              for row in section["kpis"]}
    return h.block(h.heading(KPIS.title(view.lang)), kpis_table_html(section, view, trends=trends),
                   h.paragraph(h.esc(change_note(section, view)), muted=True),
                   keep_together=False)


def _generated(report: ReportDocument, view: DocView) -> str:
    return (f"{view.t('generated')} · "
            f"{format_datetime(report['status']['as_of'], view.tz, view.lang)}")


def footer_html(report: ReportDocument, view: DocView) -> str:
    return h.paragraph(h.esc(_generated(report, view)), muted=True)


def section_block(key: str, markdown: bool = False) -> Block:
    """A report block that is the section's own document view (data load, register): a
    section needs no report code of its own to appear in the report."""

    def block(report: ReportDocument, view: DocView) -> str:
        from migctl.render.sections import error_of, views_for

        section = report["status"]["sections"].get(key)
        views = views_for(key)
        if section is None or views is None or error_of(section) is not None:
            return ""
        return (views.markdown if markdown else views.html)(section, view)

    return block


#: Sections whose document views are the report's blocks as they are.
AS_IS = ("load", "register")

HTML_BLOCKS: list[Block] = [title_html, summary_html, milestones_html, burndown_html,
                            coverage_html, sso_html, incidents_block_html,
                            *(section_block(key) for key in AS_IS), kpis_block_html,
                            footer_html]


def report_html(report: ReportDocument, *, lang: str = "en") -> str:
    view = view_for(report["status"], lang)
    body = "".join(block(report, view) for block in HTML_BLOCKS)
    title = f"{report['status']['programme']['name']} – {view.t('report_title')}"
    return h.page(title, body, lang=lang)


# --- Markdown blocks ----------------------------------------------------------------------

def title_markdown(report: ReportDocument, view: DocView) -> str:
    overall, red, amber = _overall(report, view)
    lines = [f"# {report['status']['programme']['name']}\n",
             f"{_subtitle(report, view)}\n",
             f"**{view.t('overall')}: {rag_text(overall, view)}** "
             f"({red} {view.t('red')}, {amber} {view.t('amber')})\n"]
    lines.extend(f"- **{name}:** {text}" for name, text in key_facts(report, view))
    return "\n".join(lines) + "\n"


def summary_markdown(report: ReportDocument, view: DocView) -> str:
    readiness = report["status"]["readiness"]
    rows = [[s["key"], rag_text(s["rag"], view), "; ".join(view.said(x) for x in s["signals"])]
            for s in readiness["systems"]]
    programme = programme_entry(readiness)
    if programme is not None:
        rows.append([view.t("programme_wide"), rag_text(programme["rag"], view),
                     "; ".join(view.said(s) for s in programme["signals"])])
    body = (md_table([view.t("system"), view.t("rag"), view.t("reasons")], rows) if rows
            else view.t("all_green") + "\n")
    return f"## {view.t('summary')}\n\n{body}"


def milestones_markdown(report: ReportDocument, view: DocView) -> str:
    groups = _go_live_groups(report, view)
    milestones = _milestone_rows(report, view)
    if not groups and not milestones:
        return ""
    parts = [f"## {view.t('milestones')}\n"]
    if groups:
        parts.append(md_table(_go_live_headers(view),
                              [[format_date(w, view.lang), days_phrase(d, view.lang),
                                ", ".join(k)] for w, d, k in groups]))
    if milestones:
        parts.append(md_table(_milestone_headers(view), [cells for cells, _ in milestones]))
    return "\n".join(parts)


def _series_line(name: str, points: Sequence[tuple[datetime, Decimal]], view: DocView) -> str:
    if not points:
        return ""
    return (f"- {name}: {sparkline([v for _, v in points])} "
            f"{format_number(points[0][1], view.lang)} → {format_number(points[-1][1], view.lang)}"
            f" ({format_date(points[0][0].astimezone(view.tz), view.lang)} – "
            f"{format_date(points[-1][0].astimezone(view.tz), view.lang)})")


def burndown_markdown(report: ReportDocument, view: DocView) -> str:
    planned, actual = _burndown_series(report)
    if not planned and not actual:
        return ""
    lines = [f"## {view.t('burndown')}\n", view.t("burndown_note") + "\n",
             _series_line(view.t("planned"), planned, view),
             _series_line(view.t("actual"), actual, view)]
    return "\n".join(line for line in lines if line) + "\n"


def coverage_markdown(report: ReportDocument, view: DocView) -> str:
    lines = [_series_line(view.t(key), trend_points(report, metric), view)
             for metric, key, _ in COVERAGE_METRICS]
    rows = _mapping_rows(report, view)
    if not any(lines) and not rows:
        return ""
    parts = [f"## {view.t('mapping_trend')}\n", *[line for line in lines if line]]
    if rows:
        parts.append("\n" + md_table(_mapping_headers(view), rows))
    return "\n".join(parts) + "\n"


def sso_markdown(report: ReportDocument, view: DocView) -> str:
    sso = SSO.of(report["status"]["sections"])
    return sso_section_markdown(sso, view) if sso else ""


AGES = ("under_7_days", "7_to_30_days", "over_30_days")


def incidents_block_markdown(report: ReportDocument, view: DocView) -> str:
    incidents = INCIDENTS.of(report["status"]["sections"])
    if not incidents:
        return ""
    table = md_table([view.t("severity"), *[label(f"age.{a}", view.lang) for a in AGES]],
                     [[label(f"severity.{s}", view.lang),
                       *[str(counts.get(a, 0)) for a in AGES]]
                      for s, counts in incidents["open_by_age"].items()],
                     align=["left", "right", "right", "right"])
    return (incidents_markdown(incidents, view) + f"\n### {view.t('incidents_by_age')}\n\n"
            + table)


def kpis_block_markdown(report: ReportDocument, view: DocView) -> str:
    section = KPIS.of(report["status"]["sections"])
    if not section or not section["kpis"]:
        return ""
    rows = []
    for row in section["kpis"]:
        name, value, target, change = kpi_cells(row, view)
        if row["on_target"] is not None:
            value = f"{value} {'✓' if row['on_target'] else '✗'}"
        rows.append([name, value, target, change,
                     sparkline([v for _, v in trend_points(report, row["name"])])])
    return (f"## {KPIS.title(view.lang)}\n\n"
            + md_table([view.t("kpi"), view.t("value"), view.t("target"), view.t("change"),
                        view.t("trend")], rows, align=["left", "right", "right", "right"])
            + f"\n{change_note(section, view)} {view.t('target_marks')}\n")


MARKDOWN_BLOCKS: list[Block] = [title_markdown, summary_markdown, milestones_markdown,
                                burndown_markdown, coverage_markdown, sso_markdown,
                                incidents_block_markdown,
                                *(section_block(key, markdown=True) for key in AS_IS),
                                kpis_block_markdown]


def report_markdown(report: ReportDocument, *, lang: str = "en") -> str:
    report = md_document(report)  # stored text: no HTML, no line of its own
    view = view_for(report["status"], lang)
    parts = [block(report, view) for block in MARKDOWN_BLOCKS]
    return ("\n".join(p.rstrip() + "\n" for p in parts if p) + "\n"
            + f"_{_generated(report, view)}_\n")
