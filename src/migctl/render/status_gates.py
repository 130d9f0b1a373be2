"""The gates block of the status screen's cutover section: each gate's criteria state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from migctl.render.tables import Col, build_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.gates.status import FailingCriterion, GateCriteriaRow

STATE = {"pass": "[green]pass[/]", "fail": "[bold red]fail[/]", "none": "[dim]no criteria[/]"}


def _failing(rows: list[FailingCriterion]) -> str:
    return "; ".join(f"{r['spec']}: {r['message']}" for r in rows)


def gates_view(rows: list[GateCriteriaRow], local: Callable[[datetime | None], str]
               ) -> list[RenderableType]:
    if not rows:
        return []
    return [build_table(rows, [
        Col("key", "Gate", style="bold"), Col("planned_start", "Planned", fmt=local),
        Col("status", "Status"), Col("state", "Criteria", fmt=lambda s: STATE[s], markup=True),
        Col("passed", "Pass", justify="right"), Col("criteria", "Of", justify="right"),
        Col("failing", "Failing", wrap=True, min_width=30, fmt=_failing),
    ])]
