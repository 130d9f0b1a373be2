"""Mapping rules in memory: one compact record per spreadsheet row, loaded fast from the store.

Validation and translation work on :class:`Rule` tuples rather than ORM objects: 200,000
rules load with one Core query, and dimension JSON is decoded once per distinct value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial
from operator import itemgetter, ne
from typing import Any, NamedTuple

from sqlalchemy import String, select, type_coerce
from sqlmodel import Session

from migctl.services.mapping.documents import CostObjectRuleDocument, RuleDocument
from migctl.services.mapping.fields import SourceSpec
from migctl.store.tables import MAPPING_RULE

HUNDRED = Decimal(100)
SHARE_PLACES = Decimal("0.0001")

Dims = tuple[tuple[str, str], ...]  # (dimension key, value code), in column order


class Rule(NamedTuple):
    """One rule; a named tuple because validation and translation handle 10⁵–10⁶ of them."""

    row: int
    source: SourceSpec  # a legacy account, or a legacy dimension value (cost-objects sets)
    cost_centre: str | None
    target: str  # "" in a cost-objects set (no target account)
    dims: Dims  # sorted by dimension key
    share: Decimal
    valid_from: date | None
    valid_to: date | None
    note: str = ""

    def content(self) -> tuple[Any, ...]:
        """Everything but the row and note: two rules with equal content are duplicates
        (``dims`` are kept in key order, so a slice of the tuple is enough)."""
        return self[1:8]

    def source_key(self) -> tuple[str, str | None]:
        return (str(self.source), self.cost_centre)

    def split_key(self) -> tuple[SourceSpec, str | None, date | None, date | None]:
        """Rules with the same source, cost centre and validity form one split."""
        return (self.source, self.cost_centre, self.valid_from, self.valid_to)

    def applies_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and \
            (self.valid_to is None or day <= self.valid_to)

    def document(self) -> RuleDocument:
        return {
            "row": self.row,
            "source_account": str(self.source),
            "source_cost_centre": self.cost_centre,
            "target_account": self.target,
            "dimensions": dict(self.dims),
            "share": self.share,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "note": self.note,
        }

    def cost_object_document(self) -> CostObjectRuleDocument:
        """A rule of a cost-objects set: a source value (or range) and the target dimensions."""
        return {
            "row": self.row,
            "source": str(self.source),
            "dimensions": dict(self.dims),
            "share": self.share,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "note": self.note,
        }


def dims_from_json(data: Mapping[str, object] | None) -> Dims:
    """Dimension values in canonical (key) order, so equal rules compare equal."""
    if not data:
        return ()
    return tuple(sorted((str(k), str(v)) for k, v in data.items()))


class RawValues:
    """Column values as the driver returns them (SQLite: floats and ISO text; psycopg:
    decimals and dates), normalised once per distinct value."""

    def __init__(self) -> None:
        self.dims: dict[Any, Dims] = {None: ()}
        self.shares: dict[Any, Decimal] = {}
        self.dates: dict[Any, date | None] = {None: None}

    def dimensions(self, raw: Any) -> Dims:
        if isinstance(raw, dict):  # drivers that decode JSON themselves
            return dims_from_json(raw)
        found = self.dims.get(raw)
        if found is None:
            found = self.dims[raw] = dims_from_json(json.loads(raw))
        return found

    def share(self, raw: Any) -> Decimal:
        found = self.shares.get(raw)
        if found is None:
            value = Decimal(f"{raw:.4f}") if isinstance(raw, float) else Decimal(raw)
            found = self.shares[raw] = value.quantize(SHARE_PLACES)
        return found

    def date(self, raw: Any) -> date | None:
        found = self.dates.get(raw, False)
        if found is False:
            found = self.dates[raw] = raw if isinstance(raw, date) else \
                date.fromisoformat(str(raw)[:10])
        return found  # type: ignore[return-value]


#: A rule as the driver returns it: row, source from, source to, cost centre, target account,
#: dimensions (JSON text), share, valid from, valid to (as text, or the driver's own types),
#: note. The columnar path of `mapping translate` hands these to DuckDB as they are.
StoredRule = tuple[Any, ...]


def fetch_rule_rows(session: Session, set_id: int) -> list[StoredRule]:
    """The rules of one set in spreadsheet order, undecoded (one query, the driver's own
    cursor: no SQLAlchemy row objects, values as a ``String``-coerced Core select gives)."""
    c: Any = MAPPING_RULE.c
    raw = [type_coerce(column, String) for column in (c.target_dimensions, c.share,
                                                      c.valid_from, c.valid_to)]
    query = (
        select(c.source_row, c.source_from, c.source_to, c.source_cost_centre,
               c.target_account, *raw, c.note)
        .where(c.set_id == set_id)
        .order_by(c.id)  # insertion order is file order; the set_id index keeps it
    )
    rows = driver_rows(session, query)
    if any(type(row[5]) is dict for row in rows):  # a driver that decodes JSON itself
        rows = [(*row[:5], json.dumps(row[5], sort_keys=True), *row[6:])
                if type(row[5]) is dict else row for row in rows]
    return rows


def load_rules(session: Session, set_id: int) -> list[Rule]:
    """The rules of one set in spreadsheet order (one query, values decoded once each)."""
    return rules_from_rows(fetch_rule_rows(session, set_id))


def rules_from_rows(stored: list[StoredRule]) -> list[Rule]:
    """:class:`Rule` tuples from :func:`fetch_rule_rows`' rows, each value decoded once."""
    values = RawValues()
    dims_of, shares_of, dates_of = values.dims, values.shares, values.dates
    specs: dict[tuple[str, str], SourceSpec] = {}
    rules: list[Rule] = []
    append = rules.append
    missing: Any = False
    for row, first, last, centre, target, dims, share, valid_from, valid_to, note in stored:
        # the memo lookups are inlined: this loop runs once per rule (10⁵ and more)
        spec = specs.get((first, last))
        if spec is None:
            spec = specs[(first, last)] = SourceSpec(first, last)
        found_dims = dims_of.get(dims) if type(dims) is str or dims is None else None
        if found_dims is None:
            found_dims = values.dimensions(dims)
        found_share = shares_of.get(share)
        if found_share is None:
            found_share = values.share(share)
        found_from = dates_of.get(valid_from, missing)
        if found_from is missing:
            found_from = values.date(valid_from)
        found_to = dates_of.get(valid_to, missing)
        if found_to is missing:
            found_to = values.date(valid_to)
        append(_new_rule((row, spec, centre, target or "", found_dims, found_share, found_from,
                          found_to, note or "")))
    return rules


