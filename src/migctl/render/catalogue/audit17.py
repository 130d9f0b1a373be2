"""Words added by the audit of issue 17 (every shown time in the programme zone, labelled)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "audit17.last_snapshot": ("last snapshot {at} ({zone})",
                              "viimeisin tilannekuva {at} ({zone})"),
}
