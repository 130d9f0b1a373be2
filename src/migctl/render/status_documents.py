"""The status document as Markdown or as a self-contained HTML page.

Both walk the document: header and readiness first, then one layout per section, looked up
in a registry (section name → "module:function", imported when needed) like the terminal's
``SECTION_VIEWS``. A section without a layout is skipped. Layout functions take the section
and a :class:`DocView` (language and time zone) and return text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from migctl.render import html as h
from migctl.render.i18n import days_phrase, format_date, label, signal_text
from migctl.render.markdown import md_table
from migctl.values import zone


@dataclass(frozen=True)
class DocView:
    lang: str
    tz: tzinfo

    def t(self, key: str, **values: object) -> str:
        return label(key, self.lang, **values)

    def said(self, signal: dict[str, Any]) -> str:
        """A signal's reason in this view's language."""
        return signal_text(signal, self.lang)


Layout = Callable[[dict[str, Any], DocView], str]

#: Section name → "module:function" returning Markdown for that section.
MARKDOWN_VIEWS: dict[str, str] = {
    "systems": "migctl.render.status_documents:systems_markdown",
    "cutover": "migctl.render.area_documents:cutover_markdown",
    "mapping": "migctl.render.area_documents:mapping_markdown",
    "sso": "migctl.render.report:sso_status_markdown",
    "incidents": "migctl.render.hypercare_documents:incidents_markdown",
    "kpis": "migctl.render.hypercare_documents:kpis_markdown",
}

#: Section name → "module:function" returning an HTML fragment for that section.
HTML_VIEWS: dict[str, str] = {
    "systems": "migctl.render.status_documents:systems_html",
    "cutover": "migctl.render.area_documents:cutover_html",
    "mapping": "migctl.render.area_documents:mapping_html",
    "sso": "migctl.render.report:sso_status_html",
    "incidents": "migctl.render.hypercare_documents:incidents_html",
    "kpis": "migctl.render.hypercare_documents:kpis_html",
}

RAG_MARK = {"green": "🟢", "amber": "🟠", "red": "🔴"}
#: Reasons listed per system in documents; the rest are counted.
REASONS_SHOWN = 5


def layout(registry: dict[str, str], name: str) -> Layout | None:
    target = registry.get(name)
    if target is None:
        return None
    module, _, function = target.partition(":")
    found: Layout = getattr(importlib.import_module(module), function)
    return found


def view_for(document: dict[str, Any], lang: str = "en") -> DocView:
    try:
        tz = zone(document["programme"]["timezone"])
    except (KeyError, ValueError):
        tz = zone("Europe/Helsinki")
    return DocView(lang=lang, tz=tz)


def rag_text(level: str, view: DocView) -> str:
    return f"{RAG_MARK.get(level, '')} {view.t(level)}".strip()


# --- header and readiness -----------------------------------------------------------------

def facts(document: dict[str, Any], view: DocView) -> list[tuple[str, str]]:
    """The header's key facts as (label, text) pairs."""
    header = document.get("header") or {}
    result = []
    nxt = header.get("next_go_live")
    if nxt:
        when = f"{format_date(nxt['date'], view.lang)} ({days_phrase(nxt['days'], view.lang)})"
        result.append((view.t("next_go_live"), f"{when}: {', '.join(nxt['systems'])}"))
    cutover = header.get("cutover_start")
    if cutover:
        result.append((view.t("cutover_start"),
                       f"{format_date(cutover['at'].astimezone(view.tz), view.lang)} "
                       f"({days_phrase(cutover['days'], view.lang)})"))
    return result


def _reasons(signals: list[dict[str, Any]], view: DocView) -> list[str]:
    shown = [view.said(s) for s in signals[:REASONS_SHOWN]]
    if len(signals) > REASONS_SHOWN:
        shown.append(view.t("and_more", n=len(signals) - REASONS_SHOWN))
    return shown


def reasons_html(signals: list[dict[str, Any]], view: DocView) -> str:
    """The first reasons, each behind its coloured dot, and how many more there are."""
    reasons = "<br/>".join(f"{h.dot(s['level'])} {h.esc(view.said(s))}"
                           for s in signals[:REASONS_SHOWN])
    hidden = len(signals) - REASONS_SHOWN
    if hidden > 0:
        reasons += f"<br/>{h.esc(view.t('and_more', n=hidden))}"
    return reasons


def programme_entry(readiness: dict[str, Any]) -> dict[str, Any] | None:
    """The programme-wide signals as one more row beside the systems (None without any)."""
    if not readiness["programme"]:
        return None
    levels = [s["level"] for s in readiness["programme"]]
    return {"key": None, "name": "", "signals": readiness["programme"],
            "rag": "red" if "red" in levels else "amber"}


def _flagged(readiness: dict[str, Any]) -> list[dict[str, Any]]:
    rows = sorted((s for s in readiness["systems"] if s["rag"] != "green"),
                  key=lambda s: s["rag"] != "red")
    programme = programme_entry(readiness)
    return rows if programme is None else [*rows, programme]


def readiness_markdown(document: dict[str, Any], view: DocView) -> str:
    readiness = document["readiness"]
    lines = [f"## {view.t('readiness')}\n"]
    rows = [[s["key"] or view.t("programme_wide"), rag_text(s["rag"], view),
             "; ".join(_reasons(s["signals"], view))] for s in _flagged(readiness)]
    if rows:
        lines.append(md_table([view.t("system"), view.t("rag"), view.t("reasons")], rows))
    else:
        lines.append(view.t("all_green") + "\n")
    green = [s["key"] for s in readiness["systems"] if s["rag"] == "green"]
    if green:
        lines.append(f"\n{view.t('green_systems')}: {', '.join(green)}\n")
    return "\n".join(lines)


