"""The JSON documents of the programme register: what its readers build and renderers read."""

from __future__ import annotations

from datetime import date, datetime
from typing import TypedDict


class HistoryEntry(TypedDict):
    at: datetime
    actor: str
    action: str
    summary: str


class ActionDocument(TypedDict):
    """One action (``action list -f json`` row)."""

    key: str
    title: str
    category: str
    owner: str
    due: date | None
    status: str
    systems: list[str]
    tasks: list[str]
    incidents: list[str]
    risks: list[str]
    notes: str
    done_at: datetime | None
    overdue: bool
    days_overdue: int | None


class ActionDetail(ActionDocument):
    """``action show``: the action, the risks it mitigates, and its history."""

    mitigates: list[str]
    history: list[HistoryEntry]


class RiskDocument(TypedDict):
    """One risk (``risk list -f json`` row)."""

    key: str
    title: str
    owner: str
    likelihood: int
    impact: int
    score: int
    status: str
    mitigation: str | None
    mitigation_status: str | None
    mitigation_overdue: bool
    systems: list[str]
    trend: str  # up | down | flat | new
    previous_score: int | None
    last_reviewed_at: datetime | None
    last_reviewed_by: str | None
    review_due: bool
    notes: str
    closed_at: datetime | None


class RiskReviewDocument(TypedDict):
    reviewed_at: datetime
    reviewed_by: str
    likelihood: int
    impact: int
    score: int
    note: str


class RiskDetail(RiskDocument):
    """``risk show``: the risk, its reviews (oldest first) and its history."""

    reviews: list[RiskReviewDocument]
    history: list[HistoryEntry]


class DecisionDocument(TypedDict):
    """One decision: taken in the register (``source: register``) or at a gate (``gate``)."""

    key: str
    source: str  # register | gate
    title: str
    decided_by: str
    decided_at: datetime
    rationale: str
    systems: list[str]
    tasks: list[str]
    gates: list[str]
    decision: str | None  # go | no-go for gate decisions
    run: str | None  # the cutover run of a gate decision
    override: bool


class OverdueAction(TypedDict):
    key: str
    title: str
    owner: str
    category: str
    due: date
    days_overdue: int
    systems: list[str]


class OwnerCounts(TypedDict):
    open: int
    overdue: int
    done: int


class ActionCounts(TypedDict):
    total: int
    open: int
    overdue: int
    done: int
    by_category: dict[str, dict[str, int]]  # category → status → count
    by_owner: dict[str, OwnerCounts]


class TopRisk(TypedDict):
    key: str
    title: str
    owner: str
    score: int
    trend: str
    previous_score: int | None
    mitigation: str | None
    mitigation_status: str | None
    mitigation_overdue: bool
    review_due: bool


class RiskCounts(TypedDict):
    open: int
    high: int
    high_score: int
    review_due: int


class RegisterSection(TypedDict):
    """What the status and report show of the register (the section adapter wraps this)."""

    today: date
    actions: ActionCounts
    overdue: list[OverdueAction]
    risks: RiskCounts
    top_risks: list[TopRisk]
    heat_map: list[list[int]]  # [likelihood - 1][impact - 1] → open risks
    categories: list[str]


class ActionsDoneEvidence(TypedDict):
    selector: str  # "category=training" or "ACT-001,ACT-002"
    actions: list[str]
    not_done: list[str]
    missing: list[str]  # named keys that are not in the register


class RisksBelowEvidence(TypedDict):
    score: int
    too_high: list[str]


class ActionsDoneVerdict(TypedDict):
    passed: bool
    message: str
    evidence: ActionsDoneEvidence


class RisksBelowVerdict(TypedDict):
    passed: bool
    message: str
    evidence: RisksBelowEvidence


class ActionSignal(TypedDict):
    """A readiness signal on a system: an overdue action linked to it."""

    level: str  # amber | red
    system: str
    action: str
    title: str
    owner: str
    due: date
    days_overdue: int
    gate: str | None  # the failing gate that makes it red
