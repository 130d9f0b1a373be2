"""SSO check output for people: the systems × environments matrix and short ages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.table import Table

STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "red", "never": "dim"}


def age_text(minutes: int | None) -> str:
    """``just now``, ``12 min``, ``5 h``, ``3 d``."""
    if minutes is None:
        return ""
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 2 * 1440:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} d"


def cell_text(cell: dict[str, Any] | None) -> str:
    """Markup for one matrix cell: status (with how many, when mixed) and age."""
    if cell is None:
        return "[dim]–[/]"
    status = cell["status"]
    text = status if status != "never" else "never run"
    if cell["checks"] > 1 and cell[status] != cell["checks"]:
        text += f" {cell[status]}/{cell['checks']}"
    age = age_text(cell["age_minutes"])
    if age and status != "never":
        text += f" · {age}"
    return f"[{STATUS_STYLE[status]}]{text}[/]"


def matrix_table(matrix: dict[str, Any], *, title: str | None = None) -> Table:
    """``matrix`` as published: ``environments`` and the flat list of cells in ``matrix``."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("System", style="bold", no_wrap=True)
    environments = matrix["environments"]
    for env in environments:
        table.add_column(env, no_wrap=True)
    cells: dict[str, dict[str, Any]] = {}
    for cell in matrix["matrix"]:
        cells.setdefault(cell["system"], {})[cell["env"]] = cell
    for system, row in cells.items():
        table.add_row(system, *[cell_text(row.get(env)) for env in environments])
    return table
