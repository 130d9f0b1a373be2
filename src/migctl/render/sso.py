"""SSO check output for people: the systems × environments matrix and short ages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.table import Table

    from migctl.services.sso.documents import MatrixCell, MatrixDocument

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


def cell_text(cell: MatrixCell | None) -> str:
    """Markup for one matrix cell: status (with how many, when mixed) and age."""
    if cell is None:
        return "[dim]–[/]"
    status = cell["status"]
    text = status if status != "never" else "never run"
    count = _count(cell, status)
    if cell["checks"] > 1 and count != cell["checks"]:
        text += f" {count}/{cell['checks']}"
    age = age_text(cell["age_minutes"])
    if age and status != "never":
        text += f" · {age}"
    return f"[{STATUS_STYLE[status]}]{text}[/]"


def _count(cell: MatrixCell, status: str) -> int:
    """How many of the cell's checks have ``status`` (pass, warn, fail or never)."""
    counts = {"pass": cell["pass"], "warn": cell["warn"], "fail": cell["fail"],
              "never": cell["never"]}
    return counts[status]


def matrix_table(matrix: MatrixDocument, *, title: str | None = None) -> Table:
    """``matrix`` as published: ``environments`` and the flat list of cells in ``matrix``."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("System", style="bold", no_wrap=True)
    environments = matrix["environments"]
    for env in environments:
        table.add_column(env, no_wrap=True)
    cells: dict[str, dict[str, MatrixCell]] = {}
    for cell in matrix["matrix"]:
        cells.setdefault(cell["system"], {})[cell["env"]] = cell
    for system, row in cells.items():
        table.add_row(system, *[cell_text(row.get(env)) for env in environments])
    return table
