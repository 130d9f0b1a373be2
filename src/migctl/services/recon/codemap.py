"""Codes translated through a mapping set before items are compared (``col=set:NAME``).

Why: an open-items extract from the new system names the new account where the legacy one named
the old, and the account mapping already says which is which — a second key-map file would be a
copy that drifts. A code translates when the set's whole-code rules for it (exact first, else
the ranges holding it) — without cost centre or validity dates — name one target account; a
split onto one account (60/40 between two units) still does. Two target accounts, or only
cost-centre or dated rules, are no one-to-one translation: the code is left untranslated (cause
``untranslated``), never guessed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from sqlmodel import Session

from migctl.services.mapping.fields import SourceSpec
from migctl.services.mapping.rules import Rule, load_rules
from migctl.services.mapping.sets import resolve_set

_AMBIGUOUS = ""  # a code with two targets: looked up, it is untranslated


class SetCodes(Mapping[str, str]):
    """Legacy code → target code under one mapping set's one-to-one rules."""

    def __init__(self, rules: list[Rule]) -> None:
        self._exact: dict[str, str] = {}
        self._ranges: list[tuple[SourceSpec, str]] = []
        for rule in rules:
            if rule.cost_centre is not None or not rule.target \
                    or rule.valid_from is not None or rule.valid_to is not None:
                continue
            if rule.source.is_range:
                self._ranges.append((rule.source, rule.target))
                continue
            known = self._exact.get(rule.source.first)
            self._exact[rule.source.first] = rule.target if known in (None, rule.target) \
                else _AMBIGUOUS

    def __getitem__(self, code: str) -> str:
        target = self._exact.get(code)
        if target is None:
            targets = {to for spec, to in self._ranges if spec.contains(code)}
            target = targets.pop() if len(targets) == 1 else None
        if not target:  # none, or ambiguous
            raise KeyError(code)
        return target

    def __iter__(self) -> Iterator[str]:
        return (code for code, target in self._exact.items() if target)

    def __len__(self) -> int:
        return sum(1 for target in self._exact.values() if target)


def set_codes(session: Session, ref: str) -> SetCodes:
    """The one-to-one translations of mapping set ``ref`` (``NAME`` or ``NAME@N``)."""
    set_id = resolve_set(session, ref).id
    assert set_id is not None  # a stored set
    return SetCodes(load_rules(session, set_id))
