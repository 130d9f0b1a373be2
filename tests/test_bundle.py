"""Backups and portable bundles: nothing lost, byte-equal after a round trip, across engines."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot


def _fill(cli: Cli) -> None:
    cli("demo", "--force")
    cli("system", "set", "raindance", "--status", "parallel_run", "--notes", "Tällä viikolla €")


def test_export_import_round_trip_is_byte_equal(cli: Cli, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(cli)
    first = tmp_path / "first.json"
    cli("db", "export", first)
    other = Cli("sqlite:///" + str(tmp_path / "copy.db"), monkeypatch)
    counts = other.json("db", "import", first)["tables"]
    assert counts["system"] >= 12 and counts["audit_event"] > 0
    assert snapshot(other.db_url) == snapshot(cli.db_url)
    second = tmp_path / "second.json"
    other("db", "export", second)
    assert second.read_bytes() == first.read_bytes()


def test_import_refuses_a_store_with_data_and_bad_bundles(cli: Cli, tmp_path: Path) -> None:
    _fill(cli)
    bundle = tmp_path / "b.json"
    cli("db", "export", bundle)
    before = snapshot(cli.db_url)
    assert "not empty" in cli("db", "import", bundle, code=2).stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "migctl-bundle", "schema": "9999_future", "tables": {}}')
    assert "unknown to this migctl" in cli("db", "import", broken, code=2).stderr
    (tmp_path / "junk.json").write_text("{nope")
    assert cli("db", "import", tmp_path / "junk.json", code=2).stderr.startswith(
        "error: junk.json:1: not a JSON bundle")
    assert snapshot(cli.db_url) == before


def test_backup_is_a_working_store(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                   ) -> None:
    if not cli.db_url.startswith("sqlite"):
        result = cli("db", "backup", tmp_path / "x.db", code=2)
        assert "pg_dump" in result.stderr
        return
    _fill(cli)
    target = tmp_path / "backup.db"
    cli("db", "backup", target)
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy = Cli("sqlite:///" + str(target), monkeypatch)
    assert copy.json("system", "show", "raindance")["status"] == "parallel_run"


@pytest.mark.skipif(not os.environ.get("MIGCTL_TEST_PG"), reason="needs MIGCTL_TEST_PG")
def test_sqlite_to_postgresql_and_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The move a growing programme makes: laptop SQLite → team PostgreSQL → SQLite."""
    from tests.conftest import _postgres_url

    lite = Cli("sqlite:///" + str(tmp_path / "laptop.db"), monkeypatch)
    lite("init")
    _fill(lite)
    bundle = tmp_path / "laptop.json"
    lite("db", "export", bundle)
    for pg_url in _postgres_url(os.environ["MIGCTL_TEST_PG"]):
        team = Cli(pg_url, monkeypatch)
        team("db", "import", bundle)
        team("system", "add", "newone", "--name", "New", "--role", "legacy")  # sequences work
        team("system", "remove", "newone")
        back = tmp_path / "team.json"
        team("db", "export", back)
    home = Cli("sqlite:///" + str(tmp_path / "home.db"), monkeypatch)
    home("db", "import", back)
    again = tmp_path / "home.json"
    home("db", "export", again)
    assert again.read_bytes() == back.read_bytes()
    assert snapshot(home.db_url)["system"] == snapshot(lite.db_url)["system"]
