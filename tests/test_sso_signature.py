"""Signed SAML metadata against a pinned key: valid, missing, tampered, another key, expired,
SHA-1, wrapped (issue 22). Keys and certificates are generated here; documents are signed here."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import XMLSigner

from migctl.services.sso.saml import UnsafeXml, parse_xml
from migctl.services.sso.signature import Pin, fingerprint, verify_metadata

MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata"
METADATA = (f'<md:EntityDescriptor xmlns:md="{MD_NS}" ID="meta1" '
            'entityID="https://idp.kaupunki.example/">'
            '<md:IDPSSODescriptor '
            'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
            'Location="https://idp.kaupunki.example/sso"/></md:IDPSSODescriptor>'
            '</md:EntityDescriptor>')
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


class _LegacySigner(XMLSigner):
    """Signs with SHA-1 too, as old identity providers still do (signxml refuses by default)."""

    def check_deprecated_methods(self) -> None:
        return None


@dataclass
class Signer:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @classmethod
    def make(cls, name: str, *, expired: bool = False) -> Signer:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        start = NOW - dt.timedelta(days=800 if expired else 10)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(start + dt.timedelta(days=365))
                .sign(key, hashes.SHA256()))
        return cls(key, cert)

    def sign(self, xml: str = METADATA, *, algorithm: str = "rsa-sha256",
             digest: str = "sha256") -> bytes:
        pem = self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())
        signer = _LegacySigner(signature_algorithm=algorithm, digest_algorithm=digest,
                               c14n_algorithm="http://www.w3.org/2001/10/xml-exc-c14n#")
        signed = signer.sign(etree.fromstring(xml.encode()), key=pem, cert=[self.cert],
                             reference_uri="meta1")
        return etree.tostring(signed)


@pytest.fixture(scope="module")
def idp() -> Signer:
    return Signer.make("idp.kaupunki.example")


@pytest.fixture(scope="module")
def intruder() -> Signer:
    return Signer.make("someone.else.example")


def test_metadata_signed_with_the_pinned_key_is_valid(idp: Signer) -> None:
    verdict = verify_metadata(parse_xml(idp.sign()), Pin(cert=idp.cert))
    assert verdict.status == "valid"
    assert verdict.signed is not None
    assert verdict.signed.get("entityID") == "https://idp.kaupunki.example/"
    assert verdict.signer_sha256 == fingerprint(idp.cert)
    assert not verdict.weak and not verdict.pinned_expired(NOW)


def test_a_pinned_fingerprint_trusts_the_certificate_that_carries_it(idp: Signer) -> None:
    pin = Pin.from_fingerprint(":".join(f"{b:02X}" for b in bytes.fromhex(fingerprint(idp.cert))))
    assert verify_metadata(parse_xml(idp.sign()), pin).status == "valid"
    other = Pin.from_fingerprint("ab" * 32)
    verdict = verify_metadata(parse_xml(idp.sign()), other)
    assert verdict.status == "wrong_key"


def test_unsigned_metadata_fails_when_pinned(idp: Signer) -> None:
    verdict = verify_metadata(parse_xml(METADATA.encode()), Pin(cert=idp.cert))
    assert verdict.status == "missing"


def test_tampered_metadata_is_invalid(idp: Signer) -> None:
    tampered = idp.sign().replace(b"https://idp.kaupunki.example/sso", b"https://evil.example/sso")
    verdict = verify_metadata(parse_xml(tampered), Pin(cert=idp.cert))
    assert verdict.status == "invalid"
    assert verdict.signed is None


def test_metadata_signed_by_another_key_says_so(idp: Signer, intruder: Signer) -> None:
    verdict = verify_metadata(parse_xml(intruder.sign()), Pin(cert=idp.cert))
    assert verdict.status == "wrong_key"
    assert verdict.signer_sha256 == fingerprint(intruder.cert)
    assert verdict.signed is None


def test_an_expired_pinned_certificate_still_verifies_and_its_expiry_is_its_own_fact() -> None:
    old = Signer.make("old.idp.example", expired=True)
    verdict = verify_metadata(parse_xml(old.sign()), Pin(cert=old.cert))
    assert verdict.status == "valid"
    assert verdict.pinned_expired(NOW)


def test_sha1_verifies_and_is_reported_weak_not_as_a_wrong_key(idp: Signer) -> None:
    verdict = verify_metadata(parse_xml(idp.sign(algorithm="rsa-sha1", digest="sha1")),
                              Pin(cert=idp.cert))
    assert verdict.status == "valid"
    assert verdict.weak


def test_a_signed_element_wrapped_in_an_unsigned_one_is_refused(idp: Signer) -> None:
    original = etree.fromstring(idp.sign())
    signature = original.find("{http://www.w3.org/2000/09/xmldsig#}Signature")
    assert signature is not None
    evil = etree.Element(f"{{{MD_NS}}}EntityDescriptor", ID="evil",
                         entityID="https://evil.example/", nsmap={"md": MD_NS})
    evil.append(copy.deepcopy(signature))
    extensions = etree.SubElement(evil, f"{{{MD_NS}}}Extensions")
    inner = copy.deepcopy(original)
    inner.remove(inner.find("{http://www.w3.org/2000/09/xmldsig#}Signature"))
    extensions.append(inner)
    verdict = verify_metadata(parse_xml(etree.tostring(evil)), Pin(cert=idp.cert))
    assert verdict.status in ("wrapped", "invalid")
    assert verdict.status != "valid" and verdict.signed is None


def test_a_duplicate_id_is_refused(idp: Signer) -> None:
    root = etree.fromstring(idp.sign())
    extensions = etree.SubElement(root, f"{{{MD_NS}}}Extensions")
    etree.SubElement(extensions, f"{{{MD_NS}}}EntityDescriptor", ID="meta1")
    verdict = verify_metadata(parse_xml(etree.tostring(root)), Pin(cert=idp.cert))
    assert verdict.status != "valid"


def test_signed_but_unpinned_is_reported_as_such(idp: Signer) -> None:
    verdict = verify_metadata(parse_xml(idp.sign()), None)
    assert verdict.status == "unpinned"
    assert verdict.signer_sha256 == fingerprint(idp.cert)


def test_hostile_documents_never_reach_the_verifier(idp: Signer) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]>'
            b"<md:EntityDescriptor xmlns:md='" + MD_NS.encode() + b"'>&lol;</md:EntityDescriptor>")
    with pytest.raises(UnsafeXml):
        parse_xml(bomb)


def test_fingerprint_text_must_be_sha256() -> None:
    with pytest.raises(ValueError, match="64 hexadecimal"):
        Pin.from_fingerprint("AB:CD")
