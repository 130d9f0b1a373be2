"""Hypercare incidents' JSON documents: one incident, its history, and the status rows."""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict


class _IncidentFields(TypedDict):
    system: str | None
    severity: str
    title: str
    owner: str
    status: str
    opened_at: datetime
    closed_at: datetime | None
    reference: str | None  # the provider's ticket number
    responded_at: datetime | None  # the provider's first response


class IncidentRow(_IncidentFields):
    """An incident as the status section reads it (``read.incident_rows``)."""

    key: str


class IncidentSnapshot(_IncidentFields):
    """An incident's fields (without its key), as the audit log records them."""

    resolution: str


class IncidentDocument(IncidentSnapshot):
    """One incident as ``incident list -f json`` prints it."""

    key: str


class HistoryEntry(TypedDict):
    """One audit event of an incident, oldest first in ``incident show``."""

    at: datetime
    actor: str
    action: str
    summary: str


class IncidentDetail(IncidentDocument):
    """``incident show -f json``: the incident and its history from the audit log."""

    history: list[HistoryEntry]
