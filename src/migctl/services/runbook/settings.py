"""Programme-level cutover settings: the window, the go-live milestone, the point of no return.

Registered in the shared settings registry (``migctl settings set cutover.window_end …``);
:mod:`migctl.services.settings` imports this module so the registry always knows them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from migctl import values
from migctl.services.runbook.fields import (
    GO_LIVE,
    POINT_OF_NO_RETURN,
    WINDOW_END,
    WINDOW_START,
    normalize_task_key,
)
from migctl.services.settings import SettingSpec, get, register, timezone

if TYPE_CHECKING:
    from migctl.store.db import Db


def _check_datetime(value: str) -> str:
    if value.strip():
        values.parse_datetime(value, UTC)  # validates; naive times are read in the programme zone
    return value.strip()


def _check_key(value: str) -> str:
    return normalize_task_key(value) if value.strip() else ""


register(SettingSpec(WINDOW_START, "Start of the production cutover window (date and time)", "",
                     _check_datetime))
register(SettingSpec(WINDOW_END, "End of the production cutover window (date and time)", "",
                     _check_datetime))
register(SettingSpec(GO_LIVE, "Key of the go-live milestone in the runbook (e.g. MS-030)", "",
                     _check_key))
register(SettingSpec(POINT_OF_NO_RETURN, "Key of the runbook task after which there is no way "
                     "back (e.g. GATE-2); `task lint` wants rollback notes before it", "",
                     _check_key))


def window(db: Db) -> tuple[datetime | None, datetime | None]:
    """The cutover window (UTC), each end ``None`` when not set."""
    tz = timezone(db)
    result: list[datetime | None] = []
    for key in (WINDOW_START, WINDOW_END):
        text = get(db, key)
        result.append(values.parse_datetime(text, tz) if text else None)
    return result[0], result[1]


def go_live_key(db: Db) -> str | None:
    return get(db, GO_LIVE) or None


def point_of_no_return_key(db: Db) -> str | None:
    return get(db, POINT_OF_NO_RETURN) or None


#: The hypercare-end milestone (issue 22): the SSO certificate calendar reads hypercare as
#: running from go-live until this task's planned date.
HYPERCARE_END = "cutover.hypercare_end"

register(SettingSpec(HYPERCARE_END, "Key of the milestone that ends hypercare (e.g. MS-040); "
                     "certificates expiring before it are errors", "", _check_key))


def hypercare_end_key(db: Db) -> str | None:
    return get(db, HYPERCARE_END) or None
