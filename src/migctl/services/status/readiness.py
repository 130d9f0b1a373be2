"""Readiness: the programme's RAG, computed from every section's signals.

Sections state facts as signals (``{"level", "system", "reason", "code", "params"}``);
this module alone turns them into colours, so the rules live in one place (README,
"Readiness rules"):

- a target system is **red** if any signal about it is red, **amber** if any is amber, else
  **green**;
- the programme is the worst of all signals (programme-wide signals, ``system: None``,
  count only here);
- every amber and red is listed with its reason and the section that raised it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LEVELS = ("green", "amber", "red")


def worst(levels: list[str]) -> str:
    """The worst of the levels; green when there are none."""
    return max(levels, key=LEVELS.index, default="green")


def collect_signals(sections: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every section's signals, each tagged with its section, reds first (stable otherwise)."""
    found = []
    for name, section in sections.items():
        for item in (section or {}).get("signals", []) if isinstance(section, Mapping) else []:
            found.append({"level": item["level"], "system": item.get("system"),
                          "section": name, "reason": item["reason"],
                          "code": item.get("code"), "params": item.get("params") or {}})
    return sorted(found, key=lambda s: -LEVELS.index(s["level"]))


def _targets(sections: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    systems = sections.get("systems")
    if not isinstance(systems, Mapping):
        return []
    return [t for t in systems.get("targets", []) if isinstance(t, Mapping)]


def compute(sections: Mapping[str, Any]) -> dict[str, Any]:
    """The readiness block: overall RAG, one entry per target system, and every signal."""
    signals = collect_signals(sections)
    by_system: dict[str, list[dict[str, Any]]] = {}
    for item in signals:
        if item["system"] is not None:
            by_system.setdefault(item["system"], []).append(item)
    entries = []
    listed: set[str] = set()
    for target in _targets(sections):
        key = target["key"]
        listed.add(key)
        own = by_system.get(key, [])
        entries.append({"key": key, "name": target.get("name", key), "role": "target",
                        "rag": worst([s["level"] for s in own]), "signals": own})
    for key in sorted(set(by_system) - listed):  # a signal about a legacy or unknown system
        own = by_system[key]
        entries.append({"key": key, "name": key, "role": "other",
                        "rag": worst([s["level"] for s in own]), "signals": own})
    levels = [s["level"] for s in signals]
    return {
        "overall": worst(levels),
        "counts": {"red": levels.count("red"), "amber": levels.count("amber")},
        "systems": entries,
        "programme": [s for s in signals if s["system"] is None],
        "signals": signals,
    }
