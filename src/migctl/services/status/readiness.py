"""Readiness: the programme's RAG, computed from every section's signals.

Sections state facts as signals (:class:`~migctl.services.status.documents.Signal`); this
module alone turns them into colours, so the rules live in one place (README, "Readiness
rules"):

- a target system is **red** if any signal about it is red, **amber** if any is amber, else
  **green**;
- the programme is the worst of all signals (programme-wide signals, ``system: None``,
  count only here);
- every amber and red is listed with its reason and the section that raised it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from migctl.services.status.registry import SYSTEMS

if TYPE_CHECKING:
    from migctl.services.status.documents import (
        Readiness,
        ReadinessEntry,
        ReadinessSignal,
        SectionDocument,
    )

LEVELS = ("green", "amber", "red")


def worst(levels: list[str]) -> str:
    """The worst of the levels; green when there are none."""
    return max(levels, key=LEVELS.index, default="green")


def collect_signals(sections: Mapping[str, SectionDocument]) -> list[ReadinessSignal]:
    """Every section's signals, each tagged with its section, reds first (stable otherwise)."""
    found: list[ReadinessSignal] = []
    for name, section in sections.items():
        # .get: documents from tests and older migctl versions may lack the optional parts
        for item in section.get("signals", []):
            found.append({"level": item["level"], "system": item.get("system"),
                          "section": name, "reason": item["reason"],
                          "code": item.get("code"), "params": item.get("params") or {}})
    return sorted(found, key=lambda s: -LEVELS.index(s["level"]))


def _entry(key: str, name: str, role: str, own: list[ReadinessSignal]) -> ReadinessEntry:
    return {"key": key, "name": name, "role": role,
            "rag": worst([s["level"] for s in own]), "signals": own}


def compute(sections: Mapping[str, SectionDocument]) -> Readiness:
    """The readiness block: overall RAG, one entry per target system, and every signal."""
    signals = collect_signals(sections)
    by_system: dict[str, list[ReadinessSignal]] = {}
    for item in signals:
        if item["system"] is not None:
            by_system.setdefault(item["system"], []).append(item)
    systems = SYSTEMS.of(sections)
    targets = systems.get("targets", []) if systems is not None else []
    entries = [_entry(t["key"], t.get("name", t["key"]), "target", by_system.get(t["key"], []))
               for t in targets]
    listed = {t["key"] for t in targets}
    # a signal about a legacy or unknown system
    entries.extend(_entry(key, key, "other", by_system[key])
                   for key in sorted(set(by_system) - listed))
    levels = [s["level"] for s in signals]
    return {
        "overall": worst(levels),
        "counts": {"red": levels.count("red"), "amber": levels.count("amber")},
        "systems": entries,
        "programme": [s for s in signals if s["system"] is None],
        "signals": signals,
    }
