"""Shared fixtures: real stores on disk, the CLI invoked in-process, store snapshots.

The engine under test comes from ``MIGCTL_TEST_DB``: unset or ``sqlite`` gives a fresh SQLite
file per test; a PostgreSQL URL (``postgresql+psycopg://user@127.0.0.1:5432/postgres``) gives a
fresh database per test on that server (``.ci/run`` starts a throwaway cluster and runs the
suite a second time that way).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from migctl.cli.main import app

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DATA = REPO / "sample_data"


def _postgres_url(base: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"migctl_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        from migctl.store.engine import dispose_all

        dispose_all()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test its own cache folder (remembered forecasts): nothing read from or left in the
    user's ``~/.cache``, no test served by another's entry."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("MIGCTL_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """A URL for an empty store of the engine under test."""
    target = os.environ.get("MIGCTL_TEST_DB", "sqlite")
    if target == "sqlite":
        yield "sqlite:///" + str(tmp_path / "store.db")
        from migctl.store.engine import dispose_all

        dispose_all()
    else:
        yield from _postgres_url(target)


@pytest.fixture
def store(db_url: str) -> str:
    """A migrated, empty store."""
    from migctl.store.engine import make_engine
    from migctl.store.migrate import upgrade

    upgrade(make_engine(db_url))
    return db_url


class Cli:
    """Runs ``migctl`` in-process against one store, as a user would type it."""

    def __init__(self, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.db_url = db_url
        self.runner = CliRunner()
        monkeypatch.setenv("MIGCTL_ACTOR", "tester")
        monkeypatch.delenv("MIGCTL_DB", raising=False)
        monkeypatch.setenv("COLUMNS", "200")

    def __call__(self, *args: str | Path, input: str | None = None, code: int | None = 0) -> Any:
        argv = ["--db", self.db_url, *[str(a) for a in args]]
        result = self.runner.invoke(app, argv, input=input, catch_exceptions=False)
        if code is not None:
            assert result.exit_code == code, (
                f"migctl {' '.join(map(str, args))} exited {result.exit_code}, expected {code}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result

    def json(self, *args: str | Path, code: int | None = 0) -> Any:
        import json

        return json.loads(self(*args, "--format", "json", code=code).stdout)


@pytest.fixture
def cli(store: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(store, monkeypatch)


@pytest.fixture
def bare_cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The CLI on a store that does not exist yet."""
    return Cli(db_url, monkeypatch)


def snapshot(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove a failed command changed nothing."""
    from sqlalchemy import MetaData, select

    from migctl.store.engine import make_engine

    engine = make_engine(db_url)
    metadata = MetaData()
    metadata.reflect(engine)
    result: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            rows = connection.execute(select(table)).all()
            result[name] = sorted((tuple(r) for r in rows), key=repr)
    return result


def write_csv(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A real workbook written by openpyxl; sheets in the given order."""
    from openpyxl import Workbook

    workbook = Workbook()
    first = True
    for name, rows in sheets.items():
        sheet = workbook.active if first else workbook.create_sheet()
        assert sheet is not None
        sheet.title = name
        first = False
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


@contextmanager
def module_demo(directory: Path) -> Iterator[Cli]:
    """A demo store in ``directory`` for a whole test module (building it takes seconds);
    tests that change it work on a :func:`copy_store`."""
    monkeypatch = pytest.MonkeyPatch()
    cli = Cli("sqlite:///" + str(directory / "demo.db"), monkeypatch)
    cli("demo")
    try:
        yield cli
    finally:
        monkeypatch.undo()
        from migctl.store.engine import dispose_all

        dispose_all()


def copy_store(db_url: str, copy: Path) -> str:
    """A consistent copy of the SQLite store at ``db_url`` (SQLite's online backup); its URL."""
    source, target = sqlite3.connect(db_url.removeprefix("sqlite:///")), sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return f"sqlite:///{copy}"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A test CA (``tests.sso_server.Pki``) for a module's local HTTPS servers."""
    from tests.sso_server import Pki

    return Pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def server(pki: Any) -> Iterator[Any]:
    """One local HTTPS server (``tests.sso_server.HttpsServer``) on 127.0.0.1, stopped after
    the test; modules that need several start their own."""
    from tests.sso_server import HttpsServer

    started = HttpsServer(*pki.leaf("site")).start()
    try:
        yield started
    finally:
        started.stop()


def on_a_terminal(db: Path, cwd: Path, *args: str, pipe_stdout: bool = False) -> str:
    """``migctl --db DB ARGS`` with stderr (and stdout unless piped) on a pseudo-terminal:
    what the terminal received."""
    import pty

    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "MIGCTL_DB")}
    env["COLUMNS"] = "100"
    process = subprocess.Popen(
        [sys.executable, "-m", "migctl", "--db", str(db), *args], cwd=cwd,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE if pipe_stdout else follower,
        stderr=follower, env=env)
    os.close(follower)
    received = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        received += chunk
    if process.stdout is not None:
        process.stdout.read()
    process.wait(timeout=120)
    os.close(leader)
    return received.decode("utf-8", "replace")


def load_generator(name: str) -> Any:
    """``sample_data/generators/<name>.py`` as a module (the folder is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"{name}_generator",
                                                  SAMPLE_DATA / "generators" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
