"""SAML 2.0 metadata: parsed with a hardened parser, then judged against a check's expectations.

The parser resolves no entities, loads no DTD, touches no network and keeps libxml2's size
limits; a document with a DOCTYPE (the carrier of entity bombs and external entities) is
refused outright rather than parsed "safely". Comments and processing instructions are dropped
while parsing, so only elements are ever walked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from lxml import etree

from migctl.services.sso import certs
from migctl.services.sso.fields import (
    S010,
    S011,
    S012,
    S013,
    S014,
    S015,
    S016,
    S017,
    Issue,
    error,
    warning,
)
from migctl.services.sso.spec import Seen

#: ``validUntil`` closer than this warns (issue 22); in the past fails.
VALID_UNTIL_WARN = timedelta(days=7)

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
ENTITY_DESCRIPTOR = f"{{{MD}}}EntityDescriptor"
ENTITIES_DESCRIPTOR = f"{{{MD}}}EntitiesDescriptor"
ROLE_ELEMENT = {"idp": f"{{{MD}}}IDPSSODescriptor", "sp": f"{{{MD}}}SPSSODescriptor"}
SP_ENDPOINTS = (f"{{{MD}}}AssertionConsumerService", f"{{{MD}}}SingleLogoutService")


class UnsafeXml(ValueError):
    """Well-formed or not, the document is refused: DTDs, entities."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


#: Declarations that open the door to entity bombs and external entities, in the encodings
#: XML allows without a declaration (UTF-8 and its ASCII subset, UTF-16 either way round).
_REFUSED_MARKERS = tuple(marker.encode(encoding) for marker in ("<!DOCTYPE", "<!ENTITY")
                         for encoding in ("ascii", "utf-16-le", "utf-16-be"))


