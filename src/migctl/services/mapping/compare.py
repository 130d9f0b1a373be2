"""`mapping diff A B`: which sources gained, lost or changed rules between two set versions.

Rules are keyed by their source (account or range, plus cost centre); a source's rules are
compared as a whole, so a changed split or a new validity period shows as one change. Row
numbers and notes are not compared: moving a row or rewording a note changes nothing.
Cost-objects sets are keyed by their source value (or range) alone and compared with sets of
their own kind.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from migctl.errors import UsageError
from migctl.services.mapping.documents import DiffCounts, DiffDocument, DiffEntry, RuleBrief
from migctl.services.mapping.fields import ACCOUNTS
from migctl.services.mapping.rules import Rule, load_rules
from migctl.services.mapping.sets import kind_phrase, resolve_set, set_label

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


def _rule_brief(rule: Rule, *, accounts: bool = True) -> RuleBrief:
    dims = dict(rule.dims)
    if accounts:
        return {"row": rule.row, "target_account": rule.target, "dimensions": dims,
                "share": rule.share, "valid_from": rule.valid_from, "valid_to": rule.valid_to}
    return {"row": rule.row, "dimensions": dims, "share": rule.share,
            "valid_from": rule.valid_from, "valid_to": rule.valid_to}


def _head(key: SourceKey, *, accounts: bool) -> DiffEntry:
    if accounts:
        return {"source_account": key[0], "source_cost_centre": key[1]}
    return {"source": key[0]}


def diff_sets(session: Session, a: str, b: str) -> DiffDocument:
    """The differences from set ``a`` to set ``b`` (each ``NAME`` or ``NAME@N``)."""
    set_a, set_b = resolve_set(session, a), resolve_set(session, b)
    assert set_a.id is not None and set_b.id is not None
    if set_a.kind != set_b.kind:
        raise UsageError(f"{set_label(set_a)} is {kind_phrase(set_a.kind)} and "
                         f"{set_label(set_b)} is {kind_phrase(set_b.kind)}: nothing to compare")
    accounts = set_a.kind == ACCOUNTS
    old, new = _by_source(load_rules(session, set_a.id)), _by_source(load_rules(session, set_b.id))
    added: list[DiffEntry] = []
    removed: list[DiffEntry] = []
    changed: list[DiffEntry] = []
    unchanged = 0

    def briefs(rules: list[Rule]) -> list[RuleBrief]:
        return [_rule_brief(r, accounts=accounts) for r in rules]

    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[0], k[1] or "")):
        if key not in old:
            added.append({**_head(key, accounts=accounts), "rules": briefs(new[key])})
        elif key not in new:
            removed.append({**_head(key, accounts=accounts), "rules": briefs(old[key])})
        elif _comparable(old[key]) != _comparable(new[key]):
            changed.append({**_head(key, accounts=accounts), "before": briefs(old[key]),
                            "after": briefs(new[key])})
        else:
            unchanged += 1
    counts: DiffCounts = {"added": len(added), "removed": len(removed),
                          "changed": len(changed), "unchanged": unchanged}
    if accounts:
        return {"a": set_label(set_a), "b": set_label(set_b), "summary": counts,
                "added": added, "removed": removed, "changed": changed}
    return {"a": set_label(set_a), "b": set_label(set_b), "kind": set_a.kind,
            "summary": counts, "added": added, "removed": removed, "changed": changed}
