"""The engine factory and the one-transaction session scope.

This is the only module that knows SQLite is special: WAL, foreign keys, a busy timeout and
explicit ``BEGIN IMMEDIATE`` for writers, so concurrent processes queue instead of failing with
"database is locked" halfway through a transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event

from migctl.config import sqlite_path

if TYPE_CHECKING:  # SQLModel (and pydantic) load with the first session, not with the engine
    from sqlmodel import Session

SQLITE_BUSY_TIMEOUT_MS = 30_000

_engines: dict[str, Engine] = {}


def make_engine(url: str) -> Engine:
    """One engine per URL per process."""
    engine = _engines.get(url)
    if engine is None:
        engine = _create(url)
        _engines[url] = engine
    return engine


def dispose_all() -> None:
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


#: Key of the PostgreSQL advisory lock every writing transaction takes (b"migctl" as a number).
WRITE_LOCK_KEY = 0x6D6967_63746C
#: How long a writer waits for another writer before giving up with a clear message.
WRITE_LOCK_TIMEOUT_S = SQLITE_BUSY_TIMEOUT_MS // 1000


def _create(url: str) -> Engine:
    if not url.startswith("sqlite"):
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "postgresql":
            _serialise_postgres_writers(engine)
        return engine

    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("migctl_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _serialise_postgres_writers(engine: Engine) -> None:
    """Writers queue on one transaction-scoped advisory lock, as SQLite writers do at BEGIN
    IMMEDIATE: a command's read-then-write (next version number, "is this task still todo?")
    cannot interleave with another writer's, so nothing is lost or duplicated. Readers never
    wait. The lock is released by COMMIT or ROLLBACK, also when a process dies.
    """

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("migctl_write", False):
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_LOCK_TIMEOUT_S}s'")
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """A session that is one transaction: committed on success, rolled back on any error.

    ``write=True`` takes SQLite's write lock at the start, so two writers serialise at BEGIN
    (waiting up to the busy timeout) instead of deadlocking on lock upgrade mid-transaction.
    """
    from sqlmodel import Session

    bind = engine.execution_options(migctl_write=True) if write else engine
    session = Session(bind=bind, expire_on_commit=False, autoflush=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
