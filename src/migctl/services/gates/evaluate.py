"""Gate criteria evaluated live from the store: pass or fail, with the evidence behind it.

Each result says which record decided it (validation run, translation run, SSO results, the
run's task states, the incident count, the KPI value), when that record was made, and its
numbers, so a steering group can see later exactly what was known at a decision. What each
kind reads and reports is its own (:mod:`migctl.services.gates.kinds`); this module runs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from migctl.errors import MigctlError
from migctl.services.gates.criterion import Criterion
from migctl.services.gates.documents import CriterionResultDocument
from migctl.services.gates.spec import criterion_kind, kind_name, kind_of, parse_spec
from migctl.values import format_local

if TYPE_CHECKING:
    from migctl.services.runbook.read import Runbook, RunLike
    from migctl.store.db import Db

#: How old the latest SSO result may be for ``sso-pass`` (the default of ``--max-age``).
DEFAULT_MAX_AGE_MINUTES = 24 * 60


@dataclass(frozen=True)
class Result:
    """One criterion's verdict and the evidence behind it (its kind's evidence type)."""

    spec: str
    kind: str
    passed: bool
    message: str
    evidence: Mapping[str, object] = field(default_factory=dict)

    def document(self) -> CriterionResultDocument:
        return {"spec": self.spec, "kind": self.kind, "passed": self.passed,
                "message": self.message, "evidence": self.evidence}


@dataclass
class Evaluator:
    """What evaluation reads: the store at ``now``, one cutover run (for ``tasks-done``);
    a :class:`migctl.services.gates.criterion.Context`."""

    session: Db  # a Session or a Connection (the status screen's)
    now: datetime
    tz: tzinfo
    run: RunLike | None = None
    max_age_minutes: int = DEFAULT_MAX_AGE_MINUTES
    runbook: Runbook | None = None  # the status screen passes the one it loaded

    def evaluate_text(self, spec: str, *, gate: str | None = None) -> Result:
        """A stored spec; one that no longer parses fails instead of breaking the command."""
        try:
            criterion = parse_spec(spec)
        except ValueError as exc:
            return Result(spec, kind_name(spec), False, f"cannot be read: {exc}")
        return self.evaluate(criterion, gate=gate)

    def evaluate(self, criterion: Criterion, *, gate: str | None = None) -> Result:
        try:
            outcome = criterion_kind(criterion).evaluate(criterion, self, gate)
        except MigctlError as exc:  # e.g. a system removed since the criterion was added
            return Result(criterion.spec, kind_of(criterion), False, str(exc), {})
        return Result(criterion.spec, kind_of(criterion), outcome.passed, outcome.message,
                      outcome.evidence)

    def local(self, moment: datetime | None) -> str:
        return format_local(moment, self.tz)
