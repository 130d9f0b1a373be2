"""KPIs' JSON documents: definitions, stored values, listings, trends and snapshots."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import NotRequired, TypedDict


class DefinitionSnapshot(TypedDict):
    """A stored definition row as the audit log records it."""

    unit: str
    target: Decimal | None
    direction: str
    builtin: bool
    description: str


class DefinitionDocument(DefinitionSnapshot):
    """One KPI's definition (built-in or custom), as ``kpi define -f json`` prints it."""

    name: str


class PointDocument(TypedDict):
    """One stored value of a KPI."""

    at: datetime
    value: Decimal
    source: str


class RecordedValue(PointDocument):
    """``kpi record -f json``: the value just recorded."""

    metric: str


class KpiListing(DefinitionDocument):
    """One line of ``kpi list -f json``: the definition, its latest value and how many."""

    latest: PointDocument | None
    values: int
    age_minutes: int | None  # of the latest value, as of the listing
    stale: bool | None  # the latest value is older than kpis.fields.STALE_AFTER_MINUTES


class KpiTrend(DefinitionDocument):
    """One KPI of ``kpi trend -f json``: the definition and its stored values, oldest first
    (the command adds the ``sparkline`` it draws from them)."""

    points: list[PointDocument]
    sparkline: NotRequired[str]


class SnapshotDocument(TypedDict):
    """``kpi snapshot -f json``: when, and the built-in values stored."""

    at: datetime
    values: dict[str, Decimal]


class ValuesImportDocument(TypedDict):
    """``kpi import -f json``: what a KPI history file stored."""

    file: str
    source: str
    rows: int
    stored: int
    unchanged: int
    metrics: list[str]
