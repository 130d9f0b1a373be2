"""Identity-coverage runs (`migctl identity check`): what was found on which day, pseudonymised.

Nothing here holds a raw employee id, login or name: the findings and figures are computed from
keyed pseudonyms (:mod:`migctl.services.pseudonym`) before the run is stored. ``key_check`` is
the pseudonym of a fixed marker under the run's key, so two runs made with different keys (whose
pseudonyms cannot be compared) are told apart without storing anything of the key itself.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from migctl.store.models.core import utcnow
from migctl.store.types import UTCDateTime


class IdentityRun(SQLModel, table=True):
    """One identity check: the day judged, the inputs (paths and sha256), the coverage per
    environment, per system and per system's training, the finding counts by code, and
    ``report`` — the run's JSON document (findings up to the run's limit)."""

    __tablename__ = "identity_run"

    id: int | None = Field(default=None, primary_key=True)
    on_date: date = Field(index=True)
    key_check: str = Field(default="", max_length=32)
    files: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    active: int = 0
    errors: int = 0
    warnings: int = 0
    counts: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    active_by_env: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    coverage: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    systems: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    trained: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    report: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    actor: str = Field(default="", max_length=200)
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
