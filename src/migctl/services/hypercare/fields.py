"""Hypercare incidents' vocabulary: severities, statuses, keys (pure text rules, no store).

Shared by the incident commands (:mod:`migctl.services.hypercare.write`), the status section,
and gate criteria (``incidents-below:high:1``) without importing the ORM.
"""

from __future__ import annotations

import re

from migctl.values import choose, identifier

SEVERITIES = ("critical", "high", "medium", "low")
STATUSES = ("open", "in_progress", "resolved", "closed")
OPEN_STATUSES = ("open", "in_progress")
DONE_STATUSES = ("resolved", "closed")

#: Accepted spellings (case-folded) → canonical value; Finnish words included.
SEVERITY_ALIASES = {
    **{s: s for s in SEVERITIES},
    "kriittinen": "critical", "korkea": "high", "vakava": "high", "keskitaso": "medium",
    "normaali": "medium", "matala": "low", "vähäinen": "low",
    "1": "critical", "2": "high", "3": "medium", "4": "low",
}
STATUS_ALIASES = {
    **{s: s for s in STATUSES},
    "in progress": "in_progress", "in-progress": "in_progress", "avoin": "open",
    "uusi": "open", "työn alla": "in_progress", "käsittelyssä": "in_progress",
    "ratkaistu": "resolved", "suljettu": "closed",
}

KEY_PATTERN = re.compile(r"[A-Z][A-Z0-9_.\-]{0,31}")
KEY_PREFIX = "INC-"


def normalize_severity(text: str) -> str:
    return choose(text, SEVERITIES, SEVERITY_ALIASES, what="a severity")


def normalize_status(text: str) -> str:
    return choose(text, STATUSES, STATUS_ALIASES, what="an incident status")


def normalize_key(text: str) -> str:
    return identifier(text, KEY_PATTERN, upper=True,
                      what="an incident key (e.g. INC-014: letters, digits, '-', '_', '.'; "
                           "at most 32)")


REFERENCE_LIMIT = 64


def normalize_reference(text: str) -> str:
    """The provider's ticket number as written (trimmed); at most 64 characters."""
    value = " ".join(text.split())
    if not value:
        raise ValueError("the provider's reference is empty")
    if len(value) > REFERENCE_LIMIT:
        raise ValueError(f"the provider's reference is longer than {REFERENCE_LIMIT} "
                         "characters")
    return value


def severity_rank(severity: str) -> int:
    """0 for critical … 3 for low: sort order and the "at or above" comparisons."""
    return SEVERITIES.index(severity)
