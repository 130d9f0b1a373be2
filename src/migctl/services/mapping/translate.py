"""`mapping translate`: carry ledger lines into the target chart and prove nothing was lost.

Three steps, so the store is not locked while a million lines stream through:
:func:`prepare` loads the set, the charts and builds the matcher (a read transaction);
:func:`translate` streams the input, writes the output and reconciles (no store access);
:func:`record_translation` stores the run (a short write transaction).

The reconciliation compares, per period, the total before with the total after to the cent,
totals by account type before (legacy chart) and after (target chart), and lists every line
that could not be translated (no rule, an ambiguous match, or a rule targeting an account the
target chart lacks), each with the check code of its reason. A translation *reconciles* when
nothing is untranslated and no period total differs.

With a cost-objects set (``cost_objects``) each account match is combined with the
cost-object rule of the line's source value (:mod:`combine`): same matcher, same rounding,
same report; a line whose parts lack a required dimension is untranslated (M007).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlmodel import Session

from migctl import textsafe
from migctl.jsoncodec import to_jsonable
from migctl.services.audit import Actor, record
from migctl.services.mapping import rule_cache
from migctl.services.mapping.checks import coverage_pct
from migctl.services.mapping.combine import Combiner, Single, ValueEntry
from migctl.services.mapping.documents import (
    CostObjectsRef,
    Coverage,
    PeriodTotal,
    TranslationDocument,
    UntranslatedLine,
)
from migctl.services.mapping.fields import ACCOUNTS, COST_OBJECTS
from migctl.services.mapping.files import file_sha256
from migctl.services.mapping.index import NO_RULE, Chain, Match, RuleIndex, allocate
from migctl.services.mapping.layout import UNKNOWN, Layout, build
from migctl.services.mapping.ledger import LedgerReader, cents_decimal, format_cents
from migctl.services.mapping.outputs import compress_rows, open_writer
from migctl.services.mapping.perf import gc_paused
from migctl.services.mapping.references import (
    ChartView,
    choose_chart,
    load_chart,
    load_dimensions,
)
from migctl.services.mapping.rules import (
    Dims,
    StoredRule,
    dims_from_json,
    fetch_rule_rows,
    load_rules,
)
from migctl.services.mapping.sets import resolve_set, set_label
from migctl.store.models.mapping import TranslationRun

#: Untranslated lines kept with the stored run (the command's own report lists all of them).
STORED_UNTRANSLATED = 1000


@dataclass
class CostObjectsUse:
    """The cost-objects set a translation applies with the account set."""

    set_id: int
    set_name: str
    version: int
    source_dimension: str
    combiner: Combiner

    @property
    def label(self) -> str:
        return f"{self.set_name}@{self.version}"

    def document(self) -> CostObjectsRef:
        return {"set": self.set_name, "version": self.version,
                "source_dimension": self.source_dimension}


@dataclass
class Prepared:
    """What a translation needs from the store."""

    set_id: int
    set_name: str
    version: int
    legacy: ChartView
    target: ChartView
    index: RuleIndex
    dimension_keys: list[str]
    cost_objects: CostObjectsUse | None = None
    #: the set version's cache entry (:mod:`rule_cache`), read or written by the engine
    rule_cache: Path | None = None

    @property
    def label(self) -> str:
        return f"{self.set_name}@{self.version}"


def _dimension_keys(columns: str, rules: list[Any], keys: list[str] | None = None) -> list[str]:
    """A set's dimension columns in file order, then any others its rules use."""
    return _keys_of(columns, (rule.dims for rule in rules), keys)


def _keys_of(columns: str, dims: Iterable[Dims], keys: list[str] | None = None) -> list[str]:
    keys = [] if keys is None else keys
    for key in (k for k in columns.split(",") if k):
        if key not in keys:
            keys.append(key)
    for pairs in dims:
        for key, _ in pairs:
            if key not in keys:
                keys.append(key)
    return keys


