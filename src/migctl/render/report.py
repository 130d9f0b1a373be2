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
from migctl.render.report_sso import sso_matrix_html, sso_matrix_markdown
from migctl.render.report_steering import (
    cutover_steering_html,
    cutover_steering_markdown,
    decisions_html,
    decisions_markdown,
    rehearsals_html,
    rehearsals_markdown,
    status_word,
)
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
from migctl.render.status_kpis import (
    change_note,
    kpi_age,
    kpi_cells,
    kpi_description,
    kpis_table_html,
)
from migctl.render.svg import Series, X, line_chart
from migctl.services.status.registry import CUTOVER, INCIDENTS, KPIS, MAPPING, SSO, SYSTEMS

if TYPE_CHECKING:
    from migctl.services.hypercare.status import IncidentsSection
    from migctl.services.kpis.status import KpiRow
    from migctl.services.status.documents import ReportDocument

Block = Callable[["ReportDocument", DocView], str]
AGES = ("under_7_days", "7_to_30_days", "over_30_days")
#: Rows of the burndown's table (its chart may hold 200 points).
TABLE_POINTS = 12
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
                      status_word(item.get("status", ""), view)], late))
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
    return [view.t("key"), view.t("milestone"), view.zoned("planned"), view.t("forecast"),
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


def _burndown_run(report: ReportDocument) -> str | None:
    cutover = CUTOVER.of(report["status"]["sections"])
    burndown = cutover.get("burndown") if cutover else None
    run = burndown.get("run") if isinstance(burndown, Mapping) else None
    return str(run) if run else None


def burndown_title(report: ReportDocument, view: DocView) -> str:
    """Which run the burndown follows; its planned line is that run's plan."""
    run = _burndown_run(report)
    return view.t("report.burndown_of", run=run) if run else view.t("burndown_note")


def burndown_chart(report: ReportDocument, view: DocView) -> str:
    planned, actual = _burndown_series(report)
    if not planned and not actual:
        return ""
    return line_chart(
        [Series(view.t("planned"), planned, color="#9e9e9e", dashed=True),
         Series(view.t("actual"), actual, color="#1565c0")],
        title=burndown_title(report, view), y_label=view.t("remaining"),
        x_format=_x_time(view), y_floor=0)


def _remaining_at(points: Sequence[tuple[datetime, Decimal]], at: datetime) -> Decimal | None:
    """A countdown's value at ``at`` (the last point at or before it); None before it starts."""
    found = None
    for when, value in points:
        if when > at:
            break
        found = value
    return found


def burndown_rows(report: ReportDocument, view: DocView) -> list[list[str]]:
    """The chart's numbers: tasks remaining, planned and actual, at each point's time (at most
    :data:`TABLE_POINTS` times, evenly spread, the last always kept)."""
    planned, actual = _burndown_series(report)
    times = sorted({at for at, _ in [*planned, *actual]})
    if len(times) > TABLE_POINTS:
        step = (len(times) - 1) / (TABLE_POINTS - 1)
        times = [times[round(i * step)] for i in range(TABLE_POINTS)]
    rows = []
    for at in times:
        cells = [_remaining_at(planned, at), _remaining_at(actual, at)]
        rows.append([format_datetime(at, view.tz, view.lang),
                     *["" if c is None else format_number(c, view.lang) for c in cells]])
    return rows


def _burndown_headers(view: DocView) -> list[str]:
    return [view.zoned("report.burndown_table"), view.t("planned"), view.t("actual")]


def _chart_html(chart: str) -> str:
    return f'<div class="chart" style="margin:6px 0">{chart}</div>'


def burndown_html(report: ReportDocument, view: DocView) -> str:
    chart = burndown_chart(report, view)
    if not chart:
        return ""
    return h.block(h.heading(view.t("burndown")), _chart_html(chart),
                   h.table(_burndown_headers(view),
                           [[h.esc(c) for c in row] for row in burndown_rows(report, view)],
                           align=["left", "right", "right"]), keep_together=False)


def coverage_chart(report: ReportDocument, view: DocView) -> str:
    series = [Series(view.t(key), trend_points(report, metric), color=colour)
              for metric, key, colour in COVERAGE_METRICS]
    if not any(s.points for s in series):
        return ""
    return line_chart(series, title=f"{view.t('coverage')} %", x_format=_x_date(view),
                      target=100, target_label=f"{view.t('target')} 100 %",
                      y_format=lambda v: f"{v:g} %")


def coverage_rows(report: ReportDocument, view: DocView) -> list[list[str]]:
    """The coverage chart's numbers: each day's value of both series."""
    by_day: dict[date, dict[str, Decimal]] = {}
    for metric, key, _ in COVERAGE_METRICS:
        for at, value in trend_points(report, metric):
            by_day.setdefault(at.astimezone(view.tz).date(), {})[key] = value
    return [[format_date(day, view.lang),
             *[f"{format_number(values[key], view.lang)} %" if key in values else ""
               for _, key, _ in COVERAGE_METRICS]]
            for day, values in sorted(by_day.items())]


def _coverage_headers(view: DocView) -> list[str]:
    return [view.t("report.at"), *[f"{view.t(key)}" for _, key, _ in COVERAGE_METRICS]]


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
            view.t("warnings"), view.zoned("validated")]


def coverage_html(report: ReportDocument, view: DocView) -> str:
    chart = coverage_chart(report, view)
    rows = _mapping_rows(report, view)
    if not chart and not rows:
        return ""
    parts = [h.heading(view.t("mapping_trend"))]
    if chart:
        parts.append(_chart_html(chart))
        parts.append(h.table(_coverage_headers(view), [[h.esc(c) for c in row]
                                                       for row in coverage_rows(report, view)],
                             align=["left", "right", "right"]))
    if rows:
        parts.append(h.table(_mapping_headers(view), [[h.esc(c) for c in r] for r in rows],
                             align=["left", "left", "right", "right", "right", "left"]))
    return h.block(*parts)


