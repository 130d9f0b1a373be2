"""The certificates and key ids each run saw, per check: recorded, compared, looked back at.

Every run stores what its probes saw (:class:`~migctl.services.sso.spec.Seen`); before a
run's results are stored, each check's sightings are compared with those of its previous run
that saw anything (:mod:`migctl.services.sso.drift`), and every change becomes an S040
finding naming the old and the new keys with when each was first seen. Only the documents a
run did see are compared: a check that could not fetch its JWKS this time reports that
(S021), not every key as gone. `sso history CHECK` and `sso diff CHECK` read the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from sqlalchemy import func, insert, select

from migctl.checks import Severity
from migctl.errors import NotFound
from migctl.services.sso.drift import Drift, Sighting, compare, short_ident
from migctl.services.sso.fields import S040, Issue
from migctl.store.db import execute
from migctl.store.tables import SSO_CHECK, SSO_PIN, SSO_RUN, SSO_SIGHTING, SYSTEM

if TYPE_CHECKING:
    from migctl.services.sso.spec import ProbeResult, Seen
    from migctl.store.db import Db


class KeySeen(TypedDict):
    """One certificate or key id in `sso history CHECK` / `sso diff CHECK`."""

    document: str
    ident: str
    subject: str | None
    not_after: datetime | None
    first_seen: datetime


class RunKeys(TypedDict):
    """One run of a check in `sso history CHECK -f json`: what it saw."""

    run_id: int
    at: datetime
    keys: list[KeySeen]


class KeyHistory(TypedDict):
    check: int
    system: str
    env: str
    kind: str
    pinned: str | None
    runs: list[RunKeys]


class DriftDocument(TypedDict):
    severity: str
    change: str  # added | removed
    document: str
    ident: str
    message: str
    old: list[str]
    new: list[str]
    first_seen: datetime | None


class KeyDiff(TypedDict):
    """`sso diff CHECK -f json`: what changed between the check's last two runs."""

    check: int
    system: str
    env: str
    kind: str
    pinned: str | None
    before: RunKeys | None
    after: RunKeys | None
    changes: list[DriftDocument]


def _first_seen(db: Db, check_id: int) -> dict[tuple[str, str], datetime]:
    rows = execute(db, select(SSO_SIGHTING.c.document, SSO_SIGHTING.c.ident,
                              func.min(SSO_SIGHTING.c.seen_at))
                   .where(SSO_SIGHTING.c.check_id == check_id)
                   .group_by(SSO_SIGHTING.c.document, SSO_SIGHTING.c.ident))
    return {(document, ident): at for document, ident, at in rows}


def _run_ids(db: Db, check_id: int, *, limit: int | None = None) -> list[int]:
    """The runs that saw anything for the check, newest first."""
    query = (select(SSO_SIGHTING.c.run_id).where(SSO_SIGHTING.c.check_id == check_id)
             .group_by(SSO_SIGHTING.c.run_id).order_by(SSO_SIGHTING.c.run_id.desc()))
    if limit is not None:
        query = query.limit(limit)
    return list(execute(db, query).scalars())


def _rows(db: Db, check_id: int, run_id: int) -> list[Any]:
    return list(execute(db, select(SSO_SIGHTING).where(
        SSO_SIGHTING.c.check_id == check_id, SSO_SIGHTING.c.run_id == run_id)
        .order_by(SSO_SIGHTING.c.document, SSO_SIGHTING.c.ident)))


def _day(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d}" if moment is not None else "now"



def _listed(idents: Sequence[str], first: dict[str, datetime | None]) -> str:
    listed = (f"{short_ident(i)} (first seen {_day(first.get(i))})" for i in idents)
    return ", ".join(listed) or "none"


def drift_issue(drift: Drift, first: dict[str, datetime | None]) -> Issue:
    """The S040 finding: the change, the old and new keys, when each was first seen."""
    severity = Severity.ERROR if drift.severity == "error" else Severity.WARNING
    return Issue(S040.code, f"{drift.message}; before: {_listed(drift.old, first)}; now: "
                            f"{_listed(drift.new, first)}", severity)


