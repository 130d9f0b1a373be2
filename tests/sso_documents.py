"""Documents an SSO check meets: SAML metadata, OIDC discovery, JWKS, hostile XML."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"


def pem_of(der: bytes) -> str:
    body = base64.b64encode(der).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


def cert_element(der: bytes, *, as_pem: bool = False) -> str:
    """The text of a ds:X509Certificate: base64 of DER, or (a real-world quirk) of a PEM."""
    data = pem_of(der).encode() if as_pem else der
    return base64.b64encode(data).decode()


def _key_descriptors(certificates: Iterable[str], use: str | None = "signing") -> str:
    use_attr = f' use="{use}"' if use else ""
    return "".join(
        f'<md:KeyDescriptor{use_attr}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{c}'
        "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        for c in certificates)


def idp_metadata(entity_id: str, certificates: Iterable[str], *,
                 valid_until: str | None = None) -> bytes:
    """Entra-like federation metadata, with a comment and a processing instruction inside."""
    valid = f' validUntil="{valid_until}"' if valid_until else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<!-- published by the test IdP -->\n"
        f'<md:EntityDescriptor xmlns:md="{MD}" xmlns:ds="{DS}" entityID="{entity_id}"{valid}>'
        "<?generator test-idp?>"
        '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        "<!-- signing keys -->"
        f"{_key_descriptors(certificates)}"
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        'Location="https://login.example/saml2"/>'
        "</md:IDPSSODescriptor></md:EntityDescriptor>\n"
    ).encode()


def sp_metadata(entity_id: str, endpoints: Iterable[str], *,
                certificates: Iterable[str] = ()) -> bytes:
    acs = "".join(
        f'<md:AssertionConsumerService index="{i}" '
        'Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
        f'Location="{location}"/>' for i, location in enumerate(endpoints))
    return (
        '<?xml version="1.0"?>'
        f'<md:EntityDescriptor xmlns:md="{MD}" xmlns:ds="{DS}" entityID="{entity_id}">'
        '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        f"{_key_descriptors(certificates)}{acs}"
        "</md:SPSSODescriptor></md:EntityDescriptor>"
    ).encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol9;"/>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE md [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x">
<md:Organization>&secret;</md:Organization></md:EntityDescriptor>
"""


def discovery(issuer: str, jwks_uri: str | None, *, drop: Iterable[str] = ()) -> bytes:
    document = {
        "issuer": issuer,
        "authorization_endpoint": issuer.rstrip("/") + "/oauth2/authorize",
        "token_endpoint": issuer.rstrip("/") + "/oauth2/token",
        "jwks_uri": jwks_uri,
        "response_types_supported": ["code", "id_token"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }
    for name in drop:
        document.pop(name, None)
    return json.dumps(document).encode()


def modulus(bits: int = 2048) -> str:
    """A base64url number of ``bits`` bits (a key's size is all a JWKS check reads of it)."""
    number = (1 << (bits - 1)) | 1
    return base64.urlsafe_b64encode(number.to_bytes((bits + 7) // 8, "big")).rstrip(b"=").decode()


def jwks(count: int, *, kids: Iterable[str] | None = None) -> bytes:
    names = list(kids) if kids is not None else [f"k{i}" for i in range(count)]
    return json.dumps({"keys": [{"kty": "RSA", "kid": kid, "use": "sig", "n": modulus(),
                                 "e": "AQAB"} for kid in names]}).encode()
