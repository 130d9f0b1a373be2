"""The JSON documents the gates package builds (gate checks, criteria, decisions, estimates,
cutover settings), typed: builders return these, renderers read them, and the keys are the
documented JSON shapes in the order printed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import TypedDict

from migctl.services.runbook.documents import TransitionDocument


class CriterionResultDocument(TypedDict):
    """One criterion evaluated; ``evidence`` is its kind's (see each kind's ``…Evidence``)."""

    spec: str
    kind: str
    passed: bool
    message: str
    evidence: Mapping[str, object]


class GateCounts(TypedDict):
    criteria: int
    passed: int
    failed: int


class GateCheckDocument(TypedDict):
    """``task gate-check -f json``; also the evidence a decision stores."""

    gate: str
    title: str
    run: str | None
    evaluated_at: datetime
    max_age_minutes: int
    state: str  # pass | fail | none
    passed: bool
    counts: GateCounts
    criteria: list[CriterionResultDocument]


class DecisionEvidence(GateCheckDocument):
    """The gate check kept with a decision, and whether the go overrode failing criteria."""

    override: bool


class DecisionDocument(TransitionDocument):
    """``task decide -f json``: the transition and what the decision was based on."""

    override: bool
    reason: str | None
    evidence: DecisionEvidence


class CriterionDocument(TypedDict):
    """One stored criterion of a gate (``task criteria list|add|remove -f json``)."""

    gate: str
    id: int
    spec: str
    kind: str
    created_at: datetime
    created_by: str
    source_file: str | None
    source_row: int | None


class EstimatedTask(TypedDict):
    key: str
    title: str
    workstream: str
    owner: str
    critical: bool
    statistic: str  # median | p90
    value: Decimal
    actual_minutes: list[int]
    runs: int
    old_minutes: int
    new_minutes: int
    change_minutes: int
    old: str
    new: str
    changed: bool


class EstimateSummary(TypedDict):
    estimated: int
    changed: int
    longer: int
    shorter: int
    without_actuals: int


class Moved(TypedDict):
    old: datetime
    new: datetime
    change_minutes: int


class EstimateDocument(TypedDict):
    """``task estimate -f json``."""

    runs: list[str]
    plan: str  # forecast | baseline
    tasks: list[EstimatedTask]
    without_actuals: list[str]
    summary: EstimateSummary
    end: Moved
    cutover_end: Moved
    applied: list[str]


class CutoverSettingsDocument(TypedDict):
    """``cutover settings -f json``."""

    window_start: datetime | None
    window_end: datetime | None
    go_live: str | None
    point_of_no_return: str | None
