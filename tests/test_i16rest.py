"""What the audit of issue 16 left: line breaks stored by an older migctl on the terminal, the
migctl version a newer store needs, `-o DIRECTORY` in one line, the columnar translate's work
folder on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from migctl.store.engine import dispose_all, make_engine
from tests.conftest import Cli

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _store_line_breaks(db_url: str) -> None:
    """Names with line breaks, as an older migctl (which did not refuse them) stored them."""
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM setting WHERE key = 'programme.name'"))
        connection.execute(text("INSERT INTO setting (key, value) VALUES ('programme.name', :v)"),
                           {"v": "Prog\n::error ::prog"})
        connection.execute(text("UPDATE system SET name = :v WHERE key = 'populus'"),
                           {"v": "Pop\n::error ::sys"})
        connection.execute(text("UPDATE task SET title = :t, owner = :o WHERE key = 'GATE-1'"),
                           {"t": "Gate\r\n::error ::task", "o": "R\u2028::error ::owner"})
    dispose_all()


@pytest.fixture
def broken_names(cli: Cli) -> Cli:
    cli("system", "add", "populus", "--name", "Pop", "--role", "legacy", "--domain", "finance")
    cli("task", "add", "GATE-1", "-t", "Gate", "--kind", "gate", "--owner", "R", "-d", "0m")
    _store_line_breaks(cli.db_url)
    return cli


@pytest.mark.parametrize("command", [("status",), ("task", "gate-check", "GATE-1"),
                                     ("task", "list"), ("system", "list")])
def test_a_stored_line_break_never_starts_a_line_on_the_terminal(broken_names: Cli,
                                                                  command: tuple[str, ...]
                                                                  ) -> None:
    out = broken_names(*command, code=None).stdout
    assert "::error" in out  # the values are shown ...
    for line in out.splitlines():  # ... but none begins a line (a workflow command in CI)
        assert not _ANSI.sub("", line).lstrip().startswith("::"), line


def test_the_line_break_is_shown_as_a_space_as_markdown_does(broken_names: Cli) -> None:
    status = broken_names("status").stdout
    assert status.splitlines()[0].startswith("Prog ::error ::prog")
    assert "Pop ::error ::sys" in status
    head = broken_names("task", "gate-check", "GATE-1", code=None).stdout
    assert head.startswith("GATE-1  Gate ::error ::task")
    listing = broken_names("task", "list").stdout
    assert "Gate ::error ::task" in listing and "R ::error ::owner" in listing  # not cut


def test_a_text_keeps_its_styles_when_its_line_breaks_become_spaces() -> None:
    from rich.text import Text

    from migctl.render.console import one_line_text

    styled = Text("a", style="dim")
    styled.append("b\n\nc", style="bold")
    styled.append("\nd")
    flat = one_line_text(styled)
    assert flat.plain == "ab c d" and flat.style == "dim"
    assert [(s.start, s.end, s.style) for s in flat.spans] == [(1, 4, "bold")]
    plain = Text("no break")
    assert one_line_text(plain) is plain


def test_two_lines_drawn_as_two_texts_stay_two_lines() -> None:
    import io

    from rich.console import Group
    from rich.text import Text

    from migctl.render.console import stdout_console

    console = stdout_console()
    console.file = io.StringIO()
    with console.capture() as captured:
        console.print(Group(Text("one"), Text("two")), Text("x\ny"))
    assert captured.get() == "one\ntwo\nx y\n"


def _make_newer(db_url: str, version: str | None) -> None:
    """The store as a newer migctl (``version``; None: one that kept no note) left it."""
    engine = make_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
        connection.execute(text("DELETE FROM setting WHERE key = 'store.written_by'"))
        if version is not None:
            connection.execute(text("INSERT INTO setting (key, value) "
                                    "VALUES ('store.written_by', :v)"), {"v": version})
    dispose_all()


@pytest.mark.parametrize("command", [("status",), ("db", "current"), ("db", "upgrade"),
                                     ("init",)])
def test_a_newer_store_names_the_migctl_version_it_needs(cli: Cli,
                                                          command: tuple[str, ...]) -> None:
    from migctl import __version__

    _make_newer(cli.db_url, "9.8.7")
    result = cli(*command, code=2)
    assert f"written by migctl 9.8.7 (schema 0099_future); this is migctl {__version__}" \
        in result.stderr
    assert "upgrade migctl to 9.8.7 or later" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_newer_store_without_the_note_keeps_the_schema_message(cli: Cli) -> None:
    _make_newer(cli.db_url, None)
    result = cli("status", code=2)
    assert "written by a newer migctl (schema 0099_future)" in result.stderr


@pytest.mark.parametrize("creator", ["init", "demo", "upgrade", "import"])
def test_every_command_that_writes_the_schema_notes_its_version(
        bare_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, creator: str) -> None:
    from migctl import __version__

    cli = bare_cli
    if creator == "demo":
        cli("demo", code=None)
    elif creator == "upgrade":
        cli("init")
        _set_note(cli.db_url, "0.0.1")  # an older migctl's note
        cli("db", "upgrade")
    elif creator == "import":
        cli("init")
        _set_note(cli.db_url, "0.0.1")
        bundle = tmp_path / "bundle.json"
        cli("db", "export", bundle)  # the bundle carries the old note
        cli = Cli("sqlite:///" + str(tmp_path / "fresh.db"), monkeypatch)
        cli("db", "import", bundle)
    else:
        cli("init")
    assert _note(cli.db_url) == __version__
    assert "store.written_by" not in cli.json("settings", "list")  # the store's own record,
    assert "store.written_by" not in cli("settings", "list").stdout  # not a setting
    cli("settings", "unset", "store.written_by", code=2)


def test_a_bundle_imports_into_a_store_init_made(cli: Cli, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`init` leaves its note; the store still counts as empty for `db import`."""
    bundle = tmp_path / "bundle.json"
    cli("db", "export", bundle)
    fresh = Cli("sqlite:///" + str(tmp_path / "fresh.db"), monkeypatch)
    fresh("init")
    fresh("db", "import", bundle)


