"""Every change lands in the audit log with actor, UTC time, command and a summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, write_csv


def test_changes_are_logged_with_actor_and_command(cli: Cli, monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    cli("system", "add", "a", "--name", "A", "--role", "legacy")
    monkeypatch.setenv("MIGCTL_ACTOR", "maija")
    cli("system", "set", "a", "--status", "retired")
    write_csv(tmp_path / "s.csv", "key;name;role\nb;B;target\n")
    cli("system", "import", tmp_path / "s.csv")
    events = cli.json("log")
    assert [(e["actor"], e["command"], e["entity_type"], e["action"]) for e in events] == [
        ("maija", "migctl system import", "import", "import"),
        ("maija", "migctl system import", "system", "create"),
        ("maija", "migctl system set", "system", "update"),
        ("tester", "migctl system add", "system", "create"),
    ]
    update = events[2]
    assert update["summary"] == "status: planned → retired"
    assert update["before"]["status"] == "planned" and update["after"]["status"] == "retired"
    assert update["at"].endswith("Z")

    only_a = cli.json("log", "--entity", "system:a")
    assert [e["action"] for e in only_a] == ["update", "create"]
    assert cli.json("log", "--since", "2999-01-01") == []
    assert len(cli.json("log", "--actor", "tester")) == 1


def test_unchanged_set_writes_no_event(cli: Cli) -> None:
    cli("system", "add", "a", "--name", "A", "--role", "legacy")
    cli("system", "set", "a", "--name", "A")
    assert len(cli.json("log")) == 1


def test_settings_are_validated_and_audited(cli: Cli) -> None:
    cli("settings", "set", "programme.name", "Kuusiniemi")
    result = cli("settings", "set", "programme.timezone", "Mars/Olympus", code=2)
    assert "unknown time zone 'Mars/Olympus'" in result.stderr
    assert cli("settings", "set", "nope", "x", code=2).stderr.startswith("error: unknown setting")
    assert cli.json("settings", "list")["programme.name"] == "Kuusiniemi"
    assert cli.json("log", "--entity", "setting")[0]["summary"].endswith("→ Kuusiniemi")