def prepare(session: Session, *, ref: str | None, legacy_chart: str | None = None,
            target_chart: str | None = None, cost_objects: str | None = None) -> Prepared:
    """Load the account set (and the cost-objects set, if named), the charts, the matchers."""
    mapping_set = resolve_set(session, ref, kind=ACCOUNTS)
    assert mapping_set.id is not None
    with gc_paused():
        legacy = load_chart(session, choose_chart(session, "legacy", legacy_chart))
        target = load_chart(session, choose_chart(session, "target", target_chart))
        entry = rule_cache.entry(mapping_set.id, mapping_set.name, mapping_set.version,
                                 mapping_set.sha256, mapping_set.imported_at,
                                 mapping_set.rule_count, mapping_set.dimensions)
        keys = rule_cache.keys(entry)
        if keys is None:
            stored = fetch_rule_rows(session, mapping_set.id)  # Rule tuples only when needed
            index = RuleIndex(target=target, stored=stored)
            # each distinct dimensions text once, in the order rules first use it
            keys = _keys_of(mapping_set.dimensions, (
                dims_from_json(json.loads(text)) if text else ()
                for text in dict.fromkeys(row[5] for row in stored)))
        else:  # the engine reads the cached tables; rows only if the pure path needs them
            index = RuleIndex(target=target,
                              fetch=partial(_fetch_later, session.get_bind(), mapping_set.id))
    use = None
    if cost_objects is not None:
        co_set = resolve_set(session, cost_objects, kind=COST_OBJECTS)
        assert co_set.id is not None
        co_rules = load_rules(session, co_set.id)
        required: dict[str, list[str]] = {}
        for dimension in load_dimensions(session).values():
            if dimension.role == "target":
                for account_type in sorted(dimension.required_for):
                    required.setdefault(account_type, []).append(dimension.key)
        keys = _dimension_keys(co_set.dimensions, co_rules, keys)
        combiner = Combiner(RuleIndex(co_rules),
                            required={k: tuple(v) for k, v in required.items()},
                            dimension=co_set.source_dimension or "", label=set_label(co_set),
                            keys=keys)
        use = CostObjectsUse(co_set.id, co_set.name, co_set.version,
                             co_set.source_dimension or "", combiner)
    return Prepared(mapping_set.id, mapping_set.name, mapping_set.version, legacy, target,
                    index, keys, use, entry)


def _fetch_later(bind: Any, set_id: int) -> list[StoredRule]:
    """A set's rows read in a transaction of their own, after :func:`prepare`'s has ended (a
    set version's rules never change, so they are the rows it would have read)."""
    with Session(bind) as session:
        return fetch_rule_rows(session, set_id)


@dataclass
class Reconciliation:
    """Running totals, all in integer cents."""

    before: dict[str, int] = field(default_factory=dict)  # period → cents
    after: dict[str, int] = field(default_factory=dict)
    type_before: dict[str, int] = field(default_factory=dict)
    type_after: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    translated: int = 0
    magnitude: int = 0  # Σ |cents| of every line
    magnitude_translated: int = 0
    output_lines: int = 0
    untranslated: list[UntranslatedLine] = field(default_factory=list)
    untranslated_cents: int = 0

    @property
    def reconciled(self) -> bool:
        return not self.untranslated and all(
            self.before[p] == self.after.get(p, 0) for p in self.before)

    def not_translated(self, row: int, account: str, centre: str | None, period: str,
                       cents: int, match: Match) -> None:
        self.untranslated.append({
            "row": row, "account": account, "cost_centre": centre, "period": period or None,
            "amount": cents_decimal(cents), "reason": match.reason, "code": match.code})
        self.untranslated_cents += cents

    def fold(self, *, lines: int, translated: int, magnitude: int, magnitude_translated: int,
             output_lines: int, before: dict[tuple[str, str], int],
             after: dict[tuple[str, str], int]) -> None:
        """Add one run's counts and its (period, account type) sums."""
        self.lines += lines
        self.translated += translated
        self.magnitude += magnitude
        self.magnitude_translated += magnitude_translated
        self.output_lines += output_lines
        for sums, by_period, by_type in ((before, self.before, self.type_before),
                                         (after, self.after, self.type_after)):
            for (period, kind), cents in sums.items():
                by_period[period] = by_period.get(period, 0) + cents
                by_type[kind] = by_type.get(kind, 0) + cents

    def coverage(self) -> Coverage:
        return {
            "lines_pct": coverage_pct(self.translated, self.lines),
            "amount_pct": coverage_pct(self.magnitude_translated, self.magnitude),
        }


