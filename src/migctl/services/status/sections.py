"""`migctl status` as one document: programme header plus one section per area.

Each area contributes a section builder (registered by dotted path, imported only when the
status is built), so later features add sections without touching the others. The document is
the stable JSON shape; renderers only lay it out.

Every section document carries ``"signals"``: a list of
``{"level": "amber"|"red", "system": KEY or None, "reason": TEXT}`` — the facts behind the
programme's RAG (a late critical task, a gate no-go, mapping errors, a failing SSO check…).
Readiness rules read the signals; sections never compute RAG themselves: the document's
``readiness`` block (:mod:`migctl.services.status.readiness`) and ``header``
(:mod:`migctl.services.status.header`) are computed here from the built sections.

Building the status reads through SQLAlchemy Core only: this module, every section builder
and what they import stay clear of SQLModel, the ORM and ``migctl.store.models``, so
`migctl status` starts in a fraction of the time an ORM command needs (``tests/
test_status_imports.py`` runs it in a child process and checks). ``session`` may be a
command's Session (the demo, ``report``, ``kpi snapshot``) or the plain Connection that
`migctl status` opens.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from migctl.errors import MigctlError
from migctl.services import settings
from migctl.services.status.header import build_header
from migctl.services.status.readiness import compute

if TYPE_CHECKING:
    from migctl.store.db import Db

#: Section name → "module:function". Order is the order of the status screen.
SECTIONS: dict[str, str] = {
    "systems": "migctl.services.systems.status:build_section",
    "cutover": "migctl.services.runbook.status:build_section",
    "mapping": "migctl.services.mapping.status:build_section",
    "sso": "migctl.services.sso.status:build_section",
    "incidents": "migctl.services.hypercare.status:build_section",
    "kpis": "migctl.services.kpis.status:build_section",
}

#: Sections that read the others (``context.sections``): built after every other section,
#: wherever they stand in SECTIONS.
DERIVED_SECTIONS: frozenset[str] = frozenset({"kpis"})


@dataclass(frozen=True)
class StatusContext:
    session: Db  # a Session or a Connection: read it with migctl.store.db.execute
    now: datetime
    today: date
    tz: tzinfo
    sections: dict[str, Any] = field(default_factory=dict)  # built so far (for derived ones)


SectionBuilder = Callable[[StatusContext], dict[str, Any]]


def signal(level: str, reason: str, *, code: str, system: str | None = None,
           **params: Any) -> dict[str, Any]:
    """One fact behind the RAG: ``level`` is ``amber`` or ``red``.

    ``reason`` is the English sentence; ``code`` (stable, e.g. ``task-late``) and ``params``
    (the facts in it) let scripts act on a signal and documents say it in Finnish
    (``render/i18n.py: signal_text``).
    """
    assert level in ("amber", "red"), level
    return {"level": level, "system": system, "reason": reason, "code": code, "params": params}


def _builder(path: str) -> SectionBuilder:
    module_name, _, function = path.partition(":")
    return getattr(importlib.import_module(module_name), function)


def build_status(
    session: Db,
    *,
    now: datetime | None = None,
    sections: Sequence[str] | None = None,
) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    tz = settings.timezone(session)
    context = StatusContext(session=session, now=now, today=now.astimezone(tz).date(), tz=tz)
    wanted = list(SECTIONS) if sections is None else list(sections)
    built = context.sections
    for name in sorted(wanted, key=lambda n: n in DERIVED_SECTIONS):
        try:
            built[name] = _builder(SECTIONS[name])(context)
        except MigctlError as exc:
            # One area's bad data must not blank the whole dashboard: show the error there.
            failed = signal("red", f"{name}: {exc}", code="section-error", section=name,
                            error=str(exc))
            built[name] = {"error": str(exc), "signals": [failed]}
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
