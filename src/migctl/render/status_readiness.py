"""Terminal layout of the status header and readiness: the ten-second part of the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from migctl.render.i18n import days_phrase
from migctl.render.tables import Col, build_table

if TYPE_CHECKING:
    from datetime import tzinfo

    from rich.console import RenderableType

    from migctl.services.status.documents import Readiness, ReadinessSignal, StatusDocument

RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
#: Reasons shown per system on the terminal; the rest are counted (JSON has them all).
REASONS_SHOWN = 3


def header_line(document: StatusDocument) -> RenderableType:
    from rich.text import Text

    readiness = document["readiness"]
    header = document["header"]
    line = Text()
    overall = readiness["overall"]
    line.append(f" {overall.upper()} ", style=f"reverse {RAG_STYLE[overall]}")
    counts = readiness["counts"]
    line.append(f"  {counts['red']} red, {counts['amber']} amber")
    nxt = header.get("next_go_live")
    if nxt:
        line.append("   next go-live ")
        line.append(f"{nxt['date']} ({days_phrase(nxt['days'])})", style="bold")
    run = header.get("run")
    if run:  # a rehearsal is named as one: it does not move the production cutover
        line.append(f"   {run['name']} ({run['kind']}) running", style="bold cyan")
    cutover = header.get("cutover_start")
    if cutover:
        line.append("   production cutover starts " if run and run["kind"] != "production"
                    else "   cutover starts ")
        line.append(days_phrase(cutover["days"]), style="bold")
    window = header.get("window")
    if window:
        from migctl.render.status_window import window_sentence

        line.append("   ")
        line.append(window_sentence(window["p_within_window"], window["p80_end"],
                                    _zone_of(document)), style="bold")
    return line


def _zone_of(document: StatusDocument) -> tzinfo:
    from migctl.values import zone

    try:
        return zone(document["programme"]["timezone"])
    except (KeyError, ValueError):
        return zone("Europe/Helsinki")


def _reasons(signals: list[ReadinessSignal]) -> str:
    from rich.markup import escape  # reasons hold what people typed: "[x]" is not markup

    shown = [f"[{RAG_STYLE[s['level']]}]●[/] {escape(s['reason'])}"
             for s in signals[:REASONS_SHOWN]]
    if len(signals) > REASONS_SHOWN:
        shown.append(f"[dim]… and {len(signals) - REASONS_SHOWN} more[/]")
    return "\n".join(shown)


def readiness_view(readiness: Readiness) -> list[RenderableType]:
    from rich.text import Text

    flagged = sorted((s for s in readiness["systems"] if s["rag"] != "green"),
                     key=lambda s: s["rag"] != "red")
    rows = [{"key": s["key"], "rag": s["rag"], "why": _reasons(s["signals"])} for s in flagged]
    if readiness["programme"]:
        rows.append({"key": "(programme)", "rag": max(
            (s["level"] for s in readiness["programme"]), key=("amber", "red").index),
            "why": _reasons(readiness["programme"])})
    parts: list[RenderableType] = [Text("Readiness", style="bold")]
    if rows:
        parts.append(build_table(rows, [
            Col("key", "System", style="bold"),
            Col("rag", "RAG", fmt=lambda v: f"[{RAG_STYLE[v]}]{v}[/]", markup=True),
            Col("why", "Why", wrap=True, markup=True),
        ]))
    green = [s["key"] for s in readiness["systems"] if s["rag"] == "green"]
    if green:
        parts.append(Text.assemble(("green: ", "green"), ", ".join(green)))
    if not rows and not green:
        parts.append(Text("no target systems and no signals", style="dim"))
    return parts
