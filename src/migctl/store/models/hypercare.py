"""Hypercare and steering tables: incidents, KPI definitions and KPI values over time."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from migctl.store.models.core import refers_to, utcnow
from migctl.store.types import UTCDateTime


class Incident(SQLModel, table=True):
    """A hypercare case. ``closed_at`` is set once it is resolved or closed.

    The system link is nullable (programme-wide incidents) and becomes NULL if the system is
    removed, so an incident and its history outlive an inventory clean-up.
    """

    __tablename__ = "incident"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=32, unique=True, index=True)
    system_id: int | None = refers_to("system.id", index=True)
    severity: str = Field(max_length=16)  # critical | high | medium | low
    title: str = Field(max_length=300)
    owner: str = Field(default="", max_length=200)
    status: str = Field(default="open", max_length=16, index=True)
    opened_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolution: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    #: The provider's own reference for the case (its ticket number); unique when given.
    reference: str | None = Field(default=None, max_length=64, unique=True, index=True)
    #: The provider's first response (SLA: response time = responded_at − opened_at).
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class KpiDefinition(SQLModel, table=True):
    """A custom KPI, or (``builtin``) the stored target/description of a computed one."""

    __tablename__ = "kpi_definition"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True, index=True)
    unit: str = Field(default="", max_length=16)
    target: Decimal | None = Field(default=None, max_digits=18, decimal_places=4)
    direction: str = Field(default="up", max_length=8)  # up = higher is better | down
    builtin: bool = Field(default=False)
    description: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class KpiValue(SQLModel, table=True):
    """One value of a metric at one time: a snapshot of a built-in or a recorded custom value."""

    __tablename__ = "kpi_value"
    # The unique constraint doubles as the (metric, at) index that trends and "latest" read.
    __table_args__ = (UniqueConstraint("metric", "at", name="uq_kpi_value_metric_at"),)

    id: int | None = Field(default=None, primary_key=True)
    metric: str = Field(max_length=64)
    value: Decimal = Field(max_digits=18, decimal_places=4)
    at: datetime = Field(sa_type=UTCDateTime)
    source: str = Field(default="record", max_length=16)  # snapshot | record
