"""The demo's SSO step: the sample city's checks from sso.toml, and two recorded runs.

The demo has no network, so its SSO endpoints are stood in for by a local HTTPS server on
127.0.0.1 (:mod:`migctl.services.sso.standin`, a CA of its own as the run's CA bundle): the
real probes run against it, so the matrix, the pass-rate KPIs and `sso-pass` gate criteria all
read the same recorded results. The first run is a day before the story's morning, the second
on it; between them the education tenant starts a signing-key roll-over (a second SAML
signing certificate in its IdP metadata, a second key in its JWKS), which the second run
reports as drift warnings. The education tenant's old signing certificate expires during
hypercare, which the certificate calendar (`sso certs`, status) shows.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization

from migctl.services.sso.importer import import_checks
from migctl.services.sso.read import check_rows

if TYPE_CHECKING:
    from migctl.services.demo.context import DemoContext
    from migctl.services.sso.standin import StandIn

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
HYPERCARE_END_TASK = "HC-070"


def load_demo(context: DemoContext) -> None:
    path = context.sample_dir / "sso.toml"
    if not path.is_file():
        return
    import_checks(context.session, context.actor, path=path)
    context.loaded.append("sso.toml")
    _hypercare_end(context)
    record_demo_runs(context)


def _hypercare_end(context: DemoContext) -> None:
    from migctl.services.runbook.read import load_runbook
    from migctl.services.sso.cert_calendar import set_hypercare_end

    if HYPERCARE_END_TASK in load_runbook(context.session).index:
        set_hypercare_end(context.session, context.actor, HYPERCARE_END_TASK)


def _signing_certs(now: datetime) -> dict[str, list[str]]:
    """Run → env → the base64 signing certificates its IdP metadata publishes."""
    from migctl.services.sso.standin import certificate

    def b64(common_name: str, start: datetime, end: datetime) -> str:
        cert, _key = certificate(common_name, not_before=start, not_after=end)
        return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode()

    name = "Microsoft Azure Federated SSO Certificate"
    return {
        "admin": [b64(name, now - timedelta(days=500), now + timedelta(days=1000))],
        # expires in hypercare (the story's go-live is 2027-01-04, hypercare ends in February)
        "education-old": [b64(name, now - timedelta(days=1035), now + timedelta(days=59))],
        "education-new": [b64(name, now - timedelta(days=1), now + timedelta(days=1095))],
    }


def _modulus(seed: int) -> str:
    number = (1 << 2047) | (seed * 7919 + 1)
    return base64.urlsafe_b64encode(number.to_bytes(256, "big")).rstrip(b"=").decode()


def _idp_metadata(entity_id: str, certificates: list[str]) -> bytes:
    keys = "".join(f'<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data>'
                   f"<ds:X509Certificate>{c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
                   "</md:KeyDescriptor>" for c in certificates)
    return (f'<?xml version="1.0" encoding="utf-8"?><md:EntityDescriptor xmlns:md="{MD}" '
            f'xmlns:ds="{DS}" entityID="{entity_id}"><md:IDPSSODescriptor '
            'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            f"{keys}<md:SingleSignOnService "
            'Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
            'Location="https://login.microsoftonline.com/saml2"/></md:IDPSSODescriptor>'
            "</md:EntityDescriptor>").encode()


def _sp_metadata(entity_id: str, url: str) -> bytes:
    host = urlsplit(url).hostname
    return (f'<?xml version="1.0"?><md:EntityDescriptor xmlns:md="{MD}" entityID="{entity_id}">'
            '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            '<md:AssertionConsumerService index="0" '
            'Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
            f'Location="https://{host}/saml/acs"/></md:SPSSODescriptor></md:EntityDescriptor>'
            ).encode()


def _answers(server: StandIn, checks: list[Any], certs: dict[str, list[str]], second: bool
             ) -> None:
    """What every check's endpoint answers in the first or the second run."""
    answers = server.answers
    answers.clear()
    for check in checks:
        path = f"/c/{check.id}"
        education = check.environment == "education"
        if check.kind == "login-redirect":
            target = (f"https://{check.expect_idp_host}/{check.expect_tenant or 'common'}"
                      "/saml2?SAMLRequest=demo")
            answers[path] = (302, "text/plain", b"", {"Location": target})
        elif check.kind == "saml-idp-metadata":
            signing = (certs["education-old"] + (certs["education-new"] if second else [])
                       if education else certs["admin"])
            answers[path] = (200, "application/samlmetadata+xml",
                             _idp_metadata(check.expect_entity_id, signing), {})
        elif check.kind == "saml-sp-metadata":
            answers[path] = (200, "application/samlmetadata+xml",
                             _sp_metadata(check.expect_entity_id, check.url), {})
        else:
            kids = ["edu-2024", "edu-2026"] if education and second else (
                ["edu-2024"] if education else ["adm-2025", "adm-2026"])
            jwks = {"keys": [{"kty": "RSA", "use": "sig", "kid": kid, "e": "AQAB",
                              "n": _modulus(index + 10 * check.id)}
                             for index, kid in enumerate(kids)]}
            answers[f"/jwks/{check.id}"] = (200, "application/json", json.dumps(jwks).encode(),
                                            {})
            issuer = check.expect_issuer
            answers[path] = (200, "application/json", json.dumps({
                "issuer": issuer, "authorization_endpoint": f"{issuer}/authorize",
                "token_endpoint": f"{issuer}/token", "jwks_uri": server.url(f"/jwks/{check.id}"),
                "response_types_supported": ["code", "id_token"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"]}).encode(), {})


def record_demo_runs(context: DemoContext) -> list[int]:
    """Two runs against the stand-in server, a day apart; returns their ids."""
    from migctl.services.sso import runs
    from migctl.services.sso.standin import stand_in

    checks = [check for check, _key in check_rows(context.session)]
    if not checks:
        return []
    morning = context.now
    certs = _signing_certs(morning)
    recorded = []
    with stand_in(morning - timedelta(days=2)) as server:
        for second, at in ((False, morning - timedelta(days=1)), (True, morning)):
            _answers(server, checks, certs, second)
            plan = runs.plan_run(context.session, now=at, ca_bundle=server.ca_file,
                                 concurrency=8)
            plan = replace(plan, specs=[replace(spec, via=server.url(f"/c/{spec.check_id}"))
                                        for spec in plan.specs],
                           settings={**plan.settings, "ca_bundle": "(demo stand-in CA)"})
            outcome = runs.record_run(context.session, context.actor, plan, runs.execute(plan))
            if outcome.run["id"] is not None:
                recorded.append(outcome.run["id"])
    return recorded
