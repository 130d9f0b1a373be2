"""`migctl status` as one document: programme header plus one section per area.

The sections are those of :mod:`migctl.services.status.registry` (each builder imported only
when the status is built), so later features add sections without touching the others. The
document (:class:`~migctl.services.status.documents.StatusDocument`) is the stable JSON shape;
renderers only lay it out.

Every section document carries ``"signals"``
(:class:`~migctl.services.status.documents.Signal`) — the facts behind the programme's RAG (a
late critical task, a gate no-go, mapping errors, a failing SSO check…). Readiness rules read
the signals; sections never compute RAG themselves: the document's ``readiness`` block
(:mod:`migctl.services.status.readiness`) and ``header``
(:mod:`migctl.services.status.header`) are computed here from the built sections.

Building the status reads through SQLAlchemy Core only: this module, every section builder
and what they import stay clear of SQLModel, the ORM and ``migctl.store.models``, so
`migctl status` starts in a fraction of the time an ORM command needs (``tests/
test_status_imports.py`` runs it in a child process and checks). ``session`` may be a
command's Session (the demo, ``report``, ``kpi snapshot``) or the plain Connection that
`migctl status` opens.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from migctl.errors import MigctlError
from migctl.services import settings
from migctl.services.status.context import StatusContext, signal
from migctl.services.status.header import build_header
from migctl.services.status.readiness import compute
from migctl.services.status.registry import BY_KEY, REGISTRY

if TYPE_CHECKING:
    from migctl.services.status.documents import SectionDocument, SectionError, StatusDocument
    from migctl.store.db import Db

#: Section name → its registry entry, in the order of the status screen.
SECTIONS = BY_KEY
#: Sections that read the others: built after every other section.
DERIVED_SECTIONS: frozenset[str] = frozenset(s.key for s in REGISTRY if s.derived)


def _build(name: str, context: StatusContext) -> SectionDocument:
    try:
        return SECTIONS[name].build(context)
    except MigctlError as exc:
        # One area's bad data must not blank the whole dashboard: show the error there.
        failed = signal("red", f"{name}: {exc}", code="section-error", section=name,
                        error=str(exc))
        error: SectionError = {"error": str(exc), "signals": [failed]}
        return error


def build_status(
    session: Db,
    *,
    now: datetime | None = None,
    sections: Sequence[str] | None = None,
) -> StatusDocument:
    now = now or datetime.now(UTC)
    tz = settings.timezone(session)
    context = StatusContext(session=session, now=now, today=now.astimezone(tz).date(), tz=tz)
    wanted = list(SECTIONS) if sections is None else list(sections)
    built = context.sections
    for name in sorted(wanted, key=lambda n: SECTIONS[n].derived):
        built[name] = _build(name, context)
    ordered = {name: built[name] for name in wanted}
    return {
        "programme": {
            "name": settings.programme_name(session),
            "timezone": settings.get(session, "programme.timezone"),
        },
        "as_of": now,
        "today": context.today,
        "header": build_header(ordered, today=context.today, tz=tz),
        "readiness": compute(ordered),
        "sections": ordered,
    }
