"""Gate criteria: what must be true before a go/no-go gate may pass, one row per criterion.

The spec is kept as canonical text (``mapping-valid:tilimappaus``); it is parsed again whenever
it is evaluated, so the evidence always comes from the store as it is at that moment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

import migctl.store.models.runbook  # noqa: F401  (owns task, a foreign key target)
from migctl.store.models.core import owned_by, utcnow
from migctl.store.types import UTCDateTime


class GateCriterion(SQLModel, table=True):
    """One criterion of a gate; ``source_row`` is the runbook file row it was imported from."""

    __tablename__ = "gate_criterion"
    __table_args__ = (UniqueConstraint("task_id", "spec", name="uq_gate_criterion_task_spec"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = owned_by("task.id", index=True)
    spec: str = Field(max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: str = Field(default="", max_length=200)
    source_row: int | None = Field(default=None)
