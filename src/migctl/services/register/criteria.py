"""What the gate criteria ``actions-done:…`` and ``risks-below:SCORE`` decide, from the store.

Pure evaluation: the gate criterion kind registry (issue 15) wraps these in one line each.
``actions-done:category=training`` waits for every action of a category,
``actions-done:ACT-001,ACT-004`` for the named ones; a dropped action no longer holds a gate
back. ``risks-below:15`` passes while no open risk scores 15 or more.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from migctl.services.register import settings
from migctl.services.register.documents import (
    ActionsDoneEvidence,
    ActionsDoneVerdict,
    RisksBelowVerdict,
)
from migctl.services.register.fields import (
    normalize_category,
    normalize_key,
    normalize_score,
    split_keys,
)
from migctl.services.register.read import action_documents, open_risks_at_or_above

if TYPE_CHECKING:
    from migctl.store.db import Db

#: Statuses that no longer hold a gate back.
SETTLED = ("done", "dropped")
#: How many keys a message names before "…".
NAMED = 3


def _named(keys: list[str]) -> str:
    return ", ".join(keys[:NAMED]) + (" …" if len(keys) > NAMED else "")


def parse_actions_selector(text: str, categories: tuple[str, ...]) -> tuple[str | None,
                                                                             list[str]]:
    """``category=training`` → ("training", []); ``ACT-1,ACT-2`` → (None, keys).

    A ValueError says what is wrong (for the criterion's parser and the gate linter).
    """
    body = text.strip()
    if body.startswith("actions-done:"):
        body = body[len("actions-done:"):]
    name, equals, value = body.partition("=")
    if equals:
        if name.strip().casefold() not in ("category", "luokka"):
            raise ValueError(f"{body!r}: use category=NAME or a list of action keys")
        return normalize_category(value, categories), []
    keys = [normalize_key(k, what="an action key") for k in split_keys(body)]
    if not keys:
        raise ValueError("names no actions: use category=NAME or ACT-001,ACT-002")
    return None, list(dict.fromkeys(keys))


def evaluate_actions_done(db: Db, spec: str, *, today: date | None = None) -> ActionsDoneVerdict:
    """Passed when every selected action is done (or dropped); evidence names the others."""
    category, keys = parse_actions_selector(spec, settings.categories(db))
    actions = action_documents(db, today=today or date.today())
    if category is not None:
        selected = [a for a in actions if a["category"] == category]
        selector, missing = f"category={category}", []
    else:
        by_key = {a["key"]: a for a in actions}
        selected = [by_key[k] for k in keys if k in by_key]
        selector, missing = ",".join(keys), [k for k in keys if k not in by_key]
    waiting = [a for a in selected if a["status"] not in SETTLED]
    not_done = [a["key"] for a in waiting]
    evidence: ActionsDoneEvidence = {"selector": selector, "actions": [a["key"] for a in selected],
                "not_done": not_done, "missing": missing}
    if missing:
        message = f"no such action(s): {_named(missing)}"
    elif waiting:
        described = [f"{a['key']} ({a['status']}, {a['owner'] or '–'})" for a in waiting]
        message = f"{len(waiting)} of {len(selected)} action(s) not done: {_named(described)}"
    elif not selected:
        message = f"no actions in {selector}"
    else:
        message = f"all {len(selected)} action(s) done"
    return {"passed": not missing and not waiting, "message": message, "evidence": evidence}


def evaluate_risks_below(db: Db, spec: str | int) -> RisksBelowVerdict:
    """Passed when no open risk scores ``spec`` or more; evidence names those that do."""
    text = str(spec).strip()
    if text.startswith("risks-below:"):
        text = text[len("risks-below:"):]
    limit = normalize_score(text)
    too_high = open_risks_at_or_above(db, limit)
    keys = [r["key"] for r in too_high]
    if too_high:
        described = [f"{r['key']} ({r['score']})" for r in too_high]
        message = f"{len(too_high)} open risk(s) at {limit} or above: {_named(described)}"
    else:
        message = f"no open risk at {limit} or above"
    return {"passed": not too_high, "message": message,
            "evidence": {"score": limit, "too_high": keys}}
