"""What changed in an identity provider's keys between two runs of the same check.

A go-live week breaks when a provider rolls its signing key and a relying party still trusts
the old one. Every run records the keys it saw (certificate fingerprints from TLS, SAML signing
and encryption, JWKS ``x5c``; JWKS key ids); comparing a run with the previous one of the same
check tells a roll-over in progress (a new key beside the old: warning), a key gone (warning,
or error when it was the pinned one) from a steady state (nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Severity = Literal["warning", "error"]


@dataclass(frozen=True, slots=True)
class Sighting:
    """One key or certificate seen by one run: ``ident`` is a SHA-256 fingerprint or a kid."""

    document: str  # "tls", "saml-signing", "saml-encryption", "jwks"
    ident: str
    first_seen: datetime
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Drift:
    severity: Severity
    change: Literal["added", "removed"]
    document: str
    ident: str
    message: str
    old: tuple[str, ...]  # what the previous run saw in that document
    new: tuple[str, ...]  # what this run saw
    first_seen: datetime | None  # of the key named by ``ident``


def _by_document(seen: Iterable[Sighting]) -> dict[str, dict[str, Sighting]]:
    grouped: dict[str, dict[str, Sighting]] = {}
    for sighting in seen:
        grouped.setdefault(sighting.document, {})[sighting.ident] = sighting
    return grouped


def compare(previous: Iterable[Sighting], current: Iterable[Sighting], *,
            pinned: str | None = None) -> list[Drift]:
    """The changes from ``previous`` to ``current`` (empty when there was no previous run)."""
    before, after = _by_document(previous), _by_document(current)
    if not before:
        return []
    changes: list[Drift] = []
    for document in sorted(set(before) | set(after)):
        old, new = before.get(document, {}), after.get(document, {})
        old_ids, new_ids = tuple(sorted(old)), tuple(sorted(new))
        for ident in sorted(set(new) - set(old)):
            rolling = bool(set(old) & set(new))
            message = (f"new {document} key {short_ident(ident)} published beside the old one "
                       "(a roll-over in progress)" if rolling else
                       f"{document} key changed to {short_ident(ident)}")
            changes.append(Drift("warning", "added", document, ident, message, old_ids, new_ids,
                                 new[ident].first_seen))
        for ident in sorted(set(old) - set(new)):
            severity: Severity = "error" if pinned and ident == pinned else "warning"
            what = "the pinned key" if severity == "error" else "key"
            changes.append(Drift(severity, "removed", document, ident,
                                 f"{document} {what} {short_ident(ident)} is no longer published",
                                 old_ids, new_ids, old[ident].first_seen))
    return changes


def short_ident(ident: str) -> str:
    """A SHA-256 fingerprint's first 16 hex digits, as a short commit id is shown (documents
    carry it whole); other key ids as they are."""
    if len(ident) == 64 and all(c in "0123456789abcdef" for c in ident):
        return ident[:16]
    return ident
