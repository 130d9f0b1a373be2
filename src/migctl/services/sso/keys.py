"""What a JWKS publishes, key by key, and whether it can sign what discovery advertises.

An identity provider that advertises ``RS256`` in ``id_token_signing_alg_values_supported`` but
publishes no RSA key cannot issue a token any relying party will accept; a roll-over that drops
the only EC key breaks ``ES256`` the same way. Each key's ``kid``, type, size and ``x5c``
certificate are read here so that runs can be compared (:mod:`migctl.services.sso.drift`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from migctl.services.sso.certs import readable

#: Advertised algorithm → (key type, curve or None) that can sign it.
NEEDS: dict[str, tuple[str, str | None]] = {
    **{f"{family}{bits}": ("RSA", None) for family in ("RS", "PS") for bits in (256, 384, 512)},
    "ES256": ("EC", "P-256"), "ES384": ("EC", "P-384"), "ES512": ("EC", "P-521"),
    "ES256K": ("EC", "secp256k1"), "EdDSA": ("OKP", None),
}
MIN_RSA_BITS = 2048


@dataclass(frozen=True, slots=True)
class CertSeen:
    sha256: str
    subject: str
    issuer: str
    not_after: datetime


@dataclass(frozen=True, slots=True)
class JwkFacts:
    kid: str | None
    kty: str
    alg: str | None
    use: str | None
    size: int | None  # RSA modulus bits, EC curve bits
    curve: str | None
    cert: CertSeen | None  # the first x5c certificate


def _b64url_len_bits(value: str) -> int | None:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        return None
    return int.from_bytes(raw, "big").bit_length()


CURVE_BITS = {"P-256": 256, "P-384": 384, "P-521": 521, "secp256k1": 256}


def cert_seen(der: bytes) -> CertSeen:
    """A certificate's identity for the calendar and drift; ``ValueError`` when unreadable."""
    with readable():
        cert = x509.load_der_x509_certificate(der)
        return CertSeen(sha256=hashlib.sha256(cert.public_bytes(serialization.Encoding.DER))
                        .hexdigest(), subject=cert.subject.rfc4514_string() or "(no subject)",
                        issuer=cert.issuer.rfc4514_string() or "(no issuer)",
                        not_after=cert.not_valid_after_utc)


def _x5c(key: dict[str, Any]) -> CertSeen | None:
    chain = key.get("x5c")
    if not isinstance(chain, list) or not chain or not isinstance(chain[0], str):
        return None
    try:
        return cert_seen(base64.b64decode(chain[0], validate=True))
    except (binascii.Error, ValueError):
        return None


def read_jwks(document: Any) -> list[JwkFacts]:
    """Every key of a JWKS that names its type; anything else is skipped."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        return []
    found = []
    for key in document["keys"]:
        if not isinstance(key, dict) or not isinstance(key.get("kty"), str):
            continue
        kty = key["kty"]
        curve = key.get("crv") if isinstance(key.get("crv"), str) else None
        size = (_b64url_len_bits(key["n"]) if kty == "RSA" and isinstance(key.get("n"), str)
                else CURVE_BITS.get(curve or ""))
        found.append(JwkFacts(kid=key.get("kid") if isinstance(key.get("kid"), str) else None,
                              kty=kty, alg=key.get("alg") if isinstance(key.get("alg"), str)
                              else None, use=key.get("use") if isinstance(key.get("use"), str)
                              else None, size=size, curve=curve, cert=_x5c(key)))
    return found


def _can_sign(key: JwkFacts, algorithm: str) -> bool:
    needed = NEEDS.get(algorithm)
    if needed is None or key.use not in (None, "sig"):
        return False
    if key.alg is not None and key.alg != algorithm:
        return False
    kty, curve = needed
    return key.kty == kty and (curve is None or key.curve == curve)


def algorithm_problems(advertised: Any, keys: list[JwkFacts]) -> list[str]:
    """Sentences for each advertised ID-token algorithm no published key can sign, and weak keys.

    ``none`` and HMAC algorithms need no published key; unknown names are left alone.
    """
    problems = []
    for algorithm in advertised if isinstance(advertised, list) else []:
        if not isinstance(algorithm, str) or algorithm not in NEEDS:
            continue
        if not any(_can_sign(key, algorithm) for key in keys):
            kty, curve = NEEDS[algorithm]
            problems.append(f"{algorithm} is advertised but the JWKS has no {kty} signing key"
                            + (f" on {curve}" if curve else ""))
    for key in keys:
        if key.kty == "RSA" and key.size is not None and key.size < MIN_RSA_BITS:
            problems.append(f"key {key.kid or '(no kid)'} is RSA {key.size} bits, under "
                            f"{MIN_RSA_BITS}")
    return problems
