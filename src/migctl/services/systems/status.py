"""The systems section of the status: targets by go-live, the legacy systems they replace."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from migctl.services.status.sections import signal
from migctl.services.systems.documents import SystemDocument
from migctl.services.systems.read import list_systems

if TYPE_CHECKING:
    from migctl.services.status.sections import StatusContext


class TargetRow(SystemDocument):
    """A target system with the days left to its planned go-live."""

    days_to_go_live: int | None
    go_live_passed_not_live: bool


def build_section(context: StatusContext) -> dict[str, Any]:
    systems = list_systems(context.session)
    today = context.today
    targets: list[TargetRow] = []
    legacy: list[SystemDocument] = []
    by_status: dict[str, int] = {}
    for system in systems:
        by_status[system["status"]] = by_status.get(system["status"], 0) + 1
        if system["role"] == "target":
            go_live = system["planned_go_live"]
            days = (go_live - today).days if go_live else None
            targets.append({
                **system,
                "days_to_go_live": days,
                "go_live_passed_not_live": bool(
                    go_live and days is not None and days < 0 and system["status"] != "live"),
            })
        else:
            legacy.append(system)
    upcoming = sorted(
        ((t["planned_go_live"], t) for t in targets
         if t["planned_go_live"] is not None and t["planned_go_live"] >= today
         and t["status"] != "live"),
        key=lambda pair: pair[0],
    )
    next_go_live = None
    if upcoming:
        first = upcoming[0][0]
        next_go_live = {
            "date": first,
            "days": (first - today).days,
            "systems": [t["key"] for go_live, t in upcoming if go_live == first],
        }
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
        "next_go_live": next_go_live,
        "targets": targets,
        "legacy": legacy,
        "signals": signals,
    }
