"""The stable SSO check codes, and the small issue type the pure checks return."""

from __future__ import annotations

from dataclasses import dataclass

from migctl.checks import CheckCode, Severity

S001 = CheckCode("S001", "unreachable or timed out")
S002 = CheckCode("S002", "unexpected HTTP status")
S003 = CheckCode("S003", "TLS certificate expired, expiring or not valid for the host")
S010 = CheckCode("S010", "metadata not well-formed or unsafe XML")
S011 = CheckCode("S011", "entityID mismatch")
S012 = CheckCode("S012", "signing certificate in metadata expired or expiring")
S013 = CheckCode("S013", "metadata validUntil passed")
S014 = CheckCode("S014", "SP endpoint not https or not on the system's host")
S015 = CheckCode("S015", "metadata signature missing, invalid, wrapped or by another key than "
                         "the pinned one")
S016 = CheckCode("S016", "pinned signing certificate expired (the signature still verifies)")
S017 = CheckCode("S017", "weak signature algorithm (SHA-1)")
S020 = CheckCode("S020", "OIDC issuer mismatch or required fields missing")
S021 = CheckCode("S021", "JWKS unreachable or empty")
S022 = CheckCode("S022", "advertised ID-token algorithm without a JWKS key, or a weak key")
S030 = CheckCode("S030", "login redirect does not reach the expected IdP host/tenant")
S031 = CheckCode("S031", "redirect loop or too many hops")

S040 = CheckCode("S040", "a certificate or key changed since the previous run of the check")

CODES: list[CheckCode] = [S001, S002, S003, S010, S011, S012, S013, S014, S015, S016, S017,
                          S020, S021, S022, S030, S031, S040]


@dataclass(frozen=True, slots=True)
class Issue:
    """What one probe found wrong; becomes a :class:`migctl.checks.Finding` with the check."""

    code: str
    message: str
    severity: Severity = Severity.ERROR


def error(code: CheckCode, message: str) -> Issue:
    return Issue(code.code, message, Severity.ERROR)


def warning(code: CheckCode, message: str) -> Issue:
    return Issue(code.code, message, Severity.WARNING)
