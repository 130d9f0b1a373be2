"""The mapping checks M001–M011 and M014 over rules, charts and dimensions; pure, no store access.

:class:`RuleChecks` holds what every kind of set shares (duplicates, splits, overlaps,
dimension values); :class:`MappingChecker` adds the account checks, and
:mod:`cost_object_checks` the checks of a cost-objects set (M012, M013).

Nothing here is quadratic. Duplicates and splits are found by dictionary grouping; range
coverage and range classes by bisecting sorted code lists; overlaps (M006) by grouping exact
codes, and where ranges are involved by one sweep per cost centre and code length over the
splits sorted by their first code, comparing a split only with the splits whose range is still
open at its first code (so the work grows with the overlaps found, not with rules²).

Where that is cheaper, a check first asks column by column (``map``, sets: C, no per-rule
Python code) whether anything can be found at all (duplicates, shares, the range sweep), and
walks the rules one by one only then: findings and their order are those of that walk.

Rules with the same source, cost centre and validity form a *split*: their shares must sum to
100 (M005). Several such rules at 100 % each are not a split but an overlap (M006), as are
rules of different sources (a range and an exact code, two ranges) or of different but
overlapping validity that cover the same account and cost centre. Identical rows are reported
once (M010) and otherwise ignored.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from functools import partial
from itertools import accumulate, compress, repeat
from operator import ge, itemgetter, lt, ne, or_
from typing import NamedTuple

from migctl.checks import CheckCode, CheckReport, Finding, Severity
from migctl.services.mapping.fields import TYPE_CLASS, SourceSpec
from migctl.services.mapping.references import ChartView, DimensionView
from migctl.services.mapping.rules import HUNDRED, Dims, Rule

E, W = Severity.ERROR, Severity.WARNING
CODES = [
    CheckCode("M001", "legacy account not covered by any rule", E),
    CheckCode("M002", "target account not in the target chart", E),
    CheckCode("M003", "target account inactive", E),
    CheckCode("M004", "account type changes class", E),
    CheckCode("M005", "shares of one source do not sum to 100", E),
    CheckCode("M006", "overlapping rules for the same source", E),
    CheckCode("M007", "required dimension missing", E),
    CheckCode("M008", "unknown or inactive target dimension value", E),
    CheckCode("M009", "source account not in the legacy chart", W),
    CheckCode("M010", "duplicate row", W),
    CheckCode("M011", "valid_to before valid_from", E),
    CheckCode("M014", "target account is a summary account", E),
]
#: The codes of a cost-objects set's own checks (its report also runs M005, M006, M008,
#: M010 and M011).
COST_OBJECT_ONLY_CODES = [
    CheckCode("M012", "legacy dimension value not covered by any rule", E),
    CheckCode("M013", "source value not in the legacy dimension", W),
]
SEVERITY = {c.code: c.severity for c in (*CODES, *COST_OBJECT_ONLY_CODES)}


def fmt_pct(value: Decimal) -> str:
    return f"{value.normalize():f}"


def finding(code: str, message: str, *, file: str | None, row: int | None,
            source: str | None = None, target: str | None = None) -> Finding:
    return Finding(code, SEVERITY[code], message, file=file, row=row, subject=source,
                   data={"source_account": source, "target_account": target})


class Split(NamedTuple):
    """The rules sharing one source, cost centre and validity (one rule unless split)."""

    key: tuple[SourceSpec, str | None, date | None, date | None]
    rules: tuple[Rule, ...]

    @property
    def first(self) -> Rule:
        return self.rules[0]


_new_split = partial(tuple.__new__, Split)  # a Split from (key, rules), in C
_CONTENT = itemgetter(slice(1, 8))  # Rule.content()
_SPLIT_KEY = itemgetter(1, 2, 6, 7)  # Rule.split_key()
_SOURCE, _SHARE = itemgetter(1), itemgetter(5)  # of a Rule
_FIRST, _LAST, _KEY, _RULES = itemgetter(0), itemgetter(1), itemgetter(0), itemgetter(1)


def coverage_pct(covered: int, total: int) -> Decimal:
    """Covered ÷ total × 100 to two decimals, never rounded up to 100 % beside a gap."""
    if total == 0:
        return Decimal("100.00")
    pct = (Decimal(covered) * HUNDRED / Decimal(total)).quantize(Decimal("0.01"))
    if pct == HUNDRED and covered < total:
        return Decimal("99.99")
    return pct


class RuleChecks:
    """The checks every kind of set shares, over its rules and the dimensions."""

    def __init__(self, *, rules: list[Rule], file: str, dimensions: dict[str, DimensionView],
                 report: CheckReport) -> None:
        self.rules = rules
        self.file = file
        self.dimensions = dimensions
        self.report = report
        self.unique: list[Rule] = []
        self.required: dict[str, list[str]] = {}  # account type → dimension keys it needs
        #: (cost centre, code length) buckets → the rank of their first rule in the whole set;
        #: set when ``rules`` are only the rules that can carry a finding (validate_stored)
        self.bucket_order: Callable[[list[tuple[str | None, int]]],
                                    dict[tuple[str | None, int], int]] | None = None

    def add(self, code: str, message: str, rule: Rule | None = None, *,
            file: str | None = None, row: int | None = None, source: str | None = None,
            target: str | None = None) -> None:
        if rule is not None:
            file, row = self.file, rule.row
            source = str(rule.source) if source is None else source
            target = rule.target if target is None else target
        self.report.add(finding(code, message, file=file, row=row, source=source,
                                target=target))

    def describe(self, rule: Rule) -> str:
        """A rule in a message: ``4000 → 400000``."""
        return f"{rule.source} → {rule.target}"

    def scope(self, rule: Rule) -> str:
        """What besides the source two overlapping rules share, for M006 messages."""
        return f"same cost centre ({rule.cost_centre or 'none'}), "

    def run(self) -> Decimal:
        """All checks; returns the coverage the kind of set measures (M001 or M012)."""
        self.check_duplicates()
        self.check_rules()
        splits = self.splits()
        self.check_shares(splits)
        self.check_overlaps(splits)
        return self.check_coverage()

    def check_rules(self) -> None:
        """Per-rule checks of the kind of set."""
        raise NotImplementedError

    def check_coverage(self) -> Decimal:
        """What the kind of set must cover, and how much of it is covered."""
        raise NotImplementedError

    def check_validity(self, rule: Rule) -> None:
        """M011: a validity that ends before it starts."""
        if rule.valid_from and rule.valid_to and rule.valid_to < rule.valid_from:
            self.add("M011", f"valid_to {rule.valid_to} is before valid_from "
                             f"{rule.valid_from}", rule)

    # M010 -----------------------------------------------------------------------------
    def check_duplicates(self) -> None:
        """Identical rows count once everywhere else; the repeats are warnings."""
        contents = list(map(_CONTENT, self.rules))
        if len(set(contents)) == len(contents):  # no repeats: every rule counts
            self.unique = list(self.rules)
            return
        seen: dict[tuple[object, ...], Rule] = {}
        for rule in self.rules:
            content = rule.content()
            first = seen.get(content)
            if first is None:
                seen[content] = rule
                self.unique.append(rule)
            else:
                self.add("M010", f"duplicate of row {first.row} (the repeat is ignored)", rule)

    def value_verdicts(self, dims: Dims) -> list[tuple[str, str]]:
        """M008 for target dimension values."""
        verdicts: list[tuple[str, str]] = []
        for key, value in dims:
            dimension = self.dimensions.get(key)
            if dimension is None:
                verdicts.append(("M008", f"{key} {value}: there is no dimension {key!r}"))
            elif dimension.role != "target":
                verdicts.append(("M008", f"{key} is a {dimension.role} dimension, not a "
                                         "target one"))
            elif value not in dimension.values:
                verdicts.append(("M008", f"{key} {value} is not a value of dimension {key}"))
            elif not dimension.values[value]:
                verdicts.append(("M008", f"{key} {value} is inactive"))
            elif value in dimension.summary:
                verdicts.append(("M008", f"{key} {value} is a summary value of dimension {key} "
                                         "(others have it as their parent): nothing can be "
                                         "posted to it"))
        return verdicts

    # M005 -------------------------------------------------------------------------------
    def splits(self) -> list[Split]:
        """The rules grouped by :meth:`Rule.split_key`, in the order of their first rules."""
        grouped: dict[tuple[object, ...], list[Rule]] = {}
        get = grouped.get
        for key, rule in zip(map(_SPLIT_KEY, self.unique), self.unique, strict=True):
            found = get(key)
            if found is None:
                grouped[key] = [rule]
            else:
                found.append(rule)
        return list(map(_new_split, zip(grouped, map(tuple, grouped.values()), strict=True)))

    def check_shares(self, splits: Iterable[Split]) -> None:
        """M005 for splits whose shares miss 100; several *full* rules are M006 instead."""
        splits = list(splits)
        rules = list(map(_RULES, splits))
        # only a split of several rules, or one rule of less than 100 %, can be reported
        suspect = map(or_, map(ne, map(len, rules), repeat(1)),
                      map(ne, map(_SHARE, map(_FIRST, rules)), repeat(HUNDRED)))
        for split in compress(splits, suspect):
            if len(split.rules) > 1 and all(r.share == HUNDRED for r in split.rules):
                for rule in split.rules[1:]:
                    self.report_same_source(rule, split.first)
                continue
            total = sum((r.share for r in split.rules), Decimal(0))
            if total != HUNDRED:
                rows = ", ".join(str(r.row) for r in split.rules)
                centre = split.first.cost_centre
                where = f"{split.first.source}" + (f" / cost centre {centre}" if centre else "")
                noun = "rows" if len(split.rules) > 1 else "row"
                self.add("M005", f"shares of {where} ({noun} {rows}) sum to "
                                 f"{fmt_pct(total)} %, not 100 %", split.first)

    # M006 -------------------------------------------------------------------------------
    def check_overlaps(self, splits: list[Split]) -> None:
        """Splits of the same source and cost centre overlap when their validity does; a range
        overlaps whatever it covers for the same cost centre (a sweep over the sorted firsts
        of its cost centre and code length)."""
        by_source: dict[tuple[SourceSpec, str | None], list[Split]] = {}
        for split in splits:
            by_source.setdefault((split.key[0], split.key[1]), []).append(split)
        with_ranges: set[tuple[str | None, int]] = set()
        for source, centre in by_source:
            if source.first != source.last:
                with_ranges.add((centre, len(source.first)))
        buckets: dict[tuple[str | None, int], list[Split]] = {}
        for (source, centre), same in by_source.items():
            if len(same) > 1:  # one source, several validity periods
                for index, split in enumerate(same):
                    for other in same[:index]:
                        if _validity_overlaps(split.key, other.key):
                            self.report_overlap(split, other)
            if with_ranges and (centre, len(source.first)) in with_ranges:
                buckets.setdefault((centre, len(source.first)), []).extend(same)
        findings = self.report.findings
        start = len(findings)
        swept: list[tuple[tuple[str | None, int], list[Finding]]] = []
        for key, bucket in buckets.items():
            if _may_overlap(bucket):
                before = len(findings)
                self.sweep(bucket)
                swept.append((key, findings[before:]))
        if self.bucket_order is not None and sum(1 for _, found in swept if found) > 1:
            # over some rules only, the buckets come in the order of the whole set's
            rank = self.bucket_order([key for key, found in swept if found])
            del findings[start:]
            for _, found in sorted((s for s in swept if s[1]), key=lambda s: rank[s[0]]):
                findings.extend(found)

    def sweep(self, bucket: list[Split]) -> None:
        """M006 within one cost centre and code length where ranges are involved."""
        bucket.sort(key=lambda s: (s.key[0].first, s.first.row))
        open_splits: list[tuple[str, int, Split]] = []  # heap by last code
        for index, split in enumerate(bucket):
            spec = split.key[0]
            while open_splits and open_splits[0][0] < spec.first:
                heapq.heappop(open_splits)
            for _, _, other in open_splits:
                if other.key[0] != spec and _validity_overlaps(split.key, other.key):
                    self.report_overlap(split, other)
            heapq.heappush(open_splits, (spec.last, index, split))

    def report_same_source(self, rule: Rule, first: Rule) -> None:
        self.add("M006", f"{self.describe(rule)} repeats the source of row {first.row} "
                         f"({self.describe(first)}) with 100 % each: not a split", rule)

    def report_overlap(self, one: Split, other: Split) -> None:
        later, earlier = (one, other) if one.first.row > other.first.row else (other, one)
        rule = earlier.first
        self.add("M006", f"{later.first.source} overlaps row {rule.row} "
                         f"({self.describe(rule)}): {self.scope(rule)}overlapping validity, "
                         "not a split", later.first)


class MappingChecker(RuleChecks):
    """Runs every check over one account set's rules; ``report`` collects the findings."""

    def __init__(self, *, rules: list[Rule], file: str, legacy: ChartView, target: ChartView,
                 dimensions: dict[str, DimensionView], report: CheckReport,
                 provided: frozenset[str] = frozenset()) -> None:
        super().__init__(rules=rules, file=file, dimensions=dimensions, report=report)
        self.legacy = legacy
        self.target = target
        #: verdicts by (source, target) and by (target, dimensions), worked out once each
        self.account_cache: dict[tuple[SourceSpec, str], list[tuple[str, str]]] = {}
        self.dimension_cache: dict[tuple[str, Dims], list[tuple[str, str]]] = {}
        #: every source of the set, when ``rules`` are not all of them (validate_stored)
        self.sources: set[SourceSpec] | None = None
        for dimension in dimensions.values():
            if dimension.role == "target":
                for account_type in dimension.required_for:
                    if dimension.key not in provided:  # a cost-objects set gives it (M007)
                        self.required.setdefault(account_type, []).append(dimension.key)

    # M002, M003, M004, M007, M008, M009, M011, M014 -----------------------------------------
    def check_rules(self) -> None:
        """Per-rule checks. Their verdicts depend on (source, target) and on (target,
        dimensions) only, and rules repeat those a lot (one account, many cost centres): each
        verdict is worked out once and applied to every rule that shares it."""
        by_accounts, by_dimensions = self.account_cache, self.dimension_cache
        required = bool(self.required)
        for rule in self.unique:
            if rule.valid_to is not None:  # the only rules M011 can be about
                self.check_validity(rule)
            accounts = (rule.source, rule.target)
            verdicts = by_accounts.get(accounts)
            if verdicts is None:
                verdicts = by_accounts[accounts] = self.account_verdicts(*accounts)
            for code, message in verdicts:
                self.add(code, message, rule)
            if required or rule.dims:
                dims = (rule.target, rule.dims)
                verdicts = by_dimensions.get(dims)
                if verdicts is None:
                    verdicts = by_dimensions[dims] = self.dimension_verdicts(*dims)
                for code, message in verdicts:
                    self.add(code, message, rule)

    def account_verdicts(self, source: SourceSpec, target: str) -> list[tuple[str, str]]:
        """M009 for the source; M002, M003, M004, M014 for the target."""
        verdicts: list[tuple[str, str]] = []
        if source.first == source.last:
            legacy_account = self.legacy.accounts.get(source.first)
            classes = {} if legacy_account is None else \
                {TYPE_CLASS[legacy_account.type]: (1, [source.first])}
            if legacy_account is None:
                verdicts.append(("M009", f"source account {source.first} is not in chart "
                                         f"{self.legacy.key}"))
        else:
            classes = self.legacy.classes_in(source.first, source.last)
            if not classes:
                verdicts.append(("M009", f"range {source} holds no account of chart "
                                         f"{self.legacy.key}"))
        account = self.target.accounts.get(target)
        if account is None:
            verdicts.append(("M002", f"target account {target} is not in chart "
                                     f"{self.target.key}"))
            return verdicts
        if not account.active:
            verdicts.append(("M003", f"target account {target} {account.name} is inactive in "
                                     f"chart {self.target.key}"))
        if target in self.target.summary:
            verdicts.append(("M014", f"target account {target} {account.name} is a summary "
                                     f"account in chart {self.target.key} (others have it as "
                                     "their parent): nothing can be posted to it"))
        target_class = TYPE_CLASS[account.type]
        changed = sorted((k, v) for k, v in classes.items() if k != target_class)
        if changed:
            what = ", ".join(f"{cls} ({', '.join(codes)}{'…' if count > len(codes) else ''})"
                             for cls, (count, codes) in changed)
            verdicts.append(("M004", f"{source} → {target} ({account.type}): the source is "
                                     f"{what}, the target is {target_class}"))
        return verdicts

    def dimension_verdicts(self, target: str, dims: Dims) -> list[tuple[str, str]]:
        """M008 for the values; M007 for what the target account's type requires (unless a
        cost-objects set validated with this one gives it)."""
        verdicts = self.value_verdicts(dims)
        account = self.target.accounts.get(target)
        if account is not None:
            given = {key for key, _ in dims}
            for key in self.required.get(account.type, ()):
                if key not in given:
                    verdicts.append(("M007", f"target account {target} is {account.type} and "
                                             f"needs {key}, which is empty"))
        return verdicts

    # M001 -------------------------------------------------------------------------------
    def check_coverage(self) -> Decimal:
        sources = set(map(_SOURCE, self.unique)) if self.sources is None else self.sources
        exact = {source.first for source in sources if not source.is_range}
        ranges = _merged_ranges(source for source in sources if source.is_range)
        active = [a for a in self.legacy.postable() if a.active]
        covered = 0
        for account in sorted(active, key=lambda a: a.code):
            if account.code in exact or _in_merged(ranges, account.code):
                covered += 1
            else:
                self.add("M001", f"active legacy account {account.code} {account.name} has no "
                                 "rule", file=self.legacy.file, row=account.row,
                         source=account.code)
        return coverage_pct(covered, len(active))


