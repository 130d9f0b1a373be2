"""The SSO probes against a real HTTPS server on 127.0.0.1, with certificates made here.

One run probes every scenario at once (as `migctl sso check` does), then each scenario's
result is asserted on its own: metadata, discovery, JWKS, redirect chains, hostile XML, size
and time caps, and TLS certificates that are expired, for the wrong host or expiring soon.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from migctl.services.sso.probe import run_probes
from migctl.services.sso.spec import ProbeOptions, ProbeResult, ProbeSpec
from tests.sso_documents import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    cert_element,
    discovery,
    idp_metadata,
    jwks,
    sp_metadata,
)
from tests.sso_server import Answer, HttpsServer, Pki, self_signed

ADMIN = "5c1e3a8b-2f47-4d96-8e0b-7a13c9d2f604"
EDU = "a9d04f6e-71b3-4c28-95ea-e2b7f3186c0d"
NOW = datetime.now(UTC)


def _cert(days_left: float, *, serial: int | None = None, as_pem: bool = False) -> str:
    der = self_signed("idp signing", not_before=NOW - timedelta(days=400),
                      not_after=NOW + timedelta(days=days_left), serial=serial)
    return cert_element(der, as_pem=as_pem)


@dataclass
class Servers:
    pki: Pki
    good: HttpsServer
    expired: HttpsServer
    wrong_host: HttpsServer
    soon: HttpsServer
    closed_port: int
    extra: dict[str, Any] = field(default_factory=dict)


def _hops(path: str) -> Answer:
    if path.startswith("/hops/"):
        number = int(path.rsplit("/", 1)[1])
        return Answer(302, headers={"Location": f"/hops/{number + 1}"})
    return Answer(404, b"not found")


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    pki = Pki(tmp_path_factory.mktemp("pki"))
    good = HttpsServer(*pki.leaf("good"), default=_hops).start()
    expired = HttpsServer(*pki.leaf("expired", expired=True)).start()
    wrong_host = HttpsServer(*pki.leaf("wrong", hosts=["sso.wrong.example"])).start()
    soon = HttpsServer(*pki.leaf("soon", valid_days=10)).start()
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    idp = f"https://localhost:{good.port}/{ADMIN}/oauth2/authorize?client_id=raindance"
    entity = f"https://sts.windows.net/{ADMIN}/"
    xml = "application/samlmetadata+xml"
    good.routes.update({
        "/idp/ok.xml": Answer(200, idp_metadata(
            entity, [_cert(700, as_pem=True), _cert(300, serial=0)],
            valid_until=(NOW + timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%S.%f0Z")), xml),
        "/idp/expired-cert.xml": Answer(200, idp_metadata(entity, [_cert(-3)]), xml),
        "/idp/rollover.xml": Answer(200, idp_metadata(entity, [_cert(-3), _cert(400)]), xml),
        "/idp/expiring-cert.xml": Answer(200, idp_metadata(entity, [_cert(10)]), xml),
        "/idp/valid-until-passed.xml": Answer(200, idp_metadata(
            entity, [_cert(400)], valid_until="2020-01-01T00:00:00Z"), xml),
        "/sp/ok.xml": Answer(200, sp_metadata("https://app/saml", [
            "https://127.0.0.1/saml/acs", "https://127.0.0.1/saml/acs2"]), xml),
        "/sp/bad-endpoints.xml": Answer(200, sp_metadata("https://app/saml", [
            "http://127.0.0.1/saml/acs", "https://evil.example/saml/acs"]), xml),
        "/bomb.xml": Answer(200, BILLION_LAUGHS, xml),
        "/xxe.xml": Answer(200, EXTERNAL_ENTITY, xml),
        "/broken.xml": Answer(200, b"<md:EntityDescriptor><unclosed></md:EntityDescriptor>", xml),
        "/huge.xml": Answer(200, b" " * (6 * 1024 * 1024), xml),
        "/huge-chunked.xml": Answer(200, b" " * (6 * 1024 * 1024), xml, chunked=True),
        "/oidc/admin": Answer(200, discovery(f"https://login.example/{ADMIN}/v2.0",
                                             good.url("/oidc/keys")), "application/json"),
        "/oidc/common": Answer(200, discovery(
            "https://login.microsoftonline.com/{tenantid}/v2.0", good.url("/oidc/keys")),
            "application/json"),
        "/oidc/missing": Answer(200, discovery(f"https://login.example/{ADMIN}/v2.0", None,
                                               drop=["token_endpoint", "jwks_uri"])),
        "/oidc/empty-keys": Answer(200, discovery(f"https://login.example/{ADMIN}/v2.0",
                                                  good.url("/oidc/no-keys"))),
        "/oidc/keys-404": Answer(200, discovery(f"https://login.example/{ADMIN}/v2.0",
                                                good.url("/oidc/gone"))),
        "/oidc/keys-expired-tls": Answer(200, discovery(f"https://login.example/{ADMIN}/v2.0",
                                                        expired.url("/oidc/keys"))),
        "/oidc/not-json": Answer(200, b"<html>sign in</html>", "text/html"),
        "/oidc/keys": Answer(200, jwks(2), "application/json"),
        "/oidc/no-keys": Answer(200, jwks(0), "application/json"),
        "/login/admin": Answer(302, headers={"Location": "/sso/start?realm=admin"}),
        "/sso/start": Answer(302, headers={"Location": idp}),
        "/login/form": Answer(200, b"<form method=post>", "text/html"),
        "/loop/a": Answer(302, headers={"Location": "/loop/b"}),
        "/loop/b": Answer(302, headers={"Location": good.url("/loop/a")}),
        "/login/broken": Answer(500, b"oops"),
        "/login/plain-http": Answer(302, headers={"Location": "http://localhost/login"}),
        "/slow": Answer(200, b"late", delay_s=3),
    })
    expired.routes["/idp/ok.xml"] = good.routes["/idp/ok.xml"]
    expired.routes["/oidc/keys"] = good.routes["/oidc/keys"]
    wrong_host.routes["/idp/ok.xml"] = good.routes["/idp/ok.xml"]
    soon.routes["/login/admin"] = Answer(302, headers={"Location": idp})
    try:
        yield Servers(pki, good, expired, wrong_host, soon, closed_port)
    finally:
        for server in (good, expired, wrong_host, soon):
            server.stop()


def _scenarios(s: Servers) -> dict[str, ProbeSpec]:
    g = s.good.url
    entity = f"https://sts.windows.net/{ADMIN}/"

    def idp(url: str, **kw: Any) -> dict[str, Any]:
        return {"kind": "saml-idp-metadata", "url": url, "expect_entity_id": entity,
                "expect_tenant": ADMIN} | kw

    def oidc(url: str, **kw: Any) -> dict[str, Any]:
        return {"kind": "oidc-discovery", "url": url,
                "expect_issuer": f"https://login.example/{ADMIN}/v2.0"} | kw

    def login(url: str, **kw: Any) -> dict[str, Any]:
        return {"kind": "login-redirect", "url": url, "expect_idp_host": "localhost",
                "expect_tenant": ADMIN} | kw

    raw = {
        "idp_ok": idp(g("/idp/ok.xml")),
        "idp_wrong_entity": idp(g("/idp/ok.xml"), expect_entity_id=f"https://sts.windows.net/"
                                                                   f"{EDU}/", expect_tenant=EDU),
        "idp_expired_cert": idp(g("/idp/expired-cert.xml")),
        "idp_rollover": idp(g("/idp/rollover.xml")),
        "idp_expiring_cert": idp(g("/idp/expiring-cert.xml")),
        "idp_valid_until": idp(g("/idp/valid-until-passed.xml")),
        "idp_given_sp_metadata": idp(g("/sp/ok.xml")),
        "sp_ok": {"kind": "saml-sp-metadata", "url": g("/sp/ok.xml"),
                  "expect_entity_id": "https://app/saml"},
        "sp_bad_endpoints": {"kind": "saml-sp-metadata", "url": g("/sp/bad-endpoints.xml"),
                             "expect_entity_id": "https://app/saml"},
        "xml_bomb": idp(g("/bomb.xml")),
        "xml_external_entity": idp(g("/xxe.xml")),
        "xml_broken": idp(g("/broken.xml")),
        "xml_huge": idp(g("/huge.xml")),
        "xml_huge_chunked": idp(g("/huge-chunked.xml")),
        "metadata_404": idp(g("/idp/nowhere.xml")),
        "oidc_ok": oidc(g("/oidc/admin"), expect_tenant=ADMIN),
        "oidc_wrong_issuer": oidc(g("/oidc/admin"),
                                  expect_issuer=f"https://login.example/{EDU}/v2.0"),
        "oidc_common": oidc(g("/oidc/common")),
        "oidc_missing_fields": oidc(g("/oidc/missing")),
        "oidc_empty_jwks": oidc(g("/oidc/empty-keys")),
        "oidc_jwks_404": oidc(g("/oidc/keys-404")),
        "oidc_jwks_expired_tls": oidc(g("/oidc/keys-expired-tls")),
        "oidc_not_json": oidc(g("/oidc/not-json")),
        "redirect_ok": login(g("/login/admin")),
        "redirect_idp_host_with_port": login(g("/login/admin"),
                                             expect_idp_host=f"localhost:{s.good.port}"),
        "redirect_wrong_tenant": login(g("/login/admin"), expect_tenant=EDU),
        "redirect_to_a_form": login(g("/login/form")),
        "redirect_loop": login(g("/loop/a")),
        "redirect_too_many_hops": login(g("/hops/0"), max_hops=3),
        "redirect_server_error": login(g("/login/broken")),
        "redirect_to_plain_http": login(g("/login/plain-http")),
        "slow_endpoint": login(g("/slow"), timeout_s=0.5),
        "connection_refused": login(f"https://127.0.0.1:{s.closed_port}/login"),
        "tls_expired": idp(s.expired.url("/idp/ok.xml")),
        "tls_wrong_host": idp(s.wrong_host.url("/idp/ok.xml")),
        "tls_expiring_soon": login(s.soon.url("/login/admin")),
    }
    return {name: ProbeSpec(check_id=i, system="raindance", env="admin", **fields)
            for i, (name, fields) in enumerate(raw.items(), 1)}


@pytest.fixture(scope="module")
def results(servers: Servers) -> dict[str, ProbeResult]:
    specs = _scenarios(servers)
    done: list[int] = []
    probed = run_probes(list(specs.values()),
                        ProbeOptions(now=NOW, ca_bundle=servers.pki.ca_file), done.append)
    assert done == list(range(1, len(specs) + 1))
    return dict(zip(specs, probed, strict=True))


#: scenario → (status, codes found, a phrase the first message must hold)
EXPECTED: dict[str, tuple[str, list[str], str]] = {
    "idp_ok": ("pass", [], ""),
    "idp_wrong_entity": ("fail", ["S011", "S011"], "expected 'https://sts.windows.net/a9d04f6e"),
    "idp_expired_cert": ("fail", ["S012"], "expired on"),
    "idp_rollover": ("warn", ["S012"], "another signing certificate is still valid"),
    "idp_expiring_cert": ("warn", ["S012"], "within --warn-days 30"),
    "idp_valid_until": ("fail", ["S013"], "validUntil 2020-01-01 00:00Z has passed"),
    "idp_given_sp_metadata": ("fail", ["S010"], "not IdP metadata"),
    "sp_ok": ("pass", [], ""),
    "sp_bad_endpoints": ("fail", ["S014", "S014"], "http://127.0.0.1/saml/acs is not https"),
    "xml_bomb": ("fail", ["S010"], "unsafe XML refused"),
    "xml_external_entity": ("fail", ["S010"], "unsafe XML refused"),
    "xml_broken": ("fail", ["S010"], "not well-formed XML"),
    "xml_huge": ("fail", ["S010"], "larger than 5 MB"),
    "xml_huge_chunked": ("fail", ["S010"], "larger than 5 MB"),
    "metadata_404": ("fail", ["S002"], "HTTP 404"),
    "oidc_ok": ("pass", [], ""),
    "oidc_wrong_issuer": ("fail", ["S020"], "expected 'https://login.example/a9d04f6e"),
    "oidc_common": ("fail", ["S020"], "multi-tenant template"),
    "oidc_missing_fields": ("fail", ["S020"], "required fields missing: token_endpoint, jwks_uri"),
    "oidc_empty_jwks": ("fail", ["S021"], "holds no keys"),
    "oidc_jwks_404": ("fail", ["S021"], "HTTP 404 from jwks_uri"),
    "oidc_jwks_expired_tls": ("fail", ["S003"], "certificate has expired"),
    "oidc_not_json": ("fail", ["S020"], "not JSON"),
    "redirect_ok": ("pass", [], ""),
    "redirect_idp_host_with_port": ("pass", [], ""),
    "redirect_wrong_tenant": ("fail", ["S030"], "tenant 'a9d04f6e"),
    "redirect_to_a_form": ("fail", ["S030"], "answered HTTP 200 after 0 redirect(s)"),
    "redirect_loop": ("fail", ["S031"], "redirect loop"),
    "redirect_too_many_hops": ("fail", ["S031"], "more than 3 redirects"),
    "redirect_server_error": ("fail", ["S002"], "HTTP 500"),
    "redirect_to_plain_http": ("fail", ["S030"], "non-https"),
    "slow_endpoint": ("fail", ["S001"], "no answer from 127.0.0.1 within 0.5 s"),
    "connection_refused": ("fail", ["S001"], "cannot reach 127.0.0.1"),
    "tls_expired": ("fail", ["S003"], "certificate has expired"),
    "tls_wrong_host": ("fail", ["S003"], "not valid for '127.0.0.1'"),
    "tls_expiring_soon": ("warn", ["S003"], "TLS certificate of 127.0.0.1"),
}


@pytest.mark.parametrize("scenario", list(EXPECTED))
def test_scenario(results: dict[str, ProbeResult], scenario: str) -> None:
    status, codes, phrase = EXPECTED[scenario]
    result = results[scenario]
    assert [i.code for i in result.issues] == codes, result.issues
    assert result.status == status
    if phrase:
        assert phrase in result.issues[0].message
    assert result.duration_ms >= 0
    assert NOW <= result.checked_at <= NOW + timedelta(seconds=30)


def test_every_scenario_has_an_expectation(servers: Servers) -> None:
    assert set(_scenarios(servers)) == set(EXPECTED)


def test_passing_checks_say_what_they_saw(results: dict[str, ProbeResult]) -> None:
    assert results["redirect_ok"].summary.startswith("2 redirect(s) to https://localhost:")
    assert results["oidc_ok"].summary == (f"issuer https://login.example/{ADMIN}/v2.0; "
                                          "2 key(s) in the JWKS")
    ok = results["idp_ok"].summary
    assert ok.startswith(f"entityID https://sts.windows.net/{ADMIN}/; signing certificate "
                         "valid until ")
    assert ok.endswith((NOW + timedelta(days=700)).strftime("%Y-%m-%d"))


def test_all_findings_of_a_check_are_kept(results: dict[str, ProbeResult]) -> None:
    messages = [i.message for i in results["sp_bad_endpoints"].issues]
    assert messages[1] == ("AssertionConsumerService https://evil.example/saml/acs is not on the "
                           "system's host 127.0.0.1")
    wrong = [i.message for i in results["idp_wrong_entity"].issues]
    assert "does not name tenant 'a9d04f6e" in wrong[1]


def test_expiry_is_judged_at_the_given_now(servers: Servers) -> None:
    """Checks take "now" as given: 320 days on, validUntil (200 d) has passed and the serial-0
    signing certificate (300 d) has expired, while the PEM one (700 d) still covers it."""
    spec = _scenarios(servers)["idp_ok"]
    later = NOW + timedelta(days=320)
    (result,) = run_probes([spec], ProbeOptions(now=later, ca_bundle=servers.pki.ca_file))
    assert [(i.code, i.severity.value) for i in result.issues] == [
        ("S013", "error"), ("S012", "warning")]
    assert "another signing certificate is still valid" in result.issues[1].message
    (soon,) = run_probes([spec], ProbeOptions(now=NOW + timedelta(days=350),
                                              ca_bundle=servers.pki.ca_file))
    assert soon.issues[0].code == "S003"  # the server's own certificate: 15 days left
    assert "within --warn-days 30" in soon.issues[0].message


def test_concurrency_one_still_checks_everything(servers: Servers) -> None:
    specs = [s for name, s in _scenarios(servers).items() if name.startswith("redirect_ok")]
    results = run_probes(specs * 3, ProbeOptions(now=NOW, concurrency=1,
                                                 ca_bundle=servers.pki.ca_file))
    assert [r.status for r in results] == ["pass"] * 3


def test_a_missing_or_bad_ca_bundle_is_a_usage_error(tmp_path: Path) -> None:
    from migctl.errors import UsageError
    from migctl.services.sso.probe import ssl_context

    with pytest.raises(UsageError, match="no such file"):
        ssl_context(tmp_path / "nope.pem")
    (tmp_path / "junk.pem").write_text("not a certificate")
    with pytest.raises(UsageError, match="not a PEM bundle"):
        ssl_context(tmp_path / "junk.pem")
