"""Every table of the store, one module per area. Importing this package registers them all.

Alembic migrations are the schema authority; these classes must agree with them, which
``tests/test_store_schema.py`` proves by running autogenerate against a migrated store.
"""

from migctl.store.models import mapping  # noqa: F401  (registers the mapping tables)
from migctl.store.models.core import AuditEvent, Setting, System, SystemReplacement

__all__ = ["AuditEvent", "Setting", "System", "SystemReplacement"]
