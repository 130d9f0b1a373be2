"""The incidents section's views: what is open, how old, how fast cases get closed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render import html as h
from migctl.render.i18n import format_number, label
from migctl.render.markdown import md_table
from migctl.render.sections import DocView, SectionViews
from migctl.render.svg import stacked_bars
from migctl.render.tables import Col, build_table
from migctl.services.status.registry import INCIDENTS

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.hypercare.sla import SlaMeasure
    from migctl.services.hypercare.status import IncidentsSection, OpenIncident

SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": ""}
AGE_COLOURS = (("under_7_days", "#90caf9"), ("7_to_30_days", "#1e88e5"),
               ("over_30_days", "#0d47a1"))
SEVERITY_COLOURS = {"critical": "#b71c1c", "high": "#c62828", "medium": "#ef6c00", "low": ""}
#: Open incidents listed on the status screen; the rest are counted.
SCREEN_SHOWN = 10
#: Open incidents listed in documents; the rest are counted.
OPEN_SHOWN = 25


# --- terminal -----------------------------------------------------------------------------

def _screen_age(row: OpenIncident, view: DocView) -> str:
    days = row.get("age_days")
    if days is None:
        return ""
    return f"{days} {view.t('fi_d')}" if days else f"{row.get('age_hours', 0):g} h"


def incidents_view(section: IncidentsSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    counts = section["counts"]
    line = Text()
    line.append(f"{view.t('incidents')}  ", style="bold")
    line.append(view.t("fi_n_open", n=counts["open"]))
    severities = [f"{view.word('severity', name)} {n}"
                  for name, n in section["open_by_severity"].items() if n]
    if severities:
        line.append(" (" + ", ".join(severities) + ")")
    line.append(", " + view.t("fi_n_closed", n=counts["closed"]))
    mttc = section.get("mean_time_to_close_hours")
    if mttc is not None:
        line.append(", " + view.t("fi_mttc", h=format_number(mttc, view.lang)))
    oldest = section.get("oldest_open")
    if oldest:
        line.append(", " + view.t("fi_oldest_open", incident=oldest["key"],
                                  age=_screen_age(oldest, view)))
    parts: list[RenderableType] = [line]
    shown = [r | {"age": _screen_age(r, view)} for r in section["open"][:SCREEN_SHOWN]]
    if shown:
        parts.append(build_table(
            shown,
            [Col("key", view.t("fi_open_col"), style="bold"),
             Col("severity", view.t("severity"), fmt=lambda v: view.word("severity", v)),
             Col("status", view.t("status"), fmt=lambda v: view.word("incident_status", v)),
             Col("system", view.t("system")),
             Col("title", view.t("title"), wrap=True), Col("owner", view.t("owner")),
             Col("age", view.t("age"), justify="right")],
            row_style=lambda r: SEVERITY_STYLE.get(r["severity"]) or None,
        ))
    hidden = len(section["open"]) - len(shown)
    if hidden > 0:
        parts.append(Text(view.t("fi_more_open", n=hidden), style="dim"))
    parts.extend(_sla_screen(section, view))
    return parts


# --- the provider's service levels --------------------------------------------------------

def _met(measure: SlaMeasure, lang: str = "en") -> str:
    if not measure["judged"]:
        return "–"
    pct = measure["met_pct"]
    return f"{measure['met']}/{measure['judged']} ({format_number(pct, lang)} %)"


def _span(minutes: int, lang: str) -> str:
    from migctl.render.catalogue.finnish import duration

    return duration(minutes, lang)


def _median(measure: SlaMeasure, lang: str = "en") -> str:
    minutes = measure["median_minutes"]
    return "–" if minutes is None else _span(minutes, lang)


def _sla_rows(section: IncidentsSection, lang: str) -> list[list[str]]:
    sla = section.get("sla")
    if not sla:
        return []
    return [[label(f"severity.{row['severity']}", lang),
             _span(row["response_target_minutes"], lang), _met(row["response"], lang),
             _median(row["response"], lang), _span(row["resolution_target_minutes"], lang),
             _met(row["resolution"], lang), _median(row["resolution"], lang)]
            for row in sla["by_severity"]
            if row["response"]["judged"] or row["resolution"]["judged"]]


def _sla_headers(lang: str) -> list[str]:
    return [label(k, lang) for k in ("severity", "sla_response_target", "sla_response_met",
                                     "sla_response_median", "sla_resolution_target",
                                     "sla_resolution_met", "sla_resolution_median")]


def _breach_rows(section: IncidentsSection, lang: str) -> list[list[str]]:
    sla = section.get("sla")
    rows = []
    for case in (sla["breaches"] if sla else [])[:OPEN_SHOWN]:
        for measure in ("response", "resolution"):
            breached = case["response_breached"] if measure == "response" \
                else case["resolution_breached"]
            if not breached:
                continue
            minutes = case["response_minutes"] if measure == "response" \
                else case["resolution_minutes"]
            target = case["response_target"] if measure == "response" \
                else case["resolution_target"]
            rows.append([case["key"], case["reference"] or "",
                         label(f"severity.{case['severity']}", lang), case["system"] or "",
                         label(f"sla_measure.{measure}", lang), _span(target, lang),
                         label("sla_waiting", lang) if minutes is None
                         else _span(minutes, lang)])
    return rows


def _breach_headers(lang: str) -> list[str]:
    return [label("key", lang), label("sla_reference", lang), label("severity", lang),
            label("system", lang), label("sla_missed", lang), label("target", lang),
            label("sla_took", lang)]


def sla_summary(section: IncidentsSection, lang: str = "en") -> str:
    sla = section.get("sla")
    if not sla:
        return ""
    response, resolution = sla["response"]["met_pct"], sla["resolution"]["met_pct"]
    return label("sla_summary", lang,
                 response="–" if response is None else f"{format_number(response, lang)} %",
                 resolution="–" if resolution is None
                 else f"{format_number(resolution, lang)} %")


def _sla_screen(section: IncidentsSection, view: DocView) -> list[RenderableType]:
    from rich.text import Text

    rows = _sla_rows(section, view.lang)
    if not rows:
        return []
    names = ("severity", "rt", "rm", "rmed", "st", "sm", "smed")
    parts: list[RenderableType] = [
        Text.assemble((view.t("fi_provider_sla"), "bold"), sla_summary(section, view.lang)),
        build_table([dict(zip(names, r, strict=True)) for r in rows],
                    [Col(n, h, justify="left" if n == "severity" else "right")
                     for n, h in zip(names, _sla_headers(view.lang), strict=True)])]
    breaches = _breach_rows(section, view.lang)
    if breaches:
        bnames = ("key", "ref", "severity", "system", "measure", "target", "took")
        parts.append(build_table([dict(zip(bnames, r, strict=True)) for r in breaches],
                                 [Col(n, h) for n, h in zip(bnames,
                                                            _breach_headers(view.lang),
                                                            strict=True)],
                                 title=view.t("fi_sla_breaches"),
                                 row_style=lambda r: "yellow"))
    return parts


def sla_markdown(section: IncidentsSection, view: DocView) -> str:
    rows = _sla_rows(section, view.lang)
    if not rows:
        return ""
    parts = [f"\n### {view.t('sla_heading')}\n", sla_summary(section, view.lang) + "\n",
             md_table(_sla_headers(view.lang), rows, align=["left"] + ["right"] * 6)]
    breaches = _breach_rows(section, view.lang)
    if breaches:
        parts.append(f"\n{view.t('sla_breaches')}\n")
        parts.append(md_table(_breach_headers(view.lang), breaches))
    return "\n".join(parts)


def sla_html(section: IncidentsSection, view: DocView) -> str:
    rows = _sla_rows(section, view.lang)
    if not rows:
        return ""
    parts = [h.heading(view.t("sla_heading"), 3),
             h.paragraph(h.esc(sla_summary(section, view.lang))),
             h.table(_sla_headers(view.lang), [[h.esc(c) for c in r] for r in rows],
                     align=["left"] + ["right"] * 6)]
    breaches = _breach_rows(section, view.lang)
    if breaches:
        parts.append(h.paragraph(h.esc(view.t("sla_breaches"))))
        parts.append(h.table(_breach_headers(view.lang),
                             [[h.esc(c) for c in r] for r in breaches],
                             row_styles=["color:#ef6c00"] * len(breaches)))
    return "".join(parts)


# --- documents ----------------------------------------------------------------------------

def _age(row: OpenIncident, view: DocView) -> str:
    days = row.get("age_days")
    if days is None:
        return ""
    unit = "pv" if view.lang == "fi" else "d"
    return f"{days} {unit}" if days else f"{format_number(row.get('age_hours'), view.lang)} h"


def _severity(value: str, view: DocView) -> str:
    return label(f"severity.{value}", view.lang)


def _status(value: str, view: DocView) -> str:
    return label(f"incident_status.{value}", view.lang)


def incidents_summary(section: IncidentsSection, view: DocView) -> str:
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


def _open_rows(section: IncidentsSection, view: DocView) -> list[list[str]]:
    return [[r["key"], _severity(r["severity"], view), _status(r["status"], view),
             r["system"] or "", r["title"], r["owner"], _age(r, view)]
            for r in section["open"][:OPEN_SHOWN]]


def _open_headers(view: DocView) -> list[str]:
    return [view.t("key"), view.t("severity"), view.t("status"), view.t("system"),
            view.t("title"), view.t("owner"), view.t("age")]


def incidents_markdown(section: IncidentsSection, view: DocView) -> str:
    parts = [f"## {INCIDENTS.title(view.lang)}\n", incidents_summary(section, view) + "\n"]
    if section["open"]:
        parts.append(md_table(_open_headers(view), _open_rows(section, view),
                              align=["left"] * 6 + ["right"]))
        hidden = len(section["open"]) - OPEN_SHOWN
        if hidden > 0:
            parts.append(view.t("and_more", n=hidden) + "\n")
    sla = sla_markdown(section, view)
    if sla:
        parts.append(sla)
    return "\n".join(parts)


def incidents_chart(section: IncidentsSection, view: DocView, *, width: int = 640) -> str:
    """Open incidents by severity (bars) and age (segments)."""
    return stacked_bars(
        [(s, _severity(s, view)) for s in SEVERITIES],
        [(key, label(f"age.{key}", view.lang), colour) for key, colour in AGE_COLOURS],
        section["open_by_age"], width=width, title=view.t("incidents_by_age"))


def incidents_html(section: IncidentsSection, view: DocView, *, chart: bool = True) -> str:
    parts = [h.heading(INCIDENTS.title(view.lang)),
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
    sla = sla_html(section, view)
    if sla:
        parts.append(sla)
    return h.block(*parts, keep_together=False)


VIEWS: SectionViews[IncidentsSection] = SectionViews(incidents_view, incidents_markdown,
                                                     incidents_html)
