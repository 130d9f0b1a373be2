"""The systems inventory's vocabulary: keys, roles, statuses, domains, environments.

Pure text rules (no store), shared by the inventory's writers (:mod:`migctl.services.systems.write`)
and its fast readers (:mod:`migctl.services.systems.read`) without importing either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from migctl.values import choose, identifier

ROLES = ("legacy", "target")
STATUSES = ("planned", "in_progress", "parallel_run", "live", "retired")
KNOWN_DOMAINS = (
    "finance", "procurement", "payroll", "hr", "budgeting", "reporting", "integration",
    "identity", "travel", "assets", "other",
)
_STATUS_ALIASES = {
    "in progress": "in_progress", "in-progress": "in_progress", "parallel run": "parallel_run",
    "parallel-run": "parallel_run", "suunniteltu": "planned", "käynnissä": "in_progress",
    "rinnakkaisajo": "parallel_run", "tuotannossa": "live", "käytössä": "live",
    "poistettu": "retired", "alasajettu": "retired",
}
_ROLE_ALIASES = {"vanha": "legacy", "uusi": "target", "kohde": "target"}
KEY_PATTERN = re.compile(r"[a-z0-9][a-z0-9_.\-]{0,63}")


def normalize_key(text: str, *, what: str = "key") -> str:
    return identifier(text, KEY_PATTERN,
                      what=f"a valid {what} (letters, digits, '-', '_', '.'; at most 64)")


def normalize_role(text: str) -> str:
    return choose(text, ROLES, _ROLE_ALIASES, what="a role", use=" or ".join(ROLES))


def normalize_status(text: str) -> str:
    return choose(text, STATUSES, _STATUS_ALIASES, what="a status",
                  use=f"one of {', '.join(STATUSES)}")


def normalize_domain(text: str) -> str:
    value = text.strip().lower()
    if value and not re.fullmatch(r"[a-z][a-z0-9_\-]*", value):
        raise ValueError(f"{text!r} is not a domain (e.g. {', '.join(KNOWN_DOMAINS[:5])}, …)")
    return value


def normalize_environments(items: Iterable[str]) -> str:
    envs = [normalize_key(item, what="environment") for item in items if item.strip()]
    return ",".join(dict.fromkeys(envs))
