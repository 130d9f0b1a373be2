"""The status document as Markdown or as a self-contained HTML page.

Both walk the document: header and readiness first, then each section's ``markdown`` or
``html`` view (:mod:`migctl.render.sections`); a section without views is skipped. Views take
the section and a :class:`~migctl.render.sections.DocView` (language and time zone) and
return text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from migctl.render import html as h
from migctl.render.i18n import days_phrase, format_date
from migctl.render.markdown import md_document, md_table
from migctl.render.sections import DocView, error_of, views_for
from migctl.values import zone

if TYPE_CHECKING:
    from migctl.services.status.documents import (
        Readiness,
        ReadinessEntry,
        ReadinessSignal,
        StatusDocument,
    )

RAG_MARK = {"green": "🟢", "amber": "🟠", "red": "🔴"}
#: Reasons listed per system in documents; the rest are counted.
REASONS_SHOWN = 5


def view_for(document: StatusDocument, lang: str = "en") -> DocView:
    try:
        tz = zone(document["programme"]["timezone"])
    except (KeyError, ValueError):
        tz = zone("Europe/Helsinki")
    return DocView(lang=lang, tz=tz)


def rag_text(level: str, view: DocView) -> str:
    return f"{RAG_MARK.get(level, '')} {view.t(level)}".strip()


# --- header and readiness -----------------------------------------------------------------

def facts(document: StatusDocument, view: DocView) -> list[tuple[str, str]]:
    """The header's key facts as (label, text) pairs."""
    header = document["header"]
    result = []
    nxt = header.get("next_go_live")
    if nxt:
        when = f"{format_date(nxt['date'], view.lang)} ({days_phrase(nxt['days'], view.lang)})"
        result.append((view.t("next_go_live"), f"{when}: {', '.join(nxt['systems'])}"))
    run = header.get("run")
    if run:  # a rehearsal is named as one: its start is not the production cutover's
        result.append((view.t("fi_run").capitalize(),
                       f"{run['name']} ({view.t('fi_run_kind.' + run['kind'])}, "
                       f"{view.t('fi_running')})"))
    cutover = header.get("cutover_start")
    if cutover:
        result.append((view.t("cutover_start"),
                       f"{format_date(cutover['at'].astimezone(view.tz), view.lang)} "
                       f"({days_phrase(cutover['days'], view.lang)})"))
    window = header.get("window")
    if window:
        from migctl.render.status_window import window_sentence

        result.append((view.t("window_headline"),
                       window_sentence(window["p_within_window"], window["p80_end"], view.tz,
                                       view.lang)))
    return result


def _reasons(signals: list[ReadinessSignal], view: DocView) -> list[str]:
    shown = [view.said(s) for s in signals[:REASONS_SHOWN]]
    if len(signals) > REASONS_SHOWN:
        shown.append(view.t("and_more", n=len(signals) - REASONS_SHOWN))
    return shown


def reasons_html(signals: list[ReadinessSignal], view: DocView) -> str:
    """The first reasons, each behind its coloured dot, and how many more there are."""
    reasons = "<br/>".join(f"{h.dot(s['level'])} {h.esc(view.said(s))}"
                           for s in signals[:REASONS_SHOWN])
    hidden = len(signals) - REASONS_SHOWN
    if hidden > 0:
        reasons += f"<br/>{h.esc(view.t('and_more', n=hidden))}"
    return reasons


class ProgrammeRow(TypedDict):
    """The programme-wide signals as documents show them beside the systems."""

    key: None
    name: str
    signals: list[ReadinessSignal]
    rag: str


def programme_entry(readiness: Readiness) -> ProgrammeRow | None:
    """The programme-wide signals as one more row beside the systems (None without any)."""
    if not readiness["programme"]:
        return None
    levels = [s["level"] for s in readiness["programme"]]
    return {"key": None, "name": "", "signals": readiness["programme"],
            "rag": "red" if "red" in levels else "amber"}


def _flagged(readiness: Readiness) -> list[ReadinessEntry | ProgrammeRow]:
    rows: list[ReadinessEntry | ProgrammeRow] = sorted(
        (s for s in readiness["systems"] if s["rag"] != "green"), key=lambda s: s["rag"] != "red")
    programme = programme_entry(readiness)
    return rows if programme is None else [*rows, programme]


def readiness_markdown(document: StatusDocument, view: DocView) -> str:
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


def readiness_html(document: StatusDocument, view: DocView) -> str:
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


# --- whole documents ----------------------------------------------------------------------

def _title_line(document: StatusDocument, view: DocView) -> str:
    return view.t("status_heading", date=format_date(document["today"], view.lang))


def render_markdown(document: StatusDocument, *, lang: str = "en") -> str:
    document = md_document(document)  # stored text: no HTML, no line of its own
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
        error = error_of(section)
        if error is not None:
            parts.append(f"## {name.capitalize()}\n\n**{error}**\n")
            continue
        views = views_for(name)
        if views is not None:
            parts.append(views.markdown(section, view))
    return "\n".join(parts).rstrip() + "\n"


def render_html(document: StatusDocument, *, lang: str = "en") -> str:
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
        error = error_of(section)
        if error is not None:
            parts.append(h.block(h.heading(name.capitalize()),
                                 h.paragraph(f"<b>{h.esc(error)}</b>")))
            continue
        views = views_for(name)
        if views is not None:
            parts.append(views.html(section, view))
    return h.page(f"{title} – {view.t('status_title')}", "".join(parts), lang=lang)
