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
from typing import Any

from migctl.docvalues import as_datetime
from migctl.render import html as h
from migctl.render.hypercare_documents import (
    change_note,
    incidents_html,
    incidents_markdown,
    incidents_summary,
    kpi_cells,
    kpis_table_html,
)
from migctl.render.i18n import days_phrase, format_date, format_datetime, format_number, label
from migctl.render.markdown import md_table
from migctl.render.sparkline import sparkline
from migctl.render.status_documents import (
    DocView,
    programme_entry,
    rag_text,
    reasons_html,
    view_for,
)
from migctl.render.status_documents import facts as status_facts
from migctl.render.svg import Series, line_chart

Block = Callable[[dict[str, Any], DocView], str]
SSO_LEVEL = {"pass": "green", "passed": "green", "ok": "green", "warn": "amber",
             "warning": "amber", "fail": "red", "failed": "red", "error": "red"}
RAG_WORD = {"green": "🟢 ", "amber": "🟠 ", "red": "🔴 "}
COVERAGE_METRICS = (("mapping_coverage_pct", "coverage", "#1565c0"),
                    ("mapping_coverage_eur_pct", "coverage_eur", "#6a1b9a"))


def _sections(report: dict[str, Any]) -> dict[str, Any]:
    sections: dict[str, Any] = report["status"]["sections"]
    return sections


def _section(report: dict[str, Any], name: str) -> Mapping[str, Any] | None:
    """A section to show, or None when it is missing or could not be built (``error``)."""
    found = _sections(report).get(name)
    return found if isinstance(found, Mapping) and "error" not in found else None


