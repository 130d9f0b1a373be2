"""The cutover runbook: tasks and their dependencies, cutover runs with their own actuals, gates.

A task's definition (duration, dependencies, fixed start) is shared by every run; what happened
to it (status, actual start/end) is kept per run in :class:`TaskRunState`, so each rehearsal
and the production run keep their own actuals. Rows that change under concurrent commands carry
a ``version`` that every update checks (``UPDATE … WHERE version = :expected``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from migctl.store.models.core import owned_by, refers_to
from migctl.store.types import UTCDateTime, utcnow

__all__ = ["CutoverRun", "GateDecision", "Task", "TaskDependency", "TaskRunState"]


class Task(SQLModel, table=True):
    """One step of the runbook: a task, a milestone (no duration) or a go/no-go gate."""

    __tablename__ = "task"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True, index=True)
    title: str = Field(max_length=500)
    workstream: str = Field(default="", max_length=100)
    system_id: int | None = refers_to("system.id")
    owner: str = Field(default="", max_length=200)
    kind: str = Field(default="task", max_length=16)  # task | milestone | gate
    duration_minutes: int = Field(default=0)
    planned_start: datetime | None = Field(default=None, sa_type=UTCDateTime)
    rollback_note: str = Field(default="")
    criteria: str | None = Field(default=None)  # gate criteria as written; read by a later issue
    source_file: str | None = Field(default=None, max_length=300)
    source_row: int | None = Field(default=None)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    #: the file as given at import, relative to the working directory when under it (what a
    #: GitHub annotation names); NULL when imported before 0015
    source_path: str | None = Field(default=None, max_length=1000)


class TaskDependency(SQLModel, table=True):
    """Finish-to-start: ``task`` may start once ``depends_on`` is done (or skipped)."""

    __tablename__ = "task_dependency"
    __table_args__ = (Index("ix_task_dependency_depends_on", "depends_on_id"),)

    task_id: int = owned_by("task.id", primary_key=True)
    depends_on_id: int = owned_by("task.id", primary_key=True)


class CutoverRun(SQLModel, table=True):
    """One pass through the runbook: a rehearsal or the production cutover."""

    __tablename__ = "cutover_run"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True, index=True)
    kind: str = Field(default="rehearsal", max_length=16)  # rehearsal | production
    status: str = Field(default="active", max_length=16)  # active | finished
    started_at: datetime = Field(sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class TaskRunState(SQLModel, table=True):
    """What happened to one task in one run: status and actual times."""

    __tablename__ = "task_run_state"
    __table_args__ = (UniqueConstraint("run_id", "task_id", name="uq_task_run_state_run_task"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = owned_by("cutover_run.id")
    task_id: int = owned_by("task.id", index=True)
    status: str = Field(default="todo", max_length=16)
    actual_start: datetime | None = Field(default=None, sa_type=UTCDateTime)
    actual_end: datetime | None = Field(default=None, sa_type=UTCDateTime)
    block_reason: str | None = Field(default=None)
    blocked_by_id: int | None = refers_to("task.id")  # the gate whose no-go blocked this task
    note: str | None = Field(default=None)  # why it failed or was skipped
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class GateDecision(SQLModel, table=True):
    """A go/no-go decision on a gate in one run; the latest decision counts."""

    __tablename__ = "gate_decision"
    __table_args__ = (Index("ix_gate_decision_run_task", "run_id", "task_id"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = owned_by("cutover_run.id")
    task_id: int = owned_by("task.id")
    decision: str = Field(max_length=8)  # go | no-go
    decided_by: str = Field(max_length=200)
    note: str = Field(default="")
    decided_at: datetime = Field(sa_type=UTCDateTime)
    # Filled by the gate-criteria issue: a go despite failing criteria, why, and what was seen.
    override: bool | None = Field(default=None)
    reason: str | None = Field(default=None)
    evidence: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
