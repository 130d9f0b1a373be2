"""A big store for the status and report benchmarks: the demo city plus bulk data.

``build(path)`` makes the demo store and then runs every filler whose table exists, so the
same generator grows with the schema: today incidents and a year of KPI snapshots; once the
runbook, mapping and SSO areas land, their fillers (10,000 tasks, 200,000 mapping rules, 500
SSO results) are added to ``FILLERS`` under their table names.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Connection, MetaData, insert, select

from benchmarks.harness import migctl

INCIDENTS = 1_000
KPI_DAYS = 365
NOW = datetime.now(UTC).replace(microsecond=0)
SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_WEIGHTS = (1, 6, 40, 53)

Filler = Callable[[Connection, MetaData, random.Random], int]


def fill_incidents(connection: Connection, metadata: MetaData, rng: random.Random) -> int:
    """INCIDENTS incidents on the demo's systems; about one in five still open."""
    incident = metadata.tables["incident"]
    system_ids = [row[0] for row in connection.execute(select(metadata.tables["system"].c.id))]
    start = len(connection.execute(select(incident.c.id)).all())
    rows = []
    for number in range(start + 1, start + INCIDENTS + 1):
        opened = NOW - timedelta(minutes=rng.randrange(1, 120 * 24 * 60))
        open_now = rng.random() < 0.2
        closed = None if open_now else min(NOW, opened + timedelta(hours=rng.randrange(1, 400)))
        rows.append({
            "key": f"INC-{number:04d}", "system_id": rng.choice(system_ids),
            "severity": rng.choices(SEVERITIES, SEVERITY_WEIGHTS)[0],
            "title": f"Generated incident {number}: invoice flow stalls at step {number % 17}",
            "owner": f"Owner {number % 23}",
            "status": rng.choice(("open", "in_progress")) if open_now else rng.choice(
                ("resolved", "closed")),
            "opened_at": opened.replace(tzinfo=None), "closed_at":
                closed.replace(tzinfo=None) if closed else None,
            "resolution": "" if open_now else "Fixed in configuration",
            "created_at": NOW.replace(tzinfo=None), "updated_at": NOW.replace(tzinfo=None),
        })
    connection.execute(insert(incident), rows)
    return len(rows)


def fill_kpi_history(connection: Connection, metadata: MetaData, rng: random.Random) -> int:
    """A year of nightly snapshots of the built-in KPIs (before the demo's own history)."""
    from migctl.services.kpi_builtins import BUILTINS

    table = metadata.tables["kpi_value"]
    first = datetime(2025, 9, 1, 2, 0)
    rows = [{"metric": name, "value": Decimal(rng.randrange(0, 10_000)) / 100,
             "at": first + timedelta(days=day), "source": "snapshot"}
            for day in range(KPI_DAYS) for name in BUILTINS]
    connection.execute(insert(table), rows)
    return len(rows)


#: Table name → filler; a filler runs only when its table exists in the store.
FILLERS: dict[str, Filler] = {
    "incident": fill_incidents,
    "kpi_value": fill_kpi_history,
}


def build(path: Path) -> dict[str, int]:
    """The demo store at ``path``, then every filler that fits the schema; rows per table."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    subprocess.run([migctl(), "--db", str(path), "demo"], check=True, capture_output=True)
    from migctl.store.engine import make_engine

    engine = make_engine(f"sqlite:///{path}")
    metadata = MetaData()
    metadata.reflect(engine)
    rng = random.Random(20261122)
    filled = {}
    with engine.begin() as connection:
        for table, filler in FILLERS.items():
            if table in metadata.tables:
                filled[table] = filler(connection, metadata, rng)
    engine.dispose()
    return filled
