"""`mapping import`'s bulk insert on SQLite: a big insert into a (nearly) empty rule table
builds the ``set_id`` index afterwards, from the SQL it was made with, inside the import's
transaction; the rules stored are the same as when the index is kept up row by row, and a
failed insert leaves the index as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from migctl.services.mapping import bulk
from migctl.services.mapping.rules import RULE_COLUMNS
from migctl.store.tables import MAPPING_RULE
from tests.conftest import Cli, write_csv
from tests.mapping_data import setup_reference

HEADER = "Vanha tili;Vanha kustannuspaikka;Uusi tili;Osuus;Voimassa alkaen;Huomautus\n"
INDEX = "ix_mapping_rule_set_id"


def _sqlite(url: str) -> sqlite3.Connection:
    if not url.startswith("sqlite:///"):
        pytest.skip("SQLite's index handling (PostgreSQL takes COPY)")
    return sqlite3.connect(url.removeprefix("sqlite:///"))


def _index_sql(database: sqlite3.Connection) -> list[tuple[str, str]]:
    return database.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                            "AND tbl_name = 'mapping_rule' ORDER BY name").fetchall()


def _rules(database: sqlite3.Connection, name: str) -> list[tuple[object, ...]]:
    columns = ", ".join(f"r.{c}" for c in RULE_COLUMNS if c != "set_id")
    return database.execute(
        f"SELECT {columns}, typeof(r.share), typeof(r.is_range) FROM mapping_rule r "
        f"JOIN mapping_set s ON s.id = r.set_id WHERE s.name = ? ORDER BY r.id",
        (name,)).fetchall()


def test_rules_stored_with_the_index_rebuilt_equal_those_kept_row_by_row(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = _sqlite(cli.db_url)
    setup_reference(cli, tmp_path)
    before = _index_sql(database)
    lines = [f"{4000 + i % 50}{'..' + str(4000 + i % 50 + 5) if i % 7 == 0 else ''};"
             f"{'C' + str(i % 3) if i % 2 else ''};{400000 + i % 11};"
             f"{'50' if i % 5 == 0 else ''};{'1.1.2025' if i % 4 == 0 else ''};"
             f"{'jako' if i % 9 == 0 else ''}\n" for i in range(300)]
    path = write_csv(tmp_path / "m.csv", HEADER + "".join(lines))
    monkeypatch.setattr(bulk, "REINDEX_ROWS", 100)
    rebuilt: list[list[tuple[str, str]]] = []
    found = bulk._indexes_to_rebuild

    def noted(*args: Any) -> list[tuple[str, str]]:
        rebuilt.append(found(*args))
        return rebuilt[-1]

    monkeypatch.setattr(bulk, "_indexes_to_rebuild", noted)
    cli("mapping", "import", path, "--set", "first")  # an empty table: rebuilt
    cli("mapping", "import", path, "--set", "second")  # 300 rules there: kept row by row
    assert [bool(r) for r in rebuilt] == [True, False]
    assert _index_sql(database) == before and before and before[0][0] == INDEX
    first = _rules(database, "first")
    assert len(first) == 300 and first == _rules(database, "second")
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    plan = database.execute("EXPLAIN QUERY PLAN SELECT * FROM mapping_rule WHERE set_id = 1")
    assert INDEX in " ".join(str(row) for row in plan)


def test_a_failed_insert_leaves_the_index(store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import text

    from migctl.store.engine import make_engine, session_scope

    database = _sqlite(store)
    before = _index_sql(database)
    monkeypatch.setattr(bulk, "REINDEX_ROWS", 1)
    count = 50
    columns: list[list[Any]] = [[1] * count, ["4000"] * count, ["4000"] * count, [False] * count,
               [None] * count, ["400000"] * count, [None] * count, [100] * count,
               [None] * count, [None] * count, [""] * (count - 1) + [None],  # NOT NULL
               list(range(2, count + 2))]
    with pytest.raises(sqlite3.IntegrityError), \
            session_scope(make_engine(store), write=True) as session:
        session.execute(text(
            "INSERT INTO mapping_set (id, name, version, kind, file_name, sha256, actor, "
            "imported_at, rule_count, dimensions) VALUES (1, 'm', 1, 'accounts', 'm.csv', "
            "'x', 'tester', '2025-01-01 00:00:00', 50, '')"))
        bulk.bulk_insert_columns(session, MAPPING_RULE, RULE_COLUMNS, columns)
    assert _index_sql(database) == before
    assert database.execute("SELECT count(*) FROM mapping_rule").fetchone() == (0,)
