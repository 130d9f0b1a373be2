"""SSO integration checks: what to probe per system and environment, and what each run found."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from migctl.store.models.core import owned_by, utcnow
from migctl.store.types import UTCDateTime


class SsoCheck(SQLModel, table=True):
    """One probe of the SSO integration for a system in one directory environment.

    The expectations that do not apply to a check's kind stay empty; services enforce that.
    No credentials are ever stored: URLs with user info or secret-looking parameters are refused.
    """

    __tablename__ = "sso_check"
    __table_args__ = (
        UniqueConstraint("system_id", "environment", "kind", "url",
                         name="uq_sso_check_system_env_kind_url"),
    )

    id: int | None = Field(default=None, primary_key=True)
    system_id: int = owned_by("system.id", index=True)
    environment: str = Field(max_length=64)
    kind: str = Field(max_length=32)  # saml-idp-metadata | saml-sp-metadata | oidc-discovery | …
    url: str = Field(max_length=2000)
    expect_entity_id: str | None = Field(default=None, max_length=500)
    expect_issuer: str | None = Field(default=None, max_length=500)
    expect_idp_host: str | None = Field(default=None, max_length=255)
    expect_tenant: str | None = Field(default=None, max_length=200)
    #: saml-sp-metadata: the assertion consumer service URLs this environment must publish,
    #: space-separated (issue 22: the education SP must not post to the admin ACS)
    expect_acs: str | None = Field(default=None, max_length=2000)
    max_hops: int | None = None  # login-redirect only; None means the default (10)
    timeout_s: float | None = None  # per-request timeout; None means the run's default
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SsoRun(SQLModel, table=True):
    """One `migctl sso check`: when, by whom, with which options, and how many passed."""

    __tablename__ = "sso_run"

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(sa_type=UTCDateTime, index=True)
    finished_at: datetime = Field(sa_type=UTCDateTime)
    actor: str = Field(max_length=200)
    options: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    counts: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class SsoResult(SQLModel, table=True):
    """One row per check and finding of a run; a passing check stores one ``pass`` row.

    ``status`` is the check's overall outcome in that run (the same on all its rows), so "the
    latest result of a check" is the rows with its newest ``checked_at``.
    """

    __tablename__ = "sso_result"
    __table_args__ = (Index("ix_sso_result_check_checked_at", "check_id", "checked_at"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = owned_by("sso_run.id", index=True)
    check_id: int = owned_by("sso_check.id")
    status: str = Field(max_length=8)  # pass | warn | fail
    code: str | None = Field(default=None, max_length=8)  # S001…; None on a pass row
    severity: str | None = Field(default=None, max_length=8)  # error | warning; None on pass
    message: str = Field(default="")
    checked_at: datetime = Field(sa_type=UTCDateTime)
    duration_ms: int = 0


class SsoPin(SQLModel, table=True):
    """The signing certificate a check trusts (`migctl sso trust`): one per check.

    ``cert_pem`` is kept when a certificate was given; a pin by fingerprint has only ``sha256``
    (the signature must then carry the certificate). An expired pinned certificate stays pinned.
    """

    __tablename__ = "sso_pin"

    id: int | None = Field(default=None, primary_key=True)
    check_id: int = owned_by("sso_check.id", unique=True)
    sha256: str = Field(max_length=64)
    cert_pem: str | None = None
    subject: str | None = Field(default=None, max_length=500)
    not_after: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pinned_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(max_length=200)


class SsoSighting(SQLModel, table=True):
    """One certificate or key id one run saw for one check (what drift and the calendar read).

    ``document``: ``tls``, ``saml-signature`` (the certificate in the metadata's signature),
    ``saml-signing``, ``saml-encryption``, ``jwks-x5c`` or ``jwks-kid``; ``ident`` is the
    certificate's SHA-256 fingerprint (hex), or the key id for ``jwks-kid``.
    """

    __tablename__ = "sso_sighting"
    __table_args__ = (Index("ix_sso_sighting_check_seen_at", "check_id", "seen_at"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = owned_by("sso_run.id", index=True)
    check_id: int = owned_by("sso_check.id")
    document: str = Field(max_length=32)
    ident: str = Field(max_length=200)
    subject: str | None = Field(default=None, max_length=500)
    issuer: str | None = Field(default=None, max_length=500)
    not_after: datetime | None = Field(default=None, sa_type=UTCDateTime)
    seen_at: datetime = Field(sa_type=UTCDateTime)
