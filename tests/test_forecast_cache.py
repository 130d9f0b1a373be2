"""Remembered forecasts: the same inputs read back what the simulation gave, any changed input
simulates again, and a cache that cannot be used only costs the time to compute."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_status_imports import _run_child
from tests.test_window import _store


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "forecasts").glob("*.json"))


@pytest.fixture
def folder(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The window test's store (A then B, three rehearsals), its cache in ``tmp_path/cache``."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("MIGCTL_CACHE_DIR", str(cache))
    _store(cli, tmp_path)
    return cache


def test_a_second_forecast_reads_back_the_first(cli: Cli, folder: Path) -> None:
    first = cli.json("task", "forecast", "--simulate", "2000", "--seed", "5")
    [entry] = _entries(folder)
    assert cli.json("task", "forecast", "--simulate", "2000", "--seed", "5") == first
    # what is read back is the entry: change it, and the answer follows
    stored = json.loads(entry.read_text(encoding="utf-8"))
    stored["within"] = 0.125
    entry.write_text(json.dumps(stored), encoding="utf-8")
    assert cli.json("task", "forecast", "--simulate", "2000", "--seed", "5")[
        "p_within_window"] == 0.125


@pytest.mark.parametrize("change", [
    ("task", "forecast", "--simulate", "2000", "--seed", "6"),
    ("task", "forecast", "--simulate", "2001", "--seed", "5"),
])
def test_another_seed_or_count_simulates_again(cli: Cli, folder: Path,
                                               change: tuple[str, ...]) -> None:
    cli.json("task", "forecast", "--simulate", "2000", "--seed", "5")
    cli.json(*change)
    assert len(_entries(folder)) == 2


def test_a_new_window_end_simulates_again(cli: Cli, folder: Path) -> None:
    before = cli.json("task", "forecast", "--simulate", "4000", "--seed", "5")
    cli("settings", "set", "cutover.window_end", "2027-01-02T10:40:00Z")
    after = cli.json("task", "forecast", "--simulate", "4000", "--seed", "5")
    assert before["p_within_window"] < 1.0 == after["p_within_window"]
    assert len(_entries(folder)) == 2


def test_a_damaged_entry_or_an_unusable_folder_only_costs_time(
        cli: Cli, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = cli.json("task", "forecast", "--simulate", "2000", "--seed", "5")
    [entry] = _entries(folder)
    for damage in ("{not json", '{"within": 1}', "[]"):
        entry.write_text(damage, encoding="utf-8")
        assert cli.json("task", "forecast", "--simulate", "2000", "--seed", "5") == fresh
    assert json.loads(entry.read_text(encoding="utf-8"))["criticality"], "written anew"
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MIGCTL_CACHE_DIR", str(blocker / "below-a-file"))
    assert cli.json("task", "forecast", "--simulate", "2000", "--seed", "5") == fresh


def test_status_run_again_does_not_import_numpy(cli: Cli, folder: Path) -> None:
    """What the cache is for: the second `status` skips NumPy's import and the simulation."""
    first, loaded = _run_child("--db", cli.db_url, "status", "-f", "json", modules=("numpy",))
    assert first.returncode == 0, first.stderr
    assert loaded == ["numpy"]
    again, loaded = _run_child("--db", cli.db_url, "status", "-f", "json", modules=("numpy",))
    assert again.returncode == 0, again.stderr
    assert loaded == []
    window = json.loads(again.stdout)["sections"]["window"]["forecast"]
    assert window == json.loads(first.stdout)["sections"]["window"]["forecast"]
