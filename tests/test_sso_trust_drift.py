"""Issue 22 end to end, against real HTTPS servers on 127.0.0.1: pinned signed metadata
(`sso trust`), JWKS keys that change between runs (drift, `sso history CHECK`, `sso diff`),
the certificate calendar (`sso certs`, `cutover settings --hypercare-end`), SP metadata per
environment; and issue 17's SSO items (the first URL is always fetched, "–" pass rates, the
demo's recorded runs). Documents are signed here by keys generated here; one real federation's
signed metadata is verified in tests/test_sso_realworld_metadata.py."""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import XMLSigner

from tests.conftest import SAMPLE_DATA, Cli
from tests.sso_documents import BILLION_LAUGHS, discovery, jwks, sp_metadata
from tests.sso_server import Answer, HttpsServer, Pki

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
ENTITY = "https://idp.kaupunki.example/"
NOW = dt.datetime.now(dt.UTC)


def _metadata(extra: str = "") -> str:
    return (f'<md:EntityDescriptor xmlns:md="{MD}" ID="meta1" entityID="{ENTITY}">'
            '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:'
            f'protocol">{extra}<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:'
            'bindings:HTTP-Redirect" Location="https://idp.kaupunki.example/sso"/>'
            "</md:IDPSSODescriptor></md:EntityDescriptor>")


def _key(cert: x509.Certificate) -> str:
    data = base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()
    return (f'<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="{DS}"><ds:X509Data>'
            f"<ds:X509Certificate>{data}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
            "</md:KeyDescriptor>")


class Signer:
    def __init__(self, name: str, *, days: int = 365, started: int = 10) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        start = NOW - dt.timedelta(days=started)
        self.cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
                     .sign(self.key, hashes.SHA256()))

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def sign(self, xml: str | None = None) -> bytes:
        key = self.key.private_bytes(serialization.Encoding.PEM,
                                     serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())
        signer = XMLSigner(c14n_algorithm="http://www.w3.org/2001/10/xml-exc-c14n#")
        signed = signer.sign(etree.fromstring((xml or _metadata(_key(self.cert))).encode()),
                             key=key,
                             cert=[self.cert], reference_uri="meta1")
        return etree.tostring(signed)


@pytest.fixture(scope="module")
def idp() -> Signer:
    return Signer("idp.kaupunki.example")


@pytest.fixture(scope="module")
def other() -> Signer:
    return Signer("someone.else.example")


@pytest.fixture
def city(cli: Cli) -> Cli:
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    return cli


def _add(cli: Cli, *args: str) -> int:
    document = cli.json("sso", "add", *args)
    return int(document["id"])


def _idp_check(cli: Cli, server: HttpsServer) -> int:
    return _add(cli, "--system", "raindance", "--env", "admin", "--kind", "saml-idp-metadata",
                "--url", server.url("/metadata.xml"), "--expect-entity-id", ENTITY)


def _run(cli: Cli, pki: Pki, code: int | None = None) -> dict:
    return cli.json("sso", "check", "--ca-bundle", pki.ca_file, code=code)


def _codes(document: dict) -> list[str]:
    return sorted(f["code"] for f in document["findings"])


# --- trusted metadata -----------------------------------------------------------------------

def test_pinned_metadata_passes_and_fails_when_the_server_stops_using_the_pinned_key(
        city: Cli, server: HttpsServer, pki: Pki, idp: Signer, other: Signer,
        tmp_path: Path) -> None:
    check = _idp_check(city, server)
    server.routes["/metadata.xml"] = Answer(200, idp.sign())
    pem = tmp_path / "idp.pem"
    pem.write_bytes(idp.pem)
    trusted = city.json("sso", "trust", str(check), "--cert", pem)
    assert trusted["sha256"] == idp.cert.fingerprint(hashes.SHA256()).hex()
    assert _run(city, pki, code=0)["summary"]["fail"] == 0

    server.routes["/metadata.xml"] = Answer(200, other.sign())
    document = _run(city, pki, code=1)
    messages = {f["code"]: f for f in document["findings"] if f["code"] in ("S015", "S040")}
    assert "signed by another key than the pinned one" in messages["S015"]["message"]
    drifts = [f for f in document["findings"] if f["code"] == "S040"]
    gone = next(f for f in drifts if "the pinned key" in f["message"])
    assert gone["severity"] == "error"
    diff = city.json("sso", "diff", str(check))
    assert {(c["document"], c["change"], c["severity"]) for c in diff["changes"]} >= {
        ("saml-signature", "removed", "error"), ("saml-signature", "added", "warning")}


