"""``incidents-below:SEVERITY:N``: fewer than N incidents open at SEVERITY or worse."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from migctl.services.gates.criterion import Context, Names, Outcome
from migctl.services.hypercare.fields import SEVERITIES, normalize_severity, severity_rank
from migctl.services.hypercare.read import count_open


@dataclass(frozen=True)
class IncidentsBelow:
    severity: str
    limit: int  # passes while fewer than this many are open

    @property
    def spec(self) -> str:
        return f"incidents-below:{self.severity}:{self.limit}"


class IncidentsEvidence(TypedDict):
    severity: str
    counted: list[str]  # the severities counted: this one and worse
    open: int
    limit: int
    at: datetime


class IncidentsBelowKind:
    name = "incidents-below"
    usage = "incidents-below:SEVERITY:N"

    def parse(self, rest: str, raw: str) -> IncidentsBelow:
        severity, _, limit = rest.partition(":")
        if not severity.strip() or not limit.strip():
            raise ValueError(f"{raw!r}: use incidents-below:SEVERITY:N, e.g. "
                             "incidents-below:high:1")
        if not limit.strip().isdigit() or int(limit) < 1:
            raise ValueError(f"{raw!r}: N must be a whole number of at least 1 "
                             "(fewer than N open incidents pass)")
        return IncidentsBelow(normalize_severity(severity), int(limit))

    def problem(self, criterion: IncidentsBelow, names: Names, gate: str | None) -> None:
        return None  # a severity, checked when parsed

    def evaluate(self, criterion: IncidentsBelow, context: Context, gate: str | None
                 ) -> Outcome[IncidentsEvidence]:
        open_now = count_open(context.session, at_or_above=criterion.severity, now=context.now)
        counted = list(SEVERITIES[: severity_rank(criterion.severity) + 1])
        evidence: IncidentsEvidence = {"severity": criterion.severity, "counted": counted,
                                       "open": open_now, "limit": criterion.limit,
                                       "at": context.now}
        worse = "" if criterion.severity == SEVERITIES[0] else " or worse"
        return Outcome(open_now < criterion.limit,
                       f"{open_now} incident(s) open at {criterion.severity}{worse} "
                       f"(must be fewer than {criterion.limit})", evidence)
