"""Words of the trustworthy signals (issue 17): failed tasks, KPI ages, run undo, time zones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

LABELS: dict[str, tuple[str, str]] = {
    "signals.failed": ("Failed", "Epäonnistunut"),
}


def _stuck(p: dict[str, Any], what: str) -> str:
    since = p.get("since") or "?"
    text = f"{p['task']} {what} (vastuuhenkilö {p.get('owner') or '?'}, {since} alkaen)"
    return text + (f": {p['note']}" if p.get("note") else "")


FI_SIGNALS: dict[str, Callable[[dict[str, Any]], str]] = {
    "task-failed": lambda p: _stuck(p, "epäonnistui"),
}
