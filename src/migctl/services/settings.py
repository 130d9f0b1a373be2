"""Programme-level settings kept in the store (name, time zone, …), validated by key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo

from sqlmodel import Session, select

from migctl import values
from migctl.errors import UsageError
from migctl.services.audit import Actor, record
from migctl.store.models import Setting

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


def get(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    if row is not None:
        return row.value
    spec = SPECS.get(key)
    return spec.default if spec else ""


def get_all(session: Session) -> dict[str, str]:
    stored = {s.key: s.value for s in session.exec(select(Setting))}
    result = {key: spec.default for key, spec in SPECS.items()}
    result.update(stored)
    return dict(sorted(result.items()))


def put(session: Session, actor: Actor, key: str, value: str) -> str:
    spec = SPECS.get(key)
    if spec is None:
        known = ", ".join(sorted(SPECS))
        raise UsageError(f"unknown setting {key!r}; known settings: {known}")
    try:
        checked = spec.check(value)
    except ValueError as exc:
        raise UsageError(f"setting {key}: {exc}") from None
    row = session.get(Setting, key)
    before = row.value if row else None
    if row is None:
        session.add(Setting(key=key, value=checked))
    else:
        row.value = checked
        session.add(row)
    if before != checked:
        record(session, actor, entity_type="setting", entity_key=key, action="update",
               summary=f"{key}: {before or '∅'} → {checked}",
               before={"value": before}, after={"value": checked})
    return checked


def unset(session: Session, actor: Actor, key: str) -> None:
    row = session.get(Setting, key)
    if row is not None:
        session.delete(row)
        record(session, actor, entity_type="setting", entity_key=key, action="delete",
               summary=f"{key} reset to default", before={"value": row.value})


def timezone(session: Session) -> tzinfo:
    return values.zone(get(session, "programme.timezone"))


def programme_name(session: Session) -> str:
    return get(session, "programme.name")


import migctl.services.runbook.settings  # noqa: E402, F401  (registers cutover.* settings)