def _kpi_rows(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    section = _section(report, "kpis") or {}
    return {row["name"]: row for row in section.get("kpis", [])}


def trend_points(report: dict[str, Any], metric: str) -> list[tuple[datetime, Decimal]]:
    """Stored values of a KPI, plus its live value when newer (computed from a section)."""
    points = [(p["at"], p["value"]) for p in report["kpi_history"].get(metric, [])]
    row = _kpi_rows(report).get(metric)
    if row is not None and row["source"] == "live" and (not points or row["at"] > points[-1][0]):
        points.append((row["at"], row["value"]))
    return points


def _time_series(pairs: Any) -> list[tuple[datetime, Decimal]]:
    """``[[iso_time, value], …]`` from a section, skipping malformed entries."""
    result = []
    for pair in pairs if isinstance(pairs, list) else []:
        if isinstance(pair, list | tuple) and len(pair) == 2:
            at = as_datetime(pair[0])
            if at is not None and isinstance(pair[1], int | float | Decimal):
                result.append((at, Decimal(str(pair[1]))))
    return result


# --- facts shared by HTML and Markdown ----------------------------------------------------

def key_facts(report: dict[str, Any], view: DocView) -> list[tuple[str, str]]:
    """The status header's facts, then cutover progress and incidents when known."""
    facts = status_facts(report["status"], view)
    cutover = _section(report, "cutover")
    progress = cutover.get("progress") if cutover else None
    if isinstance(progress, Mapping) and progress.get("total"):
        facts.append((view.t("progress"), view.t("tasks_done", done=progress.get("done", 0),
                                                 total=progress["total"])))
    incidents = _section(report, "incidents")
    if incidents:
        facts.append((view.t("incidents"), incidents_summary(dict(incidents), view)))
    return facts


def _go_live_groups(
    report: dict[str, Any], view: DocView
) -> list[tuple[date, int | None, list[str]]]:
    """Target go-lives grouped by date: (date, days to it, ["key (status)", …])."""
    systems = _section(report, "systems") or {}
    groups: dict[date, tuple[int | None, list[str]]] = {}
    for target in systems.get("targets", []):
        when = target.get("planned_go_live")
        if when is None:
            continue
        _, keys = groups.setdefault(when, (target.get("days_to_go_live"), []))
        keys.append(f"{target['key']} ({label('system_status.' + target['status'], view.lang)})")
    return [(when, days, keys) for when, (days, keys) in sorted(groups.items())]


def _milestone_rows(report: dict[str, Any], view: DocView) -> list[tuple[list[str], bool]]:
    """Cutover milestones as text cells, with "forecast later than planned"."""
    cutover = _section(report, "cutover")
    rows = []
    for item in (cutover or {}).get("milestones", []) or []:
        if not isinstance(item, Mapping):
            continue
        planned, forecast = as_datetime(item.get("planned")), as_datetime(item.get("forecast"))
        late = planned is not None and forecast is not None and forecast > planned
        rows.append(([str(item.get("key", "")), str(item.get("title", "")),
                      format_datetime(planned, view.tz, view.lang),
                      format_datetime(forecast, view.tz, view.lang),
                      str(item.get("status", ""))], late))
    return rows


def _sso_matrix(report: dict[str, Any]) -> tuple[list[str], list[str],
                                                 dict[tuple[str, str], Mapping[str, Any]]]:
    sso = _section(report, "sso") or {}
    cells: dict[tuple[str, str], Mapping[str, Any]] = {}
    systems: list[str] = []
    environments = [str(e) for e in sso.get("environments", []) or []]
    for item in sso.get("matrix", []) or []:
        if not isinstance(item, Mapping):
            continue
        system, env = str(item.get("system", "")), str(item.get("env", ""))
        cells[(system, env)] = item
        if system not in systems:
            systems.append(system)
        if env not in environments:
            environments.append(env)
    return systems, environments, cells


def _sso_age(item: Mapping[str, Any], view: DocView) -> str:
    age = item.get("age_minutes")
    return view.t("minutes_ago", n=age) if isinstance(age, int | float) else ""


# --- HTML blocks --------------------------------------------------------------------------

def title_html(report: dict[str, Any], view: DocView) -> str:
    status = report["status"]
    readiness = status["readiness"]
    rows = [[h.esc(view.t("overall")),
             f"{h.badge(readiness['overall'], view.t(readiness['overall']).upper())} "
             f"{h.esc(str(readiness['counts']['red']))} {h.esc(view.t('red'))}, "
             f"{h.esc(str(readiness['counts']['amber']))} {h.esc(view.t('amber'))}"]]
    rows.extend([h.nowrap(h.esc(name)), h.esc(text)] for name, text in key_facts(report, view))
    return h.block(
        f"<h1>{h.esc(status['programme']['name'])}</h1>",
        h.paragraph(h.esc(f"{view.t('report_title')} · {view.t('as_of')} "
                          f"{format_date(status['today'], view.lang)}"), muted=True),
        h.table([], rows))


def summary_html(report: dict[str, Any], view: DocView) -> str:
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


def milestones_html(report: dict[str, Any], view: DocView) -> str:
    groups = _go_live_groups(report, view)
    milestones = _milestone_rows(report, view)
    if not groups and not milestones:
        return ""
    parts = [h.heading(view.t("milestones"))]
    if groups:
        parts.append(h.table(
            [view.t("go_live"), view.t("when"), view.t("systems")],
            [[h.nowrap(h.esc(format_date(when, view.lang))),
              h.nowrap(h.esc(days_phrase(days, view.lang))), h.esc(", ".join(keys))]
             for when, days, keys in groups]))
    if milestones:
        parts.append(h.table(
            [view.t("key"), view.t("milestone"), view.t("planned"), view.t("forecast"),
             view.t("status")],
            [[h.esc(c) for c in cells] for cells, _ in milestones],
            row_styles=["color:#c62828" if late else "" for _, late in milestones]))
    return h.block(*parts)


def _x_time(view: DocView) -> Callable[[Any], str]:
    def fmt(value: Any) -> str:
        local = value.astimezone(view.tz)
        return f"{local.day}.{local.month}. {local.hour}:{local.minute:02d}"

    return fmt


def _x_date(view: DocView) -> Callable[[Any], str]:
    def fmt(value: Any) -> str:
        local = value.astimezone(view.tz)
        return f"{local.day}.{local.month}."

    return fmt


def burndown_chart(report: dict[str, Any], view: DocView) -> str:
    cutover = _section(report, "cutover") or {}
    burndown = cutover.get("burndown") or {}
    planned = _time_series(burndown.get("planned"))
    actual = _time_series(burndown.get("actual"))
    if not planned and not actual:
        return ""
    return line_chart(
        [Series(view.t("planned"), planned, color="#9e9e9e", dashed=True),
         Series(view.t("actual"), actual, color="#1565c0")],
        title=view.t("burndown_note"), y_label=view.t("remaining"), x_format=_x_time(view),
        y_floor=0)


def burndown_html(report: dict[str, Any], view: DocView) -> str:
    chart = burndown_chart(report, view)
    if not chart:
        return ""
    return h.block(h.heading(view.t("burndown")), f'<div style="margin:6px 0">{chart}</div>')


def coverage_chart(report: dict[str, Any], view: DocView) -> str:
    series = [Series(view.t(key), trend_points(report, metric), color=colour)
              for metric, key, colour in COVERAGE_METRICS]
    if not any(s.points for s in series):
        return ""
    return line_chart(series, title=f"{view.t('coverage')} %", x_format=_x_date(view),
                      target=100, target_label=f"{view.t('target')} 100 %",
                      y_format=lambda v: f"{v:g} %")


def _mapping_rows(report: dict[str, Any], view: DocView) -> list[list[str]]:
    mapping = _section(report, "mapping") or {}
    rows = []
    for item in mapping.get("sets", []) or []:
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


def coverage_html(report: dict[str, Any], view: DocView) -> str:
    chart = coverage_chart(report, view)
    rows = _mapping_rows(report, view)
    if not chart and not rows:
        return ""
    parts = [h.heading(view.t("mapping_trend"))]
    if chart:
        parts.append(f'<div style="margin:6px 0">{chart}</div>')
    if rows:
        parts.append(h.table(_mapping_headers(view), [[h.esc(c) for c in r] for r in rows],
                             align=["left", "left", "right", "right", "right", "left"]))
    return h.block(*parts)


def sso_html(report: dict[str, Any], view: DocView) -> str:
    sso = _section(report, "sso")
    if sso is None or not sso.get("matrix"):  # no checks configured: no empty block
        return ""
    systems, environments, cells = _sso_matrix(report)
    rows = []
    for system in systems:
        row = [h.nowrap(f"<b>{h.esc(system)}</b>")]
        for env in environments:
            item = cells.get((system, env))
            if item is None:
                row.append("–")
                continue
            status = str(item.get("status", ""))
            age = _sso_age(item, view)
            row.append(h.badge(SSO_LEVEL.get(status.lower(), "grey"), status)
                       + (f'<br/><span style="color:#757575;font-size:11px">{h.esc(age)}'
                          "</span>" if age else ""))
        rows.append(row)
    rates = sso.get("pass_rate") or {}
    if isinstance(rates, Mapping) and rates:
        rows.append([f"<b>{h.esc(view.t('pass_rate'))}</b>", *[
            h.esc(f"{format_number(rates[e], view.lang)} %") if e in rates else ""
            for e in environments]])
    return h.block(h.heading(view.t("sso_matrix")),
                   h.table([view.t("system"), *environments], rows))


def incidents_block_html(report: dict[str, Any], view: DocView) -> str:
    incidents = _section(report, "incidents")
    return incidents_html(dict(incidents), view) if incidents else ""


def kpis_block_html(report: dict[str, Any], view: DocView) -> str:
    section = _section(report, "kpis")
    if not section or not section.get("kpis"):
        return ""
    trends = {row["name"]: [v for _, v in trend_points(report, row["name"])]
              for row in section["kpis"]}
    return h.block(h.heading(view.t("kpis")), kpis_table_html(dict(section), view, trends=trends),
                   h.paragraph(h.esc(change_note(dict(section), view)), muted=True),
                   keep_together=False)


def footer_html(report: dict[str, Any], view: DocView) -> str:
    status = report["status"]
    return h.paragraph(h.esc(f"{view.t('generated')} · "
                             f"{format_datetime(status['as_of'], view.tz, view.lang)}"),
                       muted=True)


HTML_BLOCKS: list[Block] = [title_html, summary_html, milestones_html, burndown_html,
                            coverage_html, sso_html, incidents_block_html, kpis_block_html,
                            footer_html]


def report_html(report: dict[str, Any], *, lang: str = "en") -> str:
    view = view_for(report["status"], lang)
    body = "".join(block(report, view) for block in HTML_BLOCKS)
    title = f"{report['status']['programme']['name']} – {view.t('report_title')}"
    return h.page(title, body, lang=lang)


# --- Markdown blocks ----------------------------------------------------------------------

def title_markdown(report: dict[str, Any], view: DocView) -> str:
    status = report["status"]
    readiness = status["readiness"]
    lines = [f"# {status['programme']['name']}\n",
             f"{view.t('report_title')} · {view.t('as_of')} "
             f"{format_date(status['today'], view.lang)}\n",
             f"**{view.t('overall')}: {rag_text(readiness['overall'], view)}** "
             f"({readiness['counts']['red']} {view.t('red')}, "
             f"{readiness['counts']['amber']} {view.t('amber')})\n"]
    lines.extend(f"- **{name}:** {text}" for name, text in key_facts(report, view))
    return "\n".join(lines) + "\n"


def summary_markdown(report: dict[str, Any], view: DocView) -> str:
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


def milestones_markdown(report: dict[str, Any], view: DocView) -> str:
    groups = _go_live_groups(report, view)
    milestones = _milestone_rows(report, view)
    if not groups and not milestones:
        return ""
    parts = [f"## {view.t('milestones')}\n"]
    if groups:
        parts.append(md_table([view.t("go_live"), view.t("when"), view.t("systems")],
                              [[format_date(w, view.lang), days_phrase(d, view.lang),
                                ", ".join(k)] for w, d, k in groups]))
    if milestones:
        parts.append(md_table([view.t("key"), view.t("milestone"), view.t("planned"),
                               view.t("forecast"), view.t("status")],
                              [cells for cells, _ in milestones]))
    return "\n".join(parts)


def _series_line(name: str, points: Sequence[tuple[datetime, Decimal]], view: DocView) -> str:
    if not points:
        return ""
    return (f"- {name}: {sparkline([v for _, v in points])} "
            f"{format_number(points[0][1], view.lang)} → {format_number(points[-1][1], view.lang)}"
            f" ({format_date(points[0][0].astimezone(view.tz), view.lang)} – "
            f"{format_date(points[-1][0].astimezone(view.tz), view.lang)})")


def burndown_markdown(report: dict[str, Any], view: DocView) -> str:
    cutover = _section(report, "cutover") or {}
    burndown = cutover.get("burndown") or {}
    planned = _time_series(burndown.get("planned"))
    actual = _time_series(burndown.get("actual"))
    if not planned and not actual:
        return ""
    lines = [f"## {view.t('burndown')}\n", view.t("burndown_note") + "\n",
             _series_line(view.t("planned"), planned, view),
             _series_line(view.t("actual"), actual, view)]
    return "\n".join(line for line in lines if line) + "\n"


def coverage_markdown(report: dict[str, Any], view: DocView) -> str:
    lines = [_series_line(view.t(key), trend_points(report, metric), view)
             for metric, key, _ in COVERAGE_METRICS]
    rows = _mapping_rows(report, view)
    if not any(lines) and not rows:
        return ""
    parts = [f"## {view.t('mapping_trend')}\n", *[line for line in lines if line]]
    if rows:
        parts.append("\n" + md_table(_mapping_headers(view), rows))
    return "\n".join(parts) + "\n"


def sso_markdown(report: dict[str, Any], view: DocView) -> str:
    sso = _section(report, "sso")
    if sso is None or not sso.get("matrix"):  # no checks configured: no empty block
        return ""
    systems, environments, cells = _sso_matrix(report)
    rows: list[list[str]] = []
    for system in systems:
        row = [system]
        for env in environments:
            item = cells.get((system, env))
            row.append("–" if item is None else
                       f"{RAG_WORD.get(SSO_LEVEL.get(str(item.get('status', '')).lower(), ''), '')}"
                       f"{item.get('status', '')} {_sso_age(item, view)}".strip())
        rows.append(row)
    rates = sso.get("pass_rate") or {}
    if isinstance(rates, Mapping) and rates:
        rows.append([view.t("pass_rate"), *[f"{format_number(rates[e], view.lang)} %"
                                            if e in rates else "" for e in environments]])
    return f"## {view.t('sso_matrix')}\n\n" + md_table([view.t("system"), *environments], rows)


def incidents_block_markdown(report: dict[str, Any], view: DocView) -> str:
    incidents = _section(report, "incidents")
    if not incidents:
        return ""
    ages = ("under_7_days", "7_to_30_days", "over_30_days")
    table = md_table([view.t("severity"), *[label(f"age.{a}", view.lang) for a in ages]],
                     [[label(f"severity.{s}", view.lang),
                       *[str(counts.get(a, 0)) for a in ages]]
                      for s, counts in incidents["open_by_age"].items()],
                     align=["left", "right", "right", "right"])
    return (incidents_markdown(dict(incidents), view) + f"\n### {view.t('incidents_by_age')}\n\n"
            + table)


def kpis_block_markdown(report: dict[str, Any], view: DocView) -> str:
    section = _section(report, "kpis")
    if not section or not section.get("kpis"):
        return ""
    rows = []
    for row in section["kpis"]:
        name, value, target, change = kpi_cells(row, view)
        if row["on_target"] is not None:
            value = f"{value} {'✓' if row['on_target'] else '✗'}"
        rows.append([name, value, target, change,
                     sparkline([v for _, v in trend_points(report, row["name"])])])
    return (f"## {view.t('kpis')}\n\n"
            + md_table([view.t("kpi"), view.t("value"), view.t("target"), view.t("change"),
                        view.t("trend")], rows, align=["left", "right", "right", "right"])
            + f"\n{change_note(dict(section), view)} {view.t('target_marks')}\n")


MARKDOWN_BLOCKS: list[Block] = [title_markdown, summary_markdown, milestones_markdown,
                                burndown_markdown, coverage_markdown, sso_markdown,
                                incidents_block_markdown, kpis_block_markdown]


def report_markdown(report: dict[str, Any], *, lang: str = "en") -> str:
    view = view_for(report["status"], lang)
    parts = [block(report, view) for block in MARKDOWN_BLOCKS]
    footer = (f"_{view.t('generated')} · "
              f"{format_datetime(report['status']['as_of'], view.tz, view.lang)}_\n")
    return "\n".join(p.rstrip() + "\n" for p in parts if p) + "\n" + footer



def _as_report(section: dict[str, Any]) -> dict[str, Any]:
    return {"status": {"sections": {"sso": section}}}


def sso_status_markdown(section: dict[str, Any], view: DocView) -> str:
    """The SSO matrix as a `status -f markdown` section (the report's own layout)."""
    return sso_markdown(_as_report(section), view)


def sso_status_html(section: dict[str, Any], view: DocView) -> str:
    """The SSO matrix as a `status -f html` section (the report's own layout)."""
    return sso_html(_as_report(section), view)
