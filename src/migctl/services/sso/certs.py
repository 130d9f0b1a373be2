"""X.509 certificates as SSO checks meet them: in SAML metadata and on TLS connections.

Real-world traps handled here: metadata ``X509Certificate`` elements that hold base64 of a PEM
instead of DER, and certificates with serial number 0 (``cryptography`` warns about them and
may refuse them one day). Expiry is always judged against the ``now`` the caller passes.
"""

from __future__ import annotations

import base64
import binascii
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID

from migctl.checks import CheckCode
from migctl.services.sso.fields import Issue, error, warning

_PEM = re.compile(rb"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", re.S)


@contextmanager
def readable() -> Iterator[None]:
    """Read a certificate inside this: ``cryptography`` parses lazily and raises more than
    ``ValueError`` on a hostile one (``InvalidVersion`` when loading, ``TypeError`` from a
    name attribute when the subject is read; both found by fuzz/fuzz_saml.py). Every such
    error becomes one ``ValueError``; the serial-0 deprecation warning is muted."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        try:
            yield
        except (x509.InvalidVersion, TypeError) as exc:
            raise ValueError(f"not a readable certificate ({exc})") from None


@dataclass(frozen=True, slots=True)
class CertFacts:
    """What the checks need from a certificate, read once (with the serial-0 warning muted)."""

    subject: str
    not_before: datetime
    not_after: datetime


def _facts(load: bytes, *, pem: bool) -> CertFacts:
    with readable():
        cert = x509.load_pem_x509_certificate(load) if pem else \
            x509.load_der_x509_certificate(load)
        names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        subject = str(names[0].value) if names else cert.subject.rfc4514_string()
        return CertFacts(subject=subject or "(no subject)", not_before=cert.not_valid_before_utc,
                         not_after=cert.not_valid_after_utc)


def from_der(der: bytes) -> CertFacts:
    """A certificate as a TLS peer sends it; raises ``ValueError`` when unreadable."""
    return _facts(der, pem=False)


def from_metadata_text(text: str) -> CertFacts:
    """The content of a ``ds:X509Certificate`` element: base64 of DER, or of a whole PEM."""
    data = metadata_bytes(text)
    pem = _PEM.search(data)
    if pem is not None:
        return _facts(pem.group(0), pem=True)
    return _facts(data, pem=False)


def der_of_metadata_text(text: str) -> bytes:
    """DER of a ``ds:X509Certificate`` element's certificate; ``ValueError`` when unreadable."""
    data = metadata_bytes(text)
    pem = _PEM.search(data)
    if pem is None:
        return data
    with readable():
        return x509.load_pem_x509_certificate(pem.group(0)).public_bytes(
            serialization.Encoding.DER)


def metadata_bytes(text: str) -> bytes:
    compact = "".join(text.split())
    if not compact:
        raise ValueError("the element is empty")
    if compact.startswith("-----BEGIN"):
        data = text.strip().encode("ascii", "replace")
    else:
        try:
            data = base64.b64decode(compact, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("not base64") from None
    return data


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d")


def expiry_issues(facts: CertFacts, *, code: CheckCode, what: str, now: datetime,
                  warn_days: int) -> list[Issue]:
    """Expired or not yet valid is an error; expiring within ``warn_days`` a warning."""
    if facts.not_after <= now:
        return [error(code, f"{what} ({facts.subject}) expired on {_day(facts.not_after)}")]
    if facts.not_before > now:
        return [error(code, f"{what} ({facts.subject}) is not valid before "
                            f"{_day(facts.not_before)}")]
    if facts.not_after - now <= timedelta(days=warn_days):
        days = (facts.not_after - now).days
        return [warning(code, f"{what} ({facts.subject}) expires on {_day(facts.not_after)} "
                              f"(in {days} d, within --warn-days {warn_days})")]
    return []