def _note(db_url: str) -> str | None:
    from migctl.store.migrate import written_by

    return written_by(make_engine(db_url))


def _set_note(db_url: str, version: str) -> None:
    with make_engine(db_url).begin() as connection:
        connection.execute(text("UPDATE setting SET value = :v WHERE key = 'store.written_by'"),
                           {"v": version})
    dispose_all()




@pytest.mark.parametrize("command", [("status", "-o"), ("task", "list", "--output"),
                                     ("report", "-o"), ("task", "gate-check", "G", "-o")])
def test_o_naming_a_directory_is_one_line_naming_it(cli: Cli, tmp_path: Path,
                                                     command: tuple[str, ...]) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = cli(*command, folder, code=2)
    assert result.stderr == f"error: {folder}: is a directory; name a file to write\n"
    assert list(folder.iterdir()) == []


def _translate_folders(folder: Path) -> list[Path]:
    return sorted(folder.glob("migctl-translate-*"))


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_sigterm_mid_translate_removes_the_work_folder(cli: Cli, tmp_path: Path) -> None:
    """The columnar translate works in a temporary folder (DuckDB's spill files, transcoded
    input): a SIGTERM while it runs removes it, then ends the process as SIGTERM does."""
    pytest.importorskip("duckdb")
    from tests.test_mapping_translate import _setup

    _setup(cli, tmp_path)
    source = tmp_path / "big.csv"
    with source.open("w", encoding="utf-8") as out:
        out.write("tili;kustannuspaikka;kausi;summa\n")
        accounts = ("1000", "1010", "2000", "3000", "4000", "4010", "4055")
        for i in range(400_000):
            out.write(f"{accounts[i % 7]};;2025-06;{i % 997},{i % 100:02d}\n")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    migctl = str(Path(sys.executable).with_name("migctl"))
    env = {**os.environ, "MIGCTL_DB": cli.db_url, "TMPDIR": str(scratch),
           "MIGCTL_TRANSLATE_ENGINE": "columnar"}
    output = tmp_path / "out" / "translated.csv"
    output.parent.mkdir()
    process = subprocess.Popen([migctl, "mapping", "translate", str(source), "--set", "m",
                                "-o", str(output)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None \
            and not _translate_folders(scratch):
        time.sleep(0.005)
    assert process.poll() is None, "the translate finished before it could be stopped"
    assert _translate_folders(scratch)
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=120)
    assert process.returncode == -signal.SIGTERM
    assert _translate_folders(scratch) == []
    assert list(output.parent.iterdir()) == []  # nor a temporary output file


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM")
def test_a_signal_right_after_the_folder_is_made_still_removes_it(tmp_path: Path) -> None:
    """The worst moment: SIGTERM lands just after ``mkdtemp`` made the folder, before the block
    that removes it is entered (CI's PostgreSQL run hit it once). The handler notes it, it is
    raised inside the block, the folder goes, and the process still dies of SIGTERM."""
    script = f"""
import os, signal, tempfile, threading, time
from migctl.outfiles import temporary_folder, unwind_on_signal
threading.Thread(target=time.sleep, args=(30,), daemon=True).start()  # as DuckDB's workers
real = tempfile.mkdtemp
def mkdtemp_then_signal(*args, **kwargs):
    folder = real(*args, dir={str(tmp_path)!r}, **kwargs)
    os.kill(os.getpid(), signal.SIGTERM)
    return folder
tempfile.mkdtemp = mkdtemp_then_signal
with unwind_on_signal(), temporary_folder("migctl-test-"):
    time.sleep(5)
print("not stopped")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == -signal.SIGTERM, result.stderr
    assert "not stopped" not in result.stdout
    assert list(tmp_path.glob("migctl-test-*")) == []
