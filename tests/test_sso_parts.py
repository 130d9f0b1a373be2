"""The pure parts of the SSO checks: certificates, XML safety, URLs, issuers, the matrix."""

from __future__ import annotations

import time
import warnings
from datetime import UTC, datetime, timedelta

import pytest

from migctl.services.sso import certs, oidc, saml
from migctl.services.sso.config import FieldError, check_url, validate
from migctl.services.sso.fields import S012
from migctl.services.sso.matrix import build_matrix, pass_rates
from tests.sso_documents import BILLION_LAUGHS, cert_element, idp_metadata, pem_of
from tests.sso_server import self_signed

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


def _der(days_left: int, serial: int | None = None) -> bytes:
    return self_signed("signer", not_before=NOW - timedelta(days=10),
                       not_after=NOW + timedelta(days=days_left), serial=serial)


def test_metadata_certificates_read_as_der_pem_and_serial_zero_without_warnings() -> None:
    der = _der(100)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plain = certs.from_metadata_text(cert_element(der))
        wrapped = certs.from_metadata_text(cert_element(der, as_pem=True))
        literal_pem = certs.from_metadata_text(pem_of(der))
        zero = certs.from_metadata_text(cert_element(_der(50, serial=0)))
    assert plain == wrapped == literal_pem
    assert plain.not_after == (NOW + timedelta(days=100)).replace(microsecond=0)
    assert plain.subject == "signer"
    assert zero.not_after == (NOW + timedelta(days=50)).replace(microsecond=0)
    for junk in ("", "not base64!", "aGVsbG8="):
        with pytest.raises(ValueError):
            certs.from_metadata_text(junk)


def test_expiry_is_an_error_when_past_and_a_warning_when_near() -> None:
    facts = certs.from_der(_der(20))
    assert certs.expiry_issues(facts, code=S012, what="x", now=NOW, warn_days=10) == []
    (near,) = certs.expiry_issues(facts, code=S012, what="x", now=NOW, warn_days=30)
    assert near.severity.value == "warning" and "in 20 d" in near.message
    (past,) = certs.expiry_issues(facts, code=S012, what="x", now=NOW + timedelta(days=21),
                                  warn_days=30)
    assert past.severity.value == "error" and "expired on" in past.message
    (early,) = certs.expiry_issues(facts, code=S012, what="x", now=NOW - timedelta(days=11),
                                   warn_days=30)
    assert "not valid before" in early.message


def test_entity_bombs_are_refused_before_any_expansion() -> None:
    start = time.perf_counter()
    with pytest.raises(saml.UnsafeXml):
        saml.parse_xml(BILLION_LAUGHS)
    assert time.perf_counter() - start < 1.0
    utf16 = BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    with pytest.raises(saml.UnsafeXml):
        saml.parse_xml(utf16.encode("utf-16"))


def test_comments_and_processing_instructions_are_skipped() -> None:
    body = idp_metadata("urn:x", [cert_element(_der(400))],
                        valid_until="2027-06-01T00:00:00.1234567Z")
    issues, summary = saml.check_metadata(body, saml.MetadataExpectations(
        role="idp", entity_id="urn:x", tenant=None, sp_host="h", now=NOW, warn_days=30))
    assert issues == []
    assert summary.startswith("entityID urn:x; signing certificate valid until ")


def test_metadata_inside_an_entities_descriptor_is_found_by_entity_id() -> None:
    inner = idp_metadata("urn:b", [cert_element(_der(400))]).decode()
    inner = inner.split("?>", 1)[1]
    body = ('<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">'
            + idp_metadata("urn:a", [cert_element(_der(400))]).decode().split("?>", 1)[1]
            + inner + "</md:EntitiesDescriptor>").encode()
    expect = saml.MetadataExpectations(role="idp", entity_id="urn:b", tenant=None, sp_host="h",
                                       now=NOW, warn_days=30)
    issues, summary = saml.check_metadata(body, expect)
    assert issues == [] and summary.startswith("entityID urn:b;")


