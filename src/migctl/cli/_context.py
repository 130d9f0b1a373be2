"""What every command needs from the root options: the store, the actor, the time zone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlmodel import Session

    from migctl.config import Settings
    from migctl.services.audit import Actor
    from migctl.store.db import Db


#: Set by ``--dry-run`` (the import options): every write session rolls back instead of
#: committing, so an import reads, checks and reports everything and the store stays as it was.
DRY_RUN: ContextVar[bool] = ContextVar("migctl_dry_run", default=False)


class _RollBack(Exception):
    """Ends a dry run's write session: the session scope rolls back on any exception."""


@dataclass
class AppContext:
    db: str | None = None
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from migctl.config import Settings

            self._settings = Settings.resolve(self.db, debug=self.debug)
        return self._settings

    @property
    def db_label(self) -> str:
        from migctl.config import sqlite_path

        url = self.settings.db_url
        path = sqlite_path(url)
        if path is not None:
            return str(path)
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)

    def engine(self, *, ready: bool = True, create: bool = False) -> Engine:
        """The store's engine; with ``ready`` (the default) refuses a missing or old schema.

        Only ``create`` (``init``, ``db import``) may bring a new SQLite file (and its folder)
        into being; a mistyped ``--db`` elsewhere is refused with nothing created.
        """
        from migctl.config import sqlite_path
        from migctl.store.engine import check_store_file, make_engine
        from migctl.store.migrate import ensure_ready

        path = sqlite_path(self.settings.db_url)
        if path is not None:
            check_store_file(path, label=self.db_label, create=create)
        engine = make_engine(self.settings.db_url)
        if ready:
            ensure_ready(engine, db_label=self.db_label)
        return engine

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        from migctl.errors import StoreNotReady
        from migctl.store.engine import is_read_only, session_scope

        engine = self.engine()
        if write and is_read_only(engine):
            raise StoreNotReady(f"the store at {self.db_label} is read-only here (no write "
                                "access to the file or its folder): reading commands work, "
                                "changes need write access")
        try:
            with session_scope(engine, write=write) as session:
                yield session
                if write and DRY_RUN.get():
                    raise _RollBack
        except _RollBack:
            import sys

            sys.stderr.write("dry run: nothing was written\n")

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A read-only Core connection: for commands that only read and must start fast
        (``status``), since a Session means importing SQLModel and the ORM. Its one
        transaction is rolled back at the end: nothing it does is kept."""
        with self.engine().connect() as connection:
            yield connection

    def actor(self, ctx: typer.Context) -> Actor:
        from migctl.services.audit import Actor

        return Actor(name=self.settings.actor, command=ctx.command_path)

    def timezone(self, db: Db) -> tzinfo:
        from migctl.services.settings import timezone

        return timezone(db)


@contextmanager
def reading(ctx: typer.Context) -> Iterator[tuple[Session, tzinfo]]:
    """A read session and the programme's time zone, for commands that show times."""
    appctx = app_context(ctx)
    with appctx.session() as session:
        yield session, appctx.timezone(session)


@contextmanager
def writing(ctx: typer.Context) -> Iterator[tuple[Session, Actor]]:
    """A write session and the command's actor: what every audited change needs."""
    appctx = app_context(ctx)
    with appctx.session(write=True) as session:
        yield session, appctx.actor(ctx)


def app_context(ctx: typer.Context) -> AppContext:
    obj = ctx.find_root().obj
    if not isinstance(obj, AppContext):
        obj = AppContext()
        ctx.find_root().obj = obj
    return obj
