"""Signed SAML metadata: verified against a pinned certificate before anything else is read.

A federation (Haka, eduGAIN) publishes metadata signed with a key its members pin out of band;
metadata that is unsigned, tampered with or signed by someone else must fail, however well-formed
it is. Rules, in the order they apply:

* the document is parsed by the hardened parser of :mod:`migctl.services.sso.saml` (no DTD,
  no entities, no network) before signxml sees it;
* the signature is verified against the pinned certificate, or — with a pinned SHA-256
  fingerprint — against the certificate the signature carries, which must have that fingerprint;
* an *expired* pinned certificate still verifies (the signature is checked at a moment inside
  the certificate's validity); its expiry is reported on its own, never as a wrong key;
* SHA-1 signatures and digests verify too and are reported as weak, never as a wrong key;
* when the pinned key fails but the certificate inside the signature verifies, the metadata was
  signed by another key (``wrong_key``); when neither does, the signature is ``invalid``;
* everything after verification is read from the element signxml returns as signed, and that
  element must be the document's root: a signed element tucked inside an unsigned wrapper
  (signature wrapping) is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import warnings
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from lxml import etree

from migctl.services.sso.certs import readable

DS = "http://www.w3.org/2000/09/xmldsig#"
WEAK_MARKERS = ("sha1",)  # SignatureMethod / DigestMethod URIs ending in …sha1

Status = Literal["valid", "missing", "invalid", "wrong_key", "wrapped", "unpinned"]


@dataclass(frozen=True, slots=True)
class Pin:
    """What a check trusts: a certificate, or the SHA-256 fingerprint of one."""

    cert: x509.Certificate | None = None
    fingerprint: str | None = None  # lower-case hex, no separators

    @classmethod
    def from_pem(cls, pem: bytes) -> Pin:
        with readable():
            return cls(cert=x509.load_pem_x509_certificate(pem))

    @classmethod
    def from_fingerprint(cls, text: str) -> Pin:
        digits = "".join(ch for ch in text.lower() if ch in "0123456789abcdef")
        if len(digits) != 64:
            raise ValueError("a SHA-256 fingerprint has 64 hexadecimal digits (colons allowed)")
        return cls(fingerprint=digits)

    @property
    def sha256(self) -> str | None:
        return fingerprint(self.cert) if self.cert is not None else self.fingerprint


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of verifying one document's signature."""

    status: Status
    message: str
    signed: etree._Element | None = None  # read everything else from this element only
    algorithms: tuple[str, ...] = ()  # signature and digest method URIs
    signer_sha256: str | None = None
    pinned_not_after: datetime | None = None

    @property
    def weak(self) -> bool:
        return any(uri.lower().endswith(WEAK_MARKERS) for uri in self.algorithms)

    def pinned_expired(self, now: datetime) -> bool:
        return self.pinned_not_after is not None and self.pinned_not_after < now


def fingerprint(cert: x509.Certificate) -> str:
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _signature(root: etree._Element) -> etree._Element | None:
    """The signature enveloped at the top of the document (``./ds:Signature``)."""
    return root.find(f"{{{DS}}}Signature")


def _algorithms(signature: etree._Element) -> tuple[str, ...]:
    found = [node.get("Algorithm", "") for node in signature.iter(
        f"{{{DS}}}SignatureMethod", f"{{{DS}}}DigestMethod")]
    return tuple(uri for uri in found if uri)


def _embedded_cert(signature: etree._Element) -> x509.Certificate | None:
    node = signature.find(f"{{{DS}}}KeyInfo/{{{DS}}}X509Data/{{{DS}}}X509Certificate")
    if node is None or not (node.text or "").strip():
        return None
    try:
        der = base64.b64decode("".join((node.text or "").split()), validate=True)
        with readable():
            return x509.load_der_x509_certificate(der)
    except (binascii.Error, ValueError):
        return None


def signer_certificate(root: etree._Element) -> x509.Certificate | None:
    """The certificate the document's enveloped signature carries, if any."""
    signature = _signature(root)
    return _embedded_cert(signature) if signature is not None else None


