"""A real federation's signed metadata, verified against its pinned signing certificate (issue 22).

Every other signature test signs its documents with keys generated on the spot. This one ships
a document a federation actually published: SWITCHaai's (Switzerland) aggregate of April 2006,
kept byte for byte as OpenSAML's test suite keeps it (provenance in
``tests/fixtures/sso/realworld/README.md``). It is what old federations really look like:
an ``EntitiesDescriptor`` signed at the root with ``Reference URI=""``, RSA-SHA1 over
``exc-c14n#WithComments`` with comments in the document, a 1024-bit signer certificate with
serial number 0 that expired in 2015, ``validUntil`` in 2010, and IdPs that name their keys
(``ds:KeyName``, PKIX) instead of carrying certificates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
import trustme
from cryptography import x509
from lxml import etree

from migctl.services.sso.certs import readable
from migctl.services.sso.saml import MetadataExpectations, parse_xml, read_metadata
from migctl.services.sso.signature import Pin, fingerprint, verify_metadata
from tests.conftest import SAMPLE_DATA, Cli
from tests.sso_server import Answer, HttpsServer, Pki

FIXTURES = Path(__file__).parent / "fixtures" / "sso" / "realworld"
DOCUMENT = FIXTURES / "switchaai-metadata-2006.xml"
SIGNER_PEM = FIXTURES / "switchaai-metadata-signer.pem"
#: The git blob id OpenSAML's repository stores the document under: proves the bytes are theirs.
GIT_BLOB = "d1e750a3de2728620cbb44997b2760ca264f5efc"
#: SHA-256 of the signer certificate's DER, as a federation publishes it for pinning.
SIGNER_SHA256 = ("D4:87:9F:9D:ED:21:44:5D:66:9B:FA:7D:79:94:F3:7D:"
                 "AA:28:D4:D9:2D:EB:90:D4:1D:49:65:3D:90:F6:C3:A9")
RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1"
IDP = "urn:mace:switch.ch:SWITCHaai:ethz.ch"
NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)

#: One byte changed in what the signature covers: the aggregate's own validity (the classic
#: replay of stale metadata), an IdP's login URL, a contact's address (element text).
TAMPERING = [
    (b'validUntil="2010-01-01T00:00:00Z"', b'validUntil="2090-01-01T00:00:00Z"'),
    (b'Location="https://aai-login.ethz.ch/shibboleth-idp/SSO"',
     b'Location="https://aai-login.ethx.ch/shibboleth-idp/SSO"'),
    (b"<EmailAddress>rdietlicher@ethz.ch</EmailAddress>",
     b"<EmailAddress>rdietlicher@ethz.cz</EmailAddress>"),
]


@pytest.fixture(scope="module")
def body() -> bytes:
    return DOCUMENT.read_bytes()


@pytest.fixture(scope="module")
def signer() -> x509.Certificate:
    with readable():  # serial number 0: cryptography warns, migctl reads it all the same
        return x509.load_pem_x509_certificate(SIGNER_PEM.read_bytes())


@pytest.fixture(scope="module")
def stranger_pem() -> bytes:
    """Another real-looking certificate (a trustme leaf): not the one that signed the document."""
    return trustme.CA().issue_cert("metadata-signer.example").cert_chain_pems[0].bytes()


def _tampered(body: bytes, old: bytes, new: bytes) -> bytes:
    assert body.count(old) == 1 and len(old) == len(new)
    changed = body.replace(old, new)
    assert sum(a != b for a, b in zip(body, changed, strict=True)) == 1
    return changed


def test_the_fixture_is_the_published_document_byte_for_byte(body: bytes,
                                                             signer: x509.Certificate) -> None:
    blob = hashlib.sha1(b"blob %d\x00" % len(body) + body, usedforsecurity=False).hexdigest()
    assert blob == GIT_BLOB
    assert fingerprint(signer) == Pin.from_fingerprint(SIGNER_SHA256).fingerprint
    assert "SWITCHaai Metadata Signer" in signer.subject.rfc4514_string()


# --- signature.verify_metadata --------------------------------------------------------------

@pytest.mark.parametrize("how", ["pem", "fingerprint"])
def test_the_real_document_verifies_with_its_pinned_signer(body: bytes, signer: x509.Certificate,
                                                           how: str) -> None:
    pin = (Pin.from_pem(SIGNER_PEM.read_bytes()) if how == "pem"
           else Pin.from_fingerprint(SIGNER_SHA256))
    verdict = verify_metadata(parse_xml(body), pin)
    assert verdict.status == "valid", verdict.message
    assert verdict.algorithms == (RSA_SHA1, SHA1)
    assert verdict.weak
    assert verdict.signer_sha256 == fingerprint(signer)
    assert verdict.pinned_not_after == dt.datetime(2015, 8, 1, 11, 22, 51, tzinfo=dt.UTC)
    assert verdict.pinned_expired(NOW)
    assert verdict.signed is not None
    assert etree.QName(verdict.signed).localname == "EntitiesDescriptor"
    assert verdict.signed.get("Name") == "urn:mace:switch.ch:SWITCHaai"
    assert len(verdict.signed.findall("{urn:oasis:names:tc:SAML:2.0:metadata}EntityDescriptor")
               ) > 10


@pytest.mark.parametrize("old, new", TAMPERING)
def test_one_changed_byte_in_what_is_signed_makes_it_invalid(body: bytes, old: bytes,
                                                              new: bytes) -> None:
    verdict = verify_metadata(parse_xml(_tampered(body, old, new)),
                              Pin.from_pem(SIGNER_PEM.read_bytes()))
    assert verdict.status == "invalid"
    assert verdict.signed is None
    assert verdict.algorithms == (RSA_SHA1, SHA1)  # still named: the finding says what was used


def test_a_changed_comment_still_verifies_because_uri_empty_excludes_comments(body: bytes
                                                                             ) -> None:
    """XMLDSig: a ``Reference URI=""`` covers the document without its comments, even under
    ``#WithComments`` (SWITCH signed exactly that); migctl never reads comments either."""
    changed = _tampered(body, b"Generated by AAI Resource Registry",
                        b"Generated by AAI Resource Registrx")
    assert verify_metadata(parse_xml(changed), Pin.from_fingerprint(SIGNER_SHA256)).status == \
        "valid"


