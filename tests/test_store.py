"""The store: migrations are the schema authority and agree with the models."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from migctl.store import migrate
from migctl.store.engine import make_engine
from tests.conftest import Cli


def test_models_and_migrations_agree(store: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    from migctl.store.models import register_all

    register_all()

    engine = make_engine(store)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_head_constant_matches_the_scripts() -> None:
    assert migrate.script_head() == migrate.HEAD
    assert migrate.script_revisions()[-1] == migrate.HEAD


def test_every_revision_downgrades_and_upgrades_again(store: str) -> None:
    engine = make_engine(store)
    revisions = migrate.script_revisions()
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    for revision in revisions:
        migrate.upgrade(engine, revision)
        assert migrate.current_revision(engine) == revision


def test_missing_store_says_to_run_init(bare_cli: Cli) -> None:
    result = bare_cli("system", "list", code=2)
    assert "run `migctl init`" in result.stderr
    assert result.stderr.count("\n") == 1
    bare_cli("init")
    assert bare_cli.json("system", "list") == []
    assert "up to date" in bare_cli("init").stdout
    assert bare_cli.json("db", "current")["up_to_date"] is True


def test_store_behind_head_says_to_upgrade(cli: Cli) -> None:
    engine = make_engine(cli.db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0007_cost_objects'"))
    result = cli("system", "list", code=2)
    assert "is at schema 0007_cost_objects" in result.stderr
    assert "run `migctl db upgrade`" in result.stderr
    assert cli.json("db", "current")["up_to_date"] is False


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(store: str) -> None:
    engine = make_engine(store)
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_bare_path_and_env_resolve_to_sqlite(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from migctl.config import database_url

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MIGCTL_DB", raising=False)
    assert database_url() == f"sqlite:///{tmp_path / 'migctl.db'}"
    monkeypatch.setenv("MIGCTL_DB", "other.db")
    assert database_url() == f"sqlite:///{tmp_path / 'other.db'}"
    assert database_url("x.db") == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_failed_transaction_leaves_nothing_behind(store: str) -> None:
    from sqlmodel import select

    from migctl.store.engine import session_scope
    from migctl.store.models import System

    engine = make_engine(store)
    with pytest.raises(RuntimeError), session_scope(engine, write=True) as session:
        session.add(System(key="x", name="X", role="legacy"))
        session.flush()
        raise RuntimeError("boom")
    with session_scope(engine) as session:
        assert session.exec(select(System)).all() == []
