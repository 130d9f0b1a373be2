"""Runbook documents laid out for people: task lists, one task, the plan, runs and comparisons.

Documents carry UTC datetimes; every function here takes the programme's time zone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from migctl.render.listings import in_zone
from migctl.render.tables import Col, build_table, cell
from migctl.services.runbook.documents import TaskListRow
from migctl.values import format_duration, format_local

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migctl.services.runbook.documents import (
        CompareDocument,
        NextRow,
        ScheduleRow,
        TaskDetail,
    )


class TaskLine(TaskListRow):
    """A task list row for people: the ``actual`` column composed (start → end)."""

    actual: str

STATUS_STYLE = {
    "todo": "", "in_progress": "yellow", "done": "green", "failed": "bold red",
    "skipped": "dim", "blocked": "red",
}


def local_time(tz: tzinfo) -> Callable[[Any], str]:
    def show(value: Any) -> str:
        return format_local(value, tz) if isinstance(value, datetime) else cell(value)
    return show


def _status(value: Any) -> str:
    style = STATUS_STYLE.get(str(value), "")
    return f"[{style}]{value}[/]" if style else cell(value)


def _minutes(value: Any) -> str:
    return "" if value is None else format_duration(int(value))


def _signed(value: Any) -> str:
    if value is None:
        return ""
    return ("+" if value > 0 else "") + format_duration(int(value))


def task_columns(tz: tzinfo) -> list[Col]:
    """The task list for people: one line per task (``-f json`` has every field)."""
    when = local_time(tz)

    return [
        Col("key", "Key", style="bold"),
        Col("title", "Title", wrap=True, min_width=20, max_width=40),
        Col("workstream", "Workstream", optional=True),
        Col("owner", "Owner", max_width=18, optional=True),
        Col("duration", "Dur", justify="right"),
        Col("depends_on", "Depends on", wrap=True, min_width=8, max_width=18, optional=True),
        Col("planned_start", in_zone("Fixed start", tz), fmt=when),
        Col("status", "Status", fmt=_status, markup=True),
        Col("actual", "Actual"),
    ]


def task_rows(rows: list[TaskListRow], tz: tzinfo) -> list[TaskLine]:
    """Rows with the ``actual`` column composed (start → end) for :func:`task_columns`."""
    when = local_time(tz)
    result: list[TaskLine] = []
    for row in rows:
        began, ended = row["actual_start"], row["actual_end"]
        text = ""
        if began is not None:
            text = when(began) + (f" → {when(ended)[-5:]}" if ended is not None else " →")
        result.append({**row, "actual": text})
    return result


def task_row_style(row: Mapping[str, Any]) -> str | None:
    if row.get("late"):
        return "red"
    return "dim" if row.get("status") in ("done", "skipped") else None


def _criteria_state(evidence: Any) -> str:
    """How a decision's criteria stood when it was made (``task show``)."""
    if not evidence or not evidence.get("counts", {}).get("criteria"):
        return ""
    counts = evidence["counts"]
    return f"{counts['passed']} of {counts['criteria']} passed"


def task_detail(document: TaskDetail, tz: tzinfo) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    when = local_time(tz)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for name, value in document.items():
        if name == "decisions":
            continue
        if name == "source_row":
            continue
        if name == "status":  # the one styled field; the rest is shown as typed, never markup
            shown: Text | str = _status(value)
        elif name == "source_file" and value:
            shown = Text(f"{value}:{document.get('source_row') or ''}")
        else:
            shown = Text(when(value))
        grid.add_row(name.replace("_", " "), shown)
    parts: list[RenderableType] = [grid]
    if document.get("decisions"):
        parts.append(build_table(document["decisions"], [
            Col("decided_at", in_zone("Decided", tz), fmt=when),
            Col("decision", "Decision", style="bold"),
            Col("decided_by", "By"), Col("note", "Note", wrap=True),
            Col("evidence", "Criteria", fmt=_criteria_state),
            Col("reason", "Override", wrap=True),
        ], title="Decisions"))
    return Group(*parts)


def plan_table(rows: list[ScheduleRow], tz: tzinfo, *, start: datetime, end: datetime,
               critical_path: list[str], run: str | None) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    when = local_time(tz)
    header = Text()
    header.append("Plan", style="bold")
    header.append(f" ({run})" if run else " (no run)")
    header.append(f"  {when(start)} → {when(end)}")
    header.append(f"  ({format_duration(int((end - start).total_seconds() // 60))})", style="dim")
    table = build_table(rows, [
        Col("key", "Key", style="bold"), Col("title", "Title", wrap=True, min_width=20,
                                               max_width=44),
        Col("status", "Status", fmt=_status, markup=True),
        Col("duration_minutes", "Dur", justify="right", fmt=_minutes),
        Col("earliest_start", in_zone("Earliest start", tz), fmt=when),
        Col("earliest_finish", "Earliest finish", fmt=when, optional=True),
        Col("latest_start", "Latest start", fmt=when),
        Col("latest_finish", "Latest finish", fmt=when, optional=True),
        Col("slack_minutes", "Slack", justify="right", fmt=_signed),
    ], row_style=lambda r: "bold red" if r["critical"] else ("dim" if r["status"] in (
        "done", "skipped") else None))
    path = Text()
    path.append("Critical path: ", style="bold")
    path.append(" → ".join(critical_path) or "–", style="red")
    return Group(header, table, path)