def _drift(db: Db, result: ProbeResult) -> tuple[list[Drift], dict[str, datetime | None]]:
    check_id = result.spec.check_id
    if not result.seen:
        return [], {}
    previous_runs = _run_ids(db, check_id, limit=1)
    if not previous_runs:
        return [], {}
    first = _first_seen(db, check_id)
    documents = {seen.document for seen in result.seen}
    before = [Sighting(row.document, row.ident, first[(row.document, row.ident)], row.subject)
              for row in _rows(db, check_id, previous_runs[0]) if row.document in documents]
    after = [Sighting(seen.document, seen.ident,
                      first.get((seen.document, seen.ident), result.checked_at), seen.subject)
             for seen in result.seen]
    when: dict[str, datetime | None] = {s.ident: s.first_seen for s in (*before, *after)}
    return compare(before, after, pinned=result.spec.pin_sha256), when


def drift_issues(db: Db, result: ProbeResult) -> list[Issue]:
    changes, when = _drift(db, result)
    return [drift_issue(change, when) for change in changes]


def record(db: Db, run_id: int, results: Sequence[ProbeResult]) -> None:
    rows = [{"run_id": run_id, "check_id": result.spec.check_id, "document": seen.document,
             "ident": seen.ident[:200], "subject": (seen.subject or None) and seen.subject[:500],
             "issuer": (seen.issuer or None) and seen.issuer[:500], "not_after": seen.not_after,
             "seen_at": result.checked_at}
            for result in results for seen in _unique(result.seen)]
    if rows:
        execute(db, insert(SSO_SIGHTING), rows)


def _unique(seen: Sequence[Seen]) -> list[Seen]:
    return list({(s.document, s.ident): s for s in seen}.values())


# --- looking back ---------------------------------------------------------------------------

def _check(db: Db, check_id: int) -> Any:
    row = execute(db, select(SSO_CHECK.c.id, SSO_CHECK.c.environment, SSO_CHECK.c.kind,
                             SYSTEM.c.key, SSO_PIN.c.sha256)
                  .join(SYSTEM, SYSTEM.c.id == SSO_CHECK.c.system_id)
                  .outerjoin(SSO_PIN, SSO_PIN.c.check_id == SSO_CHECK.c.id)
                  .where(SSO_CHECK.c.id == check_id)).first()
    if row is None:
        raise NotFound(f"no SSO check {check_id}; `migctl sso list` shows the IDs")
    return row


def _run_keys(db: Db, check_id: int, run_id: int, first: dict[tuple[str, str], datetime]
              ) -> RunKeys:
    rows = _rows(db, check_id, run_id)
    at = execute(db, select(SSO_RUN.c.started_at).where(SSO_RUN.c.id == run_id)).scalar_one()
    return {"run_id": run_id, "at": min((r.seen_at for r in rows), default=at),
            "keys": [{"document": r.document, "ident": r.ident, "subject": r.subject,
                      "not_after": r.not_after, "first_seen": first[(r.document, r.ident)]}
                     for r in rows]}


def key_history(db: Db, check_id: int, *, last: int = 10) -> KeyHistory:
    """The keys the check saw, run by run, newest first."""
    check = _check(db, check_id)
    first = _first_seen(db, check_id)
    return {"check": check.id, "system": check.key, "env": check.environment,
            "kind": check.kind, "pinned": check.sha256,
            "runs": [_run_keys(db, check_id, run_id, first)
                     for run_id in _run_ids(db, check_id, limit=last)]}


def key_diff(db: Db, check_id: int) -> KeyDiff:
    """What changed between the check's last two runs that saw anything."""
    check = _check(db, check_id)
    first = _first_seen(db, check_id)
    runs = [_run_keys(db, check_id, run_id, first)
            for run_id in _run_ids(db, check_id, limit=2)]
    after = runs[0] if runs else None
    before = runs[1] if len(runs) > 1 else None
    changes: list[DriftDocument] = []
    if before is not None and after is not None:
        def sightings(keys: RunKeys) -> list[Sighting]:
            return [Sighting(k["document"], k["ident"], k["first_seen"], k["subject"])
                    for k in keys["keys"]]
        changes = [{"severity": d.severity, "change": d.change, "document": d.document,
                    "ident": d.ident, "message": d.message, "old": list(d.old),
                    "new": list(d.new), "first_seen": d.first_seen}
                   for d in compare(sightings(before), sightings(after), pinned=check.sha256)]
    return {"check": check.id, "system": check.key, "env": check.environment,
            "kind": check.kind, "pinned": check.sha256, "before": before, "after": after,
            "changes": changes}
