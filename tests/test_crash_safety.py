"""An import killed with SIGKILL half-way leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _big_systems_file(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        out.write("key;name;role;domain;status;environments\n")
        for i in range(rows):
            out.write(f"sys-{i:06d};System {i};legacy;finance;live;admin,education\n")
    return path


def _writer_is_in_a_transaction(db_url: str) -> bool:
    """True while another process holds the store's write transaction open."""
    if db_url.startswith("sqlite"):
        import sqlite3

        probe = sqlite3.connect(db_url.removeprefix("sqlite:///"), timeout=0,
                                isolation_level=None)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return bool(connection.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND xact_start IS NOT NULL AND pid <> pg_backend_pid()")).scalar())
    finally:
        engine.dispose()


def test_sigkill_mid_import_leaves_the_store_unchanged(cli: Cli, tmp_path: Path) -> None:
    cli("system", "add", "keep", "--name", "Kept", "--role", "legacy")
    before = snapshot(cli.db_url)
    source = _big_systems_file(tmp_path / "big.csv", 30_000)
    migctl = str(Path(sys.executable).with_name("migctl"))
    env = {**os.environ, "MIGCTL_DB": cli.db_url}
    process = subprocess.Popen([migctl, "system", "import", str(source)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if _writer_is_in_a_transaction(cli.db_url):
            time.sleep(0.2)  # let it write for a while inside its transaction
            break
        time.sleep(0.01)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert snapshot(cli.db_url) == before
    cli("system", "add", "after", "--name", "After", "--role", "legacy")  # store still usable
    if cli.db_url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(cli.db_url.removeprefix("sqlite:///")) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
