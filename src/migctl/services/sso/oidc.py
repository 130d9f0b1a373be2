"""OpenID Connect discovery documents and JWKS, judged against a check's expectations."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from migctl.services.sso.fields import S020, S021, Issue, error

#: Required by OpenID Connect Discovery 1.0 §3 (token_endpoint too, unless implicit-only).
REQUIRED_FIELDS = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri",
                   "response_types_supported", "subject_types_supported",
                   "id_token_signing_alg_values_supported")
TENANT_TEMPLATE = "{tenantid}"


def parse_json(body: bytes) -> Any:
    """Raises ``ValueError`` with a short reason."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at line {exc.lineno})") from None


def check_discovery(document: Any, *, expect_issuer: str | None, expect_tenant: str | None
                    ) -> tuple[list[Issue], str | None]:
    """(issues, the jwks_uri to fetch next, or None when there is none worth fetching)."""
    if not isinstance(document, dict):
        return [error(S020, "the discovery document is not a JSON object")], None
    issues: list[Issue] = []
    missing = [name for name in REQUIRED_FIELDS if not document.get(name)]
    if missing:
        issues.append(error(S020, f"required fields missing: {', '.join(missing)}"))
    issuer = document.get("issuer")
    if isinstance(issuer, str) and issuer:
        if TENANT_TEMPLATE in issuer and issuer != expect_issuer:
            issues.append(error(S020, (
                f"issuer is the multi-tenant template {issuer!r}: this is Entra ID's 'common' or "
                "'organizations' discovery document, whose tokens carry each tenant's own "
                "issuer; point the check at the tenant's document "
                "(https://login.microsoftonline.com/<tenant>/v2.0/.well-known/"
                "openid-configuration)")))
        else:
            if expect_issuer is not None and issuer != expect_issuer:
                issues.append(error(S020, f"issuer is {issuer!r}, expected {expect_issuer!r}"))
            if expect_tenant and expect_tenant.lower() not in issuer.lower():
                issues.append(error(S020, f"issuer {issuer!r} does not name tenant "
                                          f"{expect_tenant!r}"))
    elif "issuer" not in missing:
        issues.append(error(S020, "issuer is not a string"))
    jwks_uri = document.get("jwks_uri")
    if not isinstance(jwks_uri, str) or not jwks_uri:
        return issues, None
    try:
        scheme = urlsplit(jwks_uri).scheme.lower()
    except ValueError as exc:  # e.g. "Invalid IPv6 URL" (found by fuzz/fuzz_oidc.py)
        issues.append(error(S021, f"jwks_uri {jwks_uri!r} is not a URL ({exc})"))
        return issues, None
    if scheme != "https":
        issues.append(error(S021, f"jwks_uri {jwks_uri} is not https"))
        return issues, None
    return issues, jwks_uri


def count_keys(document: Any) -> tuple[list[Issue], int]:
    """A JWKS must hold at least one key (an object with ``kty``)."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        return [error(S021, "the JWKS is not a JSON object with a 'keys' list")], 0
    keys = [k for k in document["keys"] if isinstance(k, dict) and k.get("kty")]
    if not keys:
        return [error(S021, "the JWKS holds no keys")], 0
    return [], len(keys)