def test_trust_is_audited_and_refuses_non_saml_checks(city: Cli, server: HttpsServer,
                                                      idp: Signer) -> None:
    check = _idp_check(city, server)
    fingerprint = idp.cert.fingerprint(hashes.SHA256()).hex()
    city("sso", "trust", str(check), "--fingerprint", ":".join(
        fingerprint[i:i + 2] for i in range(0, 64, 2)))
    from sqlalchemy import create_engine, text

    with create_engine(city.db_url).connect() as connection:
        actions = connection.execute(text(
            "select action, summary from audit_event where entity_type='sso_check'")).all()
    assert any(a == "trust" and fingerprint in s for a, s in actions)
    oidc = _add(city, "--system", "entra", "--env", "admin", "--kind", "oidc-discovery",
                "--url", server.url("/d"), "--expect-issuer", "https://x.example")
    result = city("sso", "trust", str(oidc), "--fingerprint", fingerprint, code=2)
    assert "only SAML metadata" in result.stderr
    result = city("sso", "trust", str(check), code=2)
    assert "--cert" in result.stderr


@pytest.mark.parametrize("body, code, phrase", [
    (None, "S015", "not signed"),
    ("tampered", "S015", "does not verify"),
    ("wrapped", "S015", ""),
    (BILLION_LAUGHS, "S010", "unsafe XML refused"),
])
def test_unsigned_tampered_wrapped_and_hostile_metadata_fail(
        city: Cli, server: HttpsServer, pki: Pki, idp: Signer, tmp_path: Path,
        body: bytes | str | None, code: str, phrase: str) -> None:
    check = _idp_check(city, server)
    pem = tmp_path / "idp.pem"
    pem.write_bytes(idp.pem)
    city("sso", "trust", str(check), "--cert", pem)
    if body is None:
        served = _metadata(_key(idp.cert)).encode()
    elif body == "tampered":
        served = idp.sign().replace(b"https://idp.kaupunki.example/sso", b"https://evil.example/")
    elif body == "wrapped":
        signed = etree.fromstring(idp.sign())
        evil = etree.Element(f"{{{MD}}}EntityDescriptor", ID="evil", entityID=ENTITY,
                             nsmap={"md": MD})
        signature = signed.find("{http://www.w3.org/2000/09/xmldsig#}Signature")
        assert signature is not None
        evil.append(signature)
        etree.SubElement(evil, f"{{{MD}}}Extensions").append(signed)
        served = etree.tostring(evil)
    else:
        assert isinstance(body, bytes)
        served = body
    server.routes["/metadata.xml"] = Answer(200, served)
    document = _run(city, pki, code=1)
    finding = next(f for f in document["findings"] if f["code"] == code)
    assert finding["severity"] == "error" and phrase in finding["message"]


def test_an_expired_pinned_certificate_is_a_finding_of_its_own(
        city: Cli, server: HttpsServer, pki: Pki, tmp_path: Path) -> None:
    old = Signer("old.idp.example", days=365, started=800)
    check = _idp_check(city, server)
    pem = tmp_path / "old.pem"
    pem.write_bytes(old.pem)
    city("sso", "trust", str(check), "--cert", pem)
    current = Signer("current.idp.example").cert  # the assertion-signing key in the metadata
    server.routes["/metadata.xml"] = Answer(200, old.sign(_metadata(_key(current))))
    document = _run(city, pki, code=0)
    assert _codes(document) == ["S016"]
    assert document["findings"][0]["severity"] == "warning"


