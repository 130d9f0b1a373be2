"""KPI definitions and stored values read through SQLAlchemy Core.

What the status's KPI section, gate criteria (``kpi:NAME>=X``) and the report read, without
importing the ORM; the KPI commands (:mod:`migctl.services.kpis.write`) build on the same reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from migctl.services.kpis.builtins import builtin, builtin_names
from migctl.services.kpis.documents import DefinitionDocument, PointDocument
from migctl.store.db import execute
from migctl.store.tables import KPI_DEFINITION, KPI_VALUE

if TYPE_CHECKING:
    from migctl.store.db import Db


@dataclass(frozen=True)
class Definition:
    name: str
    unit: str
    target: Decimal | None
    direction: str
    builtin: bool
    description: str

    def document(self) -> DefinitionDocument:
        return {"name": self.name, "unit": self.unit, "target": self.target,
                "direction": self.direction, "builtin": self.builtin,
                "description": self.description}


def definitions(db: Db, *, extra_builtins: Iterable[str] = ()) -> dict[str, Definition]:
    """Built-ins first (with stored overrides), then custom KPIs by name."""
    stored = {d.name: d for d in execute(db, select(KPI_DEFINITION))}
    result: dict[str, Definition] = {}
    for name in [*builtin_names(), *extra_builtins]:
        kpi = builtin(name)
        if kpi is None or name in result:
            continue
        override = stored.get(name)
        result[name] = Definition(
            name=name, unit=kpi.unit, direction=kpi.direction, builtin=True,
            target=override.target if override is not None else kpi.target,
            description=override.description if override and override.description
            else kpi.description)
    for name in sorted(stored):
        row = stored[name]
        if name not in result and not row.builtin:
            result[name] = Definition(name=name, unit=row.unit, target=row.target,
                                      direction=row.direction, builtin=False,
                                      description=row.description)
    return result


@dataclass(frozen=True)
class Point:
    at: datetime
    value: Decimal
    source: str

    def document(self) -> PointDocument:
        return {"at": self.at, "value": self.value, "source": self.source}


def history(
    db: Db,
    *,
    metrics: Iterable[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> dict[str, list[Point]]:
    """Stored values by metric, oldest first."""
    query = select(KPI_VALUE.c.metric, KPI_VALUE.c.at, KPI_VALUE.c.value, KPI_VALUE.c.source)
    if metrics is not None:
        query = query.where(KPI_VALUE.c.metric.in_(list(metrics)))
    if since is not None:
        query = query.where(KPI_VALUE.c.at >= since)
    if until is not None:
        query = query.where(KPI_VALUE.c.at <= until)
    result: dict[str, list[Point]] = {}
    for metric, at, value, source in execute(db, query.order_by(KPI_VALUE.c.at)):
        result.setdefault(metric, []).append(Point(at, value, source))
    return result


def recent(db: Db, *, until: datetime, per_metric: int = 2) -> dict[str, list[Point]]:
    """The newest ``per_metric`` stored values of every metric at or before ``until``, oldest
    first (a window query, so the status does not read a year of snapshots)."""
    rank = func.row_number().over(partition_by=KPI_VALUE.c.metric,
                                  order_by=KPI_VALUE.c.at.desc()).label("rank")
    ranked = (select(KPI_VALUE.c.metric, KPI_VALUE.c.at, KPI_VALUE.c.value,
                     KPI_VALUE.c.source, rank)
              .where(KPI_VALUE.c.at <= until).subquery())
    query = select(ranked.c.metric, ranked.c.at, ranked.c.value, ranked.c.source).where(
        ranked.c.rank <= per_metric).order_by(ranked.c.metric, ranked.c.at)
    result: dict[str, list[Point]] = {}
    for metric, at, value, source in execute(db, query):
        result.setdefault(metric, []).append(Point(at, value, source))
    return result


def latest_value(db: Db, name: str, *, now: datetime) -> Decimal | None:
    """The newest stored value of a KPI at or before ``now`` (for gate criteria such as
    ``kpi:palkka_virheet<=5``)."""
    value: Decimal | None = execute(db, select(KPI_VALUE.c.value).where(
        KPI_VALUE.c.metric == name, KPI_VALUE.c.at <= now)
        .order_by(KPI_VALUE.c.at.desc()).limit(1)).scalar()
    return value


def last_snapshot_at(db: Db, *, now: datetime) -> datetime | None:
    at: datetime | None = execute(db, select(KPI_VALUE.c.at).where(
        KPI_VALUE.c.source == "snapshot", KPI_VALUE.c.at <= now)
        .order_by(KPI_VALUE.c.at.desc()).limit(1)).scalar()
    return at
