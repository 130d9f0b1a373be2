"""A big store for the status and report benchmarks: the demo city plus bulk data.

``build(path)`` makes the demo store, imports a 10,000-task runbook and a 200,000-rule mapping
set through migctl itself, then runs every SQL filler whose table exists: 1,000 incidents, a
year of KPI snapshots and 500 SSO results (25 runs of the demo's 20 checks).
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
    from migctl.services.kpis.builtins import BUILTINS

    table = metadata.tables["kpi_value"]
    first = datetime(2025, 9, 1, 2, 0)
    rows = [{"metric": name, "value": Decimal(rng.randrange(0, 10_000)) / 100,
             "at": first + timedelta(days=day), "source": "snapshot"}
            for day in range(KPI_DAYS) for name in BUILTINS]
    connection.execute(insert(table), rows)
    return len(rows)


SSO_RUNS = 25


def fill_sso_results(connection: Connection, metadata: MetaData, rng: random.Random) -> int:
    """SSO_RUNS runs of every configured check, one a day; a few failures and warnings."""
    check_ids = [row[0] for row in connection.execute(select(metadata.tables["sso_check"].c.id))]
    run_table, result_table = metadata.tables["sso_run"], metadata.tables["sso_result"]
    rows = []
    for day in range(SSO_RUNS, 0, -1):
        at = (NOW - timedelta(days=day)).replace(tzinfo=None)
        run_id = connection.execute(insert(run_table).values(
            started_at=at, finished_at=at + timedelta(seconds=3), actor="bench",
            options={}, counts={"checks": len(check_ids)})).inserted_primary_key[0]
        for check_id in check_ids:
            status = rng.choices(("pass", "warn", "fail"), (90, 6, 4))[0]
            rows.append({"run_id": run_id, "check_id": check_id, "status": status,
                         "code": None if status == "pass" else "S003",
                         "severity": {"pass": None, "warn": "warning", "fail": "error"}[status],
                         "message": "ok" if status == "pass" else "certificate expires soon",
                         "checked_at": at, "duration_ms": rng.randrange(50, 900)})
    connection.execute(insert(result_table), rows)
    return len(rows)


#: Table name → filler; a filler runs only when its table exists in the store.
FILLERS: dict[str, Filler] = {
    "incident": fill_incidents,
    "kpi_value": fill_kpi_history,
    "sso_result": fill_sso_results,
}


def _import_bulk(db: str, workdir: Path) -> dict[str, int]:
    """Runbook and mapping through migctl's own importers, as a programme would load them."""
    from benchmarks.gen_mapping import write_validation_mapping
    from benchmarks.gen_runbook import TASKS, write_runbook

    runbook = workdir / "big_runbook.csv"
    if not runbook.exists():
        write_runbook(runbook)
    rules = write_validation_mapping(workdir)
    for argv in (["task", "import", str(runbook)],
                 ["mapping", "import", str(rules), "--set", "big", "--system", "raindance"]):
        subprocess.run([migctl(), "--db", db, *argv], check=True, capture_output=True)
    return {"task": TASKS, "mapping_rule": 200_000}


def build(db: str, workdir: Path) -> dict[str, int]:
    """The demo store at ``db`` (a path or URL), then the bulk data; rows per table."""
    subprocess.run([migctl(), "--db", db, "demo"], check=True, capture_output=True)
    filled = _import_bulk(db, workdir)
    from migctl.config import database_url
    from migctl.store.engine import make_engine

    engine = make_engine(database_url(db))
    metadata = MetaData()
    metadata.reflect(engine)
    rng = random.Random(20261122)
    with engine.begin() as connection:
        for table, filler in FILLERS.items():
            if table in metadata.tables:
                filled[table] = filler(connection, metadata, rng)
    engine.dispose()
    return filled
