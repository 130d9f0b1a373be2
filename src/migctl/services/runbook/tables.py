"""The runbook's tables for writing: the Core tables behind the SQLModel classes.

Reads go through the lighter :mod:`migctl.services.runbook.read`; every insert, update and
delete uses these, so column defaults and types come from the models.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from migctl.store.models import (
    AuditEvent,
    CutoverRun,
    GateDecision,
    System,
    Task,
    TaskDependency,
    TaskRunState,
)


def table(model: Any) -> Table:
    """The Core table behind a SQLModel class."""
    result: Table = model.__table__
    return result


TASK = table(Task)
DEPENDENCY = table(TaskDependency)
RUN = table(CutoverRun)
STATE = table(TaskRunState)
DECISION = table(GateDecision)
SYSTEM = table(System)
AUDIT = table(AuditEvent)
