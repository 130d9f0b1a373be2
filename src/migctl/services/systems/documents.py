"""The systems inventory's JSON documents: one system (``system list``/``show``) and its audit
snapshot."""

from __future__ import annotations

from datetime import date
from typing import TypedDict


class _SystemFields(TypedDict):
    name: str
    role: str
    domain: str
    vendor: str
    owner: str
    status: str
    planned_go_live: date | None
    actual_go_live: date | None
    retire_date: date | None
    notes: str


class SystemDocument(_SystemFields):
    """One system as ``system list -f json`` and ``system show -f json`` print it."""

    key: str
    environments: list[str]
    replaces: list[str]
    replaced_by: list[str]


class SystemSnapshot(_SystemFields):
    """A system's own fields as the audit log records them before and after a change."""

    environments: str  # comma-separated, as stored
