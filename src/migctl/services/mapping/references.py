"""The reference data a mapping is checked against: the legacy and target charts, dimensions.

Loaded once per command with Core queries into plain dictionaries, so checks and the matcher
do dictionary lookups only.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from migctl.errors import NotFound, OptionError, UsageError
from migctl.services.mapping.charts import get_chart
from migctl.services.mapping.fields import TYPE_CLASS
from migctl.store.models.mapping import Chart, Dimension
from migctl.store.tables import ACCOUNT, DIMENSION_VALUE


@dataclass(frozen=True, slots=True)
class AccountInfo:
    code: str
    name: str
    type: str
    active: bool
    row: int


@dataclass
class ChartView:
    key: str
    role: str
    file: str
    accounts: dict[str, AccountInfo]
    summary: set[str]  # codes that are parents of other accounts
    path: str | None = None  # the file as given at import (None: imported before 0015)
    _by_class: dict[tuple[str, int], list[str]] = field(default_factory=dict, repr=False)

    def postable(self) -> list[AccountInfo]:
        return [a for code, a in self.accounts.items() if code not in self.summary]

    def classes_in(self, first: str, last: str, *, sample: int = 3
                   ) -> dict[str, tuple[int, list[str]]]:
        """Class → (how many accounts, the first few codes) inside ``first..last``.

        Sorted code lists per class and code length make this two bisections per class,
        however wide the range.
        """
        if not self._by_class:
            for code, account in self.accounts.items():
                key = (TYPE_CLASS[account.type], len(code))
                self._by_class.setdefault(key, []).append(code)
            for codes in self._by_class.values():
                codes.sort()
        found: dict[str, tuple[int, list[str]]] = {}
        for (cls, length), codes in self._by_class.items():
            if length != len(first):
                continue
            start, end = bisect_left(codes, first), bisect_right(codes, last)
            if end > start:
                found[cls] = (end - start, codes[start:min(end, start + sample)])
        return found


@dataclass(frozen=True)
class DimensionView:
    key: str
    role: str
    required_for: frozenset[str]
    values: dict[str, bool]  # code → active
    file: str = ""
    summary: frozenset[str] = frozenset()  # values that are parents of others: need no rule
    names: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # code → row in the dimension's file
    path: str | None = None  # the file as given at import (None: imported before 0015)

    def postable(self) -> list[str]:
        """Values that are not parents of others, in code order (what M012 covers)."""
        return sorted(code for code in self.values if code not in self.summary)


def load_chart(session: Session, chart: Chart) -> ChartView:
    accounts: dict[str, AccountInfo] = {}
    summary: set[str] = set()
    c: Any = ACCOUNT.c
    query = sa_select(c.code, c.name, c.type, c.active, c.source_row, c.parent_code) \
        .where(c.chart_id == chart.id)
    for code, name, type_, active, row, parent in session.execute(query):
        accounts[code] = AccountInfo(code, name, type_, bool(active), row)
        if parent:
            summary.add(parent)
    return ChartView(chart.key, chart.role, chart.file_name, accounts, summary & set(accounts),
                     chart.source_path)


def reference_paths(charts: Iterable[ChartView], dimensions: Iterable[DimensionView]
                    ) -> dict[str, str]:
    """The charts' and dimensions' files as given at import (base name → path), for GitHub
    annotations; one imported before 0015 is left out (annotated by its base name)."""
    views: list[ChartView | DimensionView] = [*charts, *dimensions]
    return {view.file: view.path for view in views if view.path}


def choose_chart(session: Session, role: str, key: str | None) -> Chart:
    """The chart given by key, or the only chart with this role."""
    if key is not None:
        chart = get_chart(session, key)
        if chart.role != role:
            raise UsageError(f"chart {chart.key} is a {chart.role} chart, not {role}")
        return chart
    charts = session.exec(select(Chart).where(Chart.role == role)
                          .order_by(col(Chart.key))).all()
    if not charts:
        raise NotFound(f"no {role} chart in the store; import one with "
                       f"`migctl chart import FILE --chart KEY --role {role}`")
    if len(charts) > 1:
        raise OptionError(f"several {role} charts ({', '.join(c.key for c in charts)}); "
                          "choose one with {option}", field=f"{role}_chart")
    return charts[0]


def load_dimensions(session: Session) -> dict[str, DimensionView]:
    dimensions = session.exec(select(Dimension)).all()
    values: dict[int, dict[str, bool]] = {d.id or 0: {} for d in dimensions}
    parents: dict[int, set[str]] = {d.id or 0: set() for d in dimensions}
    names: dict[int, dict[str, str]] = {d.id or 0: {} for d in dimensions}
    rows: dict[int, dict[str, int]] = {d.id or 0: {} for d in dimensions}
    c: Any = DIMENSION_VALUE.c
    for dimension_id, code, active, name, parent, row in session.execute(
            sa_select(c.dimension_id, c.code, c.active, c.name, c.parent_code, c.source_row)):
        values[dimension_id][code] = bool(active)
        names[dimension_id][code] = name
        rows[dimension_id][code] = row
        if parent:
            parents[dimension_id].add(parent)
    return {
        d.key: DimensionView(d.key, d.role,
                             frozenset(t for t in d.required_for.split(",") if t),
                             values[d.id or 0], d.file_name,
                             frozenset(parents[d.id or 0] & set(values[d.id or 0])),
                             names[d.id or 0], rows[d.id or 0], d.source_path)
        for d in dimensions
    }
