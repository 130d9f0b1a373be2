"""What the audit of issue 16 left: line breaks stored by an older migctl on the terminal, the
migctl version a newer store needs, `-o DIRECTORY` in one line, the columnar translate's work
folder on SIGTERM."""

from __future__ import annotations

import re

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
