"""The status header: how many days to the next go-live and to the cutover start.

Read from the sections (systems' ``next_go_live``; the cutover section's ``planned_start``
once it exists), so the header needs no store access of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo
from typing import Any

from migctl.docvalues import as_datetime


def build_header(sections: Mapping[str, Any], *, today: date, tz: tzinfo) -> dict[str, Any]:
    systems = sections.get("systems")
    next_go_live = systems.get("next_go_live") if isinstance(systems, Mapping) else None
    cutover = sections.get("cutover")
    cutover_start = None
    if isinstance(cutover, Mapping):
        start = as_datetime(cutover.get("planned_start"))
        if start is not None:
            cutover_start = {"at": start,
                             "days": (start.astimezone(tz).date() - today).days}
    return {"next_go_live": next_go_live, "cutover_start": cutover_start}
