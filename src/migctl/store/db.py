"""Core statements over either kind of handle: an ORM Session or a plain Connection.

Read paths take a ``Db``: commands that write pass their Session (the statement runs in its
transaction and sees what it flushed), ``migctl status`` passes a Core Connection and so never
imports SQLModel or the ORM. Nothing here imports them either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Connection, CursorResult, Executable, Table

if TYPE_CHECKING:
    from sqlmodel import Session

    Db = Session | Connection


def connection_of(db: Db) -> Connection:
    """The connection behind ``db`` (a Session's, inside its transaction)."""
    return db if isinstance(db, Connection) else db.connection()


def execute(db: Db, statement: Executable, params: Any = None
            ) -> CursorResult[*tuple[Any, ...]]:
    """Run a Core statement in the session's transaction, or on the connection."""
    return connection_of(db).execute(statement, params)


def columns_except(table: Table, *names: str) -> list[Column[Any]]:
    """Every column of ``table`` but ``names`` (large JSON documents a read does not show)."""
    return [column for column in table.c if column.name not in names]