@dataclass
class Translation:
    """The outcome of one run: the reconciliation and where the lines went."""

    prepared: Prepared
    file: str
    sha256: str
    source: str
    on: date | None
    aggregate: bool
    output: Path | None
    output_format: str | None
    totals: Reconciliation
    engine: str = "python"  # "columnar" when :mod:`columnar` ran it
    fallback: str | None = None  # why the columnar path, tried, handed over to Python

    @property
    def reconciled(self) -> bool:
        return self.totals.reconciled

    def document(self) -> TranslationDocument:
        """The report's stable JSON shape (amounts as exact decimals)."""
        t = self.totals
        periods: list[PeriodTotal] = [{"period": period or None, "before": cents_decimal(before),
                    "after": cents_decimal(t.after.get(period, 0)),
                    "difference": cents_decimal(before - t.after.get(period, 0))}
                   for period, before in sorted(t.before.items())]
        total_before, total_after = sum(t.before.values()), sum(t.after.values())
        types = sorted(t.type_before.keys() | t.type_after.keys())
        co = self.prepared.cost_objects
        return {
            "set": self.prepared.set_name,
            "version": self.prepared.version,
            "cost_objects": None if co is None else co.document(),
            "input": {"file": self.file, "sha256": self.sha256, "source": self.source},
            "on": self.on,
            "aggregate": self.aggregate,
            "output": None if self.output is None else {
                "file": str(self.output), "format": self.output_format,
                "lines": t.output_lines},
            "lines": t.lines,
            "reconciled": t.reconciled,
            "totals": {"before": cents_decimal(total_before),
                       "after": cents_decimal(total_after),
                       "difference": cents_decimal(total_before - total_after)},
            "periods": periods,
            "by_type": [{"type": kind, "before": cents_decimal(t.type_before.get(kind, 0)),
                         "after": cents_decimal(t.type_after.get(kind, 0))} for kind in types],
            "untranslated": t.untranslated,
            "untranslated_total": {"lines": len(t.untranslated),
                                   "amount": cents_decimal(t.untranslated_cents)},
            "coverage": t.coverage(),
            "engine": self.engine,
            "engine_fallback": self.fallback,
        }


Progress = Callable[[int], None]


def translate(
    prepared: Prepared,
    *,
    path: Path,
    today: date,
    on: date | None = None,
    output: Path | None = None,
    output_format: str = "csv",
    aggregate: bool = False,
    sheet: str | None = None,
    header_row: int | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    engine: str = "auto",
) -> Translation:
    """Translate every line of ``path``; rules apply on ``on``, else at the end of the line's
    period, else ``today``. Input errors stop the run before any output file appears.

    ``engine``: "auto" takes the columnar path (:mod:`columnar`, DuckDB) for a big CSV file
    written as CSV (or not written), "columnar" tries it whatever the size, "python" never;
    whatever it cannot decide runs here, in the pure loop (the oracle)."""
    co = prepared.cost_objects
    reader = LedgerReader(path, sheet=sheet, header_row=header_row, delimiter=delimiter,
                          encoding=encoding,
                          source_dimension=co.source_dimension if co is not None else None)
    totals = Reconciliation()
    dims = prepared.dimension_keys
    if aggregate:
        columns = ["target_account", *dims, "period", "amount", "source_rows", "lines"]
    else:
        columns = ["target_account", *dims, "period", "amount", "source_row", "source_account",
                   "source_cost_centre", "rule_row",
                   *(("cost_object_row",) if co is not None else ())]
    tried = output is None or output_format == "csv"
    fallback = _columnar(prepared, reader, totals, path=path, today=today, on=on,
                         output=output, columns=columns, aggregate=aggregate,
                         engine=engine) if tried else NOT_TRIED
    if fallback is None:
        return Translation(prepared, reader.file, file_sha256(path), reader.source, on,
                           aggregate, output, output_format if output is not None else None,
                           totals, "columnar")
    with gc_paused():
        if output is None:
            _run(prepared, reader, totals, today=today, on=on, progress=progress)
        else:
            with open_writer(output, output_format, columns, {"amount"}) as writer:
                if aggregate:
                    buckets: dict[tuple[str, ...], list[Any]] = {}
                    _run(prepared, reader, totals, today=today, on=on, progress=progress,
                         buckets=buckets, engine="python" if tried else engine)
                    for key in sorted(buckets, key=lambda k: (k[-1], k[:-1])):
                        cents, rows, _ = buckets[key]
                        writer.write([*key, format_cents(cents), compress_rows(rows),
                                      len(rows)])
                        totals.output_lines += 1
                else:
                    _run(prepared, reader, totals, today=today, on=on, progress=progress,
                         write=writer.write)
    return Translation(prepared, reader.file, file_sha256(path), reader.source, on, aggregate,
                       output, output_format if output is not None else None, totals,
                       fallback=fallback or None)


