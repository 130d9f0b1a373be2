"""The terminal card of one incident (`migctl incident show`)."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from migctl.render.listings import in_zone
from migctl.render.status_incidents import SEVERITY_STYLE
from migctl.render.tables import Col, build_table, cell

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.hypercare.documents import IncidentDetail

__all__ = ["SEVERITY_STYLE", "incident_card"]


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
    grid.add_row(in_zone("opened", tz), format_local(document["opened_at"], tz))
    grid.add_row("closed", format_local(document["closed_at"], tz))
    grid.add_row("resolution", Text(cell(document["resolution"])))
    history = build_table(
        document["history"],
        [Col("at", in_zone("When", tz), fmt=lambda v: format_local(v, tz)),
         Col("actor", "Actor"),
         Col("action", "Action"), Col("summary", "Change", wrap=True)],
        title="History",
    )
    return Group(grid, Text(""), history)
