"""The gates block of the status screen's cutover section: each gate's criteria state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from migctl.render.sections import DocView
from migctl.render.tables import Col, build_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.gates.status import FailingCriterion, GateCriteriaRow

STATE = {"pass": "[green]pass[/]", "fail": "[bold red]fail[/]", "none": "[dim]no criteria[/]"}
STATE_STYLE = {"pass": "green", "fail": "bold red", "none": "dim"}


def _state(state: str, view: DocView | None) -> str:
    if view is None or view.lang == "en":
        return STATE[state]
    word = view.t(f"criterion.{state}") if state != "none" else view.t("gate_state.none")
    return f"[{STATE_STYLE[state]}]{word}[/]"


def _failing(rows: list[FailingCriterion]) -> str:
    # the criteria's messages as the document has them (it carries no evidence to reword)
    return "; ".join(f"{r['spec']}: {r['message']}" for r in rows)


def _failing_specs(rows: list[FailingCriterion]) -> str:
    """The failing criteria by their specs (as written): their messages are English in the
    document, which the Finnish screen does not reword (`report --lang fi` has the evidence)."""
    return "; ".join(r["spec"] for r in rows)


def gates_view(rows: list[GateCriteriaRow], local: Callable[[datetime | None], str],
               view: DocView | None = None) -> list[RenderableType]:
    if not rows:
        return []
    t = view or DocView("en", UTC)
    return [build_table(rows, [
        Col("key", t.t("gate"), style="bold"),
        Col("planned_start", t.zoned("planned"), fmt=local),
        Col("status", t.t("status"), fmt=lambda s: t.word("task_status", s)),
        Col("state", t.t("fi_criteria"), fmt=lambda s: _state(s, view), markup=True),
        Col("passed", t.t("fi_pass"), justify="right"),
        Col("criteria", t.t("fi_of"), justify="right"),
        Col("failing", t.t("failing"), wrap=True, min_width=30,
            fmt=_failing if t.lang == "en" else _failing_specs),
    ])]