#: :func:`_columnar`'s answer when the columnar path was not tried (no reason to report).
NOT_TRIED = ""


def _columnar(prepared: Prepared, reader: LedgerReader, totals: Reconciliation, *, path: Path,
              engine: str, **options: Any) -> str | None:
    """The run through :func:`columnar.run` when it is worth it and can decide (``totals``
    filled; None), else why not — :data:`NOT_TRIED`, or the reason it handed over — with
    ``totals`` untouched: the pure loop runs."""
    from migctl.services.mapping import columnar

    if not columnar.worth_it(path, engine=engine):
        return NOT_TRIED
    fresh = Reconciliation()
    try:
        columnar.run(_Actions(prepared), reader, fresh, path=path,
                     width=1 + len(prepared.dimension_keys), **options)
    except columnar.Fallback as exc:
        return textsafe.one_line(str(exc))[:200] or "the columnar path could not decide"
    vars(totals).update(vars(fresh))
    return None


def carry_columnar(prepared: Prepared, path: Path, *, today: date, on: date | None,
                   then: Callable[[Any, Path], None]) -> tuple[Reconciliation, LedgerReader]:
    """The lines of ``path`` through the columnar engine (no output), ``then`` working on its
    tables before the connection closes (:func:`columnar.run`); raises
    :class:`columnar.Fallback` where the pure path must decide."""
    from migctl.services.mapping import columnar

    co = prepared.cost_objects
    reader = LedgerReader(path,
                          source_dimension=co.source_dimension if co is not None else None)
    totals = Reconciliation()
    columnar.run(_Actions(prepared), reader, totals, path=path,
                 width=1 + len(prepared.dimension_keys), today=today, on=on, then=then)
    return totals, reader


#: How a line of one account (and cost centre) is translated: a decided match with the layout
#: of its output (None: not translated), or (None, chain, None) when dated rules make the day
#: matter.
Action = tuple[Match | None, Chain, Layout | None]


#: Dated rules named one by one in an untranslated line's reason before "…".
VALIDITIES_NAMED = 3


def _span(valid_from: date | None, valid_to: date | None) -> str:
    return (f"from {valid_from.isoformat() if valid_from else '…'} "
            f"to {valid_to.isoformat() if valid_to else '…'}")


def validity(chain: Chain) -> str:
    """``rule at row 3 is valid from … to 2025-06-30``: the rules for a line's key, none of
    which applies on its day (``…``: an open end)."""
    splits = [split for tier in chain.tiers for split in tier]
    said = [f"rule at row {split.rules[0].row} is valid "
            f"{_span(split.valid_from, split.valid_to)}" for split in splits[:VALIDITIES_NAMED]]
    return "; ".join(said) + ("; …" if len(splits) > VALIDITIES_NAMED else "")


