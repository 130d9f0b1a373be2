"""`mapping validate` of a stored account set over distinct values (issue 20).

The checks of :class:`checks.MappingChecker` on 200,000 stored rules used to load every rule
(10 values each through the driver, a ``Rule`` per row) and walk them all, although a set
without findings has nothing to say about almost any of them. Here the store answers with
*distinct values* and only the rules that can carry a finding are loaded:

- distinct (source, target account, dimensions): every per-rule verdict (M002–M004, M007–M009,
  M014) is worked out once per distinct value, coverage (M001) comes from the distinct sources;
- the rules that can be part of a finding are then fetched in one query, whole per source
  code: the (source, cost centre) groups an aggregate cannot vouch for as one clean split
  (:meth:`StoredRules.unclean_sources`: shares summing to 100 over rules that differ, one
  validity, not reversed), the sources with a verdict, and the sources that can meet a range
  of their cost centre (M006 sweep: the distinct ranges per cost centre and the exact codes
  of those cost centres tell which); a set with many dated rules takes every shared group;
- the unchanged checks of :class:`MappingChecker` run over those rules. Every group the
  checks form (repeats, splits, one source's validity periods) is whole in them, every pair
  the range sweep reports too, so the findings — and their order — are those of a walk over
  every rule; only the order of range buckets is taken from the store (the first rule of each).

Comparisons that decide stay in Python on decoded values; SQL only narrows (a superset of the
rules that matter), in portable Core (SQLite and PostgreSQL). When a narrowing list would grow
beyond :data:`LIST_LIMIT` values, the query fetches every rule instead: slower, the same result.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    cast,
    false,
    func,
    not_,
    or_,
    select,
    true,
    tuple_,
)
from sqlmodel import Session

from migctl.services.mapping.checks import MappingChecker
from migctl.services.mapping.fields import TYPE_CLASS, SourceSpec
from migctl.services.mapping.references import AccountInfo, ChartView
from migctl.services.mapping.rules import RawValues, Rule, driver_rows, rules_from_rows
from migctl.store.models.mapping import Chart
from migctl.store.tables import ACCOUNT, MAPPING_RULE

#: The most values one narrowing ``IN`` list holds; beyond it every rule is fetched.
LIST_LIMIT = 500
#: The most rules of one (source, cost centre) the split aggregate vouches for (its float sum
#: of shares then stays far within 10⁻⁵ of the decoded sum); a larger group is fetched.
SPLIT_LIMIT = 10_000

_C: Any = MAPPING_RULE.c


class StoredRules:
    """One stored set's rules as the checks need them: distinct values, then some rows."""

    def __init__(self, session: Session, set_id: int) -> None:
        self.session = session
        self.set_id = set_id

    def where(self, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
        return and_(_C.set_id == self.set_id, *conditions)

    def count(self) -> tuple[int, int]:
        """How many rules, and how many of them have a validity date."""
        rules, dated = self.session.execute(select(
            func.count(), func.count(_C.valid_from) + func.count(_C.valid_to))
            .where(self.where())).one()
        return int(rules), int(dated or 0)

    def distinct_accounts(self) -> list[tuple[Any, ...]]:
        """Distinct (source from, source to, target account, dimensions as text)."""
        return driver_rows(self.session, select(
            _C.source_from, _C.source_to, _C.target_account,
            cast(_C.target_dimensions, String)).distinct().where(self.where()))

    def distinct_ranges(self) -> list[tuple[Any, ...]]:
        """Distinct (source from, source to, cost centre) of the range rules."""
        return driver_rows(self.session, select(
            _C.source_from, _C.source_to, _C.source_cost_centre).distinct()
            .where(self.where(_C.source_from != _C.source_to)))

    def distinct_exact_in(self, centres: set[str | None]) -> list[tuple[Any, ...]]:
        """Distinct (code, cost centre) of the exact rules of these cost centres."""
        return driver_rows(self.session, select(
            _C.source_from, _C.source_cost_centre).distinct()
            .where(self.where(_C.source_from == _C.source_to, _is_in(_C.source_cost_centre,
                                                                     centres))))

    def rules(self, *conditions: ColumnElement[bool]) -> list[Rule]:
        """The rules meeting any of ``conditions``, in spreadsheet order."""
        raw = [cast(_C.target_dimensions, String), _C.share, _C.valid_from, _C.valid_to]
        rows = driver_rows(self.session, select(
            _C.id, _C.source_row, _C.source_from, _C.source_to, _C.source_cost_centre,
            _C.target_account, *raw, _C.note).where(self.where(or_(*conditions)))
            .order_by(_C.id))
        return rules_from_rows([row[1:] for row in rows])

    def unclean_sources(self, *, dims_exact: bool) -> Select[Any]:
        """The source codes (``source_from``, repeated) of the (source, cost centre) groups
        that can carry a split finding: a group of one rule at 100 %, or one split whose
        shares sum to 100 and whose rules differ (M010, M005, M006 and M011 need something
        else), is left out. Only the rules of shared groups, and single rules of less than
        100 % or with a reversed validity, are aggregated (the shared groups: one sort).

        A left-out group is one split of the checks: one source, cost centre and validity;
        its rules differ in the target account or (``dims_exact``: the stored dimension
        texts decode one to one) in the dimensions; its shares are 4-decimal values (as
        decoded) whose sum is 100 (a float sum within 10⁻⁵: the decoded sum of fewer than
        10,000 such values is then exactly 100); its validity does not end before it
        starts."""
        other = MAPPING_RULE.alias("other")
        key = (other.c.source_from, func.coalesce(other.c.source_cost_centre, ""))
        shared = select(*key).where(other.c.set_id == self.set_id) \
            .group_by(*key).having(func.count() > 1)
        rules = func.count()
        distinct = [rules == 1, func.count(_C.target_account.distinct()) == rules]
        if dims_exact:
            distinct.append(func.count(cast(_C.target_dimensions, String).distinct()) == rules)
        clean = and_(rules < SPLIT_LIMIT, func.min(_C.source_to) == func.max(_C.source_to),
                     _uniform(_C.valid_from), _uniform(_C.valid_to),
                     not_(func.coalesce(func.min(_C.valid_to) < func.min(_C.valid_from),
                                        false())),
                     func.max(func.abs(_C.share - func.round(_C.share, 4))) < 1e-9,
                     func.abs(func.sum(_C.share) - 100) < 1e-5, or_(*distinct))
        candidates = or_(tuple_(_C.source_from, func.coalesce(_C.source_cost_centre, ""))
                         .in_(shared), _C.share != 100, _C.valid_to < _C.valid_from)
        return select(_C.source_from).where(self.where(candidates)) \
            .group_by(_C.source_from, _C.source_cost_centre).having(not_(clean))

    def shared_source(self) -> ColumnElement[bool]:
        """A rule whose (source from, cost centre) another rule has (a superset: NULL and an
        empty cost centre count as one here)."""
        other = MAPPING_RULE.alias("other")
        key = (other.c.source_from, func.coalesce(other.c.source_cost_centre, ""))
        shared = select(*key).where(other.c.set_id == self.set_id) \
            .group_by(*key).having(func.count() > 1)
        return tuple_(_C.source_from, func.coalesce(_C.source_cost_centre, "")).in_(shared)

    def sources_with_target_in(self, targets: set[str]) -> Select[Any]:
        """The source codes of the rules whose target account (as stored) is listed."""
        return select(_C.source_from).where(
            self.where(_is_in(_C.target_account, targets, empty_is_null=True)))

    def first_ids(self, buckets: Iterable[tuple[str | None, int]]) -> dict[tuple[str | None, int],
                                                                          int]:
        """The id of the first rule of each (cost centre, source code length) bucket."""
        found: dict[tuple[str | None, int], int] = {}
        for centre, length in buckets:
            same_centre = _C.source_cost_centre.is_(None) if centre is None \
                else _C.source_cost_centre == centre
            first = self.session.execute(select(func.min(_C.id)).where(self.where(
                same_centre, func.length(_C.source_from) == length))).scalar_one()
            found[(centre, length)] = int(first)
        return found


def check_stored(session: Session, set_id: int, checker: MappingChecker) -> tuple[int, Decimal]:
    """Run ``checker`` (built with no rules) over stored set ``set_id``: its report gets the
    findings a run over every rule gives, in the same order. Returns (rules, coverage)."""
    store = StoredRules(session, set_id)
    total, dated = store.count()
    specs, flagged_sources, flagged_targets, dims_exact = _verdicts(
        checker, store.distinct_accounts())
    neighbours = _range_neighbours(store)
    # dated rules mostly come in validity periods of one source, which the split aggregate
    # leaves to the checks: with many, the groups are fetched as they are (no aggregate)
    sources = None if dated > LIST_LIMIT else \
        _listed(store.session, store.unclean_sources(dims_exact=dims_exact))
    conditions: list[ColumnElement[bool]] = []
    # a rule with a verdict takes every rule of its source code (its splits whole)
    if neighbours is None or (flagged_sources is None and flagged_targets is None):
        conditions.append(true())
    elif flagged_sources is None and flagged_targets is not None:
        conditions.append(_C.source_from.in_(store.sources_with_target_in(flagged_targets)))
    if sources is None:
        conditions += [_C.share != 100, _C.valid_to < _C.valid_from, store.shared_source()]
    listed = (sources or set()) | (neighbours or set()) | (flagged_sources or set())
    if listed:
        conditions.append(_is_in(_C.source_from, listed))
    checker.rules = store.rules(*conditions) if conditions else []
    checker.sources = specs
    checker.bucket_order = lambda keys: store.first_ids(keys)
    checker.check_duplicates()
    checker.check_rules()
    splits = checker.splits()
    checker.check_shares(splits)
    checker.check_overlaps(splits)
    return total, checker.check_coverage()


def _verdicts(checker: MappingChecker, distinct: list[tuple[Any, ...]]
              ) -> tuple[set[SourceSpec], set[str] | None, set[str] | None, bool]:
    """The distinct sources; the source codes (``source_from``) and the target accounts (as
    stored) of the distinct values with a per-rule verdict (None: too many to list); whether
    the stored dimension texts decode one to one (then rules whose texts differ differ in
    their dimensions). Whether there is a verdict is decided from its parts, each worked out
    once: the source's classes (None: M009), the target's class (None: M002, M003, M014), the
    dimension values (M008) and what the target's type requires (M007); the verdicts themselves are
    worded later, for the rules fetched."""
    specs: dict[tuple[str, str], SourceSpec] = {}
    source_classes: dict[tuple[str, str], frozenset[str] | None] = {}
    target_classes: dict[str | None, str | None] = {}
    dims_flags = _DimsFlags(checker)
    flagged: set[str] = set()
    flagged_sources: set[str] = set()
    for first, last, raw_target, raw_dims in distinct:
        key = (first, last)
        classes = source_classes.get(key, ())
        if classes == ():
            spec = specs[key] = SourceSpec(first, last)
            classes = source_classes[key] = _source_classes(checker, spec)
        target_class = target_classes.get(raw_target, "")
        if target_class == "":
            target_class = target_classes[raw_target] = _target_class(checker, raw_target or "")
        if classes is None or target_class is None or any(c != target_class for c in classes) \
                or dims_flags.flag(raw_target, raw_dims):
            flagged.add(raw_target or "")
            flagged_sources.add(first)
    return set(specs.values()), flagged_sources if len(flagged_sources) <= LIST_LIMIT else None, \
        flagged if len(flagged) <= LIST_LIMIT else None, dims_flags.one_to_one()


def _source_classes(checker: MappingChecker, spec: SourceSpec) -> frozenset[str] | None:
    """The classes of the legacy accounts ``spec`` covers (None: it covers none, M009)."""
    if not spec.is_range:
        account = checker.legacy.accounts.get(spec.first)
        return None if account is None else frozenset({TYPE_CLASS[account.type]})
    return frozenset(checker.legacy.classes_in(spec.first, spec.last)) or None


def _target_class(checker: MappingChecker, target: str) -> str | None:
    """The target account's class (None: M002, M003 or M014)."""
    account = checker.target.accounts.get(target)
    if account is None or not account.active or target in checker.target.summary:
        return None
    return TYPE_CLASS[account.type]


class _DimsFlags:
    """Whether (target, dimensions) has a verdict: M008 from the values alone, M007 from the
    target's type and the dimension keys given, each worked out once."""

    def __init__(self, checker: MappingChecker) -> None:
        self.checker = checker
        self.values = RawValues()
        self.by_dims: dict[Any, tuple[bool, frozenset[str]]] = {}
        self.by_type: dict[tuple[str | None, frozenset[str]], bool] = {}
        self.types: dict[str | None, str | None] = {}
        self.decoded: set[Any] = set()  # the dimensions of the texts (not NULL) seen

    def one_to_one(self) -> bool:
        """Whether no two stored dimension texts seen decode to the same dimensions."""
        return len(self.decoded) == sum(1 for raw in self.by_dims if raw is not None)

    def flag(self, raw_target: str | None, raw_dims: Any) -> bool:
        found = self.by_dims.get(raw_dims)
        if found is None:
            dims = self.values.dimensions(raw_dims)
            found = self.by_dims[raw_dims] = (bool(self.checker.value_verdicts(dims)),
                                              frozenset(key for key, _ in dims))
            if raw_dims is not None:
                self.decoded.add(dims)
        if found[0]:
            return True
        if not self.checker.required:
            return False
        account_type = self.types.get(raw_target, "")
        if account_type == "":
            account = self.checker.target.accounts.get(raw_target or "")
            account_type = self.types[raw_target] = None if account is None else account.type
        missing = self.by_type.get((account_type, found[1]))
        if missing is None:
            needed = self.checker.required.get(account_type or "", ()) if account_type else ()
            missing = self.by_type[(account_type, found[1])] = \
                any(key not in found[1] for key in needed)
        return missing


def _range_neighbours(store: StoredRules) -> set[str] | None:
    """The source codes (``source_from``) of the rules that can meet a different source of
    their cost centre in the range sweep: those in a run of overlapping sources of one cost
    centre and code length with a range among them (None: too many to list)."""
    ranges = store.distinct_ranges()
    if not ranges:
        return set()
    centres = {centre for _, _, centre in ranges}
    if len(centres) > LIST_LIMIT:
        return None
    buckets: dict[tuple[str | None, int], set[tuple[str, str]]] = {}
    for first, last, centre in ranges:
        buckets.setdefault((centre, len(first)), set()).add((first, last))
    for code, centre in store.distinct_exact_in(centres):
        bucket = buckets.get((centre, len(code)))
        if bucket is not None:
            bucket.add((code, code))
    found: set[str] = set()
    for bucket in buckets.values():
        found.update(_in_runs(bucket))
        if len(found) > LIST_LIMIT:
            return None
    return found


def _listed(session: Session, query: Select[Any]) -> set[str] | None:
    """The distinct values of ``query``'s one column (None: too many to list)."""
    found = {value for value, in driver_rows(session, query)}
    return found if len(found) <= LIST_LIMIT else None


def _uniform(column: Any) -> ColumnElement[bool]:
    """In a group: ``column`` is NULL in every row, or the same value in every row."""
    return or_(func.count(column) == 0,
               and_(func.count(column) == func.count(), func.min(column) == func.max(column)))


def _in_runs(specs: set[tuple[str, str]]) -> set[str]:
    """The first codes of the sources that overlap another one: sorted by first code, a run
    goes on while a source starts at or before the furthest end so far."""
    found: set[str] = set()
    run: list[str] = []
    end = ""
    for first, last in sorted(specs):
        if run and first <= end:
            run.append(first)
            end = max(end, last)
            continue
        if len(run) > 1:
            found.update(run)
        run, end = [first], last
    if len(run) > 1:
        found.update(run)
    return found


def _is_in(column: Any, values: set[str] | set[str | None] | None, *,
           empty_is_null: bool = False) -> ColumnElement[bool]:
    """``column IN values`` (None: every row; an empty set: none), NULL-safe: None in
    ``values`` (or, with ``empty_is_null``, the empty string) also takes NULL."""
    if values is None:
        return true()
    if not values:
        return false()
    listed = sorted(v for v in values if v)
    conditions: list[ColumnElement[bool]] = [column.in_(listed)] if listed else []
    if None in values or (empty_is_null and "" in values):
        conditions.append(column.is_(None))
    if "" in values:
        conditions.append(column == "")
    return or_(*conditions)


def load_chart_rows(session: Session, chart: Chart) -> ChartView:
    """:func:`references.load_chart` through the driver's cursor (the same view; 40,000
    accounts without SQLAlchemy row objects)."""
    c: Any = ACCOUNT.c
    rows = driver_rows(session, select(c.code, c.name, c.type, c.active, c.source_row,
                                       c.parent_code).where(c.chart_id == chart.id))
    accounts = {code: AccountInfo(code, name, type_, bool(active), row)
                for code, name, type_, active, row, _ in rows}
    summary = {parent for *_, parent in rows if parent}
    return ChartView(chart.key, chart.role, chart.file_name, accounts, summary & set(accounts),
                     chart.source_path)
