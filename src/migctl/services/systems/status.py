"""The systems section of the status: targets by go-live, the legacy systems they replace."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, TypedDict, cast

from migctl.services.status.context import signal
from migctl.services.systems.read import list_systems

if TYPE_CHECKING:
    from migctl.services.status.context import StatusContext
    from migctl.services.status.documents import NextGoLive, Signal


class SystemRow(TypedDict):
    """A system as `system list -f json` shows it (the fields the status reads)."""

    key: str
    name: str
    role: str
    status: str
    planned_go_live: date | None
    retire_date: date | None
    environments: list[str]
    replaces: list[str]
    replaced_by: list[str]


class TargetSystem(SystemRow):
    days_to_go_live: int | None
    go_live_passed_not_live: bool


class SystemCounts(TypedDict):
    targets: int
    legacy: int
    live: int
    by_status: dict[str, int]


class SystemsSection(TypedDict):
    counts: SystemCounts
    next_go_live: NextGoLive | None
    targets: list[TargetSystem]
    legacy: list[SystemRow]
    signals: list[Signal]


def _target(system: SystemRow, today: date) -> TargetSystem:
    go_live = system["planned_go_live"]
    days = (go_live - today).days if go_live else None
    passed = bool(go_live and days is not None and days < 0 and system["status"] != "live")
    target: TargetSystem = {**system, "days_to_go_live": days, "go_live_passed_not_live": passed}
    return target


def _next_go_live(targets: list[TargetSystem], today: date) -> NextGoLive | None:
    upcoming = sorted(
        (t for t in targets if t["planned_go_live"] and (t["days_to_go_live"] or 0) >= 0
         and t["status"] != "live"),
        key=lambda t: t["planned_go_live"] or today,
    )
    if not upcoming:
        return None
    first = upcoming[0]["planned_go_live"]
    assert first is not None
    return {"date": first, "days": (first - today).days,
            "systems": [t["key"] for t in upcoming if t["planned_go_live"] == first]}


def build_section(context: StatusContext) -> SystemsSection:
    # list_systems returns untyped rows (systems/read.py); their shape is SystemRow
    systems = cast("list[SystemRow]", list_systems(context.session))
    today = context.today
    targets = [_target(s, today) for s in systems if s["role"] == "target"]
    legacy = [s for s in systems if s["role"] != "target"]
    by_status: dict[str, int] = {}
    for system in systems:
        by_status[system["status"]] = by_status.get(system["status"], 0) + 1
    signals = [
        signal("red", f"go-live {t['planned_go_live']} passed while {t['status']}",
               code="go-live-passed", system=t["key"], go_live=t["planned_go_live"],
               status=t["status"])
        for t in targets if t["go_live_passed_not_live"]
    ]
    return {
        "counts": {
            "targets": len(targets),
            "legacy": len(legacy),
            "live": sum(1 for t in targets if t["status"] == "live"),
            "by_status": dict(sorted(by_status.items())),
        },
        "next_go_live": _next_go_live(targets, today),
        "targets": targets,
        "legacy": legacy,
        "signals": signals,
    }
