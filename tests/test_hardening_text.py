"""Control characters and markup in what people give migctl and in what it prints (issue 16).

Input: a control character (ESC, BEL, an OSC 8 hyperlink, DEL, C1) in a name, title, owner or
file name is refused with file:row:column (or the option) and exit 2, nothing stored. Output:
text stored by an older migctl is shown escaped on the terminal, in Markdown, JUnit XML (which
must parse with lxml) and GitHub annotations; Markdown shows HTML as text and no stored value
starts a line of its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from migctl import textsafe
from migctl.checks import CheckCode, CheckReport, Finding, Severity
from migctl.errors import InputError
from migctl.importers import Column, TableSpec, read_table
from migctl.render.findings import github_annotations, junit_xml
from migctl.render.markdown import md_escape, md_table
from tests.conftest import Cli, snapshot, write_csv, write_xlsx

OSC8 = "\x1b]8;;https://evil.example/\x07click me\x1b]8;;\x07"
HOSTILE = ["\x1b[2J", "\x07", "\x1b]0;title\x07", "\x7f", "\x9b31m", "\x9d0;t\x9c", "\x00",
           OSC8]


def _store(cli: Cli, statement: str, **params: object) -> None:
    """Write as an older migctl would have: straight into the store, no checks."""
    from sqlalchemy import text

    from migctl.store.engine import make_engine

    with make_engine(cli.db_url).begin() as connection:
        connection.execute(text(statement), params)


@pytest.mark.parametrize("bad", HOSTILE)
def test_textsafe_refuses_every_control_in_names_and_keeps_free_text_lines(bad: str) -> None:
    assert textsafe.problem(f"Populus {bad}") is not None
    assert textsafe.problem(f"Populus {bad}", name=False) is not None
    assert textsafe.problem("rivi 1\nrivi 2\tsarake", name=False) is None
    assert textsafe.problem("rivi 1\nrivi 2") is not None  # a name has one line
    assert textsafe.problem("Populus\tTalous ÅÄÖ €") is None
    assert not textsafe._SHOWN.search(textsafe.neutralise(f"x{bad}y"))


def test_a_system_name_with_escape_in_a_csv_is_refused_at_its_cell(cli: Cli,
                                                                     tmp_path: Path) -> None:
    path = write_csv(tmp_path / "systems.csv",
                     "key;name;role\npopulus;Populus;legacy\nraindance;Rain\x1b[2Jdance;target\n")
    before = snapshot(cli.db_url)
    result = cli("system", "import", path, code=2)
    assert "systems.csv:3:name: holds a control character (U+001B ESC)" in result.stderr
    assert "\x1b[2J" not in result.stderr
    assert snapshot(cli.db_url) == before


def test_an_osc8_link_in_an_xlsx_task_owner_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "runbook.xlsx", {"Runbook": [
        ["key", "title", "owner", "duration"],
        ["FIN-010", "Freeze ledger", "Liisa", "1h"],
        ["FIN-020", "Export", "Mikko\x9d8;;http://x\x9c", "2h"],
    ]})
    result = cli("task", "import", path, code=2)
    assert "runbook.xlsx:3:owner: holds a control character (U+009D OSC)" in result.stderr


def test_a_line_break_in_a_name_is_refused_but_a_note_may_hold_one(cli: Cli,
                                                                 tmp_path: Path) -> None:
    noted = write_csv(tmp_path / "ok.csv",
                      'key;name;role;notes\npopulus;Populus;legacy;"rivi 1\nrivi 2"\n')
    cli("system", "import", noted)
    broken = write_csv(tmp_path / "bad.csv", 'key;name;role\nx;"Rain\ndance";target\n')
    assert "bad.csv:2:name: holds a control character (U+000A line break)" in cli(
        "system", "import", broken, code=2).stderr


def test_a_control_character_in_a_file_name_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "sys\x1b]0;pwn\x07.csv", "key;name;role\na;A;legacy\n")
    stderr = cli("system", "import", path, code=2).stderr
    assert "holds a control character (U+001B ESC)" in stderr
    assert "\x1b" not in stderr and "\x07" not in stderr
    with pytest.raises(InputError, match="the file name holds a control character") as caught:
        read_table(path, TableSpec(columns=(Column("key"),)))
    assert "\x1b" not in str(caught.value)


@pytest.mark.parametrize("args", [
    ("system", "add", "populus", "--name", "Populus\x1b[2J", "--role", "legacy"),
    ("system", "add", "populus", "--name", "Populus", "--role", "legacy", "--owner", "Li\x07sa"),
    ("task", "add", "FIN-010", "--title", OSC8, "--duration", "1h"),
    ("settings", "set", "programme.name", "Kuusiniemi\n::error::pwned"),
    ("kpi", "define", "kulut", "--unit", "\x9b", "--target", "1", "--direction", "down"),
])
def test_control_characters_on_the_command_line_are_refused(cli: Cli,
                                                             args: tuple[str, ...]) -> None:
    before = snapshot(cli.db_url)
    stderr = cli(*args, code=2).stderr
    assert "holds a control character" in stderr and stderr.startswith("error: --")
    assert snapshot(cli.db_url) == before


def test_stored_controls_are_escaped_on_the_terminal_and_in_markdown(cli: Cli) -> None:
    cli("system", "add", "populus", "--name", "Populus", "--role", "legacy")
    _store(cli, "UPDATE system SET name = :name", name=f"Popu{OSC8}lus")
    _store(cli, "INSERT INTO setting (key, value) VALUES ('programme.name', :v)",
           v="Kuusiniemi\n::error file=x::pwned <script>alert(1)</script>")
    for args in (("status",), ("system", "list"), ("status", "-f", "markdown"),
                 ("report", "-f", "markdown")):
        out = cli(*args).stdout
        assert "\x1b" not in out and "\x07" not in out, args
    markdown = cli("status", "-f", "markdown").stdout
    assert not any(line.startswith("::") for line in markdown.splitlines())
    assert "<script>" not in markdown and "&lt;script" in markdown
    report = cli("report", "-f", "markdown").stdout
    assert not any(line.startswith("::") for line in report.splitlines())
    assert "<script>" not in report


def _hostile_report() -> CheckReport:
    report = CheckReport("check \x1b[2J", [CheckCode("X001", "first \x07")])
    for bad in HOSTILE:
        report.add(Finding("X001", Severity.ERROR, f"name {bad} and\n::error::x",
                           file=f"f{bad}.csv", row=2, subject=f"s{bad}"))
    return report


def test_junit_with_stored_controls_parses_with_lxml() -> None:
    document = junit_xml(_hostile_report())
    root = etree.fromstring(document.encode("utf-8"))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and "\\x1b]8;;https://evil.example/" in (failure.text or "")


def test_annotations_with_stored_controls_hold_no_control_and_start_no_line() -> None:
    output = github_annotations(_hostile_report())
    assert not textsafe.CONTROL.search(output.replace("\n", ""))
    assert all(line.startswith("::error file=") for line in output.splitlines())


def test_markdown_cells_show_html_as_text_and_keep_one_line() -> None:
    cell = md_escape('<img src=x onerror="alert(1)">\n::error::x | y\x1b[2J')
    assert "<img" not in cell and "&lt;img" in cell
    assert "\n" not in cell and "\x1b" not in cell and "\\|" in cell
    # a comparison cannot open HTML and stays as typed (a criterion's spec, `kpi:x<=5`)
    assert md_escape("kpi:x<=5, y < 3, z>=1") == "kpi:x<=5, y < 3, z>=1"
    table = md_table(["<b>h</b>"], [["<script>alert(1)</script>"]])
    assert "<script>" not in table and "<b>" not in table
