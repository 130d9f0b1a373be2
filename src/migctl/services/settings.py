"""Programme-level settings kept in the store (name, time zone, …), validated by key.

Reads and writes go through SQLAlchemy Core on a Session or a plain Connection, so
``migctl status`` reads the settings without importing the ORM; only the writers import the
audit log (which needs the models), inside the function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy import delete, insert, select, update

from migctl import values
from migctl.errors import UsageError
from migctl.store.db import execute
from migctl.store.migrate import WRITTEN_BY
from migctl.store.tables import SETTING

if TYPE_CHECKING:
    from sqlmodel import Session

    from migctl.services.audit import Actor
    from migctl.store.db import Db

DEFAULT_PROGRAMME = "Migration programme"


def _check_zone(value: str) -> str:
    values.zone(value)
    return value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


@dataclass(frozen=True)
class SettingSpec:
    key: str
    description: str
    default: str
    check: Callable[[str], str] = _check_text


SPECS: dict[str, SettingSpec] = {}


def register(spec: SettingSpec) -> None:
    """Feature modules add their settings here (e.g. the cutover window)."""
    SPECS[spec.key] = spec


register(SettingSpec("programme.name", "Name of the programme, shown in status and reports",
                     DEFAULT_PROGRAMME))
register(SettingSpec("programme.timezone", "Time zone people read times in",
                     "Europe/Helsinki", _check_zone))
register(SettingSpec("store.kind", "'demo' for stores built by `migctl demo`", "", lambda v: v))


def _stored(db: Db, key: str) -> str | None:
    return execute(db, select(SETTING.c.value).where(SETTING.c.key == key)).scalar_one_or_none()


def get(db: Db, key: str) -> str:
    stored = _stored(db, key)
    if stored is not None:
        return stored
    spec = SPECS.get(key)
    return spec.default if spec else ""


def get_all(db: Db) -> dict[str, str]:
    """Every setting people may set (defaults included); not the store's own records."""
    stored = dict(execute(db, select(SETTING.c.key, SETTING.c.value)
                          .where(SETTING.c.key != WRITTEN_BY)).all())
    result = {key: spec.default for key, spec in SPECS.items()}
    result.update(stored)
    return dict(sorted(result.items()))


class SettingRow(TypedDict):
    """One line of ``settings list``: a setting, its value (default included) and meaning."""

    key: str
    value: str
    description: str


def listing(db: Db) -> list[SettingRow]:
    """Every setting with its value, by key (``settings list -f json`` prints :func:`get_all`)."""
    return [{"key": key, "value": value,
             "description": SPECS[key].description if key in SPECS else ""}
            for key, value in get_all(db).items()]


def put(session: Session, actor: Actor, key: str, value: str) -> str:
    from migctl.services.audit import record

    spec = SPECS.get(key)
    if spec is None:
        known = ", ".join(sorted(SPECS))
        raise UsageError(f"unknown setting {key!r}; known settings: {known}")
    try:
        checked = spec.check(value)
    except ValueError as exc:
        raise UsageError(f"setting {key}: {exc}") from None
    before = _stored(session, key)
    if before is None:
        execute(session, insert(SETTING).values(key=key, value=checked))
    elif before != checked:
        execute(session, update(SETTING).where(SETTING.c.key == key).values(value=checked))
    if before != checked:
        record(session, actor, entity_type="setting", entity_key=key, action="update",
               summary=f"{key}: {before or '∅'} → {checked}",
               before={"value": before}, after={"value": checked})
    return checked


def unset(session: Session, actor: Actor, key: str) -> None:
    from migctl.services.audit import record

    if key == WRITTEN_BY:  # the store's own record, not a setting
        raise UsageError(f"unknown setting {key!r}; known settings: {', '.join(sorted(SPECS))}")
    before = _stored(session, key)
    if before is not None:
        execute(session, delete(SETTING).where(SETTING.c.key == key))
        record(session, actor, entity_type="setting", entity_key=key, action="delete",
               summary=f"{key} reset to default", before={"value": before})


def timezone(db: Db) -> tzinfo:
    return values.zone(get(db, "programme.timezone"))


def programme_name(db: Db) -> str:
    return get(db, "programme.name")

