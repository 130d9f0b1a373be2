"""The systems inventory read through SQLAlchemy Core: listings and the status section.

No ORM here, so ``migctl status`` can list the systems without importing SQLModel. The
documents are the inventory's stable JSON shape (``system list -f json``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from migctl.errors import UsageError
from migctl.services.systems.documents import SystemDocument
from migctl.services.systems.fields import normalize_domain, normalize_role, normalize_status
from migctl.store.db import execute
from migctl.store.tables import SYSTEM, SYSTEM_REPLACEMENT

if TYPE_CHECKING:
    from migctl.store.db import Db


def system_document(system: Any, replaces: list[str], replaced_by: list[str]) -> SystemDocument:
    """The stable JSON shape of one system (a ``system`` row or the ORM ``System``)."""
    return {
        "key": system.key,
        "name": system.name,
        "role": system.role,
        "domain": system.domain,
        "vendor": system.vendor,
        "owner": system.owner,
        "status": system.status,
        "planned_go_live": system.planned_go_live,
        "actual_go_live": system.actual_go_live,
        "retire_date": system.retire_date,
        "environments": [e for e in system.environments.split(",") if e],
        "replaces": replaces,
        "replaced_by": replaced_by,
        "notes": system.notes,
    }


def replacement_map(db: Db) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(system id → keys it replaces, system id → keys replacing it), sorted."""
    keys = dict(execute(db, select(SYSTEM.c.id, SYSTEM.c.key)).all())
    replaces: dict[int, list[str]] = {}
    replaced_by: dict[int, list[str]] = {}
    for legacy_id, target_id in execute(
            db, select(SYSTEM_REPLACEMENT.c.legacy_id, SYSTEM_REPLACEMENT.c.target_id)):
        replaces.setdefault(target_id, []).append(keys[legacy_id])
        replaced_by.setdefault(legacy_id, []).append(keys[target_id])
    for mapping in (replaces, replaced_by):
        for key_list in mapping.values():
            key_list.sort()
    return replaces, replaced_by


def list_systems(
    db: Db,
    *,
    role: str | None = None,
    status: str | None = None,
    domain: str | None = None,
) -> list[SystemDocument]:
    query = select(SYSTEM)
    try:
        if role:
            query = query.where(SYSTEM.c.role == normalize_role(role))
        if status:
            query = query.where(SYSTEM.c.status == normalize_status(status))
        if domain:
            query = query.where(SYSTEM.c.domain == normalize_domain(domain))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    query = query.order_by(SYSTEM.c.role.desc(), SYSTEM.c.planned_go_live, SYSTEM.c.key)
    replaces, replaced_by = replacement_map(db)
    return [
        system_document(s, replaces.get(s.id, []), replaced_by.get(s.id, []))
        for s in execute(db, query)
    ]
