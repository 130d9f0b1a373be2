"""The project's promises about itself: the README Quick start and what CI runs."""

from __future__ import annotations

import re

from tests.conftest import REPO


def _quick_start() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^#+\s*Quick ?start.*?$(.*?)^```[a-z]*\n(.*?)^```", text, re.S | re.M | re.I)
    assert match, "README has no fenced code block under a 'Quick start' heading"
    return [line.strip() for line in match.group(2).splitlines()
            if line.strip() and not line.strip().startswith("#")]


def test_quick_start_is_two_self_contained_commands() -> None:
    commands = _quick_start()
    assert len(commands) == 2
    for command in commands:
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install")
        assert "activate" not in command
    assert commands[0].endswith(".venv/bin/migctl demo")
    assert "pytest" in commands[1]


def test_ci_runs_the_quick_start_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start()[1] in ci.splitlines()
