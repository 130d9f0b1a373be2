"""One cause per difference: classification, misposting pairs, reviewer decisions.

Everything here works on integer cents and key tuples, so it is the same for both engines
and for the pure-Python oracle the tests use. The invariant the documents rely on: every key
present on either side is either *matched* (no difference) or covered by exactly one
:class:`Found`, so the differences add up to the total difference exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from migctl.services.recon.fields import (
    ACCEPTED,
    AMOUNT_DIFFERS,
    CAUSES,
    HARMLESS,
    MATCHED,
    MISPOSTED,
    MISSING,
    ROUNDING,
    UNEXPECTED,
)

Key = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Found:
    """A difference in cents. ``legacy``/``target`` are the amounts over the keys it covers
    (None: the key is absent on that side); items add the differing column and its values."""

    cause: str
    key: Key
    legacy: int | None
    target: int | None
    difference: int
    other_key: Key | None = None
    column: str | None = None
    moved: int | None = None
    legacy_value: str | None = None
    target_value: str | None = None
    decision: Decision | None = None

    @property
    def failing(self) -> bool:
        return self.cause not in HARMLESS

    def fingerprint(self) -> str:
        """What must stay the same for a decision to carry forward: the cause, the column,
        the difference (and a moved amount, the differing values)."""
        return "|".join(str(part) for part in (
            self.cause, self.column or "", self.difference, self.moved or "",
            self.legacy_value or "", self.target_value or ""))


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's acceptance of the difference under ``key`` as it was (``fingerprint``)."""

    key: Key
    fingerprint: str
    cause: str
    reason: str
    by: str


def classify_balances(legacy: Mapping[Key, int], target: Mapping[Key, int], *,
                      tolerance: int) -> tuple[list[Found], int]:
    """Per key (both sides already summed by key): matched, rounding, or a real difference;
    real differences of one period pair up into mispostings. Returns (differences, matched)."""
    differing = []
    matched = 0
    for key in _union(legacy, target):
        before = legacy.get(key)
        after = target.get(key)
        if (after or 0) == (before or 0):
            matched += 1
        else:
            differing.append((key, before, after))
    return classify_differences(differing, tolerance=tolerance), matched


def classify_differences(differing: Iterable[tuple[Key, int | None, int | None]], *,
                         tolerance: int) -> list[Found]:
    """Keys whose sides differ, as (key, legacy, target; None where a side lacks the key):
    rounding within ``tolerance``, else missing, unexpected or differing amounts, paired into
    mispostings where they can be (the columnar path brings only these keys to Python)."""
    found: list[Found] = []
    candidates: list[Found] = []
    for key, before, after in differing:
        difference = (after or 0) - (before or 0)
        if -tolerance <= difference <= tolerance:
            found.append(Found(ROUNDING, key, before, after, difference))
            continue
        cause = MISSING if after is None else UNEXPECTED if before is None else AMOUNT_DIFFERS
        candidates.append(Found(cause, key, before, after, difference))
    found.extend(pair_mispostings(candidates))
    return found


def _union(legacy: Mapping[Key, int], target: Mapping[Key, int]) -> Iterable[Key]:
    yield from legacy
    for key in target:
        if key not in legacy:
            yield key


def pair_mispostings(candidates: list[Found]) -> list[Found]:
    """Pair an amount missing under one key with the same amount extra under another key of
    the same period (the key's last part): the pair becomes one ``misposted`` difference naming
    both keys, its amounts the sums over both, its difference their net (zero). Pairs are
    formed deterministically: within (period, amount) the keys in sorted order."""
    short: defaultdict[tuple[str, int], list[Found]] = defaultdict(list)
    extra: defaultdict[tuple[str, int], list[Found]] = defaultdict(list)
    for item in candidates:
        bucket = short if item.difference < 0 else extra
        bucket[item.key[-1], abs(item.difference)].append(item)
    paired: set[Key] = set()
    result: list[Found] = []
    for group, missing in short.items():
        surplus = extra.get(group)
        if not surplus:
            continue
        missing.sort(key=lambda f: f.key)
        surplus.sort(key=lambda f: f.key)
        for lost, landed in zip(missing, surplus, strict=False):
            paired.add(lost.key)
            paired.add(landed.key)
            result.append(Found(
                MISPOSTED, lost.key, (lost.legacy or 0) + (landed.legacy or 0),
                (lost.target or 0) + (landed.target or 0), lost.difference + landed.difference,
                other_key=landed.key, moved=group[1]))
    result.extend(item for item in candidates if item.key not in paired)
    return result


def apply_decisions(found: list[Found], decisions: Iterable[Decision]) -> list[Found]:
    """A failing difference whose key has a decision with the same fingerprint is
    ``accepted``; a changed difference keeps its own cause (the decision is reopened)."""
    by_key = {decision.key: decision for decision in decisions}
    if not by_key:
        return found
    result = []
    for item in found:
        decision = by_key.get(item.key)
        if decision is not None and item.failing and decision.fingerprint == item.fingerprint():
            item = replace(item, cause=ACCEPTED, decision=decision)
        result.append(item)
    return result


def count(found: Iterable[Found], matched: int) -> dict[str, int]:
    """Counts by cause (every cause present, zero or not) and ``matched``."""
    counts = dict.fromkeys(CAUSES, 0)
    for item in found:
        counts[item.cause] += 1
    counts[MATCHED] = matched
    return counts


def order(found: list[Found]) -> list[Found]:
    """Failing differences first (largest first), then the harmless ones; stable by key."""
    return sorted(found, key=lambda f: (not f.failing, -abs(f.moved or f.difference), f.key))
