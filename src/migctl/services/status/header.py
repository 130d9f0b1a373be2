"""The status header: how many days to the next go-live and to the cutover start.

Read from the sections (systems' ``next_go_live``; the cutover section's ``planned_start``
once it exists), so the header needs no store access of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from migctl.docvalues import as_datetime
from migctl.services.status.registry import CUTOVER, SYSTEMS, WINDOW

if TYPE_CHECKING:
    from migctl.services.status.documents import (
        CutoverStart,
        Header,
        SectionDocument,
        WindowHeadline,
    )


def build_header(sections: Mapping[str, SectionDocument], *, today: date, tz: tzinfo
                 ) -> Header:
    systems = SYSTEMS.of(sections)
    cutover = CUTOVER.of(sections)
    cutover_start: CutoverStart | None = None
    start = as_datetime(cutover.get("planned_start")) if cutover is not None else None
    if start is not None:
        cutover_start = {"at": start, "days": (start.astimezone(tz).date() - today).days}
    return {"next_go_live": systems.get("next_go_live") if systems is not None else None,
            "cutover_start": cutover_start, "window": _window(sections)}


def _window(sections: Mapping[str, SectionDocument]) -> WindowHeadline | None:
    """The window section's odds and P80 cutover end (None without a forecast)."""
    window = WINDOW.of(sections)
    forecast = window.get("forecast") if window is not None else None
    ends = forecast["cutover_end"] if forecast is not None else None
    p80 = as_datetime(ends["p80"]) if ends is not None else None
    if forecast is None or p80 is None:
        return None
    return {"p_within_window": forecast["p_within_window"], "p80_end": p80}
