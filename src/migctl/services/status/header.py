"""The status header: how many days to the next go-live and to the cutover start.

Read from the sections (systems' ``next_go_live``; the cutover section's ``planned_start``
once it exists), so the header needs no store access of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from migctl.docvalues import as_datetime
from migctl.services.status.registry import CUTOVER, SYSTEMS

if TYPE_CHECKING:
    from migctl.services.status.documents import CutoverStart, Header, SectionDocument


def build_header(sections: Mapping[str, SectionDocument], *, today: date, tz: tzinfo
                 ) -> Header:
    systems = SYSTEMS.of(sections)
    cutover = CUTOVER.of(sections)
    cutover_start: CutoverStart | None = None
    start = as_datetime(cutover.get("planned_start")) if cutover is not None else None
    if start is not None:
        cutover_start = {"at": start, "days": (start.astimezone(tz).date() - today).days}
    return {"next_go_live": systems.get("next_go_live") if systems is not None else None,
            "cutover_start": cutover_start}
