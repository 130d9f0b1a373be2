"""The store as users meet it: not SQLite, truncated, from a newer migctl, mistyped, read-only,
and a broken certificate setting (issue 16). One line, exit 2, nothing created or changed."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from migctl.store import engine as store_engine
from tests.conftest import Cli


@pytest.fixture
def sqlite_only(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("about SQLite files")


def _cli_at(path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    from migctl.store.engine import dispose_all

    dispose_all()
    return Cli(str(path), monkeypatch)


def test_a_file_that_is_not_sqlite_is_named_as_such(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Tilikartta 2027 – luonnos\n")
    result = _cli_at(path, monkeypatch)("status", code=2)
    assert "is not a migctl store: it is not an SQLite database" in result.stderr
    assert path.read_text() == "Tilikartta 2027 – luonnos\n"


def test_a_truncated_store_is_an_input_error(cli: Cli, sqlite_only: None, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target")
    source = Path(cli.db_url.removeprefix("sqlite:///"))
    store_engine.dispose_all()
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(source.read_bytes()[:6000])
    result = _cli_at(truncated, monkeypatch)("system", "list", code=2)
    assert "damaged or truncated" in result.stderr


def test_a_mistyped_store_path_creates_nothing(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "typo" / "migctl.db"
    result = _cli_at(path, monkeypatch)("status", code=2)
    assert "no migctl store at" in result.stderr and "migctl init" in result.stderr
    assert not (tmp_path / "typo").exists()
    _cli_at(path, monkeypatch)("init")
    assert path.is_file()


def test_a_store_from_a_newer_migctl_says_so(cli: Cli, sqlite_only: None,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(cli.db_url.removeprefix("sqlite:///"))
    store_engine.dispose_all()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    for command in (["status"], ["init"], ["db", "upgrade"]):
        result = _cli_at(path, monkeypatch)(*command, code=2)
        assert "written by a newer migctl (schema 0099_future)" in result.stderr, command


def test_a_read_only_store_reads_and_refuses_changes(cli: Cli, sqlite_only: None,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target")
    source = Path(cli.db_url.removeprefix("sqlite:///"))
    store_engine.dispose_all()
    copy = tmp_path / "mounted" / "store.db"
    copy.parent.mkdir()
    shutil.copy(source, copy)
    before = copy.read_bytes()
    # root may write anywhere, so the test stands in for a read-only mount at the one place
    # migctl asks; SQLite then opens the file itself read-only (mode=ro / immutable).
    monkeypatch.setattr(store_engine, "writable", lambda path: False)
    ro = _cli_at(copy, monkeypatch)
    assert [s["key"] for s in ro.json("system", "list")] == ["raindance"]
    assert ro.json("status")["sections"]["systems"]["counts"]["targets"] == 1
    result = ro("system", "add", "basware", "--name", "Basware", "--role", "target", code=2)
    assert "is read-only here" in result.stderr
    assert copy.read_bytes() == before
    store_engine.dispose_all()


def test_a_read_only_engine_cannot_write_even_if_asked(cli: Cli, sqlite_only: None,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    store_engine.dispose_all()
    monkeypatch.setattr(store_engine, "writable", lambda path: False)
    engine = store_engine.make_engine(cli.db_url)
    assert store_engine.is_read_only(engine)
    with engine.connect() as connection, pytest.raises(OperationalError, match="readonly"):
        connection.execute(text("DELETE FROM setting"))
    store_engine.dispose_all()


def test_an_empty_certificate_file_names_the_variable(cli: Cli, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cli("system", "add", "entra", "--name", "Entra", "--role", "target", "--env", "admin")
    cli("sso", "add", "--system", "entra", "--env", "admin", "--kind", "oidc-discovery",
        "--url", "https://127.0.0.1:9/.well-known/openid-configuration",
        "--expect-issuer", "https://127.0.0.1:9")
    empty = tmp_path / "empty.pem"
    empty.write_text("")
    monkeypatch.setenv("SSL_CERT_FILE", str(empty))
    result = cli("sso", "check", code=2)
    assert f"SSL_CERT_FILE={empty}" in result.stderr
