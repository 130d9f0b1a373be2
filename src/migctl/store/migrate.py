"""Alembic, configured in code, so migrations run the same from a checkout and from a wheel.

The readiness check that every command runs does not import Alembic (it costs a third of a
second): it compares the store's ``alembic_version`` with :data:`HEAD`, which a test keeps equal
to the head of ``migrations/versions``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from migctl.errors import StoreNotReady

if TYPE_CHECKING:
    from alembic.config import Config

#: The newest revision in migrations/versions (tests/test_store_schema.py keeps this honest).
HEAD = "0015_source_paths"
#: The ``setting`` row naming the migctl that last created or upgraded the store (internal:
#: not shown by `settings list`), so an older migctl can say which version the store needs.
WRITTEN_BY = "store.written_by"


def migrations_dir() -> Path:
    """Migrations ship inside the wheel as ``migctl/migrations``; a checkout has them at the top."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "migrations", here.parent.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise StoreNotReady("migctl's migrations are missing from this installation; reinstall migctl")


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    """The store's revision, or None for an empty or missing store."""
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
            return str(row[0]) if row else None
    except (OperationalError, ProgrammingError) as exc:
        raise StoreNotReady(f"cannot open the store at {engine.url!r}: {exc.orig}") from exc


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Bring the store to ``revision``; returns (before, after)."""
    from alembic import command

    before = current_revision(engine)
    refuse_newer(before, db_label=engine.url.render_as_string(hide_password=True),
                 engine=engine)
    command.upgrade(alembic_config(engine), revision)
    if revision == "head":
        record_version(engine)
    return before, current_revision(engine)


def record_version(engine: Engine) -> None:
    """Note this migctl's version in the store (:data:`WRITTEN_BY`), when it differs."""
    from migctl import __version__

    if written_by(engine) == __version__:
        return
    with engine.execution_options(migctl_write=True).begin() as connection:
        connection.execute(text("DELETE FROM setting WHERE key = :key"), {"key": WRITTEN_BY})
        connection.execute(text("INSERT INTO setting (key, value) VALUES (:key, :value)"),
                           {"key": WRITTEN_BY, "value": __version__})


def written_by(engine: Engine) -> str | None:
    """The migctl version that last created or upgraded the store; None when not recorded
    (a store of an older migctl) or not readable."""
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("setting"):
                return None
            row = connection.execute(text("SELECT value FROM setting WHERE key = :key"),
                                     {"key": WRITTEN_BY}).first()
    except (OperationalError, ProgrammingError):
        return None
    return str(row[0]) if row else None


def downgrade(engine: Engine, revision: str) -> tuple[str | None, str | None]:
    from alembic import command

    before = current_revision(engine)
    command.downgrade(alembic_config(engine), revision)
    return before, current_revision(engine)


def script_head() -> str | None:
    """The head according to the migration scripts themselves (imports Alembic)."""
    from alembic.script import ScriptDirectory

    config = _script_config()
    return ScriptDirectory.from_config(config).get_current_head()


def script_revisions() -> list[str]:
    """All revisions, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_script_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def _script_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def known_revisions() -> set[str]:
    """The revisions this migctl ships (the migration files' names: no Alembic import)."""
    return {p.stem for p in (migrations_dir() / "versions").glob("[0-9]*.py")}


def refuse_newer(revision: str | None, *, db_label: str, engine: Engine | None = None) -> None:
    """A store written by a newer migctl is not "behind": say which version is needed (the
    one ``engine``'s store recorded, :data:`WRITTEN_BY`, when it did)."""
    if revision is None or revision in known_revisions():
        return
    from migctl import __version__

    version = written_by(engine) if engine is not None else None
    if version is not None and version != __version__:  # equal: a stale note, name no version
        raise StoreNotReady(
            f"the store at {db_label} was written by migctl {version} (schema {revision}); "
            f"this is migctl {__version__}, which knows schemas up to {HEAD}: upgrade migctl "
            f"to {version} or later")
    raise StoreNotReady(
        f"the store at {db_label} was written by a newer migctl (schema {revision}); this "
        f"migctl knows schemas up to {HEAD}: install the newer migctl to use it")


def ensure_ready(engine: Engine, *, db_label: str) -> None:
    """Refuse to work on a store that is missing or behind the code, saying what to run."""
    revision = current_revision(engine)
    refuse_newer(revision, db_label=db_label, engine=engine)
    if revision is None:
        raise StoreNotReady(
            f"no migctl store at {db_label}; run `migctl init` (or `migctl demo`) to create it"
        )
    if revision != HEAD:
        raise StoreNotReady(
            f"the store at {db_label} is at schema {revision}, this migctl needs {HEAD}; "
            "run `migctl db upgrade`"
        )
