"""Identity criteria, judged on the latest `identity check` run:

* ``identity-coverage:ENV>=PCT`` — at least PCT % of the employees active in directory
  environment ENV have an enabled account there;
* ``identity-coverage:system=KEY>=PCT`` — at least PCT % of the active employees whose org unit
  needs system KEY have a user in it;
* ``trained:SYSTEM>=PCT`` — at least PCT % of the active employees who need SYSTEM have
  completed its course.

The latest run is the newest one finished by the time judged (``--as-of``, else now); its own
day, ``on``, is in the evidence. A criterion on an environment or a system that run did not
measure fails, naming what it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from migctl import values
from migctl.services.gates.criterion import Context, Names, Outcome, checked_name
from migctl.services.identity.read import latest_run
from migctl.services.kpis.fields import plain

if TYPE_CHECKING:
    from migctl.services.identity.documents import RunSummary

_THRESHOLD = re.compile(r"^(?P<name>[^<>]+?)\s*>=\s*(?P<value>[^<>=]+)$")
_SYSTEM = "system="


class IdentityEvidence(TypedDict):
    measure: str  # environment | system | training
    subject: str
    threshold: Decimal
    value: Decimal | None
    run_id: int | None
    on: str | None


@dataclass(frozen=True)
class CoverageAtLeast:
    """One threshold on one figure of the latest run."""

    kind: str  # identity-coverage | trained
    measure: str  # environment | system | training
    subject: str
    threshold: Decimal

    @property
    def spec(self) -> str:
        subject = f"{_SYSTEM}{self.subject}" if self.measure == "system" else self.subject
        return f"{self.kind}:{subject}>={plain(self.threshold)}"


def _threshold(rest: str, raw: str, usage: str) -> tuple[str, Decimal]:
    match = _THRESHOLD.match(rest)
    if match is None:
        raise ValueError(f"{raw!r}: use {usage}")
    try:
        threshold = values.parse_decimal(match.group("value").strip().rstrip("%"))
    except ValueError as exc:
        raise ValueError(f"{raw!r}: {exc}") from None
    if not Decimal(0) <= threshold <= Decimal(100):
        raise ValueError(f"{raw!r}: the percentage must be between 0 and 100")
    return match.group("name").strip(), threshold


_WHAT = {"environment": "accounts in {0}", "system": "users in {0}",
         "training": "trained for {0}"}


def _measured(run: RunSummary, measure: str) -> dict[str, Decimal]:
    if measure == "environment":
        return run["coverage_pct"]
    return run["system_coverage_pct"] if measure == "system" else run["training_coverage_pct"]


def _evaluate(criterion: CoverageAtLeast, context: Context) -> Outcome[IdentityEvidence]:
    what = _WHAT[criterion.measure].format(criterion.subject)
    evidence: IdentityEvidence = {"measure": criterion.measure, "subject": criterion.subject,
                                  "threshold": criterion.threshold, "value": None,
                                  "run_id": None, "on": None}
    run = latest_run(context.session, context.now)
    if run is None:
        return Outcome(False, "no identity check has run (`migctl identity check`)", evidence)
    evidence.update({"run_id": run["run_id"], "on": run["on"]})
    measured = _measured(run, criterion.measure)
    value = measured.get(criterion.subject)
    where = f"identity run {run['run_id']} on {run['on']}"
    if value is None:
        known = ", ".join(sorted(measured)) or "none"
        return Outcome(False, f"{where} did not measure {what} (it measured: {known})",
                       evidence)
    evidence["value"] = value
    passed = value >= criterion.threshold
    return Outcome(passed, f"{where}: {what} {plain(value)} % "
                   f"({'>=' if passed else '<'} {plain(criterion.threshold)} %)", evidence)


class _CoverageKind:
    """What the coverage kinds share: the system check and the judgement on the latest run;
    they differ only in how they parse."""

    def problem(self, criterion: CoverageAtLeast, names: Names, gate: str | None
                ) -> str | None:
        if criterion.measure == "environment" or criterion.subject in names.systems:
            return None
        return f"unknown system {criterion.subject!r}; `migctl system list` shows them"

    def evaluate(self, criterion: CoverageAtLeast, context: Context, gate: str | None
                 ) -> Outcome[IdentityEvidence]:
        return _evaluate(criterion, context)


class IdentityCoverageKind(_CoverageKind):
    name = "identity-coverage"
    usage = "identity-coverage:ENV>=PCT (or system=KEY>=PCT)"

    def parse(self, rest: str, raw: str) -> CoverageAtLeast:
        subject, threshold = _threshold(rest, raw, self.usage)
        if subject.casefold().startswith(_SYSTEM):
            return CoverageAtLeast(self.name, "system",
                                   checked_name(subject[len(_SYSTEM):], "system"), threshold)
        return CoverageAtLeast(self.name, "environment", checked_name(subject, "environment"),
                               threshold)


class TrainedKind(_CoverageKind):
    name = "trained"
    usage = "trained:SYSTEM>=PCT"

    def parse(self, rest: str, raw: str) -> CoverageAtLeast:
        subject, threshold = _threshold(rest, raw, self.usage)
        return CoverageAtLeast(self.name, "training", checked_name(subject, "system"),
                               threshold)
