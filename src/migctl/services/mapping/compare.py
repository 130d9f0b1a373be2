"""`mapping diff A B`: which sources gained, lost or changed rules between two set versions.

Rules are keyed by their source (account or range, plus cost centre); a source's rules are
compared as a whole, so a changed split or a new validity period shows as one change. Row
numbers and notes are not compared: moving a row or rewording a note changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from migctl.services.mapping.rules import Rule, load_rules
from migctl.services.mapping.sets import resolve_set, set_label

SourceKey = tuple[str, str | None]


def _by_source(rules: list[Rule]) -> dict[SourceKey, list[Rule]]:
    grouped: dict[SourceKey, list[Rule]] = {}
    for rule in rules:
        grouped.setdefault(rule.source_key(), []).append(rule)
    return grouped


def _comparable(rules: list[Rule]) -> list[tuple[Any, ...]]:
    return sorted(
        ((r.target, r.dims, r.share, r.valid_from or "", r.valid_to or "")
         for r in rules),
        key=repr,
    )


def _rule_brief(rule: Rule) -> dict[str, Any]:
    document = rule.document()
    return {k: document[k] for k in ("row", "target_account", "dimensions", "share",
                                     "valid_from", "valid_to")}


def diff_sets(session: Session, a: str, b: str) -> dict[str, Any]:
    """The differences from set ``a`` to set ``b`` (each ``NAME`` or ``NAME@N``)."""
    set_a, set_b = resolve_set(session, a), resolve_set(session, b)
    assert set_a.id is not None and set_b.id is not None
    old, new = _by_source(load_rules(session, set_a.id)), _by_source(load_rules(session, set_b.id))
    added, removed, changed = [], [], []
    unchanged = 0
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0], k[1] or "")):
        head = {"source_account": key[0], "source_cost_centre": key[1]}
        if key not in old:
            added.append(head | {"rules": [_rule_brief(r) for r in new[key]]})
        elif key not in new:
            removed.append(head | {"rules": [_rule_brief(r) for r in old[key]]})
        elif _comparable(old[key]) != _comparable(new[key]):
            changed.append(head | {"before": [_rule_brief(r) for r in old[key]],
                                   "after": [_rule_brief(r) for r in new[key]]})
        else:
            unchanged += 1
    return {
        "a": set_label(set_a),
        "b": set_label(set_b),
        "summary": {"added": len(added), "removed": len(removed), "changed": len(changed),
                    "unchanged": unchanged},
        "added": added,
        "removed": removed,
        "changed": changed,
    }
