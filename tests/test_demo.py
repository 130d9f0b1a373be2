"""`migctl demo` builds the sample city's store and prints its status."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli


def test_demo_builds_a_store_and_prints_status(bare_cli: Cli) -> None:
    result = bare_cli("demo")
    assert "Kuusiniem" in result.stdout
    assert "Systems" in result.stdout
    systems = bare_cli.json("system", "list")
    assert len(systems) >= 12
    assert {s["role"] for s in systems} == {"legacy", "target"}
    assert any(s["replaces"] for s in systems)
    status = bare_cli.json("status")
    assert status["programme"]["name"].startswith("Kuusiniem")
    assert status["sections"]["systems"]["counts"]["targets"] >= 6


def test_demo_rebuilds_a_demo_store_but_not_a_real_one(bare_cli: Cli) -> None:
    bare_cli("demo")
    bare_cli("system", "add", "extra", "--name", "Extra", "--role", "legacy")
    bare_cli("demo")  # a demo store is rebuilt from scratch
    assert "extra" not in [s["key"] for s in bare_cli.json("system", "list")]

    bare_cli("settings", "unset", "store.kind")  # now it looks like a real store
    result = bare_cli("demo", code=2)
    assert "is not a demo" in result.stderr and "--force" in result.stderr
    bare_cli("demo", "--force")


def test_demo_status_json_has_the_documented_shape(bare_cli: Cli) -> None:
    bare_cli("demo", "-f", "json")
    status = bare_cli.json("status", "--as-of", "2026-11-23 09:00")
    assert list(status) == ["programme", "as_of", "today", "header", "readiness", "sections"]
    assert status["today"] == "2026-11-23"
    section = status["sections"]["systems"]
    assert list(section) == ["counts", "next_go_live", "targets", "legacy", "signals"]
    target = section["targets"][0]
    assert {"key", "status", "planned_go_live", "days_to_go_live", "replaces",
            "go_live_passed_not_live"} <= set(target)


def test_demo_from_a_folder_that_is_not_sample_data(bare_cli: Cli, tmp_path: Path) -> None:
    result = bare_cli("demo", "--from", tmp_path, code=2)
    assert "does not look like migctl sample data" in result.stderr


@pytest.mark.parametrize("width", [120])  # narrower: stacked (test_tables_fit)
def test_the_systems_table_stays_readable_on_an_ordinary_terminal(
        bare_cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    """Names wrap in a column wide enough to read; every column still shows."""
    bare_cli("demo", "-f", "json")
    monkeypatch.setenv("COLUMNS", str(width))
    screen = bare_cli("status").stdout
    header = next(line for line in screen.splitlines() if line.lstrip().startswith("Target"))
    assert header.split() == ["Target", "Name", "Status", "Go-live", "When", "Replaces", "Envs"]
    assert "Microsoft Entra" in screen and "Raindance Talous" in screen
    assert max(len(line) for line in screen.splitlines()) <= width
