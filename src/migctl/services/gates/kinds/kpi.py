"""``kpi:NAME>=VALUE`` / ``kpi:NAME<=VALUE``: the KPI's latest stored value is at least / at
most VALUE, and younger than the max age (``--max-age``, default a day, as for ``sso-pass``):
a gate passed on a month-old figure is no evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NotRequired, TypedDict

from migctl import values
from migctl.services.gates.criterion import Context, Names, Outcome
from migctl.services.kpis.builtins import builtin
from migctl.services.kpis.fields import age_minutes, normalize_name, plain
from migctl.services.kpis.read import history
from migctl.values import format_duration

_KPI = re.compile(r"^(?P<name>[^<>=]+?)\s*(?P<op>>=|<=)\s*(?P<value>.+)$")


@dataclass(frozen=True)
class KpiThreshold:
    name: str
    op: str  # ">=" or "<="
    threshold: Decimal

    @property
    def spec(self) -> str:
        return f"kpi:{self.name}{self.op}{plain(self.threshold)}"

    def holds(self, value: Decimal) -> bool:
        return value >= self.threshold if self.op == ">=" else value <= self.threshold


class KpiEvidence(TypedDict):
    kpi: str
    op: str
    threshold: Decimal
    value: Decimal | None
    at: NotRequired[datetime]
    source: NotRequired[str]
    age_minutes: NotRequired[int]
    max_age_minutes: NotRequired[int]
    stale: NotRequired[bool]


class KpiKind:
    name = "kpi"
    usage = "kpi:NAME>=VALUE (or <=)"

    def parse(self, rest: str, raw: str) -> KpiThreshold:
        match = _KPI.match(rest)
        if match is None:
            raise ValueError(f"{raw!r}: use kpi:NAME>=VALUE or kpi:NAME<=VALUE")
        threshold = values.parse_decimal(match.group("value"))
        return KpiThreshold(normalize_name(match.group("name")), match.group("op"), threshold)

    def problem(self, criterion: KpiThreshold, names: Names, gate: str | None) -> str | None:
        if builtin(criterion.name) is not None or criterion.name in names.kpis:
            return None
        return (f"unknown KPI {criterion.name!r}; `migctl kpi list` shows them, "
                "`migctl kpi define` adds one")

    def evaluate(self, criterion: KpiThreshold, context: Context, gate: str | None
                 ) -> Outcome[KpiEvidence]:
        points = history(context.session, metrics=[criterion.name], until=context.now).get(
            criterion.name, [])
        evidence: KpiEvidence = {"kpi": criterion.name, "op": criterion.op,
                                 "threshold": criterion.threshold, "value": None}
        if not points:
            return Outcome(False, f"{criterion.name} has no value yet (`migctl kpi record` or "
                           "`kpi snapshot`)", evidence)
        latest = points[-1]
        age = age_minutes(latest.at, context.now)
        stale = age > context.max_age_minutes
        evidence.update({"value": latest.value, "at": latest.at, "source": latest.source,
                         "age_minutes": age, "max_age_minutes": context.max_age_minutes,
                         "stale": stale})
        if stale:
            return Outcome(False, f"{criterion.name} = {plain(latest.value)} at "
                           f"{context.local(latest.at)} is {format_duration(age)} old, older "
                           f"than the max age {format_duration(context.max_age_minutes)} "
                           "(`kpi record`, `kpi snapshot`, or a longer --max-age)", evidence)
        passed = criterion.holds(latest.value)
        relation = criterion.op if passed else {">=": "<", "<=": ">"}[criterion.op]
        return Outcome(passed, f"{criterion.name} = {plain(latest.value)} at "
                       f"{context.local(latest.at)} ({relation} {plain(criterion.threshold)})",
                       evidence)
