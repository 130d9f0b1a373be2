"""Every table of the store, one module per area. Importing this package registers them all.

Alembic migrations are the schema authority; these classes must agree with them, which
``tests/test_store.py`` proves by running autogenerate against a migrated store.
"""

import migctl.store.models.recon  # noqa: F401  (registers the recon tables)
from migctl.store.models import mapping  # noqa: F401  (registers the mapping tables)
from migctl.store.models.core import AuditEvent, Setting, System, SystemReplacement
from migctl.store.models.gates import GateCriterion
from migctl.store.models.hypercare import Incident, KpiDefinition, KpiValue
from migctl.store.models.identity import IdentityRun  # noqa: F401  (registers the identity table)
from migctl.store.models.register import RegisterAction  # noqa: F401  (registers the register tables)
from migctl.store.models.runbook import (
    CutoverRun,
    GateDecision,
    Task,
    TaskDependency,
    TaskRunState,
)
from migctl.store.models.sso import SsoCheck, SsoResult, SsoRun

__all__ = [
    "AuditEvent", "CutoverRun", "GateCriterion", "GateDecision", "Incident", "KpiDefinition",
    "KpiValue", "Setting", "SsoCheck", "SsoResult", "SsoRun", "System", "SystemReplacement", "Task",
    "TaskDependency", "TaskRunState",
]
