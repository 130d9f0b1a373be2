"""A go/no-go decided from evidence: a go is refused while a criterion fails, unless it is
overridden with a reason; every decision keeps the criteria's evidence as it stood.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from migctl.errors import Conflict, OptionError, option_name
from migctl.services.audit import Actor
from migctl.services.gates.check import check_gate
from migctl.services.gates.documents import (
    DecisionDocument,
    DecisionEvidence,
    GateCheckDocument,
)
from migctl.services.gates.evaluate import DEFAULT_MAX_AGE_MINUTES
from migctl.services.runbook import runs
from migctl.services.runbook.transitions import Change, decide, normalize_decision


@dataclass(frozen=True)
class Decision:
    change: Change
    override: bool
    reason: str | None
    evidence: DecisionEvidence

    def document(self) -> DecisionDocument:
        """The transition document plus what the decision was based on."""
        return {**self.change.document(), "override": self.override, "reason": self.reason,
                "evidence": self.evidence}


def refusal(evidence: GateCheckDocument) -> str:
    """One line: which criteria fail and why, and the two ways forward."""
    failing = [c for c in evidence["criteria"] if not c["passed"]]
    reasons = " | ".join(f"{c['spec']}: {c['message']}" for c in failing)
    gate = evidence["gate"]
    return (f"cannot decide go on {gate}: {len(failing)} of {evidence['counts']['criteria']} "
            f"criteria fail [{reasons}]; `migctl task gate-check {gate}` shows the evidence, "
            f"{option_name('override')} {option_name('reason')} TEXT decides go anyway")


def decide_gate(
    session: Session,
    actor: Actor,
    *,
    key: str,
    decision: str,
    by: str,
    at: datetime,
    now: datetime,
    note: str = "",
    run_name: str | None = None,
    force: bool = False,
    override: bool = False,
    reason: str | None = None,
    max_age_minutes: int = DEFAULT_MAX_AGE_MINUTES,
) -> Decision:
    """Evaluate the gate's criteria as of ``now``, then record the decision with them."""
    decision = normalize_decision(decision)
    reason = (reason or "").strip() or None
    if override and decision != "go":
        raise OptionError("{option} is for a go despite failing criteria; a no-go needs none",
                          field="override")
    if override and reason is None:
        raise OptionError(f"{{option}} needs a {option_name('reason')} (it is kept with the "
                          "decision)", field="override")
    if reason is not None and not override:
        raise OptionError(f"{{option}} goes with {option_name('override')}; use "
                          f"{option_name('note')} for the decision's note", field="reason")
    run = runs.run_for_writing(session, run_name)
    checked = check_gate(session, key=key, run=run, now=now, max_age_minutes=max_age_minutes)
    failing = not checked["passed"]
    if decision == "go" and failing and not override:
        raise Conflict(refusal(checked))
    overridden = decision == "go" and failing and override
    evidence: DecisionEvidence = {**checked, "override": overridden}
    change = decide(session, actor, key=key, decision=decision, by=by, at=at, note=note,
                    run_name=run.name, force=force, override=overridden,
                    reason=reason if overridden else None, evidence=evidence)
    return Decision(change=change, override=overridden, reason=reason if overridden else None,
                    evidence=evidence)
