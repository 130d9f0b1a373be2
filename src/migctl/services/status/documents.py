"""The status and report documents: what `migctl status -f json` prints, as types.

Each section's own document lives beside its builder (``services/<area>/status.py``); here
are the parts every section shares (its signals, the error stand-in) and the parts the status
package computes from them (header, readiness, the whole status and report documents).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TypedDict


class Signal(TypedDict):
    """One fact behind the RAG (``level`` amber or red) as its section states it."""

    level: str
    system: str | None
    reason: str  # the English sentence
    code: str  # stable, e.g. ``task-late``: scripts act on it, documents translate it
    params: dict[str, object]  # the facts in the sentence, as the code's template needs them


class ReadinessSignal(TypedDict):
    """A signal as readiness lists it: tagged with the section that raised it."""

    level: str
    system: str | None
    section: str
    reason: str
    code: str | None
    params: dict[str, object]


class SectionDocument(TypedDict):
    """What every section document has: the signals behind the programme's RAG."""

    signals: list[Signal]


class SectionError(TypedDict):
    """A section that could not be built stands in its place with the error."""

    error: str
    signals: list[Signal]


class NextGoLive(TypedDict):
    date: date
    days: int
    systems: list[str]


class CutoverStart(TypedDict):
    at: datetime
    days: int


class HeaderRun(TypedDict):
    """The active cutover run, as the header names it (issue 17)."""

    name: str
    kind: str  # rehearsal or production
    started_at: datetime
class WindowHeadline(TypedDict):
    """Window confidence in the header: P(cutover end ≤ window end) and the P80 end."""

    p_within_window: float | None
    p80_end: datetime


class Header(TypedDict):
    next_go_live: NextGoLive | None
    cutover_start: CutoverStart | None
    run: HeaderRun | None
    window: WindowHeadline | None


class RagCounts(TypedDict):
    red: int
    amber: int


class ReadinessEntry(TypedDict):
    """One system's RAG."""

    key: str
    name: str
    role: str
    rag: str
    signals: list[ReadinessSignal]


class Readiness(TypedDict):
    overall: str
    counts: RagCounts
    systems: list[ReadinessEntry]
    programme: list[ReadinessSignal]
    signals: list[ReadinessSignal]


class Programme(TypedDict):
    name: str
    timezone: str


class StatusDocument(TypedDict):
    programme: Programme
    as_of: datetime
    today: date
    header: Header
    readiness: Readiness
    #: Section key → its document (a :class:`SectionError` when it could not be built), in the
    #: registry's order. Read one typed with ``migctl.services.status.registry.section``.
    sections: dict[str, SectionDocument]


class KpiPoint(TypedDict):
    at: datetime
    value: Decimal
    source: str


class ReportDocument(TypedDict):
    status: StatusDocument
    kpi_history: dict[str, list[KpiPoint]]
