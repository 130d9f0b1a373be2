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
    refuse_newer(before, db_label=engine.url.render_as_string(hide_password=True))
    command.upgrade(alembic_config(engine), revision)
    return before, current_revision(engine)


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


def refuse_newer(revision: str | None, *, db_label: str) -> None:
    """A store written by a newer migctl is not "behind": say which version is needed."""
    if revision is not None and revision not in known_revisions():
        raise StoreNotReady(
            f"the store at {db_label} was written by a newer migctl (schema {revision}); this "
            f"migctl knows schemas up to {HEAD}: install the newer migctl to use it")


def ensure_ready(engine: Engine, *, db_label: str) -> None:
    """Refuse to work on a store that is missing or behind the code, saying what to run."""
    revision = current_revision(engine)
    refuse_newer(revision, db_label=db_label)
    if revision is None:
        raise StoreNotReady(
            f"no migctl store at {db_label}; run `migctl init` (or `migctl demo`) to create it"
        )
    if revision != HEAD:
        raise StoreNotReady(
            f"the store at {db_label} is at schema {revision}, this migctl needs {HEAD}; "
            "run `migctl db upgrade`"
        )
