"""The systems × environments matrix: one cell per pair, summarising its checks' outcomes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

#: Worst first: a failing check decides the cell, then one never run, then a warning.
CELL_ORDER = ("fail", "never", "warn", "pass")
KNOWN_ENVIRONMENTS = ("admin", "education")


def environment_order(envs: Iterable[str]) -> list[str]:
    unique = set(envs)
    return [e for e in KNOWN_ENVIRONMENTS if e in unique] + sorted(unique - set(KNOWN_ENVIRONMENTS))


def build_matrix(items: Iterable[Mapping[str, Any]], *, now: datetime) -> dict[str, Any]:
    """``items`` have ``system``, ``env``, ``status`` (pass|warn|fail|never), ``checked_at``.

    A cell's ``checked_at`` is the oldest of its checks' latest results (how stale the cell
    is), and ``age_s`` its age at ``now``; both are None while any check never ran.
    """
    cells: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for item in items:
        cells.setdefault((item["system"], item["env"]), []).append(item)
    environments = environment_order(env for _system, env in cells)
    rows = []
    for system in sorted({system for system, _env in cells}):
        row: dict[str, Any] = {}
        for env in environments:
            members = cells.get((system, env))
            row[env] = None if members is None else _cell(members, now)
        rows.append({"system": system, "cells": row})
    return {"environments": environments, "systems": rows}


def _cell(members: list[Mapping[str, Any]], now: datetime) -> dict[str, Any]:
    counts = dict.fromkeys(CELL_ORDER, 0)
    for member in members:
        counts[member["status"]] += 1
    status = next(s for s in CELL_ORDER if counts[s])
    times = [m["checked_at"] for m in members if m.get("checked_at") is not None]
    oldest = min(times) if times and not counts["never"] else None
    return {
        "status": status,
        "checks": len(members),
        **{s: counts[s] for s in ("pass", "warn", "fail", "never")},
        "checked_at": oldest,
        "age_s": None if oldest is None else max(0, round((now - oldest).total_seconds())),
    }