class _Actions:
    """What translating a line of each account means, worked out once per account."""

    def __init__(self, prepared: Prepared) -> None:
        self.index = prepared.index
        self.dims = prepared.dimension_keys
        self.rule_cache = prepared.rule_cache
        self.legacy_types = {code: a.type for code, a in prepared.legacy.accounts.items()}
        self.layouts: dict[int, Layout] = {}  # id(plan) → layout (plans outlive runs)
        co = prepared.cost_objects
        self.combiner = co.combiner if co is not None else None
        # (account match, cost-object match — or the value and why it has none) → the match
        # to report and the layout, for the lines the per-line fast path does not take
        self.pairs: dict[tuple[Any, ...], tuple[Match, Layout | None]] = {}
        self.co_values: dict[str | None, ValueEntry] = {None: (None, None, None)}  # value →
        self.out_of_date: dict[int, Match] = {}  # id(chain) → why no rule applies that day

    def layout_for(self, match: Match) -> Layout | None:
        plan = match.plan
        if plan is None:
            return None
        found = self.layouts.get(id(plan))
        if found is None:
            found = self.layouts[id(plan)] = build(
                plan, self.dims, co_column=self.combiner is not None,
                required_at=self.combiner.required_at if self.combiner is not None else None)
        return found

    def dated(self, chain: Chain, day: date) -> Match:
        """The match of a line of an account with dated rules on ``day``; when none applies
        on that day, why: each rule's validity (not a bare "no rule", which reads as if the
        rule were missing)."""
        match = self.index.evaluate(chain, day)
        if match is NO_RULE and chain.tiers:
            found = self.out_of_date.get(id(chain))
            if found is None:
                found = self.out_of_date[id(chain)] = Match(None, validity(chain), "M001")
            return found
        return match

    def action(self, chain: Chain) -> Action:
        if chain.static is None:
            return (None, chain, None)
        return (chain.static, chain, self.layout_for(chain.static))

    def __call__(self, account: str) -> tuple[str, str, Action, dict[str, Action]]:
        rules = self.index.account(account)
        return (account, self.legacy_types.get(account, UNKNOWN), self.action(rules.generic),
                {centre: self.action(chain) for centre, chain in rules.by_centre.items()})

    def pair(self, match: Match, co: Match | None, value: str | None
             ) -> tuple[Match, Layout | None]:
        """An account split combined with a cost-object match (:meth:`Combiner.combine`),
        kept per (account split, cost-object split) — or per value when it has no split."""
        key = (id(match), id(co)) if co is not None and co.plan is not None else \
            (id(match), value, None if co is None else co.reason)
        found = self.pairs.get(key)
        if found is None:
            layout = self.layout_for(match)
            assert self.combiner is not None and layout is not None
            found = self.pairs[key] = self.combiner.combine(match, layout, co, value)
        return found


    def cost_objects(self, match: Match, layout: Layout, value: str | None, day: date
                     ) -> tuple[Match, Layout | None, Single | None]:
        """A line's account match with the cost-object rule of its source ``value``: the
        :data:`combine.Single` whose cells fill the blanks of the account's one part as the
        line is written, when both are single rules at 100 % and it has every cell the
        account leaves blank that is required; else the combined match and layout
        (:meth:`pair`), with None."""
        assert self.combiner is not None
        entry = self.co_values.get(value)
        if entry is None:
            entry = self.co_values[value] = self.combiner.value_entry(value)  # type: ignore[arg-type]
        co, co_chain, single = entry
        needs = layout.needs  # required cells the account leaves blank (None: no way)
        if single is not None and needs is not None and layout.blanks is not None:
            cells = single[0]
            for at in needs:
                if not cells[at]:
                    break
            else:
                return match, layout, single
        if co is None and co_chain is not None:  # dated cost-object rules
            co = self.combiner.index.evaluate(co_chain, day)
        return (*self.pair(match, co, value), None)