def parse_xml(body: bytes) -> etree._Element:
    """The root element; raises :class:`UnsafeXml` or ``ValueError`` (not well-formed)."""
    if any(marker in body for marker in _REFUSED_MARKERS):
        raise UnsafeXml("a DOCTYPE or entity declaration is not allowed in metadata (entity "
                        "expansion and external entities are refused)")
    try:
        root = etree.fromstring(body, _parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from None
    docinfo = root.getroottree().docinfo
    if getattr(docinfo, "doctype", "") or docinfo.internalDTD is not None:
        raise UnsafeXml("a DOCTYPE declaration is not allowed in metadata")
    if any(isinstance(node, etree._Entity) for node in root.iter()):
        raise UnsafeXml("entity references are not allowed in metadata")
    return root


def _instant(text: str) -> datetime:
    """An ``xs:dateTime``; without an offset it is read as UTC, as SAML requires."""
    value = text.strip().replace("Z", "+00:00")
    if "." in value:  # fromisoformat wants at most 6 fraction digits
        head, _, rest = value.partition(".")
        digits = "".join(c for c in rest if c.isdigit())
        value = f"{head}.{digits[:6].ljust(6, '0')}{rest[len(digits):]}"
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class MetadataExpectations:
    role: str  # "idp" | "sp"
    entity_id: str | None
    tenant: str | None
    sp_host: str  # the host of the metadata URL: where the SP's endpoints must live
    now: datetime
    warn_days: int
    acs: tuple[str, ...] = ()  # SP: the ACS URLs this environment must publish, exactly
    pin_sha256: str | None = None  # the pinned signing certificate (`sso trust`)
    pin_pem: str | None = None


@dataclass
class MetadataReading:
    issues: list[Issue]
    summary: str = ""
    seen: list[Seen] = field(default_factory=list)


def check_metadata(body: bytes, expect: MetadataExpectations) -> tuple[list[Issue], str]:
    """(issues, a one-line summary for a passing check)."""
    reading = read_metadata(body, expect)
    return reading.issues, reading.summary


def read_metadata(body: bytes, expect: MetadataExpectations) -> MetadataReading:
    """Issues, summary and the certificates seen; a pinned check reads only what is signed."""
    try:
        root = parse_xml(body)
    except UnsafeXml as exc:
        return MetadataReading([error(S010, f"unsafe XML refused: {exc}")])
    except ValueError as exc:
        return MetadataReading([error(S010, str(exc))])
    trusted = _trusted(root, expect)
    if trusted.root is None:
        return MetadataReading(trusted.issues, "", trusted.seen)
    issues, summary = _judge(trusted.root, expect)
    return MetadataReading(trusted.issues + issues, summary,
                           trusted.seen + _certificates_seen(_entity(trusted.root, expect)))


def _entity(root: etree._Element, expect: MetadataExpectations) -> etree._Element:
    """The entity whose keys a check records: an aggregate's own entity, not all of them."""
    if root.tag != ENTITIES_DESCRIPTOR:
        return root
    role_tag = ROLE_ELEMENT[expect.role]
    candidates = [d for d in root.iter(ENTITY_DESCRIPTOR) if d.find(role_tag) is not None]
    chosen = [d for d in candidates if d.get("entityID") == expect.entity_id] or candidates
    return chosen[0] if chosen else root


@dataclass
class _Trusted:
    root: etree._Element | None
    issues: list[Issue]
    seen: list[Seen]


def _seen_of(cert: object, document: str) -> Seen:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    from migctl.services.sso.keys import cert_seen

    assert isinstance(cert, x509.Certificate)
    facts = cert_seen(cert.public_bytes(serialization.Encoding.DER))
    return Seen(document, facts.sha256, facts.subject, facts.issuer, facts.not_after)


def _trusted(root: etree._Element, expect: MetadataExpectations) -> _Trusted:
    """The element to read: the root when nothing is pinned, else the signed element only."""
    from migctl.services.sso import signature

    signer = signature.signer_certificate(root)
    seen = [_seen_of(signer, "saml-signature")] if signer is not None else []
    if expect.pin_sha256 is None:
        return _Trusted(root, [], seen)
    try:
        pin = (signature.Pin.from_pem(expect.pin_pem.encode()) if expect.pin_pem
               else signature.Pin.from_fingerprint(expect.pin_sha256))
    except ValueError as exc:
        return _Trusted(None, [error(S015, f"the pinned certificate cannot be read: {exc}")],
                        seen)
    verdict = signature.verify_metadata(root, pin)
    if verdict.status != "valid" or verdict.signed is None:
        what = {"missing": "the metadata is not signed, but a signing certificate is pinned",
                "wrong_key": verdict.message, "wrapped": verdict.message}.get(
            verdict.status, verdict.message)
        return _Trusted(None, [error(S015, f"{what}; the metadata is not trusted")], seen)
    issues: list[Issue] = []
    if verdict.pinned_expired(expect.now) and verdict.pinned_not_after is not None:
        issues.append(warning(S016, "the pinned signing certificate expired on "
                                    f"{verdict.pinned_not_after:%Y-%m-%d}; the signature still "
                                    "verifies with it (`migctl sso trust` pins its successor)"))
    if verdict.weak:
        weak = ", ".join(uri.rsplit("#", 1)[-1] for uri in verdict.algorithms
                         if uri.lower().endswith(signature.WEAK_MARKERS))
        issues.append(warning(S017, f"the metadata is signed with SHA-1 ({weak}); the "
                                    "signature verifies with the pinned key"))
    return _Trusted(verdict.signed, issues, seen)


def _certificates_seen(root: etree._Element) -> list[Seen]:
    """Every KeyDescriptor certificate, as ``saml-signing`` or ``saml-encryption``."""
    from migctl.services.sso.keys import cert_seen

    found: dict[tuple[str, str], Seen] = {}
    for key in root.iter(f"{{{MD}}}KeyDescriptor"):
        document = "saml-encryption" if key.get("use") == "encryption" else "saml-signing"
        for element in key.iter(f"{{{DS}}}X509Certificate"):
            try:
                facts = cert_seen(certs.der_of_metadata_text(element.text or ""))
            except ValueError:
                continue
            found[(document, facts.sha256)] = Seen(document, facts.sha256, facts.subject,
                                                   facts.issuer, facts.not_after)
    return list(found.values())


def _judge(root: etree._Element, expect: MetadataExpectations) -> tuple[list[Issue], str]:
    if root.tag == ENTITY_DESCRIPTOR:
        descriptors = [root]
    elif root.tag == ENTITIES_DESCRIPTOR:
        descriptors = list(root.iter(ENTITY_DESCRIPTOR))
    else:
        return [error(S010, "not SAML 2.0 metadata: the root element is "
                            f"{etree.QName(root).localname!r}")], ""
    role_tag = ROLE_ELEMENT[expect.role]
    with_role = [d for d in descriptors if d.find(role_tag) is not None]
    if not with_role:
        what = "IdP" if expect.role == "idp" else "SP"
        return [error(S010, f"no {etree.QName(role_tag).localname}: this is not {what} "
                            "metadata")], ""

    issues: list[Issue] = []
    chosen = with_role[0]
    if expect.entity_id is not None:
        matching = [d for d in with_role if d.get("entityID") == expect.entity_id]
        if matching:
            chosen = matching[0]
        else:
            found = ", ".join(repr(d.get("entityID")) for d in with_role[:3])
            issues.append(error(S011, f"entityID is {found}, expected {expect.entity_id!r}"))
    entity_id = chosen.get("entityID") or ""
    if expect.tenant and expect.tenant.lower() not in entity_id.lower():
        issues.append(error(S011, f"entityID {entity_id!r} does not name tenant "
                                  f"{expect.tenant!r}"))
    issues.extend(_valid_until(root, chosen, expect))
    roles = chosen.findall(role_tag)
    signing_issues, valid_until = _signing_certificates(roles, expect)
    issues.extend(signing_issues)
    if expect.role == "sp":
        issues.extend(_sp_endpoints(roles, expect.sp_host))
        issues.extend(_sp_acs(roles, expect.acs))
        issues.extend(_sp_encryption(roles, expect))
    summary = f"entityID {entity_id}"
    if valid_until is not None:
        summary += f"; signing certificate valid until {valid_until:%Y-%m-%d}"
    return issues, summary


def _valid_until(root: etree._Element, chosen: etree._Element,
                 expect: MetadataExpectations) -> list[Issue]:
    stamps = [e.get("validUntil") for e in dict.fromkeys((root, chosen))]
    limits: list[datetime] = []
    for stamp in stamps:
        if stamp is None:
            continue
        try:
            limits.append(_instant(stamp))
        except ValueError:
            return [error(S010, f"validUntil {stamp!r} is not a date and time")]
    if not limits:
        return []
    limit = min(limits)
    if limit <= expect.now:
        return [error(S013, f"metadata validUntil {limit:%Y-%m-%d %H:%M}Z has passed")]
    if limit - expect.now <= VALID_UNTIL_WARN:
        return [warning(S013, f"metadata validUntil {limit:%Y-%m-%d %H:%M}Z is within "
                              f"{VALID_UNTIL_WARN.days} days")]
    return []


def _signing_certificates(roles: list[etree._Element], expect: MetadataExpectations
                          ) -> tuple[list[Issue], datetime | None]:
    """Errors while no signing certificate is usable; stale extras (rollover) only warn."""
    issues: list[Issue] = []
    usable: list[certs.CertFacts] = []
    stale: list[Issue] = []
    number = 0
    for role in roles:
        for key in role.iter(f"{{{MD}}}KeyDescriptor"):
            if key.get("use") not in (None, "signing"):
                continue
            for element in key.iter(f"{{{DS}}}X509Certificate"):
                number += 1
                what = f"signing certificate {number}"
                try:
                    facts = certs.from_metadata_text(element.text or "")
                except ValueError as exc:
                    issues.append(error(S012, f"{what} cannot be read: {exc}"))
                    continue
                found = certs.expiry_issues(facts, code=S012, what=what, now=expect.now,
                                            warn_days=0)  # errors only: expired, not yet valid
                if found:
                    stale.extend(found)
                else:
                    usable.append(facts)
    if number == 0:
        if expect.role == "idp":
            issues.append(error(S012, "the IdP metadata has no signing certificate"))
        return issues, None
    if not usable:
        return issues + stale, None
    issues.extend(warning(S012, f"{i.message}; another signing certificate is still valid")
                  for i in stale)
    newest = max(usable, key=lambda f: f.not_after)
    issues.extend(certs.expiry_issues(newest, code=S012, what="newest signing certificate",
                                      now=expect.now, warn_days=expect.warn_days))
    return issues, newest.not_after


def _sp_endpoints(roles: list[etree._Element], sp_host: str) -> list[Issue]:
    issues: list[Issue] = []
    acs = 0
    for role in roles:
        for endpoint in role:
            if endpoint.tag not in SP_ENDPOINTS:
                continue
            name = etree.QName(endpoint).localname
            acs += name == "AssertionConsumerService"
            for attribute in ("Location", "ResponseLocation"):
                location = endpoint.get(attribute)
                if location is None:
                    continue
                try:
                    parts = urlsplit(location.strip())
                    host = (parts.hostname or "").lower()
                except ValueError as exc:  # "Invalid IPv6 URL" (found by fuzz/fuzz_saml.py)
                    issues.append(error(S014, f"{name} {location!r} is not a URL ({exc})"))
                    continue
                if parts.scheme.lower() != "https":
                    issues.append(error(S014, f"{name} {location} is not https"))
                elif host != sp_host.lower():
                    issues.append(error(S014, f"{name} {location} is not on the system's host "
                                              f"{sp_host}"))
    if acs == 0:
        issues.append(error(S014, "the SP metadata has no AssertionConsumerService"))
    return issues


def _sp_acs(roles: list[etree._Element], expected: tuple[str, ...]) -> list[Issue]:
    """The ACS URLs published are exactly those this environment expects (when it says)."""
    if not expected:
        return []
    published = [(endpoint.get("Location") or "").strip() for role in roles for endpoint in role
                 if endpoint.tag == f"{{{MD}}}AssertionConsumerService"]
    issues = [error(S014, f"AssertionConsumerService {url} is expected but not published")
              for url in expected if url not in published]
    issues.extend(error(S014, f"AssertionConsumerService {url} is published but not expected for "
                              "this environment") for url in dict.fromkeys(published)
                  if url and url not in expected)
    return issues


def _sp_encryption(roles: list[etree._Element], expect: MetadataExpectations) -> list[Issue]:
    """An SP's encryption certificates must not have expired either."""
    issues: list[Issue] = []
    for role in roles:
        for key in role.iter(f"{{{MD}}}KeyDescriptor"):
            if key.get("use") != "encryption":
                continue
            for element in key.iter(f"{{{DS}}}X509Certificate"):
                try:
                    facts = certs.from_metadata_text(element.text or "")
                except ValueError as exc:
                    issues.append(error(S012, f"encryption certificate cannot be read: {exc}"))
                    continue
                issues.extend(certs.expiry_issues(facts, code=S012, what="SP encryption "
                                                  "certificate", now=expect.now, warn_days=0))
    return issues
