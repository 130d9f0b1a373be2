"""The runbook's vocabulary: task keys, kinds, statuses, durations, and validated task input."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from migctl import values
from migctl.errors import UsageError
from migctl.services.systems.fields import normalize_key

#: Programme settings of the cutover (registered in :mod:`migctl.services.runbook.settings`).
WINDOW_START = "cutover.window_start"
WINDOW_END = "cutover.window_end"
GO_LIVE = "cutover.go_live"
POINT_OF_NO_RETURN = "cutover.point_of_no_return"
TIMEZONE = "programme.timezone"

KINDS = ("task", "milestone", "gate")
STATUSES = ("todo", "in_progress", "done", "failed", "skipped", "blocked")
#: Statuses after which dependants may start.
RESOLVED = frozenset({"done", "skipped"})

_KIND_ALIASES = {
    "tehtävä": "task", "tehtava": "task", "milestone": "milestone", "virstanpylväs": "milestone",
    "virstanpylvas": "milestone", "välitavoite": "milestone", "gate": "gate", "portti": "gate",
    "päätöspiste": "gate", "go/no-go": "gate", "go-no-go": "gate",
}
_STATUS_ALIASES = {
    "in progress": "in_progress", "in-progress": "in_progress", "started": "in_progress",
    "käynnissä": "in_progress", "kesken": "in_progress", "tekemättä": "todo", "to do": "todo",
    "valmis": "done", "tehty": "done", "epäonnistui": "failed", "ohitettu": "skipped",
    "skip": "skipped", "estetty": "blocked",
}
KEY_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9_.\-]{0,63}")


def normalize_task_key(text: str) -> str:
    """Task keys are case-insensitive and kept in upper case (``fin-010`` is ``FIN-010``)."""
    return values.identifier(
        text, KEY_PATTERN, upper=True,
        what="a valid task key (letters, digits, '-', '_', '.'; at most 64)")


def task_key(text: str) -> str:
    """A task key given on the command line: a bad one is a usage error."""
    try:
        return normalize_task_key(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def normalize_run_name(text: str) -> str:
    """Cutover run names are system-style keys (``rehearsal-2``, ``production``)."""
    try:
        return normalize_key(text, what="run name")
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def normalize_kind(text: str) -> str:
    return values.choose(text, KINDS, _KIND_ALIASES, what="a kind")


def normalize_status(text: str) -> str:
    return values.choose(text, STATUSES, _STATUS_ALIASES, what="a status",
                         use=f"one of {', '.join(STATUSES)}")


def parse_task_duration(text: str) -> int:
    """Minutes from ``90m``, ``4h``, ``2d``, ``1h30m`` (wall-clock; ``d`` is 24 hours)."""
    minutes = values.parse_duration(text)
    if minutes < 0:
        raise ValueError(f"{text!r} is negative")
    return minutes


def parse_depends_on(text: str) -> list[str]:
    """Keys separated by ``,`` or ``;``, normalised; duplicates dropped, order kept."""
    return list(dict.fromkeys(normalize_task_key(item) for item in values.split_list(text)))


def check_kind_duration(kind: str, minutes: int) -> None:
    if kind == "milestone" and minutes != 0:
        raise ValueError(
            f"a milestone takes no time, but the duration is {values.format_duration(minutes)}"
        )


@dataclass
class TaskFields:
    """Validated input for one task; ``None`` means "not given" (kept on update)."""

    title: str | None = None
    workstream: str | None = None
    system: str | None = None  # a system key; "" clears
    owner: str | None = None
    kind: str | None = None
    duration_minutes: int | None = None
    planned_start: datetime | None = None
    rollback_note: str | None = None
    criteria: str | None = None
    depends_on: list[str] | None = None  # replaces the whole list when given
    clear: set[str] = field(default_factory=set)  # nullable fields to empty explicitly

    # column → value for a Core insert/update: the values are of several column types
    def given(self) -> dict[str, Any]:
        """Column values given (the ``system`` key and ``depends_on`` are resolved apart)."""
        data = {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in ("clear", "system", "depends_on")}
        result = {k: v for k, v in data.items() if v is not None}
        result.update(dict.fromkeys(self.clear))
        return result
