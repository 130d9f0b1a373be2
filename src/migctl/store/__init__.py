"""Persistence: SQLModel tables, the engine factory and the Alembic bridge. No domain rules."""
