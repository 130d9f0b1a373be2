"""The SSO checks' JSON documents: a check, its latest result, a run and its outcome, the
systems × environments matrix, and the TOML import's summary.

Documents with a ``pass`` key use the functional TypedDict form (``pass`` is a keyword).
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict


class _CheckIdentity(TypedDict):
    id: int
    system: str
    env: str
    kind: str
    url: str


class CheckDocument(_CheckIdentity):
    """One check's configuration (``sso add -f json``, ``sso remove -f json``)."""

    expect_entity_id: str | None
    expect_issuer: str | None
    expect_idp_host: str | None
    expect_tenant: str | None
    max_hops: int | None
    timeout: float | None
    expect_acs: list[str] | None


class CheckState(TypedDict):
    """A check and the status of its latest result (what problem lists and gates name)."""

    id: int
    system: str
    env: str
    kind: str
    status: str
    checked_at: datetime | None


class LastResult(TypedDict):
    status: str
    checked_at: datetime


class CheckListing(CheckDocument):
    """One line of ``sso list -f json``: the check and its latest status, or None."""

    last: LastResult | None


class FindingDocument(TypedDict):
    code: str
    severity: str
    message: str


class LatestResult(_CheckIdentity):
    """A check with its latest result (``status`` ``never`` if it never ran)."""

    status: str
    checked_at: datetime | None
    run_id: int | None
    duration_ms: int | None
    findings: list[FindingDocument]


class CheckOutcome(_CheckIdentity):
    """One check's result in a run (``sso check -f json``, ``checks``)."""

    status: str
    summary: str
    codes: list[str]
    checked_at: datetime
    duration_ms: int


class RunSettings(TypedDict):
    """A run's options, stored with it."""

    systems: list[str]
    env: str | None
    kind: str | None
    timeout: float | None
    concurrency: int
    ca_bundle: str | None
    warn_days: int
    strict: bool


RunCounts = TypedDict("RunCounts", {"checks": int, "pass": int, "warn": int, "fail": int})

RunDocument = TypedDict("RunDocument", {
    "id": int | None, "started_at": datetime, "finished_at": datetime, "duration_s": float,
    "actor": str, "options": RunSettings,
    "checks": int, "pass": int, "warn": int, "fail": int,
})


class RunHistoryEntry(RunDocument):
    """One past run in ``sso history -f json``, with its findings counted by code."""

    codes: dict[str, int]


MatrixCell = TypedDict("MatrixCell", {
    "system": str, "env": str, "status": str, "checks": int,
    "pass": int, "warn": int, "fail": int, "never": int,
    "checked_at": datetime | None, "age_minutes": int | None,
})


class MatrixDocument(TypedDict):
    """The systems × environments matrix, published flat."""

    environments: list[str]
    matrix: list[MatrixCell]


class CheckImportDocument(TypedDict):
    """``sso import -f json``: check IDs by what happened to them."""

    file: str
    checks: int
    created: list[int]
    updated: list[int]
    unchanged: list[int]
    removed: list[int]