def _run(prepared: Prepared, reader: LedgerReader, totals: Reconciliation, *, today: date,
         on: date | None, progress: Progress | None,
         write: Callable[[list[Any]], Any] | None = None,
         buckets: dict[tuple[str, ...], list[Any]] | None = None, engine: str = "auto",
         bucket_rows: bool = True) -> None:
    """The hot loop. The reader hands over what is known about each line's account (worked
    out once per account), so a line costs a few dictionary operations; the matcher runs per
    line only for accounts (or source values) with dated rules. Totals are kept per (period,
    account type) and folded into the report's views at the end.

    With a cost-objects set, a line whose account rule and cost-object rule are both single
    rules at 100 % (most lines) is combined as it is written: the cost-object rule's cells
    fill the account head's blanks (:data:`combine.Single`), nothing is built or kept per
    line; other lines take :meth:`_Actions.pair` (:meth:`Combiner.combine`).

    Filling ``buckets`` (``--aggregate``, recon's balances) goes through the columnar path
    when ``engine`` and the input allow (:func:`_columnar`); without ``bucket_rows`` that
    path leaves each bucket's source rows out (None): recon needs only the sums."""
    if buckets is not None and write is None and _columnar(
            prepared, reader, totals, path=reader.path, today=today, on=on, buckets=buckets,
            engine=engine, bucket_rows=bucket_rows) is None:
        return
    actions = _Actions(prepared)
    evaluate = actions.dated
    combined = actions.combiner is not None
    before: defaultdict[tuple[str, str], int] = defaultdict(int)  # (period, type) → cents
    after: defaultdict[tuple[str, str], int] = defaultdict(int)
    lines = translated = magnitude = magnitude_translated = output_lines = 0
    for row, known, centre, period, day, cents, value in reader.lines(actions):
        account, kind, action, by_centre = known
        if centre is not None and by_centre:
            action = by_centre.get(centre, action)
        match, chain, layout = action
        if match is None:
            match = evaluate(chain, on or day or today)
            layout = actions.layout_for(match)
        single: Single | None = None  # fills the blanks of the account's one part, below
        if combined and layout is not None:
            match, layout, single = actions.cost_objects(match, layout, value,
                                                         on or day or today)
        lines += 1
        size = cents if cents >= 0 else -cents
        magnitude += size
        before[period, kind] += cents
        if layout is None:
            totals.not_translated(row, account, centre, period, cents, match)
            continue
        translated += 1
        magnitude_translated += size
        weights = layout.weights
        amounts = (cents,) if weights is None else \
            allocate(cents, weights, layout.total, layout.full)
        for (head, target_type, tail), amount in zip(layout.prefixes, amounts, strict=True):
            after[period, target_type] += amount
            if write is not None:
                whole, fraction = divmod(amount if amount >= 0 else -amount, 100)
                out = [*head, period, f"{'-' if amount < 0 else ''}{whole}.{fraction:02d}",
                       row, account, centre or "", *tail]
                if single is not None:  # the account's cells win; the last is the co row
                    co_head, co_row = single
                    for at in layout.blanks or ():
                        if co_head[at]:
                            out[at] = co_head[at]
                            out[-1] = co_row
                write(out)
                output_lines += 1
            elif buckets is not None:
                _add(buckets, (*head, period) if single is None else
                     _filled_key(head, period, single, layout.blanks), amount, row)
        if progress is not None and lines % 50_000 == 0:
            progress(lines)
    totals.fold(lines=lines, translated=translated, magnitude=magnitude,
                magnitude_translated=magnitude_translated, output_lines=output_lines,
                before=before, after=after)


def _filled_key(head: tuple[str, ...], period: str, single: Single,
                blanks: tuple[int, ...] | None) -> tuple[str, ...]:
    """An --aggregate bucket's key with the cost-object rule's cells in the account's
    blanks."""
    patched = [*head, period]
    for at in blanks or ():
        patched[at] = patched[at] or single[0][at]
    return tuple(patched)


def _add(buckets: dict[tuple[str, ...], list[Any]], key: tuple[str, ...], cents: int,
         row: int) -> None:
    """One part into its --aggregate bucket: [cents, source rows, last row added]."""
    bucket = buckets.get(key)
    if bucket is None:
        buckets[key] = [cents, [row], row]
        return
    bucket[0] += cents
    if bucket[2] != row:  # two parts of one line in the same bucket: the row counts once
        bucket[1].append(row)
        bucket[2] = row


def record_translation(session: Session, actor: Actor, translation: Translation, *,
                       now: datetime | None = None) -> None:
    """Store the run (every run: gates read the latest one)."""
    document = translation.document()
    stored = document.copy()
    stored["untranslated"] = document["untranslated"][:STORED_UNTRANSLATED]
    totals = translation.totals
    coverage = totals.coverage()
    prepared = translation.prepared
    co = prepared.cost_objects
    session.add(TranslationRun(
        set_id=prepared.set_id, set_version=prepared.version,
        cost_object_set_id=co.set_id if co is not None else None, input_file=translation.file,
        input_sha256=translation.sha256,
        output_file=None if translation.output is None else translation.output.name,
        ran_at=now or datetime.now(UTC), actor=actor.name, on_date=translation.on,
        lines=totals.lines, total_before=cents_decimal(sum(totals.before.values())),
        total_after=cents_decimal(sum(totals.after.values())),
        untranslated_lines=len(totals.untranslated),
        untranslated_amount=cents_decimal(totals.untranslated_cents),
        coverage_lines_pct=coverage["lines_pct"], coverage_amount_pct=coverage["amount_pct"],
        reconciled=translation.reconciled, report=to_jsonable(stored),
    ))
    verdict = "reconciled" if translation.reconciled else \
        f"NOT reconciled ({len(totals.untranslated)} lines untranslated)"
    record(session, actor, entity_type="mapping_set", entity_key=prepared.label,
           action="translate",
           summary=f"{translation.file}"
                   + (f" with {co.label}" if co is not None else "")
                   + f": {totals.lines} lines, {verdict}")
