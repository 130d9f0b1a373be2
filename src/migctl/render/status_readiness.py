"""Terminal layout of the status header and readiness: the ten-second part of the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migctl.render.i18n import days_phrase
from migctl.render.tables import Col, build_table

if TYPE_CHECKING:
    from rich.console import RenderableType

RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}
#: Reasons shown per system on the terminal; the rest are counted (JSON has them all).
REASONS_SHOWN = 3


def header_line(document: dict[str, Any]) -> RenderableType:
    from rich.text import Text

    readiness = document.get("readiness") or {}
    header = document.get("header") or {}
    line = Text()
    overall = readiness.get("overall")
    if overall:
        line.append(f" {overall.upper()} ", style=f"reverse {RAG_STYLE[overall]}")
        counts = readiness.get("counts", {})
        line.append(f"  {counts.get('red', 0)} red, {counts.get('amber', 0)} amber")
    nxt = header.get("next_go_live")
    if nxt:
        line.append("   next go-live ")
        line.append(f"{nxt['date']} ({days_phrase(nxt['days'])})", style="bold")
    cutover = header.get("cutover_start")
    if cutover:
        line.append("   cutover starts ")
        line.append(days_phrase(cutover["days"]), style="bold")
    return line


def _reasons(signals: list[dict[str, Any]]) -> str:
    from rich.markup import escape  # reasons hold what people typed: "[x]" is not markup

    shown = [f"[{RAG_STYLE[s['level']]}]●[/] {escape(s['reason'])}"
             for s in signals[:REASONS_SHOWN]]
    if len(signals) > REASONS_SHOWN:
        shown.append(f"[dim]… and {len(signals) - REASONS_SHOWN} more[/]")
    return "\n".join(shown)


def readiness_view(readiness: dict[str, Any]) -> list[RenderableType]:
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
