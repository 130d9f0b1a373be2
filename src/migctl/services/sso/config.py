"""Which SSO checks exist: validated fields, add, list, remove and the TOML import.

A check is identified by system, environment, kind and URL. Each kind takes its own
expectations (:data:`KIND_FIELDS`); one that does not apply is refused rather than silently
ignored. URLs must be https and must not carry credentials: nothing secret is ever stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlsplit

from sqlalchemy import Table, delete
from sqlmodel import Session, col, select

from migctl.errors import Conflict, NotFound, OptionError
from migctl.errors import option_name as option_name  # the CLI words a FieldError with it
from migctl.services.audit import Actor, Diff, changes, record
from migctl.services.sso.documents import CheckDocument
from migctl.services.sso.read import check_conditions, check_order
from migctl.services.sso.spec import DEFAULT_MAX_HOPS, KINDS
from migctl.services.systems.write import get_system, normalize_key
from migctl.store.models import SsoCheck, SsoResult, System
from migctl.store.models.sso import SsoPin, SsoSighting
from migctl.values import identifier

#: kind → (required expectations, optional ones). ``timeout`` applies to every kind.
KIND_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "saml-idp-metadata": (("expect_entity_id",), ("expect_tenant",)),
    "saml-sp-metadata": (("expect_entity_id",), ("expect_acs",)),
    "oidc-discovery": (("expect_issuer",), ("expect_tenant",)),
    "login-redirect": (("expect_idp_host",), ("expect_tenant", "max_hops")),
}
EXPECTATIONS = ("expect_entity_id", "expect_issuer", "expect_idp_host", "expect_tenant",
                "max_hops", "expect_acs")

#: Query parameters that carry secrets; a URL holding one is refused.
SECRET_PARAMETERS = frozenset({
    "password", "passwd", "pwd", "pass", "secret", "client_secret", "token", "access_token",
    "id_token", "refresh_token", "api_key", "apikey", "api-key", "auth", "authorization",
    "sig", "signature", "private_key",
})
MAX_TIMEOUT_S = 300.0
MAX_HOPS_LIMIT = 50
T = TypeVar("T")
_HOST = re.compile(r"[a-z0-9]([a-z0-9\-.]*[a-z0-9])?(:\d{1,5})?")


class FieldError(ValueError):
    """A bad value for one field; the caller names the option (``--expect-issuer``) or the
    file position (``sso.toml:42:expect_issuer``)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


@dataclass
class CheckFields:
    """One check's validated fields (the system as its key)."""

    system: str
    env: str
    kind: str
    url: str
    expect_entity_id: str | None = None
    expect_issuer: str | None = None
    expect_idp_host: str | None = None
    expect_tenant: str | None = None
    max_hops: int | None = None
    timeout: float | None = None
    expect_acs: str | None = None  # space-separated https URLs

    @property
    def identity(self) -> tuple[str, str, str, str]:
        return (self.system, self.env, self.kind, self.url)

    @property
    def label(self) -> str:
        return f"{self.system}/{self.env} {self.kind}"


def check_url(text: str) -> str:
    """An https URL without credentials in it; raises ``ValueError``."""
    url = text.strip()
    if not url or any(c.isspace() for c in url):
        raise ValueError(f"{text!r} is not a URL")
    if len(url) > 2000:
        raise ValueError("is longer than 2000 characters")
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        raise ValueError(f"{url} is not an https URL (SSO endpoints are checked over TLS only)")
    if "@" in parts.netloc:
        raise ValueError("URLs with credentials (user:password@) are refused; migctl stores "
                         "no credentials")
    try:
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        raise ValueError(f"{url} has an invalid port") from None
    if not parts.hostname:
        raise ValueError(f"{url} has no host")
    for name, _value in parse_qsl(parts.query, keep_blank_values=True):
        if name.strip().lower() in SECRET_PARAMETERS:
            raise ValueError(f"URLs with credentials are refused: query parameter {name!r} "
                             "looks like a secret; migctl stores no credentials")
    return url


def _acs(value: object) -> str:
    """Assertion consumer service URLs: a list, or text separated by spaces or commas."""
    items = value if isinstance(value, list) else str(value).replace(",", " ").split()
    urls = [check_url(_text(item, limit=2000)) for item in items]
    if not urls:
        raise ValueError("is empty")
    joined = " ".join(dict.fromkeys(urls))
    if len(joined) > 2000:
        raise ValueError("is longer than 2000 characters")
    return joined


def _host(text: str) -> str:
    return identifier(text, _HOST, what="a host name (e.g. login.microsoftonline.com, "
                                         "without https:// or a path)")


def _text(value: object, *, limit: int) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {type(value).__name__}")
    text = value.strip()
    if not text:
        raise ValueError("is empty")
    if len(text) > limit:
        raise ValueError(f"is longer than {limit} characters")
    return text


