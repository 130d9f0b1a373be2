"""Words of the rest of issue 17: the SSO checks' findings by their codes, for screens in
Finnish (the English screen keeps each finding's own message)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "i17rest.sso.S001": ("unreachable or timed out", "ei vastaa tai aikakatkaisu"),
    "i17rest.sso.S002": ("unexpected HTTP status", "odottamaton HTTP-tila"),
    "i17rest.sso.S003": ("TLS certificate expired, expiring or not valid for the host",
                         "TLS-varmenne vanhentunut, vanhenemassa tai ei kelpaa palvelimelle"),
    "i17rest.sso.S010": ("metadata not well-formed or unsafe XML",
                         "metatieto ei ole kelvollista tai turvallista XML:ää"),
    "i17rest.sso.S011": ("entityID mismatch", "entityID ei täsmää"),
    "i17rest.sso.S012": ("signing certificate in metadata expired or expiring",
                         "metatiedon allekirjoitusvarmenne vanhentunut tai vanhenemassa"),
    "i17rest.sso.S013": ("metadata validUntil passed", "metatiedon validUntil on ohi"),
    "i17rest.sso.S014": ("SP endpoint not https or not on the system's host",
                         "SP-osoite ei ole https tai ei ole järjestelmän palvelimella"),
    "i17rest.sso.S015": ("metadata signature missing, invalid, wrapped or by another key",
                         "metatiedon allekirjoitus puuttuu, ei kelpaa, on kääritty tai "
                         "tehty toisella avaimella"),
    "i17rest.sso.S016": ("pinned signing certificate expired (the signature still verifies)",
                         "kiinnitetty allekirjoitusvarmenne vanhentunut (allekirjoitus "
                         "kelpaa yhä)"),
    "i17rest.sso.S017": ("weak signature algorithm (SHA-1)",
                         "heikko allekirjoitusalgoritmi (SHA-1)"),
    "i17rest.sso.S020": ("OIDC issuer mismatch or required fields missing",
                         "OIDC-issuer ei täsmää tai pakollisia kenttiä puuttuu"),
    "i17rest.sso.S021": ("JWKS unreachable or empty", "JWKS ei vastaa tai on tyhjä"),
    "i17rest.sso.S022": ("advertised ID-token algorithm without a JWKS key, or a weak key",
                         "ilmoitetulle ID-tokenin algoritmille ei ole JWKS-avainta, tai "
                         "avain on heikko"),
    "i17rest.sso.S030": ("login redirect does not reach the expected IdP host/tenant",
                         "kirjautumisen uudelleenohjaus ei päädy odotetulle "
                         "tunnistuspalvelulle"),
    "i17rest.sso.S031": ("redirect loop or too many hops",
                         "uudelleenohjaussilmukka tai liian monta siirtoa"),
    "i17rest.sso.S040": ("a certificate or key changed since the previous run of the check",
                         "varmenne tai avain vaihtui tarkistuksen edellisen ajon jälkeen"),
}
