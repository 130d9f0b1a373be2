"""`migctl cutover settings`: the cutover window, the go-live milestone and the point of no
return, stored once as programme settings (what `task lint`, `task plan` and status read)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from migctl.errors import OptionError, option_name
from migctl.services import settings
from migctl.services.audit import Actor
from migctl.services.gates.documents import CutoverSettingsDocument
from migctl.services.runbook.fields import (
    GO_LIVE,
    POINT_OF_NO_RETURN,
    WINDOW_END,
    WINDOW_START,
    task_key,
)
from migctl.services.runbook.read import load_runbook
from migctl.services.runbook.settings import go_live_key, point_of_no_return_key, window


def current(session: Session) -> CutoverSettingsDocument:
    start, end = window(session)
    return {"window_start": start, "window_end": end, "go_live": go_live_key(session),
            "point_of_no_return": point_of_no_return_key(session)}


def update_cutover_settings(
    session: Session,
    actor: Actor,
    *,
    window_start: datetime | None = None,
    window_end: datetime | None = None,
    go_live: str | None = None,
    point_of_no_return: str | None = None,
    clear: frozenset[str] = frozenset(),
) -> CutoverSettingsDocument:
    """Store what is given (each audited by the settings service), clear what ``clear``
    names (``window_start``, ``window_end``, ``go_live``, ``point_of_no_return``)."""
    tz = settings.timezone(session)
    start = window_start or (None if "window_start" in clear else window(session)[0])
    end = window_end or (None if "window_end" in clear else window(session)[1])
    if start is not None and end is not None and end <= start:
        raise OptionError(f"{{option}} must be after {option_name('window_start')}",
                          field="window_end")
    keys = {}
    for name, text in (("go_live", go_live), ("point_of_no_return", point_of_no_return)):
        if text is not None:
            key = task_key(text)
            if key not in load_runbook(session).index:
                raise OptionError("no such task; `migctl task list` shows the keys",
                                  field=name, value=key)
            keys[name] = key
    for setting, moment in ((WINDOW_START, window_start), (WINDOW_END, window_end)):
        if moment is not None:
            settings.put(session, actor, setting, moment.astimezone(tz).isoformat())
    if "go_live" in keys:
        settings.put(session, actor, GO_LIVE, keys["go_live"])
    if "point_of_no_return" in keys:
        settings.put(session, actor, POINT_OF_NO_RETURN, keys["point_of_no_return"])
    for name, setting in (("window_start", WINDOW_START), ("window_end", WINDOW_END),
                          ("go_live", GO_LIVE), ("point_of_no_return", POINT_OF_NO_RETURN)):
        if name in clear:
            settings.unset(session, actor, setting)
    session.flush()  # the settings service adds ORM rows; read them back as stored
    return current(session)
