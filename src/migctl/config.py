"""Where the store is, who is acting, and which time zone people read times in.

Precedence for the store: ``--db`` > ``MIGCTL_DB`` > ``./migctl.db``. A bare path becomes a
SQLite URL; anything with ``://`` is handed to SQLAlchemy as is.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "migctl.db"
DEFAULT_TIMEZONE = "Europe/Helsinki"


def database_url(value: str | None = None) -> str:
    """Resolve the store location to a SQLAlchemy URL."""
    raw = value or os.environ.get("MIGCTL_DB") or DEFAULT_DB
    if "://" in raw:
        return raw
    return "sqlite:///" + str(Path(raw).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other engines and in-memory stores."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    rest = url[len(prefix) :].split("?", 1)[0]
    if rest in ("", ":memory:"):
        return None
    return Path(rest)


def current_actor() -> str:
    """Who is acting: ``MIGCTL_ACTOR``, else the OS user."""
    actor = os.environ.get("MIGCTL_ACTOR")
    if actor:
        return actor
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"


@dataclass(frozen=True)
class Settings:
    db_url: str
    actor: str = field(default_factory=current_actor)
    debug: bool = False

    @classmethod
    def resolve(cls, db: str | None = None, *, debug: bool = False) -> Settings:
        return cls(db_url=database_url(db), debug=debug)
