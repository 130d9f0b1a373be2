"""Benchmark stores on either engine: SQLite files, or databases on a PostgreSQL server.

The runner sets the engine per pass (``MIGCTL_BENCH_ENGINE``: ``sqlite`` or ``postgresql``;
PostgreSQL needs ``MIGCTL_BENCH_PG``, a server URL). Cases name stores ("empty", "planned")
and get back what `migctl --db` takes. Stores are built once (into a scratch store that is
published under its name only when complete) and copied for runs that need a fresh one
(SQLite: a file copy; PostgreSQL: ``CREATE DATABASE … TEMPLATE``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

ENGINES = ("sqlite", "postgresql")


def engine() -> str:
    name = os.environ.get("MIGCTL_BENCH_ENGINE", "sqlite")
    if name not in ENGINES:
        raise ValueError(f"MIGCTL_BENCH_ENGINE must be one of {ENGINES}, not {name!r}")
    return name


def _pg_base() -> str:
    url = os.environ.get("MIGCTL_BENCH_PG")
    if not url:
        raise RuntimeError("set MIGCTL_BENCH_PG to a PostgreSQL server URL "
                           "(benchmarks/run-both starts a throwaway one)")
    return url


def _pg_name(workdir: Path, name: str) -> str:
    return f"bench_{workdir.name}_{name}".replace("-", "_").lower()[:63]


def store(workdir: Path, name: str) -> str:
    """The `--db` value of store ``name`` for the engine of this pass."""
    if engine() == "sqlite":
        return str(workdir / f"{name}.db")
    from sqlalchemy.engine import make_url

    return make_url(_pg_base()).set(database=_pg_name(workdir, name)).render_as_string(
        hide_password=False)


def _admin(sql: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(_pg_base(), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(sql))
    finally:
        admin.dispose()


def _pg_exists(database: str) -> bool:
    from sqlalchemy import create_engine, text

    admin = create_engine(_pg_base())
    try:
        with admin.connect() as connection:
            return bool(connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                           {"n": database}).scalar())
    finally:
        admin.dispose()


def exists(workdir: Path, name: str) -> bool:
    if engine() == "sqlite":
        return (workdir / f"{name}.db").exists()
    return _pg_exists(_pg_name(workdir, name))


def drop(workdir: Path, name: str) -> None:
    if engine() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{workdir / name}.db{suffix}").unlink(missing_ok=True)
        return
    _admin(f'DROP DATABASE IF EXISTS "{_pg_name(workdir, name)}" WITH (FORCE)')


def build(workdir: Path, name: str, make: Callable[[str], None], *, stamp: str = "",
          base: str | None = None) -> str:
    """Store ``name``, built by ``make(db)`` unless it exists (with the same ``stamp``);
    ``make`` starts from an empty database, or from a copy of store ``base``."""
    marker = workdir / f"{name}.{engine()}.stamp"
    if exists(workdir, name) and (not stamp or (marker.exists() and marker.read_text() == stamp)):
        return store(workdir, name)
    scratch = f"{name}_partial"
    drop(workdir, scratch)
    drop(workdir, name)
    if base is not None:
        copy(workdir, base, scratch)
    elif engine() == "postgresql":
        _admin(f'CREATE DATABASE "{_pg_name(workdir, scratch)}"')
    make(store(workdir, scratch))
    if engine() == "sqlite":
        with sqlite3.connect(workdir / f"{scratch}.db") as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (workdir / f"{scratch}.db").replace(workdir / f"{name}.db")
    else:
        _admin(f'ALTER DATABASE "{_pg_name(workdir, scratch)}" RENAME TO '
               f'"{_pg_name(workdir, name)}"')
    marker.write_text(stamp)
    return store(workdir, name)


def copy(workdir: Path, source: str, target: str) -> str:
    """A fresh copy of store ``source`` named ``target`` (for runs that must start clean)."""
    drop(workdir, target)
    if engine() == "sqlite":
        shutil.copyfile(workdir / f"{source}.db", workdir / f"{target}.db")
    else:
        _admin(f'CREATE DATABASE "{_pg_name(workdir, target)}" TEMPLATE '
               f'"{_pg_name(workdir, source)}"')
    return store(workdir, target)


def fresh_copy(source: str, target: str) -> Callable[[Path], None]:
    """A ``before_each`` that gives every run its own fresh copy of ``source``."""

    def reset(workdir: Path) -> None:
        copy(workdir, source, target)

    return reset
