"""Terminal layouts of the hypercare sections (incidents, KPIs) and of one incident."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from migctl.render.i18n import format_number
from migctl.render.tables import Col, build_table, cell

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.hypercare.documents import IncidentDetail

SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": ""}
#: Open incidents listed on the status screen; the rest are counted.
OPEN_SHOWN = 10


def _age(row: dict[str, Any]) -> str:
    days = row.get("age_days")
    if days is None:
        return ""
    return f"{days} d" if days else f"{row.get('age_hours', 0):g} h"


def incidents_view(section: dict[str, Any]) -> list[RenderableType]:
    from rich.text import Text

    counts = section["counts"]
    line = Text()
    line.append("Incidents  ", style="bold")
    line.append(f"{counts['open']} open")
    severities = [f"{name} {n}" for name, n in section["open_by_severity"].items() if n]
    if severities:
        line.append(" (" + ", ".join(severities) + ")")
    line.append(f", {counts['closed']} closed")
    mttc = section.get("mean_time_to_close_hours")
    if mttc is not None:
        line.append(f", mean time to close {format_number(mttc)} h")
    oldest = section.get("oldest_open")
    if oldest:
        line.append(f", oldest open {oldest['key']} ({_age(oldest)})")
    parts: list[RenderableType] = [line]
    shown = [r | {"age": _age(r)} for r in section["open"][:OPEN_SHOWN]]
    if shown:
        parts.append(build_table(
            shown,
            [Col("key", "Open", style="bold"), Col("severity", "Severity"),
             Col("status", "Status"), Col("system", "System"),
             Col("title", "Title", wrap=True), Col("owner", "Owner"),
             Col("age", "Age", justify="right")],
            row_style=lambda r: SEVERITY_STYLE.get(r["severity"]) or None,
        ))
    hidden = len(section["open"]) - len(shown)
    if hidden > 0:
        parts.append(Text(f"… and {hidden} more open: `migctl incident list --open`",
                          style="dim"))
    return parts


def _value(row: dict[str, Any]) -> str:
    unit = row.get("unit") or ""
    text = format_number(row["value"])
    return text if unit in ("", "count") else f"{text} {unit}"


def kpis_view(section: dict[str, Any]) -> list[RenderableType]:
    from rich.text import Text

    rows = section["kpis"]
    title = Text()
    title.append("KPIs  ", style="bold")
    last = section.get("last_snapshot_at")
    title.append(f"last snapshot {cell(last)} UTC" if last else "no snapshot yet", style="dim")
    if not rows:
        return [title, Text("no KPI values yet", style="dim")]

    shown = [r | {"shown_value": _styled_value(r), "shown_arrow": _styled_arrow(r)}
             for r in rows]
    table = build_table(
        shown,
        [Col("name", "KPI", style="bold"),
         Col("shown_value", "Value", justify="right", markup=True),
         Col("target", "Target", justify="right",
             fmt=lambda v: "" if v is None else format_number(v)),
         Col("change", "Change", justify="right",
             fmt=lambda v: "" if v is None else format_number(v, sign=True)),
         Col("shown_arrow", "", markup=True),
         Col("source", "Source")],
    )
    return [title, table]


def _styled_value(row: dict[str, Any]) -> str:
    """The value, green on target and red off it (Rich markup)."""
    colour = {True: "green", False: "red"}.get(row["on_target"]) if row.get(
        "on_target") is not None else None
    from rich.markup import escape  # units are what people defined ("kpl", "[EUR]")

    return f"[{colour}]{escape(_value(row))}[/]" if colour else escape(_value(row))


def _styled_arrow(row: dict[str, Any]) -> str:
    """The trend arrow, green when improving and red when worsening (Rich markup)."""
    if not row.get("arrow"):
        return ""
    improving = row.get("improving")
    colour = "" if improving is None else ("green" if improving else "red")
    return f"[{colour}]{row['arrow']}[/]" if colour else row["arrow"]


def incident_card(document: IncidentDetail, tz: tzinfo) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from migctl.values import format_local

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for field in ("key", "system", "severity", "status", "title", "owner"):
        grid.add_row(field, Text(cell(document[field])))  # as typed, never markup
    grid.add_row("opened", format_local(document["opened_at"], tz))
    grid.add_row("closed", format_local(document["closed_at"], tz))
    grid.add_row("resolution", Text(cell(document["resolution"])))
    history = build_table(
        document["history"],
        [Col("at", "When", fmt=lambda v: format_local(v, tz)), Col("actor", "Actor"),
         Col("action", "Action"), Col("summary", "Change", wrap=True)],
        title="History",
    )
    return Group(grid, Text(""), history)