@pytest.mark.parametrize("how", ["pem", "fingerprint"])
def test_pinned_to_another_certificate_it_is_signed_by_another_key(
        body: bytes, signer: x509.Certificate, stranger_pem: bytes, how: str) -> None:
    stranger = Pin.from_pem(stranger_pem)
    pin = stranger if how == "pem" else Pin.from_fingerprint(stranger.sha256 or "")
    verdict = verify_metadata(parse_xml(body), pin)
    assert verdict.status == "wrong_key"
    assert verdict.signer_sha256 == fingerprint(signer)
    assert fingerprint(signer) in verdict.message
    assert verdict.signed is None


# --- saml.read_metadata: what a pinned check reports -------------------------------------------

def _expect(*, pem: bytes | None = None, fingerprint_text: str | None = None
            ) -> MetadataExpectations:
    pin = Pin.from_pem(pem) if pem else Pin.from_fingerprint(fingerprint_text or "")
    return MetadataExpectations(role="idp", entity_id=IDP, tenant=None,
                                sp_host="aai-login.ethz.ch", now=NOW, warn_days=30,
                                pin_sha256=pin.sha256, pin_pem=pem.decode() if pem else None)


def _by_code(issues: list) -> dict[str, tuple[str, str]]:
    return {i.code: (i.severity.value, i.message) for i in issues}


@pytest.mark.parametrize("how", ["pem", "fingerprint"])
def test_expired_signer_sha1_and_past_valid_until_are_their_own_findings(body: bytes,
                                                                         how: str) -> None:
    expect = (_expect(pem=SIGNER_PEM.read_bytes()) if how == "pem"
              else _expect(fingerprint_text=SIGNER_SHA256))
    reading = read_metadata(body, expect)
    found = _by_code(reading.issues)
    assert "S015" not in found  # never a wrong key, never "not trusted"
    assert found["S016"][0] == "warning" and "expired on 2015-08-01" in found["S016"][1]
    assert found["S017"][0] == "warning" and "sha1" in found["S017"][1]
    assert found["S013"][0] == "error" and "2010-01-01 00:00Z has passed" in found["S013"][1]
    # 2006 IdPs named their keys (ds:KeyName, checked by PKIX), carrying no certificate:
    assert found["S012"] == ("error", "the IdP metadata has no signing certificate")
    assert set(found) == {"S012", "S013", "S016", "S017"}
    assert reading.summary == f"entityID {IDP}"
    assert {(s.document, s.ident) for s in reading.seen} >= {
        ("saml-signature", Pin.from_fingerprint(SIGNER_SHA256).fingerprint)}


