"""What the SSO checks found last, read through SQLAlchemy Core.

:func:`latest_results` answers "what is the latest result of every matching check" for the
status screen, gate criteria and `sso list`, without importing the ORM. The selection rules
(:func:`check_conditions`, :func:`check_order`) are shared with the ORM's ``select_checks``
in :mod:`migctl.services.sso.config`, which the commands that change checks use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Row, Table, and_, func, select

from migctl.errors import NotFound, OptionError
from migctl.services.sso.documents import LatestResult
from migctl.services.sso.spec import KINDS
from migctl.store.db import execute
from migctl.store.tables import SSO_CHECK, SSO_PIN, SSO_RESULT, SYSTEM

if TYPE_CHECKING:
    from migctl.store.db import Db


def check_conditions(db: Db, check: Table, system: Table, *, systems: list[str] | None = None,
                     env: str | None = None, kind: str | None = None,
                     ids: list[int] | None = None) -> list[ColumnElement[bool]]:
    """The WHERE of a selection of checks (joined to their systems) by system, environment,
    kind and id; refuses an unknown system key or kind."""
    conditions: list[ColumnElement[bool]] = []
    if systems:
        keys = [s.strip().lower() for s in systems]
        known = set(execute(db, select(system.c.key).where(system.c.key.in_(keys))).scalars())
        unknown = [k for k in keys if k not in known]
        if unknown:
            raise NotFound(f"no system {unknown[0]!r}; `migctl system list` shows the keys")
        conditions.append(system.c.key.in_(keys))
    if env:
        conditions.append(check.c.environment == env.strip().lower())
    if kind:
        if kind not in KINDS:
            raise OptionError(f"{kind!r} is not a kind; use one of {', '.join(KINDS)}",
                              field="kind")
        conditions.append(check.c.kind == kind)
    if ids:
        conditions.append(check.c.id.in_(ids))
    return conditions


def check_order(check: Table, system: Table) -> list[ColumnElement[Any]]:
    return [system.c.key, check.c.environment, check.c.kind, check.c.id]


def check_rows(db: Db, *, systems: list[str] | None = None, env: str | None = None,
               kind: str | None = None, ids: list[int] | None = None
               ) -> list[tuple[Row[Any], str]]:
    """(``sso_check`` row, system key) pairs, as ``select_checks`` selects them."""
    query = (select(SSO_CHECK, SYSTEM.c.key.label("system_key"))
             .join(SYSTEM, SYSTEM.c.id == SSO_CHECK.c.system_id)
             .where(*check_conditions(db, SSO_CHECK, SYSTEM, systems=systems, env=env,
                                      kind=kind, ids=ids))
             .order_by(*check_order(SSO_CHECK, SYSTEM)))
    return [(row, row.system_key) for row in execute(db, query)]


def latest_rows(db: Db, ids: list[int]) -> dict[int, list[Row[Any]]]:
    """Check id → the result rows of its newest run (one query, on the check/time index)."""
    if not ids:
        return {}
    newest = (select(SSO_RESULT.c.check_id, func.max(SSO_RESULT.c.checked_at).label("at"))
              .where(SSO_RESULT.c.check_id.in_(ids))
              .group_by(SSO_RESULT.c.check_id).subquery())
    query = (select(SSO_RESULT)
             .join(newest, and_(SSO_RESULT.c.check_id == newest.c.check_id,
                                SSO_RESULT.c.checked_at == newest.c.at))
             .order_by(SSO_RESULT.c.run_id, SSO_RESULT.c.id))
    latest: dict[int, list[Row[Any]]] = {}
    for row in execute(db, query):
        rows = latest.setdefault(row.check_id, [])
        if rows and rows[0].run_id != row.run_id:  # two runs at one instant: the later wins
            rows.clear()
        rows.append(row)
    return latest


def latest_results(
    db: Db,
    *,
    systems: list[str] | None = None,
    env: str | None = None,
    kind: str | None = None,
) -> list[LatestResult]:
    """Every matching check with its latest result (``status`` ``never`` if it never ran).

    Each item: ``id, system, env, kind, url, status, checked_at, run_id, duration_ms,
    findings`` (``[{code, severity, message}]``, empty for a pass).
    """
    selected = check_rows(db, systems=systems, env=env, kind=kind)
    latest = latest_rows(db, [check.id for check, _ in selected])
    items: list[LatestResult] = []
    for check, system_key in selected:
        rows = latest.get(check.id, [])
        first = rows[0] if rows else None
        items.append({
            "id": check.id, "system": system_key, "env": check.environment, "kind": check.kind,
            "url": check.url, "status": first.status if first else "never",
            "checked_at": first.checked_at if first else None,
            "run_id": first.run_id if first else None,
            "duration_ms": first.duration_ms if first else None,
            "findings": [{"code": r.code, "severity": r.severity, "message": r.message}
                         for r in rows if r.code is not None],
        })
    return items


def pinned(db: Db, ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """Check id → (SHA-256 of its pinned signing certificate, the certificate's PEM or None)."""
    if not ids:
        return {}
    rows = execute(db, select(SSO_PIN.c.check_id, SSO_PIN.c.sha256, SSO_PIN.c.cert_pem)
                   .where(SSO_PIN.c.check_id.in_(ids)))
    return {row.check_id: (row.sha256, row.cert_pem) for row in rows}
