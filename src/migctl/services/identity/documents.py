"""The JSON documents of the identity check: a run (``identity check -f json``) and the short
summary of a stored run (``identity history``, the gate criteria, the status section).

Every employee id, login and account name in them is a keyed pseudonym (``p-…``, ``u-…``).
Percentages are Decimals cut (never rounded up) to two places.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict


class FileDocument(TypedDict):
    file: str
    sha256: str


class RunSummary(TypedDict):
    """A stored run, as history, criteria and status read it."""

    run_id: int
    on: str  # the day judged, ISO
    key_check: str  # the pseudonym of a fixed marker: runs under one key share it
    active: dict[str, int]  # environment → active employees on the day
    coverage_pct: dict[str, Decimal]  # environment → % with an enabled account
    system_coverage_pct: dict[str, Decimal]  # system → % of those who need it with a user
    training_coverage_pct: dict[str, Decimal]  # system → % of those who need it trained
    counts: dict[str, int]  # finding code → findings
    errors: int
    warnings: int
    actor: str
    finished_at: str | None


class CheckDocument(TypedDict):
    """The head of ``identity check -f json``; ``summary`` and ``findings`` follow it."""

    check: str
    run_id: int | None
    on: str
    key_check: str
    active: dict[str, int]
    coverage_pct: dict[str, Decimal]
    system_coverage_pct: dict[str, Decimal]
    training_coverage_pct: dict[str, Decimal]
    counts: dict[str, int]
    files: dict[str, FileDocument]
