"""The cutover section of the status screen: one summary line, then what needs attention."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from migctl.render.status_gates import gates_view
from migctl.render.tables import Col, build_table
from migctl.values import format_duration, format_local, zone

if TYPE_CHECKING:
    from rich.console import RenderableType


def cutover_view(section: dict[str, Any]) -> list[RenderableType]:
    from rich.text import Text

    tz = zone(section.get("timezone") or "UTC")

    def local(value: datetime | None) -> str:
        return format_local(value, tz) if value else ""

    line = Text()
    line.append("Cutover  ", style="bold")
    progress = section["progress"]
    if not progress["total"]:
        line.append("no runbook yet (`migctl task import FILE`)", style="dim")
        return [line]
    run = section["run"]
    if run is None:
        line.append("no run active", style="dim")
    else:
        label = run["name"] if run["kind"] in run["name"] else f"{run['name']} ({run['kind']})"
        line.append(f"run {label}", style="bold cyan")
        line.append(f" since {local(run['started_at'])}")
        line.append(f"   {progress['done'] + progress['skipped']}/{progress['total']} done "
                    f"({progress['pct']:g} %)")
    line.append(f"   planned {local(section['planned_start'])} → {local(section['planned_end'])}")
    if section["forecast_end"] != section["planned_end"]:
        line.append(f", forecast {local(section['forecast_end'])}", style="yellow")
    detail = Text("         ")
    cutover_end = section["cutover_end"]
    detail.append(f"cutover work ends {local(cutover_end['forecast'])}")
    window = section["window"]
    if window["end"]:
        late = cutover_end["forecast"] > window["end"]
        detail.append(f" (window {local(window['start'])} → {local(window['end'])})",
                      style="red" if late else "")
    if section["go_live"]:
        detail.append(f"   go-live {section['go_live']['key']} "
                      f"{local(section['go_live']['forecast'])}", style="bold")
    parts: list[RenderableType] = [line, detail]

    if run is not None:
        parts.append(build_table(progress["by_workstream"], [
            Col("workstream", "Workstream"), Col("done", "Done", justify="right"),
            Col("skipped", "Skipped", justify="right"), Col("total", "Total", justify="right"),
        ]))
    if section["late"]:
        parts.append(build_table(section["late"], [
            Col("key", "Late", style="bold"), Col("title", "Title", wrap=True, max_width=60),
            Col("status", "Status"), Col("latest_start", "Start by", fmt=local),
            Col("owner", "Owner"), Col("critical", "Critical"),
        ], row_style=lambda r: "red" if r["critical"] else "yellow"))
    if section["blocked"]:
        parts.append(build_table(section["blocked"], [
            Col("key", "Blocked", style="bold yellow"), Col("title", "Title", wrap=True,
                                                            max_width=50),
            Col("reason", "Reason", wrap=True), Col("owner", "Owner"),
        ]))
    if section["gates_awaiting"]:
        parts.append(build_table(section["gates_awaiting"], [
            Col("key", "Gate", style="bold"), Col("title", "Title", wrap=True, max_width=50),
            Col("status", "Status"), Col("earliest_start", "At", fmt=local),
            Col("decision", "Last decision",
                fmt=lambda d: f"{d['decision']} ({d['decided_by']})" if d else "awaiting"),
        ], row_style=lambda r: "red" if r["decision"] and r["decision"]["decision"] == "no-go"
            else None))
    parts.extend(gates_view(section.get("gates", []), local))
    if section["next"]:
        parts.append(build_table(section["next"], [
            Col("key", "Next ready", style="bold"), Col("title", "Title", wrap=True,
                                                        max_width=60),
            Col("owner", "Owner"), Col("earliest_start", "Start", fmt=local),
            Col("slack_minutes", "Slack", justify="right", fmt=format_duration),
        ], row_style=lambda r: "bold red" if r["critical"] else None))
    rehearsal = section["last_rehearsal"]
    if rehearsal:
        parts.append(_rehearsal_line(rehearsal, local))
    return parts


def _rehearsal_line(rehearsal: dict[str, Any], local: Any) -> RenderableType:
    from rich.text import Text

    counts = rehearsal["counts"]
    work = rehearsal["work"]
    text = Text()
    text.append("Last rehearsal  ", style="bold")
    text.append(f"{rehearsal['name']} {local(rehearsal['started_at'])} → "
                f"{local(rehearsal['finished_at'])}: {counts['done']} done, "
                f"{counts['skipped']} skipped of {counts['total']}; task time "
                f"{format_duration(work['planned_minutes'])} planned, "
                f"{format_duration(work['actual_minutes'])} actual ")
    over = work["overrun_minutes"]
    text.append(f"({'+' if over >= 0 else ''}{format_duration(over)})",
                style="yellow" if over > 0 else "green")
    if rehearsal["biggest_overruns"]:
        text.append("\n                biggest overruns: ")
        text.append(", ".join(
            f"{o['key']} +{format_duration(o['overrun_minutes'])}"
            + (f" (×{o['ratio']:g})" if o["ratio"] else "")
            for o in rehearsal["biggest_overruns"]))
    return text
