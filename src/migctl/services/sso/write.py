"""Audited changes to what an SSO check trusts: `migctl sso trust CHECK`.

A pin is a signing certificate (PEM, kept so the signature is verified against its key even
when the metadata stops carrying it) or only its SHA-256 fingerprint (the signature must then
carry the certificate). Any SAML check can be pinned, also to an expired certificate.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from sqlalchemy import delete, insert, select
from sqlmodel import Session

from migctl.errors import NotFound, OptionError, UsageError
from migctl.services.audit import Actor, record
from migctl.services.sso.signature import Pin
from migctl.store.db import execute
from migctl.store.tables import SSO_CHECK, SSO_PIN, SYSTEM

SAML_KINDS = ("saml-idp-metadata", "saml-sp-metadata")


class TrustDocument(TypedDict):
    """`sso trust CHECK -f json`: the check and the certificate it now trusts."""

    check: int
    system: str
    env: str
    kind: str
    sha256: str
    subject: str | None
    not_after: datetime | None
    previous: str | None  # the fingerprint pinned before, if any


def _pin(cert_pem: bytes | None, sha256: str | None) -> tuple[Pin, str | None]:
    if (cert_pem is None) == (sha256 is None):
        raise OptionError("give either {option} FILE.pem or --fingerprint SHA256", field="cert")
    if cert_pem is not None:
        try:
            pin = Pin.from_pem(cert_pem)
        except ValueError:
            raise OptionError("{option}: not a PEM certificate", field="cert") from None
        return pin, cert_pem.decode("ascii", "replace").strip()
    try:
        return Pin.from_fingerprint(sha256 or ""), None
    except ValueError as exc:
        raise OptionError(f"{{option}}: {exc}", field="fingerprint") from None


def trust_check(session: Session, actor: Actor, check_id: int, *, cert_pem: bytes | None = None,
                sha256: str | None = None, now: datetime) -> TrustDocument:
    """Pins a signing certificate for a SAML check (replacing an earlier pin), audited."""
    check = execute(session, select(SSO_CHECK.c.id, SSO_CHECK.c.kind, SSO_CHECK.c.environment,
                                    SYSTEM.c.key).join(SYSTEM, SYSTEM.c.id == SSO_CHECK.c.system_id)
                    .where(SSO_CHECK.c.id == check_id)).first()
    if check is None:
        raise NotFound(f"no SSO check {check_id}; `migctl sso list` shows the IDs")
    if check.kind not in SAML_KINDS:
        raise UsageError(f"SSO check {check_id} is a {check.kind} check; only SAML metadata "
                         f"checks ({', '.join(SAML_KINDS)}) carry a signature to pin")
    pin, pem = _pin(cert_pem, sha256)
    digest = pin.sha256 or ""
    subject = pin.cert.subject.rfc4514_string() if pin.cert is not None else None
    not_after = pin.cert.not_valid_after_utc if pin.cert is not None else None
    previous = execute(session, select(SSO_PIN.c.sha256).where(SSO_PIN.c.check_id == check_id)
                       ).scalar_one_or_none()
    execute(session, delete(SSO_PIN).where(SSO_PIN.c.check_id == check_id))
    execute(session, insert(SSO_PIN).values(check_id=check_id, sha256=digest, cert_pem=pem,
                                            subject=subject, not_after=not_after, pinned_at=now,
                                            actor=actor.name))
    document: TrustDocument = {"check": check_id, "system": check.key,
                               "env": check.environment, "kind": check.kind, "sha256": digest,
                               "subject": subject, "not_after": not_after,
                               "previous": previous}
    record(session, actor, entity_type="sso_check", entity_key=str(check_id), action="trust",
           summary=f"SSO check {check_id} ({check.key}/{check.environment} {check.kind}) now "
                   f"trusts signing certificate SHA-256 {digest}"
                   + (f" (was {previous})" if previous and previous != digest else ""),
           before={"sha256": previous}, after={"sha256": digest, "subject": subject})
    return document