def _covers_root(root: etree._Element, signature: etree._Element,
                 signed: etree._Element) -> bool:
    """The signature's one reference names the root, by an ID no other element carries.

    signxml hands back a copy of what it verified, so identity cannot be compared; the
    reference, the uniqueness of its ID and the copy's tag and ID can.
    """
    reference = signature.find(f"{{{DS}}}SignedInfo/{{{DS}}}Reference")
    uri = reference.get("URI") if reference is not None else None
    if uri is None:
        return False
    if uri == "":
        return signed.tag == root.tag
    if not uri.startswith("#"):
        return False
    wanted = uri[1:]
    holders = [node for node in root.iter() if isinstance(node.tag, str)
               and wanted in (node.get("ID"), node.get("Id"), node.get("id"))]
    return (len(holders) == 1 and holders[0] is root and signed.tag == root.tag
            and signed.get("ID", signed.get("Id")) == wanted)


def _verify(root: etree._Element, cert: x509.Certificate) -> etree._Element:
    """The element the signature covers; raises signxml's errors when it does not verify."""
    from signxml import DigestAlgorithm, SignatureMethod, XMLVerifier
    from signxml.verifier import SignatureConfiguration

    # Checked at a moment the certificate was valid: expiry is reported apart, not as "invalid".
    moment = cert.not_valid_before_utc + timedelta(seconds=1)
    config = SignatureConfiguration(location="./", expect_references=1,
                                    signature_methods=frozenset(SignatureMethod),
                                    digest_algorithms=frozenset(DigestAlgorithm))
    config = replace(config, verification_time=moment)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = XMLVerifier().verify(root, x509_cert=cert, expect_config=config)
    signed = result.signed_xml  # type: ignore[union-attr]
    if signed is None:
        raise ValueError("the signature covers nothing")
    return signed


def verify_metadata(root: etree._Element, pin: Pin | None) -> Verdict:
    """Verify the enveloped signature of ``root`` (already parsed by the hardened parser)."""
    signature = _signature(root)
    if signature is None:
        return Verdict("missing", "the metadata is not signed")
    algorithms = _algorithms(signature)
    embedded = _embedded_cert(signature)
    if pin is None:
        return Verdict("unpinned", "signed, but no certificate is pinned for this check "
                       "(migctl sso trust)", algorithms=algorithms,
                       signer_sha256=fingerprint(embedded) if embedded else None)
    trusted = pin.cert
    if trusted is None and embedded is not None and fingerprint(embedded) == pin.fingerprint:
        trusted = embedded
    pinned_not_after = trusted.not_valid_after_utc if trusted is not None else None
    if trusted is not None:
        try:
            signed = _verify(root, trusted)
        except Exception as exc:
            failure = str(exc) or type(exc).__name__
        else:
            if not _covers_root(root, signature, signed):
                return Verdict("wrapped", "the signed element is not the document's root "
                               "(signature wrapping); refused", algorithms=algorithms,
                               pinned_not_after=pinned_not_after)
            return Verdict("valid", "signature valid with the pinned key", signed=signed,
                           algorithms=algorithms, signer_sha256=fingerprint(trusted),
                           pinned_not_after=pinned_not_after)
    else:
        failure = "the signature carries no certificate with the pinned fingerprint"
    return _why_not(root, signature, embedded, failure, algorithms, pinned_not_after)


def _why_not(root: etree._Element, signature: etree._Element,
             embedded: x509.Certificate | None, failure: str,
             algorithms: tuple[str, ...], pinned_not_after: datetime | None) -> Verdict:
    """Another key, or a broken signature: the certificate in the signature tells which."""
    if embedded is not None:
        try:
            signed = _verify(root, embedded)
        except Exception:
            pass
        else:
            if _covers_root(root, signature, signed):
                return Verdict("wrong_key", "signed by another key than the pinned one "
                               f"(SHA-256 {fingerprint(embedded)})", algorithms=algorithms,
                               signer_sha256=fingerprint(embedded),
                               pinned_not_after=pinned_not_after)
    return Verdict("invalid", f"the signature does not verify: {failure[:200]}",
                   algorithms=algorithms, pinned_not_after=pinned_not_after)
