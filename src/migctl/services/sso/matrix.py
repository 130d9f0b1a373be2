"""The systems × environments matrix: one cell per pair, summarising its checks' outcomes.

Published flat (``environments`` plus a list of cells, each naming its system and env) so that
documents and KPIs built from the status read it without knowing how it was computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from migctl.services.sso.documents import MatrixCell, MatrixDocument

#: Worst first: a failing check decides the cell, then one never run, then a warning.
CELL_ORDER = ("fail", "never", "warn", "pass")
KNOWN_ENVIRONMENTS = ("admin", "education")


def environment_order(envs: Iterable[str]) -> list[str]:
    unique = set(envs)
    return [e for e in KNOWN_ENVIRONMENTS if e in unique] + sorted(unique - set(KNOWN_ENVIRONMENTS))


def build_matrix(items: Iterable[Mapping[str, Any]], *, now: datetime) -> MatrixDocument:
    """``{"environments": [...], "matrix": [cell, ...]}`` from per-check items.

    Items have ``system``, ``env``, ``status`` (pass|warn|fail|never) and ``checked_at``. A
    cell's ``checked_at`` is the oldest of its checks' latest results (how stale the cell is)
    and ``age_minutes`` its age at ``now``; both are None while any of its checks never ran.
    Cells come sorted by system, then environment; pairs without checks have no cell.
    """
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for item in items:
        groups.setdefault((item["system"], item["env"]), []).append(item)
    environments = environment_order(env for _system, env in groups)
    position = {env: index for index, env in enumerate(environments)}
    cells = [_cell(system, env, members, now) for (system, env), members
             in sorted(groups.items(), key=lambda kv: (kv[0][0], position[kv[0][1]]))]
    return {"environments": environments, "matrix": cells}


def _cell(system: str, env: str, members: list[Mapping[str, Any]], now: datetime
          ) -> MatrixCell:
    counts = dict.fromkeys(CELL_ORDER, 0)
    for member in members:
        counts[member["status"]] += 1
    times = [m["checked_at"] for m in members if m.get("checked_at") is not None]
    oldest = min(times) if times and not counts["never"] else None
    return {
        "system": system,
        "env": env,
        "status": next(s for s in CELL_ORDER if counts[s]),
        "checks": len(members),
        "pass": counts["pass"],
        "warn": counts["warn"],
        "fail": counts["fail"],
        "never": counts["never"],
        "checked_at": oldest,
        "age_minutes": None if oldest is None else age_minutes(oldest, now),
    }


def age_minutes(moment: datetime, now: datetime) -> int:
    return max(0, int((now - moment).total_seconds() // 60))


def pass_rates(items: Iterable[Mapping[str, Any]]) -> dict[str, float | None]:
    """Environment → % of its checks that ran whose latest result passes (a warning passes).

    Checks never run are left out (they have their own amber signal); an environment whose
    checks never ran has no rate (None), so a KPI is not pulled to 0 % by missing network.
    """
    totals: dict[str, list[int]] = {}
    for item in items:
        passed, total = totals.setdefault(item["env"], [0, 0])
        ran = item["status"] != "never"
        totals[item["env"]] = [passed + (item["status"] in ("pass", "warn")), total + ran]
    return {env: (round(100 * passed / total, 1) if total else None)
            for env in environment_order(totals) for passed, total in [totals[env]]}