def test_pinned_to_another_key_nothing_but_the_wrong_key_is_read(body: bytes,
                                                                 stranger_pem: bytes) -> None:
    found = _by_code(read_metadata(body, _expect(pem=stranger_pem)).issues)
    assert set(found) == {"S015"}
    assert found["S015"][0] == "error"
    assert "signed by another key than the pinned one" in found["S015"][1]


def test_tampered_real_metadata_is_not_trusted(body: bytes) -> None:
    tampered = _tampered(body, *TAMPERING[0])
    found = _by_code(read_metadata(tampered, _expect(fingerprint_text=SIGNER_SHA256)).issues)
    assert set(found) == {"S015"}
    assert "does not verify" in found["S015"][1]
    assert "another key" not in found["S015"][1]


# --- end to end: served over HTTPS, pinned with `sso trust`, checked with `sso check` --------

@pytest.fixture
def city(cli: Cli) -> Cli:
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    return cli


def _pinned_check(cli: Cli, server: HttpsServer, *pin: str | Path) -> str:
    added = cli.json("sso", "add", "--system", "raindance", "--env", "admin",
                     "--kind", "saml-idp-metadata", "--url", server.url("/switchaai.xml"),
                     "--expect-entity-id", IDP)
    check = str(added["id"])
    trusted = cli.json("sso", "trust", check, *pin)
    assert trusted["sha256"] == Pin.from_fingerprint(SIGNER_SHA256).fingerprint
    return check


def _findings(cli: Cli, pki: Pki) -> dict[str, dict]:
    document = cli.json("sso", "check", "--ca-bundle", pki.ca_file, code=1)
    return {f["code"]: f for f in document["findings"]}


@pytest.mark.parametrize("how", ["cert", "fingerprint"])
def test_cli_pins_the_real_signer_and_reports_age_not_a_wrong_key(
        city: Cli, server: HttpsServer, pki: Pki, body: bytes, how: str) -> None:
    server.routes["/switchaai.xml"] = Answer(200, body, "application/samlmetadata+xml")
    pin: tuple[str | Path, ...] = (("--cert", SIGNER_PEM) if how == "cert"
                                   else ("--fingerprint", SIGNER_SHA256))
    _pinned_check(city, server, *pin)
    found = _findings(city, pki)
    assert "S015" not in found
    assert found["S016"]["severity"] == "warning"
    assert "expired on 2015-08-01" in found["S016"]["message"]
    assert found["S017"]["severity"] == "warning" and "sha1" in found["S017"]["message"]
    assert found["S013"]["severity"] == "error"
    assert "validUntil 2010-01-01" in found["S013"]["message"]


def test_cli_refuses_the_real_document_with_one_byte_changed(
        city: Cli, server: HttpsServer, pki: Pki, body: bytes) -> None:
    server.routes["/switchaai.xml"] = Answer(200, _tampered(body, *TAMPERING[1]),
                                             "application/samlmetadata+xml")
    _pinned_check(city, server, "--cert", SIGNER_PEM)
    found = _findings(city, pki)
    assert found["S015"]["severity"] == "error"
    assert "does not verify" in found["S015"]["message"]
    assert not {"S013", "S016", "S017"} & set(found)  # nothing unsigned is read


def test_cli_pinned_to_another_certificate_names_the_real_signer(
        city: Cli, server: HttpsServer, pki: Pki, body: bytes, stranger_pem: bytes,
        tmp_path: Path) -> None:
    server.routes["/switchaai.xml"] = Answer(200, body, "application/samlmetadata+xml")
    added = city.json("sso", "add", "--system", "raindance", "--env", "admin",
                      "--kind", "saml-idp-metadata", "--url", server.url("/switchaai.xml"),
                      "--expect-entity-id", IDP)
    stranger = tmp_path / "stranger.pem"
    stranger.write_bytes(stranger_pem)
    city("sso", "trust", str(added["id"]), "--cert", stranger)
    found = _findings(city, pki)
    assert "signed by another key than the pinned one" in found["S015"]["message"]
    assert Pin.from_fingerprint(SIGNER_SHA256).fingerprint in found["S015"]["message"]
