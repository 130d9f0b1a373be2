"""The programme register: actions, risks, risk reviews and decisions the steering group owns.

Links to systems, tasks, incidents and risks are kept as comma-separated keys (as
``system.environments`` is): the register names what it is about as people wrote it, and a
removed system does not take an action's history with it. The writers check the keys exist.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Field, SQLModel

from migctl.store.models.core import owned_by, refers_to, utcnow
from migctl.store.types import UTCDateTime


class RegisterAction(SQLModel, table=True):
    """One measure of the action programme: who does what by when."""

    __tablename__ = "register_action"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=32, unique=True, index=True)
    title: str = Field(max_length=500)
    category: str = Field(max_length=64)
    owner: str = Field(default="", max_length=200)
    due: date | None = Field(default=None)
    status: str = Field(default="open", max_length=16, index=True)
    systems: str = Field(default="", max_length=500)  # comma-separated system keys
    tasks: str = Field(default="", max_length=500)  # comma-separated task keys
    incidents: str = Field(default="", max_length=500)  # comma-separated incident keys
    risks: str = Field(default="", max_length=500)  # comma-separated risk keys
    notes: str = Field(default="")
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RegisterRisk(SQLModel, table=True):
    """A risk on the steering group's list: likelihood × impact, each 1–5."""

    __tablename__ = "register_risk"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=32, unique=True, index=True)
    title: str = Field(max_length=500)
    owner: str = Field(default="", max_length=200)
    likelihood: int = Field(default=3)
    impact: int = Field(default=3)
    status: str = Field(default="open", max_length=16, index=True)  # open | closed
    mitigation_id: int | None = refers_to("register_action.id")
    systems: str = Field(default="", max_length=500)  # comma-separated system keys
    notes: str = Field(default="")
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RegisterRiskReview(SQLModel, table=True):
    """One review of a risk: who looked at it, when, and the score it stood at."""

    __tablename__ = "register_risk_review"

    id: int | None = Field(default=None, primary_key=True)
    risk_id: int = owned_by("register_risk.id", index=True)
    reviewed_by: str = Field(max_length=200)
    reviewed_at: datetime = Field(sa_type=UTCDateTime)
    likelihood: int
    impact: int
    note: str = Field(default="")


class RegisterDecision(SQLModel, table=True):
    """What was decided, by whom, when and why, and what it affects."""

    __tablename__ = "register_decision"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=32, unique=True, index=True)
    title: str = Field(max_length=500)
    decided_by: str = Field(max_length=200)
    decided_at: datetime = Field(sa_type=UTCDateTime)
    rationale: str = Field(default="")
    systems: str = Field(default="", max_length=500)  # comma-separated system keys
    tasks: str = Field(default="", max_length=500)  # comma-separated task keys
    gates: str = Field(default="", max_length=500)  # comma-separated gate (task) keys
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
