"""What the probes take and return, without the network machinery (cheap to import).

The status screen and the store-side code use these types; only running checks needs
:mod:`migctl.services.sso.probe` and its httpx, lxml and cryptography imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from migctl.checks import Severity
from migctl.services.sso.fields import Issue

KINDS = ("saml-idp-metadata", "saml-sp-metadata", "oidc-discovery", "login-redirect")
MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_HOPS = 10
#: 200 checks against answers of 200 ms take under 2 s with this many at once (benchmarks/).
DEFAULT_CONCURRENCY = 100
DEFAULT_WARN_DAYS = 30


@dataclass(frozen=True)
class ProbeSpec:
    """One check as the probes need it, detached from the store."""

    check_id: int
    system: str
    env: str
    kind: str
    url: str
    expect_entity_id: str | None = None
    expect_issuer: str | None = None
    expect_idp_host: str | None = None
    expect_tenant: str | None = None
    max_hops: int = DEFAULT_MAX_HOPS
    timeout_s: float = DEFAULT_TIMEOUT_S
    expect_acs: tuple[str, ...] = ()
    pin_sha256: str | None = None  # the pinned signing certificate (`sso trust`), if any
    pin_pem: str | None = None
    #: fetch here instead of ``url`` (the demo's stand-in server), judging as if from ``url``
    via: str | None = None


@dataclass(frozen=True)
class ProbeOptions:
    now: datetime  # what "expired" and "expiring" are judged against
    warn_days: int = DEFAULT_WARN_DAYS
    concurrency: int = DEFAULT_CONCURRENCY
    ca_bundle: Path | None = None
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True, slots=True)
class Seen:
    """A certificate (``ident`` its SHA-256, hex) or a JWKS key id a probe saw.

    ``document``: ``tls``, ``saml-signature``, ``saml-signing``, ``saml-encryption``,
    ``jwks-x5c`` or ``jwks-kid``.
    """

    document: str
    ident: str
    subject: str | None = None
    issuer: str | None = None
    not_after: datetime | None = None


@dataclass
class ProbeResult:
    spec: ProbeSpec
    issues: list[Issue]
    summary: str  # what a passing check saw, for history and JSON
    checked_at: datetime
    duration_ms: int
    seen: list[Seen] = field(default_factory=list)

    @property
    def status(self) -> str:
        if any(i.severity is Severity.ERROR for i in self.issues):
            return "fail"
        return "warn" if self.issues else "pass"
