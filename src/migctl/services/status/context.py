"""What a section builder gets and gives: the :class:`StatusContext` and :func:`signal`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migctl.services.status.documents import SectionDocument, Signal
    from migctl.store.db import Db


@dataclass(frozen=True)
class StatusContext:
    session: Db  # a Session or a Connection: read it with migctl.store.db.execute
    now: datetime
    today: date
    tz: tzinfo
    #: The sections built so far, for a derived section (one that reads the others).
    sections: dict[str, SectionDocument] = field(default_factory=dict)


def signal(level: str, reason: str, *, code: str, system: str | None = None,
           **params: object) -> Signal:
    """One fact behind the RAG: ``level`` is ``amber`` or ``red``.

    ``reason`` is the English sentence; ``code`` (stable, e.g. ``task-late``; declared on the
    section in :mod:`migctl.services.status.registry`) and ``params`` (the facts in it) let
    scripts act on a signal and documents say it in Finnish (``render/i18n.py: signal_text``).
    """
    assert level in ("amber", "red"), level
    return {"level": level, "system": system, "reason": reason, "code": code, "params": params}
