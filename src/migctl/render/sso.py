"""SSO check output for people: the systems × environments matrix and short ages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "red", "never": "dim"}


def age_text(seconds: int | None) -> str:
    """``just now``, ``12 min``, ``5 h``, ``3 d``."""
    if seconds is None:
        return ""
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def cell_text(cell: dict[str, Any] | None) -> str:
    """Markup for one matrix cell: status (with how many, when mixed) and age."""
    if cell is None:
        return "[dim]–[/]"
    status = cell["status"]
    text = status if status != "never" else "never run"
    if cell["checks"] > 1 and cell[status] != cell["checks"]:
        text += f" {cell[status]}/{cell['checks']}"
    age = age_text(cell["age_s"])
    if age and status != "never":
        text += f" · {age}"
    return f"[{STATUS_STYLE[status]}]{text}[/]"


def matrix_table(matrix: dict[str, Any], *, title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("System", style="bold", no_wrap=True)
    for env in matrix["environments"]:
        table.add_column(env, no_wrap=True)
    for row in matrix["systems"]:
        table.add_row(row["system"], *[cell_text(row["cells"][env])
                                       for env in matrix["environments"]])
    return table