def test_valid_until_in_the_past_fails_and_within_seven_days_warns(
        city: Cli, server: HttpsServer, pki: Pki) -> None:
    _idp_check(city, server)
    soon = (NOW + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later = (NOW + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M:%SZ")
    past = (NOW - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    signing = Signer("valid.idp.example").cert
    for stamp, status in ((later, 0), (soon, 0), (past, 1)):
        xml = _metadata(_key(signing)).replace(f'entityID="{ENTITY}"', f'entityID="{ENTITY}" '
                                                          f'validUntil="{stamp}"')
        server.routes["/metadata.xml"] = Answer(200, xml.encode())
        document = _run(city, pki, code=status)
        codes = [(f["code"], f["severity"]) for f in document["findings"]]
        expected = {later: [], soon: [("S013", "warning")], past: [("S013", "error")]}[stamp]
        assert codes == expected


# --- OIDC keys and drift --------------------------------------------------------------------

def test_jwks_keys_that_change_between_runs_are_drift_and_history_shows_them(
        city: Cli, server: HttpsServer, pki: Pki) -> None:
    check = _add(city, "--system", "entra", "--env", "education", "--kind", "oidc-discovery",
                 "--url", server.url("/disc"), "--expect-issuer", "https://login.example/edu")
    server.routes["/disc"] = Answer(200, discovery("https://login.example/edu",
                                                   server.url("/keys")))
    server.routes["/keys"] = Answer(200, jwks(1, kids=["old"]))
    assert _codes(_run(city, pki, code=0)) == []
    server.routes["/keys"] = Answer(200, jwks(2, kids=["old", "new"]))
    rolled = _run(city, pki, code=0)
    (drift,) = rolled["findings"]
    assert drift["code"] == "S040" and drift["severity"] == "warning"
    assert "roll-over in progress" in drift["message"] and "first seen" in drift["message"]
    server.routes["/keys"] = Answer(200, jwks(1, kids=["new"]))
    gone = _run(city, pki, code=0)
    assert [f["message"].split(";")[0] for f in gone["findings"]] == [
        "jwks-kid key old is no longer published"]
    history = city.json("sso", "history", str(check))
    assert [sorted(k["ident"] for k in run["keys"] if k["document"] == "jwks-kid")
            for run in history["runs"]] == [["new"], ["new", "old"], ["old"]]
    diff = city.json("sso", "diff", str(check))
    assert [(c["change"], c["ident"]) for c in diff["changes"]] == [("removed", "old")]


def test_an_advertised_algorithm_without_a_key_is_a_finding(city: Cli, server: HttpsServer,
                                                            pki: Pki) -> None:
    _add(city, "--system", "entra", "--env", "admin", "--kind", "oidc-discovery",
         "--url", server.url("/disc"), "--expect-issuer", "https://login.example/adm")
    document = json.loads(discovery("https://login.example/adm", server.url("/keys")))
    document["id_token_signing_alg_values_supported"] = ["RS256", "ES256"]
    server.routes["/disc"] = Answer(200, json.dumps(document).encode())
    server.routes["/keys"] = Answer(200, jwks(1))
    result = _run(city, pki, code=1)
    (finding,) = result["findings"]
    assert finding["code"] == "S022"
    assert finding["message"] == "ES256 is advertised but the JWKS has no EC signing key on P-256"


# --- SP metadata per environment ------------------------------------------------------------

def test_sp_metadata_must_publish_exactly_its_environments_acs(city: Cli, server: HttpsServer,
                                                               pki: Pki) -> None:
    acs = server.url("/saml/acs/edu", host="127.0.0.1")
    _add(city, "--system", "basware", "--env", "education", "--kind", "saml-sp-metadata",
         "--url", server.url("/sp.xml"), "--expect-entity-id", "https://sp.example/edu",
         "--expect-acs", acs)
    server.routes["/sp.xml"] = Answer(200, sp_metadata("https://sp.example/edu", [acs]))
    assert _run(city, pki, code=0)["findings"] == []
    admin_acs = server.url("/saml/acs/admin")
    server.routes["/sp.xml"] = Answer(200, sp_metadata("https://sp.example/edu", [admin_acs]))
    messages = [f["message"] for f in _run(city, pki, code=1)["findings"]]
    assert f"AssertionConsumerService {acs} is expected but not published" in messages
    assert (f"AssertionConsumerService {admin_acs} is published but not expected for this "
            "environment") in messages


# --- the certificate calendar ---------------------------------------------------------------

def test_sso_certs_reads_expiry_against_the_cutover_window(city: Cli, server: HttpsServer,
                                                           pki: Pki, idp: Signer) -> None:
    _idp_check(city, server)
    server.routes["/metadata.xml"] = Answer(200, idp.sign())
    _run(city, pki)
    not_after = idp.cert.not_valid_after_utc
    start = (not_after - dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    end = (not_after + dt.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    city("cutover", "settings", "--window-start", start, "--window-end", end)
    rows = city.json("sso", "certs")
    assert all(list(row) == ["subject", "issuer", "sha256", "not_after", "days_left",
                             "severity", "collides_with", "seen"] for row in rows)
    signer = next(r for r in rows if r["sha256"] == idp.cert.fingerprint(hashes.SHA256()).hex())
    assert (signer["severity"], signer["collides_with"]) == ("error", "cutover window")
    assert all(list(s) == ["check", "env", "document", "at"] for s in signer["seen"])
    assert {s["document"] for s in signer["seen"]} == {"saml-signature", "saml-signing"}
    assert any(r["seen"][0]["document"] == "tls" for r in rows)
    # the chain the connection verified is recorded above the leaf: here the test CA
    ca = next(r for r in rows if r["sha256"] == pki.ca_cert.fingerprint(hashes.SHA256()).hex())
    assert {s["document"] for s in ca["seen"]} == {"tls-chain"}
    until = (not_after - dt.timedelta(days=30)).strftime("%Y-%m-%d")
    assert all(r["sha256"] != signer["sha256"] for r in city.json("sso", "certs", "--until",
                                                                  until))
    assert city("sso", "certs", "--until", "not-a-date", code=2).stderr.startswith("error:")
    status = city.json("status")["sections"]["sso"]
    assert any(e["collides_with"] == "cutover window" for e in status["expiries"])


def test_hypercare_end_is_a_cutover_setting(city: Cli, tmp_path: Path) -> None:
    runbook = tmp_path / "runbook.csv"
    runbook.write_text("key;title;workstream;system;owner;kind;duration;depends_on;"
                       "planned_start;rollback_note;criteria\n"
                       "MS-030;Go-live;Yleinen;;Riikka;milestone;0m;;2027-01-04T07:00:00+02:00;;\n"
                       "HC-070;Hypercare ends;Hypercare;;Riikka;milestone;0m;MS-030;"
                       "2027-02-26T16:00:00+02:00;;\n", encoding="utf-8")
    city("task", "import", runbook)
    document = city.json("cutover", "settings", "--hypercare-end", "hc-070")
    assert document["hypercare_end"] == "HC-070"
    assert city.json("settings", "list")["cutover.hypercare_end"] == "HC-070"
    assert "no such task" in city("cutover", "settings", "--hypercare-end", "NOPE-1",
                                  code=2).stderr


# --- issue 17 -------------------------------------------------------------------------------

def test_a_login_starting_on_the_idp_host_is_fetched(city: Cli, server: HttpsServer,
                                                     pki: Pki) -> None:
    _add(city, "--system", "raindance", "--env", "admin", "--kind", "login-redirect",
         "--url", server.url("/login"), "--expect-idp-host", f"127.0.0.1:{server.port}")
    server.routes["/login"] = Answer(500, b"down")
    (finding,) = _run(city, pki, code=1)["findings"]
    assert finding["code"] == "S002"
    server.routes["/login"] = Answer(200, b"<html>login</html>")
    assert _run(city, pki, code=0)["findings"] == []


def test_a_pass_rate_of_an_environment_that_never_ran_is_a_dash() -> None:
    from migctl.render.sections import DocView
    from migctl.render.status_sso import sso_markdown

    section = {"environments": ["admin", "education"], "pass_rate": {"admin": 100.0,
                                                                     "education": None},
               "matrix": [{"system": "x", "env": "admin", "status": "pass", "age_minutes": 5},
                          {"system": "x", "env": "education", "status": "never",
                           "age_minutes": None}], "expiries": []}
    text = sso_markdown(section, DocView(lang="en", tz=dt.UTC))  # type: ignore[arg-type]
    assert "| Pass rate | 100 % | – |" in text


def test_the_demo_records_two_sso_runs_with_an_education_roll_over(bare_cli: Cli) -> None:
    bare_cli("demo")
    section = bare_cli.json("status")["sections"]["sso"]
    assert section["counts"]["never"] == 0 and section["counts"]["checks"] > 0
    assert section["pass_rate"]["admin"] == 100.0
    rolled = [p for p in section["problems"] if "S040" in p["codes"]]
    assert rolled and {p["env"] for p in rolled} == {"education"}
    assert len(bare_cli.json("sso", "history")) == 2
    assert any(e["collides_with"] == "hypercare" for e in section["expiries"])
