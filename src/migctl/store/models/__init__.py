"""Every table of the store, one module per area. Importing this package registers them all.

Alembic migrations are the schema authority; these classes must agree with them, which
``tests/test_store_schema.py`` proves by running autogenerate against a migrated store.
"""

from migctl.store.models.core import AuditEvent, Setting, System, SystemReplacement
from migctl.store.models.runbook import *  # noqa: F403  (cutover runbook tables)

__all__ = ["AuditEvent", "Setting", "System", "SystemReplacement"]
