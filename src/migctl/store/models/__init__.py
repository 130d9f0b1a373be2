"""Every table of the store, one module per area.

Alembic migrations are the schema authority; these classes must agree with them, which
``tests/test_store.py`` proves by running autogenerate against a migrated store.

Importing one area (``migctl.store.models.mapping``) registers that area's tables and those its
foreign keys point at; :func:`register_all` registers every table (Alembic, the bundle, the
table generator). The names below load their area on first use (PEP 562): building an area's
SQLModel classes costs pydantic work at import, and a translate run should pay for the mapping
area only, not for all nine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migctl.store.models.core import AuditEvent, Setting, System, SystemReplacement
    from migctl.store.models.gates import GateCriterion
    from migctl.store.models.hypercare import Incident, KpiDefinition, KpiValue
    from migctl.store.models.identity import IdentityRun
    from migctl.store.models.register import RegisterAction
    from migctl.store.models.runbook import (
        CutoverRun,
        GateDecision,
        Task,
        TaskDependency,
        TaskRunState,
    )
    from migctl.store.models.sso import SsoCheck, SsoResult, SsoRun

#: Every area module, in the order their tables are registered.
AREAS = ("core", "mapping", "recon", "gates", "hypercare", "identity", "register", "runbook",
         "sso")

#: The names this package re-exports → the area that defines them.
_HOMES = {
    "AuditEvent": "core", "Setting": "core", "System": "core", "SystemReplacement": "core",
    "GateCriterion": "gates", "Incident": "hypercare", "KpiDefinition": "hypercare",
    "KpiValue": "hypercare", "IdentityRun": "identity", "RegisterAction": "register",
    "CutoverRun": "runbook", "GateDecision": "runbook",
    "Task": "runbook", "TaskDependency": "runbook", "TaskRunState": "runbook",
    "SsoCheck": "sso", "SsoResult": "sso", "SsoRun": "sso",
}

__all__ = [
    "AuditEvent", "CutoverRun", "GateCriterion", "GateDecision", "IdentityRun", "Incident",
    "KpiDefinition", "KpiValue", "RegisterAction", "Setting", "SsoCheck", "SsoResult", "SsoRun",
    "System", "SystemReplacement", "Task", "TaskDependency", "TaskRunState", "register_all",
]


def register_all() -> None:
    """Register every table on ``SQLModel.metadata`` (what Alembic and the bundle compare)."""
    for area in AREAS:
        importlib.import_module(f"{__name__}.{area}")


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
