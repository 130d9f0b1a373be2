"""Hypercare incidents: cases with a severity, an owner, a status and opened/closed times.

Every change lands in the audit log (entity ``incident:KEY``), which is the incident's history.
An incident counts as *open* from ``opened_at`` until ``closed_at``; ``closed_at`` is set when
it becomes ``resolved`` or ``closed`` and cleared when it is reopened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Unpack

from sqlmodel import Session, col, select

from migctl.errors import Conflict, InputError, NotFound, OptionError, UsageError
from migctl.importers import Column, ImportSummary, ReadOptions, Row, TableSpec, start_import
from migctl.importers.cells import choice_cell, datetime_cell, required_text
from migctl.services.audit import (
    Actor,
    list_events,
    record,
    record_import,
    record_update,
)
from migctl.services.hypercare.documents import (
    IncidentDetail,
    IncidentDocument,
    IncidentSnapshot,
)
from migctl.services.hypercare.fields import (
    DONE_STATUSES,
    KEY_PREFIX,
    OPEN_STATUSES,
    SEVERITY_ALIASES,
    STATUS_ALIASES,
    normalize_key,
    normalize_reference,
    normalize_severity,
    normalize_status,
    severity_rank,
)
from migctl.services.settings import timezone
from migctl.services.systems.write import get_system
from migctl.store.models import Incident, System


@dataclass
class IncidentFields:
    """Validated input; ``None`` means "not given" (keep on update)."""

    system: str | None = None  # a system key; "" detaches the incident from its system
    severity: str | None = None
    title: str | None = None
    owner: str | None = None
    status: str | None = None
    opened_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    reference: str | None = None  # the provider's ticket number
    responded_at: datetime | None = None  # the provider's first response


def incident_document(incident: Incident, system_key: str | None) -> IncidentDocument:
    """The stable JSON shape of one incident."""
    return {
        "key": incident.key,
        **_snapshot(incident, system_key),
    }


def _snapshot(incident: Incident, system_key: str | None) -> IncidentSnapshot:
    return {
        "system": system_key,
        "severity": incident.severity,
        "title": incident.title,
        "owner": incident.owner,
        "status": incident.status,
        "opened_at": incident.opened_at,
        "closed_at": incident.closed_at,
        "resolution": incident.resolution,
        "reference": incident.reference,
        "responded_at": incident.responded_at,
    }


def get_incident(session: Session, key: str) -> Incident:
    incident = session.exec(select(Incident).where(Incident.key == key.strip().upper())).first()
    if incident is None:
        raise NotFound(f"no incident {key!r}; `migctl incident list` shows the keys")
    return incident


def _system_key(session: Session, system_id: int | None) -> str | None:
    if system_id is None:
        return None
    system = session.get(System, system_id)
    return system.key if system else None


def _resolve_system(session: Session, key: str | None) -> int | None:
    if not key:
        return None
    return get_system(session, key).id


def next_key(session: Session) -> str:
    """INC-001, INC-002, …: one more than the highest INC-number in the store."""
    keys = session.exec(select(Incident.key).where(col(Incident.key).startswith(KEY_PREFIX)))
    highest = 0
    for key in keys:
        suffix = key[len(KEY_PREFIX):]
        if suffix.isdigit():
            highest = max(highest, int(suffix))
    return f"{KEY_PREFIX}{highest + 1:03d}"


def _apply_status(incident: Incident, status: str, *, now: datetime) -> None:
    """Set the status and keep ``closed_at`` consistent with it."""
    incident.status = status
    if status in DONE_STATUSES:
        if incident.closed_at is None:
            incident.closed_at = max(now, incident.opened_at)
    else:
        incident.closed_at = None


#: Column widths of the incident table, checked before the database (PostgreSQL) refuses.
TEXT_LIMITS = {"title": 300, "owner": 200}


def _check_texts(incident: Incident) -> None:
    for name, limit in TEXT_LIMITS.items():
        if len(getattr(incident, name)) > limit:
            raise UsageError(f"{incident.key}: {name} is longer than {limit} characters")


def _check_times(incident: Incident, now: datetime) -> None:
    if incident.opened_at > now:
        raise UsageError(f"{incident.key}: opened in the future "
                         f"({incident.opened_at:%Y-%m-%d %H:%M} UTC)")
    if incident.status in OPEN_STATUSES and incident.closed_at is not None:
        raise OptionError(f"{incident.key} is {incident.status}: an open incident has no "
                          "closing time (close it, or set {option} resolved)", field="status")
    if incident.responded_at is not None and incident.responded_at < incident.opened_at:
        raise OptionError(f"{incident.key}: the first response ({{option}}) is before the "
                          "incident was opened", field="responded_at")
    if incident.responded_at is not None and incident.responded_at > now:
        raise OptionError(f"{incident.key}: the first response ({{option}}) is in the future",
                          field="responded_at")
    if incident.closed_at is not None and incident.closed_at < incident.opened_at:
        raise UsageError(f"{incident.key}: closed before it was opened "
                         f"({incident.closed_at:%Y-%m-%d %H:%M} < "
                         f"{incident.opened_at:%Y-%m-%d %H:%M} UTC)")


def _check_reference(session: Session, incident: Incident) -> None:
    """A provider reference names one incident."""
    if incident.reference is None:
        return
    other = session.exec(select(Incident.key).where(Incident.reference == incident.reference,
                                                    Incident.key != incident.key)).first()
    if other is not None:
        raise Conflict(f"the provider's reference {incident.reference!r} is already on {other}")


def add_incident(
    session: Session,
    actor: Actor,
    *,
    data: IncidentFields,
    now: datetime,
    key: str | None = None,
) -> IncidentDocument:
    """Open a new incident (``key`` defaults to the next INC-nnn)."""
    if key is not None:
        try:
            key = normalize_key(key)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if session.exec(select(Incident.id).where(Incident.key == key)).first() is not None:
            raise Conflict(f"incident {key} already exists; use `migctl incident update {key}`")
    else:
        key = next_key(session)
    if not data.severity:
        raise OptionError("an incident needs a {option} (critical, high, medium or low)",
                          field="severity")
    if not data.title or not data.title.strip():
        raise OptionError("an incident needs a {option}", field="title")
    incident = Incident(
        key=key,
        system_id=_resolve_system(session, data.system),
        severity=data.severity,
        title=data.title.strip(),
        owner=(data.owner or "").strip(),
        opened_at=data.opened_at or now,
        resolution=(data.resolution or "").strip(),
        reference=data.reference or None,
        responded_at=data.responded_at,
    )
    incident.closed_at = data.closed_at
    _apply_status(incident, data.status or ("closed" if data.closed_at else "open"), now=now)
    _check_times(incident, now)
    _check_texts(incident)
    _check_reference(session, incident)
    session.add(incident)
    session.flush()
    system_key = _system_key(session, incident.system_id)
    record(session, actor, entity_type="incident", entity_key=key, action="create",
           summary=f"opened {incident.severity} incident {key}: {incident.title}",
           after=_snapshot(incident, system_key), at=now)
    return incident_document(incident, system_key)


def update_incident(
    session: Session, actor: Actor, *, key: str, data: IncidentFields, now: datetime,
    action: str = "update",
) -> IncidentDocument:
    """Change the fields given; a status change keeps ``closed_at`` in step."""
    return _update(session, actor, key=key, data=data, now=now, action=action)[0]


def _update(
    session: Session, actor: Actor, *, key: str, data: IncidentFields, now: datetime, action: str
) -> tuple[IncidentDocument, bool]:
    """The update, and whether anything changed (an audit event was recorded)."""
    incident = get_incident(session, key)
    before = _snapshot(incident, _system_key(session, incident.system_id))
    if data.system is not None:
        incident.system_id = _resolve_system(session, data.system)
    for name in ("severity", "owner", "resolution"):
        value = getattr(data, name)
        if value is not None:
            setattr(incident, name, value.strip())
    if data.title is not None:
        if not data.title.strip():
            raise OptionError("{option} must not be empty", field="title")
        incident.title = data.title.strip()
    if data.opened_at is not None:
        incident.opened_at = data.opened_at
    if data.closed_at is not None:
        incident.closed_at = data.closed_at
    if data.reference is not None:
        incident.reference = data.reference or None
    if data.responded_at is not None:
        incident.responded_at = data.responded_at
    if data.status is not None and data.status != incident.status:
        _apply_status(incident, data.status, now=now)
    _check_times(incident, now)
    _check_texts(incident)
    _check_reference(session, incident)
    system_key = _system_key(session, incident.system_id)
    changed = record_update(session, actor, entity_type="incident", entity_key=incident.key,
                            before=before, after=_snapshot(incident, system_key),
                            action=action, at=now)
    if changed:
        incident.updated_at = now
        session.add(incident)
    return incident_document(incident, system_key), changed


def close_incident(
    session: Session, actor: Actor, *, key: str, now: datetime, resolution: str | None = None,
    at: datetime | None = None,
) -> IncidentDocument:
    """Close an incident (``at`` backdates the closing time)."""
    incident = get_incident(session, key)
    if incident.status == "closed":
        raise Conflict(f"incident {incident.key} is already closed "
                       f"(reopen it with `migctl incident update {incident.key} --status open`)")
    data = IncidentFields(status="closed", resolution=resolution)
    if at is not None:
        data.closed_at = at
    elif incident.status == "resolved" and incident.closed_at is not None:
        data.closed_at = incident.closed_at
    else:
        data.closed_at = max(now, incident.opened_at)
    return update_incident(session, actor, key=key, data=data, now=now, action="close")


def list_incidents(
    session: Session,
    *,
    status: str | None = None,
    severity: str | None = None,
    system: str | None = None,
    open_only: bool = False,
) -> list[IncidentDocument]:
    """Open ones first, then by severity and opening time."""
    query = select(Incident, System.key).join(System, isouter=True)
    try:
        if status:
            query = query.where(Incident.status == normalize_status(status))
        if severity:
            query = query.where(Incident.severity == normalize_severity(severity))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if system:
        query = query.where(Incident.system_id == get_system(session, system).id)
    if open_only:
        query = query.where(col(Incident.status).in_(OPEN_STATUSES))
    rows = [incident_document(incident, key) for incident, key in session.exec(query)]
    rows.sort(key=lambda r: (r["status"] not in OPEN_STATUSES, severity_rank(r["severity"]),
                             r["opened_at"], r["key"]))
    return rows


def show_incident(session: Session, key: str) -> IncidentDetail:
    """One incident with its history from the audit log, oldest first."""
    incident = get_incident(session, key)
    events = list_events(session, entity=f"incident:{incident.key}")
    return {
        **incident_document(incident, _system_key(session, incident.system_id)),
        "history": [
            {"at": e["at"], "actor": e["actor"], "action": e["action"], "summary": e["summary"]}
            for e in reversed(events)
        ],
    }


# --- import -------------------------------------------------------------------------------

INCIDENT_TABLE = TableSpec(
    what="incidents",
    columns=(
        Column("key", ("tunnus", "tiketti", "id"), required=False),
        Column("system", ("järjestelmä",), required=False),
        Column("severity", ("vakavuus", "prioriteetti", "priority")),
        Column("title", ("otsikko", "kuvaus", "summary")),
        Column("owner", ("omistaja", "vastuuhenkilö", "käsittelijä"), required=False),
        Column("status", ("tila",), required=False),
        Column("opened", ("opened_at", "avattu", "avattu klo", "ilmoitettu"), required=False),
        Column("closed", ("closed_at", "suljettu", "suljettu klo", "ratkaistu", "resolved",
                          "resolved_at", "ratkaistu klo"), required=False),
        Column("resolution", ("ratkaisu", "korjaus"), required=False),
        # the provider's ticket export: its reference and first response
        Column("reference", ("provider reference", "provider_reference", "ticket",
                             "ticket number", "case number", "toimittajan viite", "viite",
                             "tapausnumero", "palvelupyyntö"), required=False),
        Column("responded", ("responded_at", "first response", "first_response",
                             "first responded", "ensivaste", "ensimmäinen vastaus", "vastattu",
                             "vastattu klo"), required=False),
    ),
)


def _row_fields(row: Row, systems: set[str], tz: tzinfo, now: datetime) -> IncidentFields:
    system = row.get("system").strip().lower()
    if system and system not in systems:
        raise row.error("system", f"unknown system {system!r}")
    opened = datetime_cell(row, "opened", tz)
    closed = datetime_cell(row, "closed", tz)
    status = choice_cell(row, "status", STATUS_ALIASES, default="") or None
    if status in OPEN_STATUSES and closed is not None:
        raise row.error("closed", f"an incident that is {status} has no closing time")
    if opened is not None and closed is not None and closed < opened:
        raise row.error("closed", "is before the opening time")
    if opened is not None and opened > now:
        raise row.error("opened", "is in the future")
    responded = datetime_cell(row, "responded", tz)
    if responded is not None and opened is not None and responded < opened:
        raise row.error("responded", "is before the opening time")
    if responded is not None and responded > now:
        raise row.error("responded", "is in the future")
    reference = None
    if row.get("reference"):
        try:
            reference = normalize_reference(row.get("reference"))
        except ValueError as exc:
            raise row.error("reference", str(exc)) from None
    return IncidentFields(
        system=system,
        severity=choice_cell(row, "severity", SEVERITY_ALIASES),
        title=required_text(row, "title"),
        owner=row.get("owner"),
        status=status,
        opened_at=opened,
        closed_at=closed,
        resolution=row.get("resolution"),
        reference=reference,
        responded_at=responded,
    )


def _row_key(row: Row, data: IncidentFields, references: dict[str | None, str],
             seen: dict[str, int]) -> str | None:
    """The row's incident key: its own, else the one the provider's reference already has."""
    key = None
    if row.get("key"):
        try:
            key = normalize_key(row.get("key"))
        except ValueError as exc:
            raise row.error("key", str(exc)) from None
    reference = data.reference
    if reference is None:
        return key
    if reference in seen:
        raise row.error("reference", f"duplicate reference {reference!r} (first on row "
                                     f"{seen[reference]})")
    seen[reference] = row.number
    holder = references.get(reference)
    if key is None:
        return holder
    if holder is not None and holder != key:
        raise row.error("reference", f"the provider's reference {reference!r} is already on "
                                     f"{holder}")
    return key


def _resolved_by_export(session: Session, key: str, data: IncidentFields) -> None:
    """A resolved time for an open incident without a status in the file: it is resolved."""
    if data.status is None and data.closed_at is not None \
            and get_incident(session, key).status in OPEN_STATUSES:
        data.status = "resolved"


def import_incidents(
    session: Session,
    actor: Actor,
    *,
    path: Path,
    now: datetime,
    **read: Unpack[ReadOptions],
) -> ImportSummary:
    """Create or update incidents by key, all or nothing; rows without a key get the next one."""
    table, summary = start_import(path, INCIDENT_TABLE, **read)
    tz = timezone(session)
    systems = set(session.exec(select(System.key)))
    parsed: list[tuple[Row, str | None, IncidentFields]] = []
    seen: dict[str, int] = {}
    references: dict[str | None, str] = dict(session.exec(
        select(Incident.reference, Incident.key).where(col(Incident.reference).is_not(None))
    ).all())
    seen_references: dict[str, int] = {}
    for row in table.rows:
        summary.rows += 1
        data = _row_fields(row, systems, tz, now)
        key = _row_key(row, data, references, seen_references)
        if key is not None:
            if key in seen:
                raise row.error("key", f"duplicate key {key} (first on row {seen[key]})")
            seen[key] = row.number
        parsed.append((row, key, data))
    if not parsed:
        raise InputError("no incidents in the file (only a header)", file=table.file)

    existing = set(session.exec(select(Incident.key)))
    for row, key, data in parsed:
        try:
            if key is not None and key in existing:
                _resolved_by_export(session, key, data)
                _, changed = _update(session, actor, key=key, data=data, now=now,
                                     action="import")
                (summary.updated if changed else summary.unchanged).append(key)
                continue
            document = add_incident(session, actor, data=data, now=now, key=key)
        except (UsageError, Conflict, NotFound) as exc:
            raise row.error(None, str(exc)) from None
        summary.created.append(document["key"])
    record_import(session, actor, file=table.file, summary=summary.counted("incidents"), at=now)
    return summary

