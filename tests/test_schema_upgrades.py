"""Schema upgrades: a store made at every earlier revision, with data in every table it had,
upgrades to head with that data intact and keeps working; the latest revision downgrades.

Stores at old revisions are filled through SQL (the code of that time is not around): one row
per table, every column given a value of its type, foreign keys pointing at the rows already
made. Each table's rows must come through the upgrade unchanged.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    insert,
    select,
    text,
)

from migctl.store import migrate
from migctl.store.bundle import _reset_sequences
from migctl.store.engine import make_engine
from tests.conftest import Cli

REVISIONS = migrate.script_revisions()
#: Not filled generically: one row would make task 1 depend on itself, a cycle migctl never
#: writes (tests/test_runbook_status.py covers a cycle that got into the store anyway).
SKIPPED = {"alembic_version", "task_dependency"}

#: Realistic values for the columns migctl interprets (states, kinds, codes, JSON shapes);
#: every other column gets a value of its type.
REALISTIC: dict[str, dict[str, Any]] = {
    "system": {"key": "populus", "name": "Populus Talous", "role": "legacy", "status": "live",
               "domain": "finance", "environments": "admin,education"},
    "setting": {"key": "programme.name", "value": "Kuusiniemi"},
    "incident": {"key": "INC-001", "severity": "high", "status": "open"},
    "kpi_definition": {"name": "ostolaskut_5pv", "unit": "%", "direction": "up"},
    "kpi_value": {"metric": "ostolaskut_5pv", "source": "record"},
    "sso_check": {"environment": "admin", "kind": "oidc-discovery",
                  "url": "https://login.example/.well-known/openid-configuration",
                  "expect_entity_id": None, "expect_issuer": "https://login.example/v2.0",
                  "expect_idp_host": None, "expect_tenant": None},
    "sso_run": {"options": {}, "counts": {"pass": 1}},
    "sso_result": {"status": "pass", "code": None, "severity": "info", "message": "ok"},
    "task": {"key": "FIN-010", "kind": "task", "duration_minutes": 60, "criteria": None},
    "cutover_run": {"name": "rehearsal-1", "kind": "rehearsal", "status": "finished"},
    "task_run_state": {"status": "done"},
    "gate_decision": {"decision": "go", "evidence": None},
    "chart": {"key": "populus", "role": "legacy"},
    "account": {"code": "4010", "type": "expense", "parent_code": None},
    "dimension": {"key": "kustannuspaikka", "role": "legacy", "required_for": ""},
    "dimension_value": {"code": "1100", "parent_code": None},
    "mapping_set": {"name": "tilimappaus", "kind": "accounts", "source_dimension": None,
                    "dimensions": "vastuuyksikko", "system": None},
    "mapping_rule": {"source_from": "4010", "source_to": "4010", "is_range": False,
                     "source_cost_centre": None, "target_account": "401000",
                     "target_dimensions": {}, "share": Decimal("100")},
    "reconciliation": {"name": "tb-opening", "kind": "balances", "keys": "",
                       "compare": "[]", "mapping_set": "tilimappaus", "cost_objects": None},
    "recon_run": {"counts": {"missing_in_target": 1, "rounding": 2, "matched": 40},
                  "engine": "python", "report": None, "findings": [], "mapping": None},
    "recon_decision": {"key": "[]", "cause": "rounding"},
    "register_action": {"key": "TP-01", "category": "training", "status": "open",
                        "systems": "populus", "tasks": "", "incidents": "", "risks": ""},
    "register_decision": {"key": "DEC-001", "systems": "", "tasks": "", "gates": ""},
    "register_risk": {"key": "R-01", "likelihood": 4, "impact": 5, "status": "open",
                      "systems": "populus", "mitigation": None},
    "register_risk_review": {"likelihood": 4, "impact": 5},
    "identity_run": {"files": {}, "counts": {"I001": 1}, "active_by_env": {"admin": 10},
                     "coverage": {"admin": 90.0}, "systems": {}, "trained": {},
                     "report": None},
}


def _value(table: Table, column: Any) -> Any:
    if column.foreign_keys:
        return 1
    kind = column.type
    if isinstance(kind, Boolean):
        return True
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, Numeric) and not isinstance(kind, Float):
        return Decimal("12.5")
    if isinstance(kind, Float):
        return 12.5
    if isinstance(kind, DateTime):
        return datetime(2026, 11, 1, 12, 0)
    if isinstance(kind, Date):
        return date(2026, 11, 1)
    if isinstance(kind, JSON):
        return {"from": table.name}
    if isinstance(kind, String):
        text_value = f"{table.name}.{column.name}"
        return text_value[: kind.length] if kind.length else text_value
    raise AssertionError(f"no fixture value for {table.name}.{column.name}: {kind!r}")


def _fill(engine: Any) -> dict[str, list[tuple[Any, ...]]]:
    """One row in every table (foreign keys first), plus a real-looking system."""
    metadata = MetaData()
    metadata.reflect(engine)
    filled: dict[str, list[tuple[Any, ...]]] = {}
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            if table.name in SKIPPED:
                continue
            row = {c.name: _value(table, c) for c in table.columns}
            row.update({k: v for k, v in REALISTIC.get(table.name, {}).items() if k in row})
            connection.execute(insert(table), [row])
        if connection.dialect.name == "postgresql":  # explicit ids: move the sequences on
            _reset_sequences(connection, [t for t in metadata.sorted_tables
                                          if t.name not in SKIPPED])
        for table in metadata.sorted_tables:
            if table.name not in SKIPPED:
                query = select(table)
                if table.name == "setting":  # not the version note (migrate.WRITTEN_BY)
                    query = query.where(table.c.key != migrate.WRITTEN_BY)
                filled[table.name] = [tuple(r) for r in connection.execute(query)]
    return filled


def _rows_now(engine: Any, table_name: str, columns: list[str]) -> list[tuple[Any, ...]]:
    metadata = MetaData()
    metadata.reflect(engine, only=[table_name])
    table = metadata.tables[table_name]
    query = select(*[table.c[c] for c in columns])
    if table_name == "setting":  # `db upgrade` notes its migctl version (migrate.WRITTEN_BY)
        query = query.where(table.c.key != migrate.WRITTEN_BY)
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(query)]


@pytest.mark.parametrize("revision", REVISIONS[:-1])
def test_old_store_upgrades_to_head_with_its_data(store: str, revision: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(store)
    migrate.downgrade(engine, "base")
    migrate.upgrade(engine, revision)
    before = _fill(engine)
    columns = {}
    metadata = MetaData()
    metadata.reflect(engine)
    for name in before:
        columns[name] = [c.name for c in metadata.tables[name].columns]

    cli = Cli(store, monkeypatch)
    assert "run `migctl db upgrade`" in cli("status", code=2).stderr
    cli("db", "upgrade")
    assert migrate.current_revision(engine) == migrate.HEAD
    for name, rows in before.items():
        assert _rows_now(engine, name, columns[name]) == rows, name
    assert cli.json("system", "show", "populus")["environments"] == ["admin", "education"]
    status = cli.json("status")
    assert "systems" in status["sections"]
    cli("system", "add", "after", "--name", "After", "--role", "legacy")  # ids still advance


def test_latest_revision_downgrades_and_upgrades_again(store: str) -> None:
    engine = make_engine(store)
    previous = REVISIONS[-2]
    before = _fill(engine)
    migrate.downgrade(engine, previous)
    assert migrate.current_revision(engine) == previous
    metadata = MetaData()
    metadata.reflect(engine)
    for name, rows in before.items():
        if name in metadata.tables:  # tables of the older schema keep their rows
            columns = [c.name for c in metadata.tables[name].columns]
            assert len(_rows_now(engine, name, columns)) == len(rows), name
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.HEAD
    with engine.connect() as connection:
        assert connection.execute(text("SELECT COUNT(*) FROM system")).scalar() == 1


def test_timestamps_survive_as_utc(store: str) -> None:
    """What the fixtures wrote as naive UTC comes back as the same aware UTC moment."""
    engine = make_engine(store)
    _fill(engine)
    from sqlmodel import Session

    from migctl.store.models import System

    with Session(engine) as session:
        system = session.get(System, 1)
        assert system is not None
        assert system.created_at == datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
