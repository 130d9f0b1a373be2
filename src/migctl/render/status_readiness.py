"""Terminal layout of the status header and readiness: the ten-second part of the screen."""

from __future__ import annotations

from datetime import UTC
from typing import TYPE_CHECKING

from migctl.render.i18n import days_phrase
from migctl.render.sections import DocView
from migctl.render.tables import Col, build_table

if TYPE_CHECKING:
    from datetime import tzinfo

    from rich.console import RenderableType

    from migctl.services.status.documents import Readiness, ReadinessSignal, StatusDocument

RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
#: Reasons shown per system on the terminal; the rest are counted (JSON has them all).
REASONS_SHOWN = 3


def header_line(document: StatusDocument, view: DocView | None = None) -> RenderableType:
    from rich.text import Text

    t = view or DocView("en", _zone_of(document))
    readiness = document["readiness"]
    header = document["header"]
    line = Text()
    overall = readiness["overall"]
    line.append(f" {t.t(overall).upper()} ", style=f"reverse {RAG_STYLE[overall]}")
    counts = readiness["counts"]
    line.append("  " + t.t("fi_header_counts", red=counts["red"], amber=counts["amber"]))
    nxt = header.get("next_go_live")
    if nxt:
        line.append(f"   {t.t('fi_next_go_live')} ")
        line.append(f"{t.date(nxt['date'])} ({days_phrase(nxt['days'], t.lang)})", style="bold")
    run = header.get("run")
    if run:  # a rehearsal is named as one: it does not move the production cutover
        line.append(f"   {run['name']} ({t.word('fi_run_kind', run['kind'])}) "
                    f"{t.t('fi_running')}", style="bold cyan")
    cutover = header.get("cutover_start")
    if cutover:
        line.append(f"   {t.t('fi_production_cutover_starts')} "
                    if run and run["kind"] != "production"
                    else f"   {t.t('fi_cutover_starts')} ")
        line.append(days_phrase(cutover["days"], t.lang), style="bold")
    window = header.get("window")
    if window:
        from migctl.render.status_window import window_sentence

        line.append("   ")
        line.append(window_sentence(window["p_within_window"], window["p80_end"],
                                    _zone_of(document), t.lang), style="bold")
    return line


def _zone_of(document: StatusDocument) -> tzinfo:
    from migctl.values import zone

    try:
        return zone(document["programme"]["timezone"])
    except (KeyError, ValueError):
        return zone("Europe/Helsinki")


def _reasons(signals: list[ReadinessSignal], view: DocView) -> str:
    from rich.markup import escape  # reasons hold what people typed: "[x]" is not markup

    shown = [f"[{RAG_STYLE[s['level']]}]●[/] {escape(view.said(s))}"
             for s in signals[:REASONS_SHOWN]]
    if len(signals) > REASONS_SHOWN:
        more = len(signals) - REASONS_SHOWN
        said = view.t("fi_and_more", n=more, more=view.count(more, "more"))
        shown.append(f"[dim]{escape(said)}[/]")
    return "\n".join(shown)


def readiness_view(readiness: Readiness, view: DocView | None = None) -> list[RenderableType]:
    from rich.text import Text

    t = view or DocView("en", UTC)
    flagged = sorted((s for s in readiness["systems"] if s["rag"] != "green"),
                     key=lambda s: s["rag"] != "red")
    rows = [{"key": s["key"], "rag": s["rag"], "why": _reasons(s["signals"], t)}
            for s in flagged]
    if readiness["programme"]:
        rows.append({"key": t.t("fi_programme_row"), "rag": max(
            (s["level"] for s in readiness["programme"]), key=("amber", "red").index),
            "why": _reasons(readiness["programme"], t)})
    parts: list[RenderableType] = [Text(t.t("readiness"), style="bold")]
    if rows:
        parts.append(build_table(rows, [
            Col("key", t.t("system"), style="bold"),
            Col("rag", t.t("rag"), fmt=lambda v: f"[{RAG_STYLE[v]}]{t.t(v)}[/]", markup=True),
            Col("why", t.t("reasons"), wrap=True, markup=True),
        ]))
    green = [s["key"] for s in readiness["systems"] if s["rag"] == "green"]
    if green:
        parts.append(Text.assemble((t.t("fi_green_list"), "green"), ", ".join(green)))
    if not rows and not green:
        parts.append(Text(t.t("fi_no_targets"), style="dim"))
    return parts
