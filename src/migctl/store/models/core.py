"""Programme-wide tables: systems and their replacements, settings, the audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from migctl.store.types import UTCDateTime
from migctl.store.types import utcnow as utcnow  # the models import it from here


def owned_by(target: str, **column: Any) -> Any:
    """The field of a row that belongs to another (``target``: ``"table.id"``): required, and
    deleted with it; ``column``: further ``Column`` options (``index``, ``unique``)."""
    return Field(sa_column=Column(Integer, ForeignKey(target, ondelete="CASCADE"),
                                  nullable=False, **column))


def refers_to(target: str, **column: Any) -> Any:
    """The field of an optional reference to another row (``"table.id"``), cleared when that
    row is deleted; ``column``: further ``Column`` options."""
    return Field(default=None, sa_column=Column(Integer, ForeignKey(target, ondelete="SET NULL"),
                                                nullable=True, **column))


class System(SQLModel, table=True):
    """A legacy or target system of the programme."""

    __tablename__ = "system"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=200)
    role: str = Field(max_length=16)  # legacy | target
    domain: str = Field(default="", max_length=32)
    vendor: str = Field(default="", max_length=200)
    owner: str = Field(default="", max_length=200)
    status: str = Field(default="planned", max_length=16)
    planned_go_live: date | None = None
    actual_go_live: date | None = None
    retire_date: date | None = None
    environments: str = Field(default="", max_length=200)  # comma-separated, e.g. "admin,education"
    notes: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SystemReplacement(SQLModel, table=True):
    """Legacy → target link; many-to-many both ways."""

    __tablename__ = "system_replacement"

    legacy_id: int = owned_by("system.id", primary_key=True)
    target_id: int = owned_by("system.id", primary_key=True)


class Setting(SQLModel, table=True):
    """Programme-level key/value settings (programme name, time zone, cutover window…)."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(default="")


class AuditEvent(SQLModel, table=True):
    """One change to the store: who, when (UTC), which command, what before and after."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity_type", "entity_key"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    actor: str = Field(max_length=200)
    command: str = Field(max_length=200)
    entity_type: str = Field(max_length=64)
    entity_key: str = Field(default="", max_length=200)
    action: str = Field(max_length=32)  # create | update | delete | import | transition | decide …
    summary: str = Field(default="")
    before: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