def test_the_entra_common_issuer_is_explained_unless_expected() -> None:
    document = dict.fromkeys(oidc.REQUIRED_FIELDS, "x") | {
        "issuer": "https://login.microsoftonline.com/{tenantid}/v2.0",
        "jwks_uri": "https://login.microsoftonline.com/common/discovery/v2.0/keys"}
    issues, jwks_uri = oidc.check_discovery(document, expect_issuer="https://x/t/v2.0",
                                            expect_tenant="t")
    assert len(issues) == 1 and "'common' or 'organizations'" in issues[0].message
    assert jwks_uri is not None
    issues, _ = oidc.check_discovery(document, expect_tenant=None,
                                     expect_issuer=document["issuer"])
    assert issues == []


@pytest.mark.parametrize(("url", "reason"), [
    ("http://idp.example/metadata", "not an https URL"),
    ("https://user:secret@idp.example/metadata", "credentials"),
    ("https://idp.example/metadata?client_secret=abc", "'client_secret' looks like a secret"),
    ("https://idp.example/x?Password=1", "looks like a secret"),
    ("https:///nohost", "has no host"),
    ("https://idp.example:99999/", "invalid port"),
    ("https://idp.example/a b", "is not a URL"),
])
def test_urls_must_be_https_without_credentials(url: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        check_url(url)


def test_expectations_follow_the_kind() -> None:
    base = {"system": "Raindance", "env": "Admin", "url": "https://r.example/login"}
    fields = validate(base | {"kind": "login-redirect", "expect_idp_host": "Login.Example:443",
                              "max_hops": "5"})
    assert (fields.system, fields.env, fields.expect_idp_host, fields.max_hops) == (
        "raindance", "admin", "login.example:443", 5)
    with pytest.raises(FieldError) as missing:
        validate(base | {"kind": "oidc-discovery"})
    assert missing.value.field == "expect_issuer"
    with pytest.raises(FieldError) as foreign:
        validate(base | {"kind": "saml-sp-metadata", "expect_entity_id": "e",
                         "expect_tenant": "t"})
    assert foreign.value.field == "expect_tenant"
    assert "they take expect_entity_id" in str(foreign.value)
    with pytest.raises(FieldError, match="not a host name"):
        validate(base | {"kind": "login-redirect", "expect_idp_host": "https://login.example/"})
    with pytest.raises(FieldError, match="must be a number of seconds"):
        validate(base | {"kind": "login-redirect", "expect_idp_host": "l", "timeout": True})


def test_matrix_cells_take_the_worst_status_and_the_oldest_time() -> None:
    old, new = NOW - timedelta(hours=30), NOW - timedelta(minutes=5)
    items = [
        {"system": "b", "env": "education", "status": "pass", "checked_at": old},
        {"system": "b", "env": "education", "status": "warn", "checked_at": new},
        {"system": "a", "env": "admin", "status": "pass", "checked_at": new},
        {"system": "a", "env": "admin", "status": "never", "checked_at": None},
        {"system": "a", "env": "test", "status": "fail", "checked_at": new},
    ]
    matrix = build_matrix(items, now=NOW)
    assert matrix["environments"] == ["admin", "education", "test"]
    cells = {(c["system"], c["env"]): c for c in matrix["matrix"]}
    assert list(cells) == [("a", "admin"), ("a", "test"), ("b", "education")]
    assert cells[("a", "admin")] == {
        "system": "a", "env": "admin", "status": "never", "checks": 2, "pass": 1, "warn": 0,
        "fail": 0, "never": 1, "checked_at": None, "age_minutes": None}
    assert cells[("a", "test")]["status"] == "fail"
    assert cells[("b", "education")]["status"] == "warn"
    assert cells[("b", "education")]["checked_at"] == old
    assert cells[("b", "education")]["age_minutes"] == 30 * 60
    # the never-run admin check is left out of the rate; an environment never run has none
    assert pass_rates(items) == {"admin": 100.0, "education": 100.0, "test": 0.0}
    assert pass_rates([{"system": "a", "env": "admin", "status": "never"}]) == {"admin": None}