def readiness_html(document: dict[str, Any], view: DocView) -> str:
    readiness = document["readiness"]
    rows = []
    for entry in _flagged(readiness):
        rows.append([f"<b>{h.esc(entry['key'] or view.t('programme_wide'))}</b>",
                     h.badge(entry["rag"], view.t(entry["rag"])),
                     reasons_html(entry["signals"], view)])
    parts = [h.heading(view.t("readiness"))]
    if rows:
        parts.append(h.table([view.t("system"), view.t("rag"), view.t("reasons")], rows))
    else:
        parts.append(h.paragraph(h.esc(view.t("all_green"))))
    green = [s["key"] for s in readiness["systems"] if s["rag"] == "green"]
    if green:
        parts.append(h.paragraph(f"{h.badge('green', view.t('green_systems'))} "
                                 f"{h.esc(', '.join(green))}"))
    return h.block(*parts)


# --- systems ------------------------------------------------------------------------------

def _system_status(status: str, view: DocView) -> str:
    return label(f"system_status.{status}", view.lang)


def systems_markdown(section: dict[str, Any], view: DocView) -> str:
    counts = section["counts"]
    rows = [[t["key"], t["name"], _system_status(t["status"], view),
             format_date(t["planned_go_live"], view.lang),
             days_phrase(t["days_to_go_live"], view.lang), ", ".join(t["replaces"])]
            for t in section["targets"]]
    text = [f"## {view.t('systems')}\n",
            view.t("live_count", live=counts["live"], targets=counts["targets"]) + "\n"]
    if rows:
        text.append(md_table([view.t("system"), view.t("name"), view.t("status"),
                              view.t("go_live"), view.t("when"), view.t("replaces")], rows))
    if section["legacy"]:
        text.append(md_table(
            [view.t("legacy"), view.t("name"), view.t("status"), view.t("replaced_by")],
            [[s["key"], s["name"], _system_status(s["status"], view), ", ".join(s["replaced_by"])]
             for s in section["legacy"]]))
    return "\n".join(text)


def systems_html(section: dict[str, Any], view: DocView) -> str:
    counts = section["counts"]
    rows = []
    styles = []
    for t in section["targets"]:
        rows.append([f"<b>{h.esc(t['key'])}</b>", h.esc(t["name"]),
                     h.esc(_system_status(t["status"], view)),
                     h.esc(format_date(t["planned_go_live"], view.lang)),
                     h.esc(days_phrase(t["days_to_go_live"], view.lang)),
                     h.esc(", ".join(t["replaces"]))])
        styles.append("color:#c62828" if t.get("go_live_passed_not_live") else "")
    parts = [h.heading(view.t("systems")),
             h.paragraph(h.esc(view.t("live_count", live=counts["live"],
                                      targets=counts["targets"])))]
    if rows:
        parts.append(h.table([view.t("system"), view.t("name"), view.t("status"),
                              view.t("go_live"), view.t("when"), view.t("replaces")], rows,
                             align=["left", "left", "left", "left", "right", "left"],
                             row_styles=styles))
    if section["legacy"]:
        parts.append(h.table(
            [view.t("legacy"), view.t("name"), view.t("status"), view.t("replaced_by")],
            [[h.esc(s["key"]), h.esc(s["name"]), h.esc(_system_status(s["status"], view)),
              h.esc(", ".join(s["replaced_by"]))] for s in section["legacy"]]))
    return h.block(*parts, keep_together=False)


# --- whole documents ----------------------------------------------------------------------

def _title_line(document: dict[str, Any], view: DocView) -> str:
    return view.t("status_heading", date=format_date(document["today"], view.lang))


def render_markdown(document: dict[str, Any], *, lang: str = "en") -> str:
    view = view_for(document, lang)
    readiness = document.get("readiness")
    parts = [f"# {document['programme']['name']}\n", _title_line(document, view) + "\n"]
    if readiness:
        parts.append(f"**{view.t('overall')}: {rag_text(readiness['overall'], view)}** "
                     f"({readiness['counts']['red']} {view.t('red')}, "
                     f"{readiness['counts']['amber']} {view.t('amber')})\n")
    parts.extend(f"- {name}: {text}" for name, text in facts(document, view))
    if readiness:
        parts.append("\n" + readiness_markdown(document, view))
    for name, section in document["sections"].items():
        if "error" in section:
            parts.append(f"## {name.capitalize()}\n\n**{section['error']}**\n")
            continue
        found = layout(MARKDOWN_VIEWS, name)
        if found is not None:
            parts.append(found(section, view))
    return "\n".join(parts).rstrip() + "\n"


def render_html(document: dict[str, Any], *, lang: str = "en") -> str:
    view = view_for(document, lang)
    readiness = document.get("readiness")
    title = document["programme"]["name"]
    top = [f"<h1>{h.esc(title)}</h1>", h.paragraph(h.esc(_title_line(document, view)),
                                                   muted=True)]
    rows = []
    if readiness:
        rows.append([h.esc(view.t("overall")),
                     h.badge(readiness["overall"], view.t(readiness["overall"]).upper())])
    rows.extend([h.esc(name), h.esc(text)] for name, text in facts(document, view))
    if rows:
        top.append(h.table([], rows))
    parts = [h.block(*top)]
    if readiness:
        parts.append(readiness_html(document, view))
    for name, section in document["sections"].items():
        if "error" in section:
            parts.append(h.block(h.heading(name.capitalize()),
                                 h.paragraph(f"<b>{h.esc(section['error'])}</b>")))
            continue
        found = layout(HTML_VIEWS, name)
        if found is not None:
            parts.append(found(section, view))
    return h.page(f"{title} – {view.t('status_title')}", "".join(parts), lang=lang)
