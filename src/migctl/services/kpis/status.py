"""The KPI section of the status: each KPI's value, target, and change since the last value.

A derived section: it reads the other sections (``context.sections``) to compute the built-in
KPIs live. A built-in whose section is missing shows its latest snapshot instead; one with
neither is left out.

Every value carries its age (``age_minutes``, 0 for a live one) and ``stale``: a stored value
older than :data:`~migctl.services.kpis.fields.STALE_AFTER_MINUTES`, or a built-in's snapshot
shown while its section was built and has no value for it — the live facts contradict the
snapshot (84.5 % tasks done from rehearsal-1 beside a runbook with no run in progress);
``stale_reason`` says which.

``previous`` is the newest stored value before the current one, so for a live built-in the
change is the change since the last snapshot, and for a recorded KPI the change since the
record before.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from migctl.services.kpis.builtins import builtin, extract_all, sections_read
from migctl.services.kpis.documents import DefinitionDocument
from migctl.services.kpis.fields import STALE_AFTER_MINUTES, age_minutes
from migctl.services.kpis.read import definitions, last_snapshot_at, recent
from migctl.values import format_duration

if TYPE_CHECKING:
    from migctl.services.kpis.read import Definition, Point
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import Signal


class KpiRow(DefinitionDocument):
    """One KPI's line: its definition, then its value and the change since the last one."""

    value: Decimal
    at: datetime
    source: str
    previous: Decimal | None
    previous_at: datetime | None
    change: Decimal | None
    trend: str | None
    arrow: str
    improving: bool | None
    on_target: bool | None
    age_minutes: int
    stale: bool
    stale_reason: str | None


class KpisSection(TypedDict):
    last_snapshot_at: datetime | None
    kpis: list[KpiRow]
    signals: list[Signal]

ARROWS = {"up": "↑", "down": "↓", "flat": "→"}


def direction_of(change: Decimal | None) -> str | None:
    if change is None:
        return None
    return "up" if change > 0 else "down" if change < 0 else "flat"


def on_target(value: Decimal, target: Decimal | None, direction: str) -> bool | None:
    if target is None:
        return None
    return value >= target if direction == "up" else value <= target


def _stale_reason(definition: Definition, source: str, age: int, context: StatusContext
                  ) -> str | None:
    if source == "live":
        return None
    if definition.builtin:
        built = [s for s in sections_read(definition.name)
                 if s in context.sections and "error" not in context.sections[s]]
        if built:
            return (f"the {built[0]} section has no current value for it; this is the "
                    f"{source} of {format_duration(age)} ago")
    if age > STALE_AFTER_MINUTES:
        return f"the latest value is {format_duration(age)} old"
    return None


def kpi_row(
    definition: Definition, points: list[Point], live: Decimal | None, context: StatusContext
) -> KpiRow | None:
    """One KPI's line, or None when it has no value at all."""
    if live is not None:
        value, at, source = live, context.now, "live"
        earlier = [p for p in points if p.at < context.now]
    elif points:
        value, at, source = points[-1].value, points[-1].at, points[-1].source
        earlier = points[:-1]
    else:
        return None
    previous = earlier[-1] if earlier else None
    change = value - previous.value if previous is not None else None
    trend = direction_of(change)
    age = age_minutes(at, context.now)
    stale_reason = _stale_reason(definition, source, age, context)
    return {
        "name": definition.name,
        "unit": definition.unit,
        "target": definition.target,
        "direction": definition.direction,
        "builtin": definition.builtin,
        "description": definition.description,
        "value": value,
        "at": at,
        "source": source,
        "previous": previous.value if previous else None,
        "previous_at": previous.at if previous else None,
        "change": change,
        "trend": trend,
        "arrow": ARROWS.get(trend or "", ""),
        "improving": None if trend in (None, "flat") else (trend == definition.direction),
        "on_target": on_target(value, definition.target, definition.direction),
        "age_minutes": age,
        "stale": stale_reason is not None,
        "stale_reason": stale_reason,
    }


def build_section(context: StatusContext) -> KpisSection:
    live = extract_all(context.sections)
    stored = recent(context.session, until=context.now)
    extra = [m for m in [*live, *stored] if builtin(m)]
    rows = []
    for name, definition in definitions(context.session, extra_builtins=extra).items():
        row = kpi_row(definition, stored.get(name, []), live.get(name), context)
        if row is not None:
            rows.append(row)
    return {
        "last_snapshot_at": last_snapshot_at(context.session, now=context.now),
        "kpis": rows,
        "signals": [],
    }
