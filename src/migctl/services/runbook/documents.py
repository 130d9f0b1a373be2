"""The JSON documents the runbook builds (tasks, runs, the plan, comparisons, imports), typed.

Builders return these and the renderers read them; the keys are the documented JSON shapes
(``task list -f json``, ``task plan -f json``, ``cutover run list|compare -f json``…), so their
order here is the order printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TypedDict


class TaskHead(TypedDict):
    """The fields every task row starts with."""

    key: str
    title: str
    workstream: str
    system: str | None
    owner: str
    kind: str


class TaskDocument(TaskHead):
    """One task with its state in the run looked at (``task add|set -f json``)."""

    duration: str
    duration_minutes: int
    planned_start: datetime | None
    depends_on: list[str]
    rollback_note: str
    criteria: str | None
    source_file: str | None
    source_row: int | None
    version: int
    run: str | None
    status: str
    actual_start: datetime | None
    actual_end: datetime | None
    block_reason: str | None
    blocked_by: str | None
    note: str | None


class TaskListRow(TaskDocument):
    """``task list -f json``: each task and whether it is late."""

    late: bool


class LatestDecision(TypedDict):
    """A gate's latest go/no-go in a run (what blocks or releases tasks)."""

    decision: str
    decided_by: str
    note: str
    decided_at: datetime


class DecisionRecord(LatestDecision):
    """One stored decision with what it was based on (``task show`` of a gate)."""

    override: bool | None
    reason: str | None
    evidence: Mapping[str, object] | None  # the gate check as it stood (stored JSON)


class TaskDetail(TaskDocument):
    """``task show -f json``."""

    dependants: list[str]
    state_version: int
    decisions: list[DecisionRecord]


class RunCounts(TypedDict):
    todo: int
    in_progress: int
    done: int
    failed: int
    skipped: int
    blocked: int
    total: int


class RunDocument(TypedDict):
    """One cutover run (``cutover run list|start|finish -f json``)."""

    name: str
    kind: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    elapsed_minutes: int | None
    counts: RunCounts


class Work(TypedDict):
    """Planned against actual minutes of the tasks done in a run."""

    done: int
    planned_minutes: int
    actual_minutes: int
    overrun_minutes: int


class ComparedRun(RunDocument):
    work: Work


class TaskInRun(TypedDict):
    status: str
    actual_minutes: int | None
    overrun_minutes: int | None


class ComparedTask(TypedDict):
    key: str
    title: str
    workstream: str
    planned_minutes: int
    runs: list[TaskInRun]


class Overrun(TypedDict):
    run: str
    key: str
    title: str
    workstream: str
    planned_minutes: int
    actual_minutes: int
    overrun_minutes: int
    ratio: float | None


class ComparedWorkstream(TypedDict):
    workstream: str
    runs: list[Work]


class CompareDocument(TypedDict):
    """``cutover run compare -f json``."""

    runs: list[ComparedRun]
    tasks: list[ComparedTask]
    workstreams: list[ComparedWorkstream]
    biggest_overruns: list[Overrun]


class OverrunSummary(TypedDict):
    """One run's work and its biggest overruns (the status screen's last rehearsal)."""

    work: Work
    biggest_overruns: list[Overrun]


class RunWithOverruns(RunDocument, OverrunSummary):
    """A run with its work and biggest overruns (the status screen's last rehearsal)."""


class PlannedTask(TypedDict):
    key: str
    earliest_start: str
    earliest_finish: str
    latest_start: str
    latest_finish: str
    slack_minutes: int
    critical: bool


class PlanDocument(TypedDict):
    """``task plan -f json``: times as ISO text, tasks in chronological order."""

    start: str
    end: str
    critical_path: list[str]
    tasks: list[PlannedTask]


class NextRow(TaskHead):
    """``task next``: a task ready to start."""

    status: str
    planned_start: datetime | None
    earliest_start: datetime
    latest_start: datetime
    slack_minutes: int
    critical: bool


class ScheduleRow(TaskHead):
    """The plan for people (``task plan`` table, ``task timeline``)."""

    status: str
    duration_minutes: int
    planned_start: datetime | None
    earliest_start: datetime
    earliest_finish: datetime
    latest_start: datetime
    latest_finish: datetime
    slack_minutes: int
    critical: bool
    late: bool


class Burndown(TypedDict):
    """Tasks remaining over time: ``[time, remaining]`` points, planned and actual."""

    run: str
    planned: list[list[datetime | int]]
    actual: list[list[datetime | int]]


class ActualsImportDocument(TypedDict):
    """``cutover run import -f json``."""

    run: str
    file: str
    source: str
    rows: int
    by_status: dict[str, int]
    created_run: bool
    finished: bool


TransitionDocument = TypedDict("TransitionDocument", {
    "key": str, "run": str, "from": str, "to": str, "at": datetime, "blocked": list[str],
    "released": list[str]})
"""What a transition or decision did (``task start|done|… -f json``)."""

