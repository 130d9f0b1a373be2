"""The rule matcher shared by `mapping translate` and `mapping validate --balances`.

Built once per run: exact rules in a dictionary by (cost centre, code), ranges in sorted lists
per (cost centre, code length). A line (account, cost centre, day) is matched in four tiers,
the first tier with a rule that applies on the day wins:

1. an exact account rule for the line's cost centre,
2. an exact account rule without a cost centre,
3. a range rule for the line's cost centre,
4. a range rule without a cost centre.

(Exact account beats range; within that, a matching cost centre beats none.) Rules with the
same source, cost centre and validity form one split; two different splits applying in the
same tier, or several rules of one source at 100 % each, make the line *ambiguous*
(validation reports them as M006) and it is not translated. Identical rows count once.

Split amounts are divided with the largest-remainder method in integer cents: every part is
floored, and the cents left over go to the parts with the largest remainders (the earlier row
on ties), so the parts of a line always sum exactly to the line (when the shares sum to 100).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from migctl.services.mapping.fields import SourceSpec
from migctl.services.mapping.perf import gc_paused
from migctl.services.mapping.references import ChartView
from migctl.services.mapping.rules import Dims, Rule, StoredRule, rules_from_rows

#: Shares have at most four decimals, so share × 10,000 is an exact integer weight.
WEIGHT_SCALE = 10_000
FULL = 100 * WEIGHT_SCALE  # 100 %


class Part(NamedTuple):
    target: str
    dims: Dims
    weight: int  # share × 10,000
    row: int  # the rule's row in the mapping file
    target_type: str | None  # from the target chart (None when not checked)


class Plan(NamedTuple):
    """What a matched line becomes: one part per rule of the split."""

    parts: tuple[Part, ...]
    total_weight: int


class Match(NamedTuple):
    plan: Plan | None
    reason: str | None  # why the line is not translated
    code: str | None = None  # the check code of that reason (M001, M002, M006, M007, M012)


NO_RULE = Match(None, "no rule", "M001")


def allocate(cents: int, weights: tuple[int, ...], total_weight: int,
             full: int = FULL) -> list[int]:
    """``cents`` divided by ``weights`` (share × 10,000, or ``full`` for 100 %) with the
    largest-remainder method.

    The parts sum to the line rounded by the shares' total: exactly the line when the shares
    sum to 100 %. Negative amounts are split like their absolute value, then negated, so a
    reversal splits into exactly the reversed parts.
    """
    magnitude = abs(cents)
    numerators = [magnitude * weight for weight in weights]
    parts = [n // full for n in numerators]
    wanted = (magnitude * total_weight * 2 + full) // (2 * full)  # exact total, half up
    leftover = wanted - sum(parts)
    if leftover > 0:
        by_remainder = sorted(range(len(parts)), key=lambda i: (-(numerators[i] % full), i))
        for index in by_remainder[:leftover]:
            parts[index] += 1
    return parts if cents >= 0 else [-p for p in parts]


class _Split(NamedTuple):
    valid_from: date | None
    valid_to: date | None
    rules: tuple[Rule, ...]

    def applies(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and \
            (self.valid_to is None or day <= self.valid_to)


class Chain(NamedTuple):
    """The candidate splits of one account (and cost centre), tier by tier."""

    tiers: tuple[tuple[_Split, ...], ...]
    static: Match | None  # the answer on every day (no candidate is dated), else None


class AccountRules(NamedTuple):
    """How lines of one account are matched: the chain for lines of any cost centre, and
    chains for the cost centres that have rules of their own for this account."""

    generic: Chain
    by_centre: dict[str, Chain]


class _Ranges(NamedTuple):
    firsts: list[str]
    lasts: list[str]
    reach: list[str]  # running maximum of ``lasts``: where to stop looking back
    splits: list[_Split]


_LAZY = frozenset({"exact", "ranges", "_plans", "_centres", "_range_centres", "_accounts"})


class RuleIndex:
    """Rules of one set, indexed for matching ledger lines."""

    exact: dict[tuple[str | None, str], list[_Split]]
    ranges: dict[tuple[str | None, int], _Ranges]
    _plans: dict[int, Match]
    _centres: dict[str, set[str]]
    _range_centres: set[str]
    _accounts: dict[str, AccountRules]

    rules: list[Rule]

    def __init__(self, rules: list[Rule] | None = None, *, target: ChartView | None = None,
                 stored: list[StoredRule] | None = None,
                 fetch: Callable[[], list[StoredRule]] | None = None) -> None:
        """Built on first use: the columnar path of `mapping translate` resolves rules in SQL
        from the ``stored`` rows as the store returned them (or from its cache, when the rows
        are ``fetch``-ed only if asked for), and asks the index only for the few lines SQL
        leaves to Python; :class:`Rule` tuples are made only then."""
        if rules is not None:
            self.rules = rules
        self.stored = stored
        self.fetch = fetch
        self.target = target

    def stored_rows(self) -> list[StoredRule] | None:
        """The rules as the store returned them (fetched now if they were left for later);
        None for an index made from :class:`Rule` tuples."""
        if self.stored is None and self.fetch is not None:
            self.stored = self.fetch()
        return self.stored

    def __getattr__(self, name: str) -> object:  # only for attributes not yet set
        if name == "rules" and "stored" in self.__dict__:
            stored = self.stored_rows()
            if stored is not None:
                with gc_paused():
                    self.rules = rules_from_rows(stored)
                return self.rules
        if name not in _LAZY or "target" not in self.__dict__:
            raise AttributeError(name)
        with gc_paused():  # 10^5 rules: tuples and lists the collector need not walk
            self._build()
        return self.__dict__[name]

    def _build(self) -> None:
        rules = self.rules
        grouped: dict[tuple[SourceSpec, str | None, date | None, date | None], list[Rule]] = {}
        seen: set[tuple[object, ...]] = set()
        for rule in rules:
            content = rule.content()
            if content in seen:
                continue  # an identical row (M010) counts once
            seen.add(content)
            grouped.setdefault(rule.split_key(), []).append(rule)
        self.exact: dict[tuple[str | None, str], list[_Split]] = {}
        ranges: dict[tuple[str | None, int], list[tuple[str, str, _Split]]] = {}
        for (source, centre, valid_from, valid_to), members in grouped.items():
            split = _Split(valid_from, valid_to, tuple(members))
            if source.first == source.last:
                self.exact.setdefault((centre, source.first), []).append(split)
            else:
                ranges.setdefault((centre, len(source.first)), []).append(
                    (source.first, source.last, split))
        self.ranges: dict[tuple[str | None, int], _Ranges] = {}
        for key, entries in ranges.items():
            entries.sort(key=lambda e: (e[0], e[1], e[2].rules[0].row))
            reach: list[str] = []
            for _, last, _ in entries:
                reach.append(max(reach[-1], last) if reach else last)
            self.ranges[key] = _Ranges([e[0] for e in entries], [e[1] for e in entries], reach,
                                       [e[2] for e in entries])
        self._plans: dict[int, Match] = {}
        self._centres: dict[str, set[str]] = {}  # account → cost centres of its exact rules
        for centre, code in self.exact:
            if centre is not None:
                self._centres.setdefault(code, set()).add(centre)
        self._range_centres = {centre for centre, _ in self.ranges if centre is not None}
        self._accounts: dict[str, AccountRules] = {}

    def _in_ranges(self, centre: str | None, code: str) -> list[_Split]:
        found = self.ranges.get((centre, len(code)))
        if found is None:
            return []
        index = bisect_right(found.firsts, code) - 1
        hits: list[_Split] = []
        while index >= 0 and found.reach[index] >= code:
            if found.lasts[index] >= code:
                hits.append(found.splits[index])
            index -= 1
        return hits

    def account(self, account: str) -> AccountRules:
        """The chains of one account (computed once per account)."""
        found = self._accounts.get(account)
        if found is not None:
            return found
        exact = self.exact.get((None, account), ())
        ranges = self._in_ranges(None, account)
        centres = set(self._centres.get(account, ()))
        for centre in self._range_centres:
            if self._in_ranges(centre, account):
                centres.add(centre)
        found = self._accounts[account] = AccountRules(
            self._chain((exact, ranges)),
            {centre: self._chain((self.exact.get((centre, account), ()), exact,
                                  self._in_ranges(centre, account), ranges))
             for centre in centres})
        return found

    def _chain(self, candidates: tuple[Sequence[_Split], ...]) -> Chain:
        tiers = tuple(tuple(tier) for tier in candidates if tier)
        for tier in tiers:
            for split in tier:
                if split.valid_from is not None or split.valid_to is not None:
                    return Chain(tiers, None)  # dated: decided line by line
        if not tiers:
            return Chain(tiers, NO_RULE)
        first = tiers[0]  # undated: every split applies, the first tier decides (evaluate)
        if len(first) == 1:
            return Chain(tiers, self._plan(first[0]))
        return Chain(tiers, self.evaluate(Chain(tiers, None), date.min))

    def evaluate(self, chain: Chain, day: date) -> Match:
        """The first tier with splits applying on ``day`` decides."""
        for tier in chain.tiers:
            applying = [s for s in tier if s.applies(day)]
            if len(applying) == 1:
                return self._plan(applying[0])
            if len(applying) > 1:
                rows = ", ".join(str(s.rules[0].row) for s in applying)
                return Match(None, f"ambiguous: rules on rows {rows} all apply", "M006")
        return NO_RULE

    def match(self, account: str, centre: str | None, day: date) -> Match:
        """The split that applies to a line, or why none does."""
        rules = self.account(account)
        chain = rules.by_centre.get(centre, rules.generic) if centre else rules.generic
        return chain.static if chain.static is not None else self.evaluate(chain, day)

    def _plan(self, split: _Split) -> Match:
        key = id(split)
        found = self._plans.get(key)
        if found is not None:
            return found
        if len(split.rules) > 1 and all(r.share == FULL // WEIGHT_SCALE for r in split.rules):
            rows = ", ".join(str(r.row) for r in split.rules)
            found = self._plans[key] = Match(None, f"ambiguous: rules on rows {rows} all apply "
                                                   "in full", "M006")
            return found
        parts = []
        for rule in split.rules:
            target_type = None
            if self.target is not None:
                account = self.target.accounts.get(rule.target)
                if account is None:
                    found = Match(None, f"rule on row {rule.row} targets {rule.target}, which "
                                        f"is not in chart {self.target.key}", "M002")
                    self._plans[key] = found
                    return found
                target_type = account.type
            parts.append(Part(rule.target, rule.dims, int(rule.share * WEIGHT_SCALE), rule.row,
                              target_type))
        found = Match(Plan(tuple(parts), sum(p.weight for p in parts)), None)
        self._plans[key] = found
        return found
