"""Gate criteria, gate checks, duration estimates and cutover settings laid out for people."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

from migctl.render.listings import in_zone
from migctl.render.runbook import local_time
from migctl.render.tables import Col, build_table
from migctl.values import format_duration, format_local

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.gates.documents import (
        CutoverSettingsDocument,
        EstimateDocument,
        GateCheckDocument,
    )

VERDICT = {True: "[green]pass[/]", False: "[bold red]FAIL[/]"}
STATE = {"pass": "[green]pass[/]", "fail": "[bold red]fail[/]", "none": "[dim]no criteria[/]"}


def criteria_columns(tz: tzinfo) -> list[Col]:
    return [
        Col("gate", "Gate", style="bold"), Col("id", "ID", justify="right"),
        Col("spec", "Criterion"), Col("created_by", "Added by"),
        Col("created_at", in_zone("Added", tz), fmt=local_time(tz)),
        Col("source_row", "Row", justify="right"),
    ]


def gate_check_view(document: GateCheckDocument, tz: tzinfo) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    counts = document["counts"]
    head = Text()
    head.append(f"{document['gate']}  ", style="bold")
    head.append(document["title"])
    head.append("   ")
    head.append_text(Text.from_markup(STATE[document["state"]]))
    if counts["criteria"]:
        head.append(f" ({counts['passed']} of {counts['criteria']} criteria pass)")
    run = document["run"] or "no run"
    head.append(f"   {run}, as of {format_local(document['evaluated_at'], tz)}", style="dim")
    if not counts["criteria"]:
        return Group(head, Text("no criteria: `migctl task criteria add "
                                f"{document['gate']} --require SPEC`", style="dim"))
    table = build_table(document["criteria"], [
        Col("spec", "Criterion", style="bold", wrap=True, min_width=16, max_width=36),
        Col("passed", "Result", fmt=lambda v: VERDICT[bool(v)], markup=True),
        Col("message", "Evidence", wrap=True, min_width=30),
    ])
    return Group(head, table)


def _signed(minutes: int) -> str:
    return ("+" if minutes > 0 else "") + format_duration(minutes)


def estimate_view(document: EstimateDocument, tz: tzinfo, *, show_all: bool = False
                  ) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    rows = [r for r in document["tasks"] if show_all or r["changed"]]
    summary = document["summary"]
    head = Text()
    head.append("Estimate  ", style="bold")
    head.append(f"from {', '.join(document['runs'])}: {summary['estimated']} tasks with "
                f"actuals, {summary['changed']} change ({summary['longer']} longer, "
                f"{summary['shorter']} shorter); {summary['without_actuals']} without actuals")
    parts: list[RenderableType] = [head]
    if rows:
        parts.append(build_table(rows, [
            Col("key", "Task", style="bold"), Col("title", "Title", max_width=36),
            Col("critical", "Critical", fmt=lambda v: "[bold]yes[/]" if v else "", markup=True),
            Col("statistic", "From"),
            Col("actual_minutes", "Actuals",
                fmt=lambda v: ", ".join(format_duration(m) for m in v)),
            Col("old", "Old", justify="right"), Col("new", "New", justify="right"),
            Col("change_minutes", "Change", justify="right", fmt=_signed),
        ], row_style=lambda r: "yellow" if r["change_minutes"] > 0 else None))
    for label, moved in (("plan end", document["end"]),
                         ("cutover end", document["cutover_end"])):
        line = Text(f"{label}: {format_local(moved['old'], tz)} → "
                    f"{format_local(moved['new'], tz)} ")
        change = moved["change_minutes"]
        line.append(f"({_signed(change)})" if change else "(unchanged)",
                    style="red" if change > 0 else "green")
        parts.append(line)
    if document["applied"]:
        parts.append(Text(f"applied: {len(document['applied'])} duration(s) written",
                          style="bold"))
    elif summary["changed"]:
        parts.append(Text("not written: pass --apply to store the new durations", style="dim"))
    return Group(*parts)


def cutover_settings_view(document: CutoverSettingsDocument, tz: tzinfo) -> RenderableType:
    rows = [
        {"setting": "window start", "value": format_local(document["window_start"], tz)},
        {"setting": "window end", "value": format_local(document["window_end"], tz)},
        {"setting": "go-live milestone", "value": document["go_live"] or ""},
        {"setting": "point of no return", "value": document["point_of_no_return"] or ""},
    ]
    return build_table(rows, [Col("setting", "Cutover setting"), Col("value", "Value")])
