"""Progress bars for long work (issue 17): on a terminal a person watches, never in JSON, CI or
piped output; services report through a callback and never import Rich."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from migctl.render import console
from migctl.render.progress import progress_bar, shows
from tests.conftest import on_a_terminal


def _tty(monkeypatch: pytest.MonkeyPatch, *, stdout: bool, stderr: bool) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: stdout, raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: stderr, raising=False)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize(("stdout", "stderr", "ci", "enabled", "expected"), [
    (True, True, False, None, True),
    (False, True, False, None, False),  # `migctl … | less`: no bar over the pager
    (True, False, False, None, False),  # stderr to a log file
    (True, True, True, None, False),  # CI
    (True, True, False, False, False),  # -f json
])
def test_a_bar_shows_only_to_a_person_watching(
        monkeypatch: pytest.MonkeyPatch, stdout: bool, stderr: bool, ci: bool,
        enabled: bool | None, expected: bool) -> None:
    _tty(monkeypatch, stdout=stdout, stderr=stderr)
    if ci:
        monkeypatch.setenv("CI", "true")
    assert console.interactive() is (stdout and stderr and not ci)
    assert shows(enabled) is expected


def test_a_hidden_bar_still_takes_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    _tty(monkeypatch, stdout=False, stderr=True)
    with progress_bar("work", total=3) as advance:
        for done in range(1, 4):
            advance(done)


def test_demo_build_reports_each_step(tmp_path: Path) -> None:
    from migctl.services.audit import Actor
    from migctl.services.demo.build import STEPS, build_demo

    seen: list[int] = []
    build_demo(db_url=f"sqlite:///{tmp_path / 'demo.db'}", db_label="demo.db",
               actor=Actor("tester", "demo"), progress=seen.append)
    assert seen == list(range(1, len(STEPS) + 1))


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_demo_shows_a_bar_on_a_terminal_and_none_when_piped(tmp_path: Path) -> None:
    assert "building the demo store" in on_a_terminal(tmp_path / "demo.db", tmp_path, "demo")
    assert "building the demo store" not in on_a_terminal(tmp_path / "demo.db", tmp_path,
                                                          "demo", pipe_stdout=True)