def stored_rows(rules: list[Rule]) -> list[StoredRule]:
    """The inverse of :func:`rules_from_rows`: rules made in memory (tests, other sets) as the
    store would return them."""
    return [(rule.row, rule.source.first, rule.source.last, rule.cost_centre, rule.target,
             json.dumps(dict(rule.dims)) if rule.dims else None, str(rule.share),
             rule.valid_from.isoformat() if rule.valid_from is not None else None,
             rule.valid_to.isoformat() if rule.valid_to is not None else None, rule.note)
            for rule in rules]


_new_rule = partial(tuple.__new__, Rule)  # a Rule from a 9-tuple, in C (as Rule._make)


def driver_rows(session: Session, query: Any) -> list[tuple[Any, ...]]:
    """``query``'s rows as the driver's cursor returns them (plain tuples, no SQLAlchemy row
    objects: 10⁵ rows cost a tenth of a second less); expanding ``IN`` lists rendered."""
    connection = session.connection()
    compiled = query.compile(dialect=connection.dialect,
                             compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    if compiled.positiontup is not None:
        params = tuple(params[name] for name in compiled.positiontup)
    cursor: Any = connection.connection.cursor()
    try:
        cursor.execute(compiled.string, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


RULE_COLUMNS = ("set_id", "source_from", "source_to", "is_range", "source_cost_centre",
                "target_account", "target_dimensions", "share", "valid_from", "valid_to", "note",
                "source_row")


@dataclass
class RuleColumns:
    """Rules column by column (the fields of :class:`Rule`, one list each, row order): what an
    import reads and stores without a ``Rule`` per row."""

    rows: list[int]
    sources: list[SourceSpec]
    cost_centres: list[str | None]
    targets: list[str]
    dims: list[Dims]
    shares: list[Decimal]
    valid_from: list[date | None]
    valid_to: list[date | None]
    notes: list[str]

    @classmethod
    def of(cls, rules: list[Rule]) -> RuleColumns:
        if not rules:
            return cls([], [], [], [], [], [], [], [], [])
        return cls(*map(list, zip(*rules, strict=True)))

    def __len__(self) -> int:
        return len(self.rows)

    def extend(self, other: RuleColumns) -> None:
        for mine, more in zip(self.fields(), other.fields(), strict=True):
            mine.extend(more)

    def fields(self) -> tuple[list[Any], ...]:
        return (self.rows, self.sources, self.cost_centres, self.targets, self.dims,
                self.shares, self.valid_from, self.valid_to, self.notes)

    def rules(self) -> list[Rule]:
        return list(map(Rule._make, zip(*self.fields(), strict=True)))

    def insert_columns(self, set_id: int) -> list[list[Any]]:
        """The columns of :data:`RULE_COLUMNS`, for :func:`bulk.bulk_insert_columns`."""
        firsts = list(map(itemgetter(0), self.sources))
        lasts = list(map(itemgetter(1), self.sources))
        return [[set_id] * len(self.rows), firsts, lasts, list(map(ne, firsts, lasts)),
                self.cost_centres, [target or None for target in self.targets], self.dims,
                self.shares, self.valid_from, self.valid_to, self.notes, self.rows]