def _integer(value: object, *, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        else:
            raise ValueError(f"must be a whole number, not {value!r}")
    if not low <= value <= high:
        raise ValueError(f"must be between {low} and {high}, not {value}")
    return int(value)


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"must be a number of seconds, not {value!r}")
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"must be a number of seconds, not {value!r}") from None
    if not 0 < seconds <= MAX_TIMEOUT_S:
        raise ValueError(f"must be more than 0 and at most {MAX_TIMEOUT_S:g} seconds")
    return seconds


def validate(raw: Mapping[str, object]) -> CheckFields:
    """Typed, normalised fields from user input; raises :class:`FieldError`."""

    def field_value(name: str, parse: Callable[[object], T]) -> T | None:
        value = raw.get(name)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            raise FieldError(name, str(exc)) from None

    def required_value(name: str, parse: Callable[[object], str]) -> str:
        value = field_value(name, parse)
        if value is None:
            raise FieldError(name, "is required")
        return value

    for name in ("system", "env", "kind", "url"):
        if raw.get(name) in (None, ""):
            raise FieldError(name, "is required")
    kind = required_value("kind", lambda v: _text(v, limit=32).lower())
    if kind not in KIND_FIELDS:
        raise FieldError("kind", f"{raw['kind']!r} is not a kind; use one of {', '.join(KINDS)}")
    checked = CheckFields(
        system=required_value("system",
                              lambda v: normalize_key(_text(v, limit=64), what="system")),
        env=required_value("env",
                           lambda v: normalize_key(_text(v, limit=64), what="environment")),
        kind=kind,
        url=required_value("url", lambda v: check_url(_text(v, limit=2000))),
        expect_entity_id=field_value("expect_entity_id", lambda v: _text(v, limit=500)),
        expect_issuer=field_value("expect_issuer", lambda v: _text(v, limit=500)),
        expect_idp_host=field_value("expect_idp_host", lambda v: _host(_text(v, limit=255))),
        expect_tenant=field_value("expect_tenant", lambda v: _text(v, limit=200)),
        max_hops=field_value("max_hops", lambda v: _integer(v, low=1, high=MAX_HOPS_LIMIT)),
        timeout=field_value("timeout", _seconds),
        expect_acs=field_value("expect_acs", _acs),
    )
    required, optional = KIND_FIELDS[kind]
    for name in required:
        if getattr(checked, name) is None:
            raise FieldError(name, f"is required for {kind} checks")
    for name in EXPECTATIONS:
        if getattr(checked, name) is not None and name not in required + optional:
            usable = ", ".join(required + optional)
            raise FieldError(name, f"does not apply to {kind} checks (they take {usable})")
    return checked


# --- the store --------------------------------------------------------------------------------


def fields_of(check: Any, system_key: str) -> CheckFields:
    """``check``: the ORM ``SsoCheck`` or a ``sso_check`` row (same attribute names)."""
    return CheckFields(
        system=system_key, env=check.environment, kind=check.kind, url=check.url,
        expect_entity_id=check.expect_entity_id, expect_issuer=check.expect_issuer,
        expect_idp_host=check.expect_idp_host, expect_tenant=check.expect_tenant,
        max_hops=check.max_hops, timeout=check.timeout_s,
        expect_acs=getattr(check, "expect_acs", None))


def _settable(data: CheckFields) -> dict[str, str | int | float | None]:
    """Model columns for the non-identity fields."""
    return {
        "expect_entity_id": data.expect_entity_id, "expect_issuer": data.expect_issuer,
        "expect_idp_host": data.expect_idp_host, "expect_tenant": data.expect_tenant,
        "max_hops": data.max_hops, "timeout_s": data.timeout, "expect_acs": data.expect_acs,
    }


def check_document(check: Any, system_key: str) -> CheckDocument:
    """The stable JSON shape of one check (its configuration): ORM object or row."""
    data = fields_of(check, system_key)
    return {
        "id": check.id, "system": data.system, "env": data.env, "kind": data.kind,
        "url": data.url, "expect_entity_id": data.expect_entity_id,
        "expect_issuer": data.expect_issuer, "expect_idp_host": data.expect_idp_host,
        "expect_tenant": data.expect_tenant,
        "max_hops": data.max_hops if data.max_hops is not None else (
            DEFAULT_MAX_HOPS if data.kind == "login-redirect" else None),
        "timeout": data.timeout,
        "expect_acs": data.expect_acs.split() if data.expect_acs else None,
    }


def resolve_system(session: Session, data: CheckFields,
                   systems: dict[str, System] | None = None) -> System:
    """The check's system; its environment must be one the system lists (if it lists any).

    Raises ``NotFound`` / :class:`FieldError` (field ``env``)."""
    system = systems.get(data.system) if systems is not None else None
    if system is None:
        system = get_system(session, data.system)
    environments = [e for e in system.environments.split(",") if e]
    if environments and data.env not in environments:
        raise FieldError("env", f"{data.env!r} is not an environment of {system.key} "
                                f"({', '.join(environments)}); `migctl system set {system.key} "
                                "--env …` adds one")
    return system