def next_table(rows: list[NextRow], tz: tzinfo) -> RenderableType:
    when = local_time(tz)
    return build_table(rows, [
        Col("key", "Key", style="bold"), Col("title", "Title", wrap=True, max_width=60),
        Col("workstream", "Workstream", optional=True), Col("owner", "Owner", optional=True),
        Col("status", "Status"),
        Col("earliest_start", in_zone("Start", tz), fmt=when),
        Col("latest_start", "Start by", fmt=when),
        Col("slack_minutes", "Slack", justify="right", fmt=_signed),
    ], row_style=lambda r: "bold red" if r["critical"] else None)


def run_columns(tz: tzinfo) -> list[Col]:
    when = local_time(tz)
    return [
        Col("name", "Run", style="bold"), Col("kind", "Kind"), Col("status", "Status"),
        Col("started_at", in_zone("Started", tz), fmt=when),
        Col("finished_at", "Finished", fmt=when),
        Col("elapsed_minutes", "Took", justify="right", fmt=_minutes),
        Col("counts", "Done", justify="right", fmt=lambda c: f"{c['done']}/{c['total']}"),
        Col("counts", "Skipped", justify="right", fmt=lambda c: str(c["skipped"])),
    ]


def compare_view(document: CompareDocument, tz: tzinfo, *, all_tasks: bool = False
                 ) -> RenderableType:
    from rich.console import Group
    from rich.text import Text

    when = local_time(tz)
    names = [run["name"] for run in document["runs"]]
    parts: list[RenderableType] = []
    for run in document["runs"]:
        work = run["work"]
        line = Text()
        line.append(f"{run['name']}", style="bold")
        line.append(f" ({run['kind']}, {run['status']}) {when(run['started_at'])} → "
                    f"{when(run['finished_at']) or '…'}: {work['done']} done; task time "
                    f"{format_duration(work['planned_minutes'])} planned, "
                    f"{format_duration(work['actual_minutes'])} actual ")
        line.append(f"({_signed(work['overrun_minutes'])})",
                    style="yellow" if work["overrun_minutes"] > 0 else "green")
        parts.append(line)

    def per_run(index: int, field: str) -> Callable[[Any], str]:
        return lambda runs: (_signed if field == "overrun_minutes" else _minutes)(
            runs[index][field])

    run_cols: list[Col] = []
    for index, name in enumerate(names):
        run_cols += [Col("runs", f"{name}", justify="right", fmt=per_run(index,
                                                                          "actual_minutes")),
                     Col("runs", "Δ plan", justify="right", fmt=per_run(index,
                                                                         "overrun_minutes"))]
    tasks = document["tasks"] if all_tasks else [
        t for t in document["tasks"] if any(r["actual_minutes"] is not None for r in t["runs"])]
    parts.append(build_table(tasks, [
        Col("key", "Task", style="bold"), Col("title", "Title", wrap=True, max_width=45),
        Col("workstream", "Workstream"),
        Col("planned_minutes", "Planned", justify="right", fmt=_minutes), *run_cols,
    ], title="Per task (done tasks; planned vs actual duration)"))
    stream_cols: list[Col] = []
    for index, name in enumerate(names):
        stream_cols += [
            Col("runs", f"{name} planned", justify="right", fmt=per_run(index,
                                                                         "planned_minutes")),
            Col("runs", "actual", justify="right", fmt=per_run(index, "actual_minutes")),
            Col("runs", "Δ", justify="right", fmt=per_run(index, "overrun_minutes")),
        ]
    parts.append(build_table(document["workstreams"], [Col("workstream", "Workstream"),
                                                       *stream_cols], title="Per workstream"))
    if document["biggest_overruns"]:
        parts.append(build_table(document["biggest_overruns"], [
            Col("run", "Run"), Col("key", "Task", style="bold"),
            Col("title", "Title", wrap=True, max_width=45),
            Col("planned_minutes", "Planned", justify="right", fmt=_minutes),
            Col("actual_minutes", "Actual", justify="right", fmt=_minutes),
            Col("overrun_minutes", "Overrun", justify="right", fmt=_signed, style="yellow"),
            Col("ratio", "×", justify="right"),
        ], title="Biggest overruns"))
    return Group(*parts)
