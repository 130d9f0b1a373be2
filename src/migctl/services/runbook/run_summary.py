"""One cutover run as a document: its times and how many tasks are in each status.

Core reads only (a Session or a Connection), so the status screen can show the last rehearsal
without importing the ORM; the run commands print the same document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from migctl.services.runbook.read import STATE, TASK, RunLike, execute

if TYPE_CHECKING:
    from migctl.store.db import Db


def run_counts(db: Db, run: RunLike) -> dict[str, int]:
    """Tasks per status in ``run`` (tasks without a state row count as todo), plus the total."""
    counts = dict.fromkeys(("todo", "in_progress", "done", "failed", "skipped", "blocked"), 0)
    total = execute(db, select(func.count()).select_from(TASK)).scalar_one()
    recorded = 0
    for status, count in execute(
        db, select(STATE.c.status, func.count()).where(STATE.c.run_id == run.id)
        .group_by(STATE.c.status)
    ):
        counts[status] = counts.get(status, 0) + count
        recorded += count
    counts["todo"] += max(total - recorded, 0)
    counts["total"] = total
    return counts


def run_document(db: Db, run: RunLike) -> dict[str, Any]:
    """The stable JSON shape of one run."""
    elapsed = None
    if run.finished_at is not None:
        elapsed = int((run.finished_at - run.started_at).total_seconds() // 60)
    return {
        "name": run.name,
        "kind": run.kind,
        "status": run.status,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "elapsed_minutes": elapsed,
        "counts": run_counts(db, run),
    }