def _may_overlap(bucket: list[Split]) -> bool:
    """Whether the sweep over ``bucket`` can find anything: not when, taken by first code,
    every split starts after all before it have ended (then no split is ever open)."""
    specs = sorted(map(_KEY, map(_KEY, bucket)))
    firsts = list(map(_FIRST, specs))
    ends = list(accumulate(map(_LAST, specs), max))
    return any(map(ge, ends[:-1], firsts[1:])) or not all(map(lt, firsts[:-1], firsts[1:]))


def _validity_overlaps(one: tuple[SourceSpec, str | None, date | None, date | None],
                       other: tuple[SourceSpec, str | None, date | None, date | None]) -> bool:
    start = max(one[2] or date.min, other[2] or date.min)
    end = min(one[3] or date.max, other[3] or date.max)
    empty = any(k[2] and k[3] and k[3] < k[2] for k in (one, other))
    return not empty and start <= end


def _merged_ranges(specs: Iterable[SourceSpec]) -> dict[int, tuple[list[str], list[str]]]:
    """Per code length: disjoint (starts, ends) lists, so membership is one bisection."""
    by_length: dict[int, list[tuple[str, str]]] = {}
    for spec in specs:
        by_length.setdefault(len(spec.first), []).append((spec.first, spec.last))
    merged: dict[int, tuple[list[str], list[str]]] = {}
    for length, intervals in by_length.items():
        intervals.sort()
        starts: list[str] = []
        ends: list[str] = []
        for first, last in intervals:
            if ends and first <= ends[-1]:
                ends[-1] = max(ends[-1], last)
            else:
                starts.append(first)
                ends.append(last)
        merged[length] = (starts, ends)
    return merged


def _in_merged(merged: dict[int, tuple[list[str], list[str]]], code: str) -> bool:
    found = merged.get(len(code))
    if found is None:
        return False
    starts, ends = found
    index = bisect_right(starts, code) - 1
    return index >= 0 and code <= ends[index]