def new_check(system_id: int, data: CheckFields) -> SsoCheck:
    return SsoCheck(system_id=system_id, environment=data.env, kind=data.kind, url=data.url,
                    expect_entity_id=data.expect_entity_id, expect_issuer=data.expect_issuer,
                    expect_idp_host=data.expect_idp_host, expect_tenant=data.expect_tenant,
                    max_hops=data.max_hops, timeout_s=data.timeout,
                    expect_acs=data.expect_acs)


def _find(session: Session, system_id: int, data: CheckFields) -> SsoCheck | None:
    return session.exec(select(SsoCheck).where(
        SsoCheck.system_id == system_id, SsoCheck.environment == data.env,
        SsoCheck.kind == data.kind, SsoCheck.url == data.url)).first()


def add_check(session: Session, actor: Actor, data: CheckFields) -> CheckDocument:
    try:
        system = resolve_system(session, data)
    except FieldError as exc:
        raise OptionError(str(exc), field=exc.field) from None
    assert system.id is not None
    existing = _find(session, system.id, data)
    if existing is not None:
        raise Conflict(f"SSO check {existing.id} already checks {data.label} {data.url}")
    check = new_check(system.id, data)
    session.add(check)
    session.flush()
    record(session, actor, entity_type="sso_check", entity_key=entity_key(data),
           action="create", summary=f"added SSO check {check.id}: {data.label} {data.url}",
           after=asdict(data))
    return check_document(check, system.key)


def entity_key(data: CheckFields) -> str:
    return f"{data.system}/{data.env}/{data.kind}"


def select_checks(session: Session, *, systems: list[str] | None = None,
                  env: str | None = None, kind: str | None = None,
                  ids: list[int] | None = None) -> list[tuple[SsoCheck, str]]:
    """(check, system key) pairs, by system, environment, kind and id: the ORM objects, for
    commands that change them (readers use :func:`migctl.services.sso.read.check_rows`)."""
    # An ORM entity query: its shared conditions must name the mapped tables themselves.
    check: Table = SsoCheck.__table__  # type: ignore[attr-defined]
    system: Table = System.__table__  # type: ignore[attr-defined]
    query = (select(SsoCheck, System.key).join(System, col(System.id) == SsoCheck.system_id)
             .where(*check_conditions(session, check, system, systems=systems, env=env,
                                      kind=kind, ids=ids))
             .order_by(*check_order(check, system)))
    return [(found, key) for found, key in session.exec(query)]


def remove_checks(session: Session, actor: Actor, *, ids: list[int] | None = None,
                  systems: list[str] | None = None, env: str | None = None,
                  kind: str | None = None) -> list[CheckDocument]:
    """Removes the checks (and their results); by id, or by system with env/kind filters."""
    if not ids and not systems:
        raise OptionError("say which checks to remove: their IDs (see `migctl sso list`) or "
                          "{option} KEY", field="system")
    if ids and (systems or env or kind):
        raise OptionError(f"give check IDs or {{option}}/{option_name('env')}/"
                          f"{option_name('kind')}, not both", field="system")
    found = select_checks(session, systems=systems, env=env, kind=kind, ids=ids)
    if ids:
        missing = sorted(set(ids) - {check.id for check, _ in found})
        if missing:
            raise NotFound(f"no SSO check {missing[0]}; `migctl sso list` shows the IDs")
    if not found:
        raise NotFound("no SSO checks match; `migctl sso list` shows them")
    removed = [check_document(check, key) for check, key in found]
    delete_checks(session, actor, found)
    return removed


def delete_checks(session: Session, actor: Actor, found: list[tuple[SsoCheck, str]],
                  *, why: str = "") -> None:
    """Deletes (check, system key) pairs with their results, one audit event each."""
    check_ids = [check.id for check, _ in found]
    session.execute(delete(SsoResult).where(col(SsoResult.check_id).in_(check_ids)))
    session.execute(delete(SsoSighting).where(col(SsoSighting.check_id).in_(check_ids)))
    session.execute(delete(SsoPin).where(col(SsoPin.check_id).in_(check_ids)))
    for check, key in found:
        data = fields_of(check, key)
        session.delete(check)
        record(session, actor, entity_type="sso_check", entity_key=entity_key(data),
               action="delete",
               summary=f"removed SSO check {check.id}{why}: {data.label} {data.url}",
               before=asdict(data))


def update_from(check: SsoCheck, data: CheckFields) -> Diff:
    """Applies ``data``'s expectations to ``check``; returns what changed."""
    before = {name: getattr(check, name) for name in _settable(data)}
    after = _settable(data)
    diff = changes(before, after)
    if diff:
        for name, value in after.items():
            setattr(check, name, value)
        check.updated_at = datetime.now(UTC)
    return diff


FIELD_NAMES = tuple(f.name for f in fields(CheckFields))
