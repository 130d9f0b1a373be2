"""`migctl task timeline`: a Gantt chart in the terminal.

One row per task in start order; bars are drawn on a character grid over the chosen time
range, critical tasks in red, done ones green, running ones yellow, milestones as ``◆``, and a
``│`` now-line. Ticks follow the programme's time zone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.text import Text

    from migctl.services.runbook.documents import ScheduleRow

#: Tick steps tried in order until labels no longer crowd each other.
TICK_STEPS = [timedelta(hours=h) for h in (1, 2, 3, 6, 12, 24, 48, 168)]
MIN_LABEL_GAP = 9
BAR_STYLE = {"done": "green", "in_progress": "yellow", "failed": "bold red",
             "blocked": "red", "skipped": "dim"}


def _column(moment: datetime, start: datetime, seconds_per_char: float) -> float:
    return (moment - start).total_seconds() / seconds_per_char


def _ticks(start: datetime, end: datetime, width: int, tz: tzinfo
           ) -> list[tuple[int, str]]:
    span = (end - start).total_seconds()
    for step in TICK_STEPS:
        if step.total_seconds() / span * width >= MIN_LABEL_GAP:
            break
    local = start.astimezone(tz)
    if step >= timedelta(days=1):
        tick = local.replace(hour=0, minute=0, second=0, microsecond=0)
    else:
        hours = int(step.total_seconds() // 3600)
        tick = local.replace(hour=local.hour - local.hour % hours, minute=0, second=0,
                             microsecond=0)
    result = []
    while tick <= end:
        if tick >= local:
            column = int(_column(tick, start, span / width))
            label = tick.strftime("%d.%m.") if (tick.hour == 0 or step >= timedelta(days=1)) \
                else tick.strftime("%H:%M")
            result.append((column, label))
        tick = (tick + step).astimezone(tz)  # keeps wall-clock ticks across DST changes
        if step < timedelta(days=1):
            tick = tick.replace(minute=0)
    return result


def _axis(ticks: Sequence[tuple[int, str]], width: int) -> Group:
    from rich.console import Group
    from rich.text import Text

    line = [" "] * width
    marks = [" "] * width
    last_end = -1
    for column, label in ticks:
        if column >= width or column <= last_end:
            continue
        marks[column] = "┬"
        for offset, char in enumerate(label):
            if column + offset < width:
                line[column + offset] = char
        last_end = column + len(label)
    # two Texts: the terminal shows a line break inside one Text as a space (render.console)
    return Group(Text("".join(line), style="dim"), Text("".join(marks), style="dim"))


def _bar(row: ScheduleRow, start: datetime, seconds_per_char: float, width: int,
         now_column: int | None) -> Text:
    from rich.text import Text

    chars = [" "] * width
    began, finished = row["earliest_start"], row["earliest_finish"]
    style = BAR_STYLE.get(row["status"]) or ("bold red" if row["critical"] else "blue")
    first = _column(began, start, seconds_per_char)
    last = _column(finished, start, seconds_per_char)
    painted: list[int] = []
    if last < 0:
        chars[0] = "◀"
        painted = [0]
    elif first >= width:
        chars[width - 1] = "▶"
        painted = [width - 1]
    elif row["duration_minutes"] == 0 or finished == began:
        column = min(max(int(first), 0), width - 1)
        chars[column] = "◆"
        painted = [column]
    else:
        lo = max(math.floor(first), 0)
        hi = min(max(math.ceil(last), lo + 1), width)
        painted = list(range(lo, hi))
        for column in painted:
            chars[column] = "█"
    text = Text()
    for column, char in enumerate(chars):
        if column == now_column and char == " ":
            text.append("│", style="magenta")
        elif column in painted:
            text.append(char, style=style + (" reverse" if column == now_column else ""))
        else:
            text.append(char)
    return text


def timeline(
    rows: list[ScheduleRow],
    *,
    tz: tzinfo,
    start: datetime,
    end: datetime,
    now: datetime,
    width: int,
    title: str,
) -> RenderableType:
    """The chart for ``rows`` (from the planner's schedule) between ``start`` and ``end``."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from migctl.values import format_local

    width = max(width, 20)
    if end <= start:
        end = start + timedelta(hours=1)
    seconds_per_char = (end - start).total_seconds() / width
    now_column = None
    if start <= now <= end:
        now_column = min(int(_column(now, start, seconds_per_char)), width - 1)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, title=title,
                  title_justify="left")
    table.add_column("Key", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column(_axis(_ticks(start, end, width, tz), width), no_wrap=True, width=width)
    for row in rows:
        key_style = "bold red" if row["critical"] else ("red" if row.get("late") else "")
        table.add_row(Text(row["key"], style=key_style), Text(row["status"], style="dim"),
                      _bar(row, start, seconds_per_char, width, now_column))
    legend = Text()
    legend.append("█", style="blue")
    legend.append(" planned  ")
    legend.append("█", style="bold red")
    legend.append(" critical  ")
    legend.append("█", style="green")
    legend.append(" done  ")
    legend.append("█", style="yellow")
    legend.append(" in progress  ◆ milestone  ")
    legend.append("│", style="magenta")
    where = "" if now_column is not None else (" – before this range" if now < start
                                               else " – after this range")
    legend.append(f" now {format_local(now, tz)}{where}")
    return Group(table, legend)
