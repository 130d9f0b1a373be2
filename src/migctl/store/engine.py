"""The engine factory and the one-transaction session scope.

This is the only module that knows SQLite is special: WAL, foreign keys, a busy timeout and
explicit ``BEGIN IMMEDIATE`` for writers, so concurrent processes queue instead of failing with
"database is locked" halfway through a transaction.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event

from migctl.config import sqlite_path
from migctl.errors import StoreNotReady

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


SQLITE_HEADER = b"SQLite format 3\x00"


def writable(path: Path) -> bool:
    """Whether this process may change the SQLite file (and create its journal beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def is_read_only(engine: Engine) -> bool:
    return bool(engine.get_execution_options().get("migctl_read_only", False))


def check_store_file(path: Path, *, label: str, create: bool) -> None:
    """Refuse a store path that is not a usable SQLite file before SQLite touches it.

    Only the commands that create stores (``init``, ``demo``, ``db import``) pass ``create``:
    for every other command a mistyped ``--db`` must not leave an empty store (or folders)
    behind.
    """
    if path.is_dir():
        raise StoreNotReady(f"{label} is a directory, not a migctl store")
    if not path.exists():
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
            return
        raise StoreNotReady(f"no migctl store at {label}; run `migctl init` (or `migctl demo`) "
                            "to create it")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header and header != SQLITE_HEADER:
        shown = header.decode("ascii", "replace").strip()[:12] or repr(header[:8])
        raise StoreNotReady(f"{label} is not a migctl store: it is not an SQLite database "
                            f"(it starts with {shown!r})")


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
    read_only = path is not None and path.exists() and not writable(path)
    if read_only and path is not None:
        # Another user's folder or a read-only mount: read it as it is, never write. In a
        # folder nobody here can write, nobody here is writing either: immutable skips locks.
        mode = "immutable=1" if not os.access(path.parent, os.W_OK) else "mode=ro"
        uri = f"file:{quote(str(path.resolve()))}?{mode}"
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
            uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000, check_same_thread=False))
        engine = engine.execution_options(migctl_read_only=True)
    else:
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
        if path is not None and not read_only:
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
