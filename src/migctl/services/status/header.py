"""The status header: how many days to the next go-live and to the production cutover, and
which cutover run is active.

Read from the sections (systems' ``next_go_live``; the cutover section's ``window``, ``run``
and ``planned_start``), so the header needs no store access of its own.

The **cutover start** is the production cutover's: the cutover window's start (setting
``cutover.window_start``). Without a window it is the plan's start, but only while no
rehearsal is running: a rehearsal's actuals re-plan the runbook from today, and "cutover
starts today" during rehearsal-2 would be false. The active run is named separately (``run``:
its name and kind), so the header says both "rehearsal-2 (rehearsal) running" and "cutover
starts in 39 d".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from migctl.docvalues import as_datetime
from migctl.services.status.registry import CUTOVER, SYSTEMS, WINDOW

if TYPE_CHECKING:
    from migctl.services.status.documents import (
        CutoverStart,
        Header,
        HeaderRun,
        SectionDocument,
        WindowHeadline,
    )


def _production_start(cutover: Mapping[str, Any]) -> datetime | None:
    """The production cutover's start: the window start, else the plan's (see module doc)."""
    window = cutover.get("window")
    start = as_datetime(window.get("start")) if isinstance(window, Mapping) else None
    if start is not None:
        return start
    run = cutover.get("run")
    if isinstance(run, Mapping) and run.get("kind") != "production":
        return None
    return as_datetime(cutover.get("planned_start"))


def _run(cutover: Mapping[str, Any]) -> HeaderRun | None:
    run = cutover.get("run")
    if not isinstance(run, Mapping):
        return None
    started = as_datetime(run.get("started_at"))
    assert started is not None  # every run has started
    return {"name": str(run["name"]), "kind": str(run["kind"]), "started_at": started}


def build_header(sections: Mapping[str, SectionDocument], *, today: date, tz: tzinfo
                 ) -> Header:
    systems = SYSTEMS.of(sections)
    cutover = CUTOVER.of(sections)
    cutover_start: CutoverStart | None = None
    start = _production_start(cutover) if cutover is not None else None
    if start is not None:
        cutover_start = {"at": start, "days": (start.astimezone(tz).date() - today).days}
    return {"next_go_live": systems.get("next_go_live") if systems is not None else None,
            "cutover_start": cutover_start,
            "run": _run(cutover) if cutover is not None else None,
            "window": _window(sections)}


def _window(sections: Mapping[str, SectionDocument]) -> WindowHeadline | None:
    """The window section's odds and P80 cutover end (None without a forecast)."""
    window = WINDOW.of(sections)
    forecast = window.get("forecast") if window is not None else None
    ends = forecast["cutover_end"] if forecast is not None else None
    p80 = as_datetime(ends["p80"]) if ends is not None else None
    if forecast is None or p80 is None:
        return None
    return {"p_within_window": forecast["p_within_window"], "p80_end": p80}