def sso_html(report: ReportDocument, view: DocView) -> str:
    sso = SSO.of(report["status"]["sections"])
    return sso_matrix_html(sso, view) if sso else ""


def incidents_block_html(report: ReportDocument, view: DocView) -> str:
    incidents = INCIDENTS.of(report["status"]["sections"])
    if not incidents:
        return ""
    table = ""
    if incidents.get("open_by_age"):
        table = (h.paragraph(f"<b>{h.esc(view.t('incidents_by_age'))}</b>")
                 + h.table(_age_headers(view),
                           [[h.esc(c) for c in row] for row in _age_rows(incidents, view)],
                           align=["left", "right", "right", "right"]))
    return incidents_html(incidents, view) + table


def kpis_block_html(report: ReportDocument, view: DocView) -> str:
    section = KPIS.of(report["status"]["sections"])
    if not section or not section["kpis"]:
        return ""
    trends = {row["name"]: [v for _, v in trend_points(report, row["name"])]
              for row in section["kpis"]}
    return h.block(h.heading(KPIS.title(view.lang)),
                   kpis_table_html(section, view, trends=trends,
                                   as_of=report["status"]["as_of"]),
                   h.paragraph(h.esc(change_note(section, view)), muted=True),
                   keep_together=False)


def _generated(report: ReportDocument, view: DocView) -> str:
    return (f"{view.t('generated')} · "
            f"{format_datetime(report['status']['as_of'], view.tz, view.lang)} ({view.tz})")


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


#: Sections the report lays out with blocks of its own; every other registered section (data
#: load, register, people, window…) appears through its own document view, in registry order.
OWN_BLOCKS = frozenset({"systems", "cutover", "mapping", "sso", "incidents", "kpis"})


def as_is_blocks(report: ReportDocument, *, markdown: bool = False) -> list[Block]:
    return [section_block(key, markdown) for key in report["status"]["sections"]
            if key not in OWN_BLOCKS]


#: The first page: title, key facts and the RAG summary; every later block is a part of its
#: own (a new A4 page when printed).
HTML_HEAD: list[Block] = [title_html, summary_html]
HTML_BLOCKS: list[Block] = [decisions_html, cutover_steering_html, milestones_html,
                            burndown_html, rehearsals_html]
HTML_TAIL: list[Block] = [coverage_html, sso_html, incidents_block_html, kpis_block_html]


def report_html(report: ReportDocument, *, lang: str = "en") -> str:
    view = view_for(report["status"], lang)
    head = "".join(block(report, view) for block in HTML_HEAD)
    blocks = [*HTML_BLOCKS, *as_is_blocks(report), *HTML_TAIL]
    parts = "".join(h.part(text) for block in blocks if (text := block(report, view)))
    body = head + parts + footer_html(report, view)
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
    lines = [f"## {view.t('burndown')}\n", burndown_title(report, view) + "\n",
             _series_line(view.t("planned"), planned, view),
             _series_line(view.t("actual"), actual, view), "",
             md_table(_burndown_headers(view), burndown_rows(report, view),
                      align=["left", "right", "right"])]
    return "\n".join(lines) + "\n"


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
    return sso_matrix_markdown(sso, view) if sso else ""


def _age_headers(view: DocView) -> list[str]:
    return [view.t("severity"), *[label(f"age.{a}", view.lang) for a in AGES]]


def _age_rows(incidents: IncidentsSection, view: DocView) -> list[list[str]]:
    return [[label(f"severity.{s}", view.lang), *[str(counts.get(a, 0)) for a in AGES]]
            for s, counts in incidents["open_by_age"].items()]


def incidents_block_markdown(report: ReportDocument, view: DocView) -> str:
    incidents = INCIDENTS.of(report["status"]["sections"])
    if not incidents:
        return ""
    table = md_table(_age_headers(view), _age_rows(incidents, view),
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
        rows.append([name, value, kpi_age(row, view, report["status"]["as_of"]), target,
                     change, sparkline([v for _, v in trend_points(report, row["name"])]),
                     kpi_description(row, view)])
    return (f"## {KPIS.title(view.lang)}\n\n"
            + md_table([view.t("kpi"), view.t("value"), view.t("report.kpi_age"),
                        view.t("target"), view.t("change"), view.t("trend"),
                        view.t("report.description")], rows,
                       align=["left", "right", "right", "right", "right"])
            + f"\n{change_note(section, view)} {view.t('target_marks')}\n")


MARKDOWN_BLOCKS: list[Block] = [title_markdown, summary_markdown, decisions_markdown,
                                cutover_steering_markdown, milestones_markdown,
                                burndown_markdown, rehearsals_markdown]
MARKDOWN_TAIL: list[Block] = [coverage_markdown, sso_markdown, incidents_block_markdown,
                              kpis_block_markdown]


def report_markdown(report: ReportDocument, *, lang: str = "en") -> str:
    report = md_document(report)  # stored text: no HTML, no line of its own
    view = view_for(report["status"], lang)
    blocks = [*MARKDOWN_BLOCKS, *as_is_blocks(report, markdown=True), *MARKDOWN_TAIL]
    parts = [block(report, view) for block in blocks]
    return ("\n".join(p.rstrip() + "\n" for p in parts if p) + "\n"
            + f"_{_generated(report, view)}_\n")
