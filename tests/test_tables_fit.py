"""Listings fit the width they are drawn at: optional columns go first, rightmost first."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from migctl.render.tables import Col, build_table
from tests.conftest import Cli

ROWS = [{"key": "talousraportointi", "name": "Power BI -talousraportointi", "domain": "reporting",
         "owner": "Mikko Salonen", "envs": "admin, education", "status": "planned"}]
COLUMNS = [Col("key", "Key"), Col("name", "Name", wrap=True, min_width=16),
           Col("domain", "Domain", optional=True), Col("status", "Status"),
           Col("envs", "Envs", optional=True), Col("owner", "Owner", optional=True)]


def _draw(width: int) -> list[str]:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(build_table(ROWS, COLUMNS))
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


def _header(width: int) -> list[str]:
    return next(line for line in _draw(width) if line.lstrip().startswith("Key")).split()


def test_every_column_shows_when_there_is_room() -> None:
    assert _header(160) == ["Key", "Name", "Domain", "Status", "Envs", "Owner"]


def test_optional_columns_go_rightmost_first_and_the_rest_stay_whole() -> None:
    assert _header(90) == ["Key", "Name", "Domain", "Status", "Envs"]
    assert _header(75) == ["Key", "Name", "Domain", "Status"]
    assert _header(60) == ["Key", "Name", "Status"]
    assert "talousraportointi" in "\n".join(_draw(60))  # the key is not cut to "talous…"
    assert all(len(line) <= 60 for line in _draw(60))


def test_a_table_narrower_than_its_required_columns_still_draws() -> None:
    lines = _draw(30)
    assert lines and all(len(line) <= 30 for line in lines)


# --- issue 17: 80 columns, names whole, no runs of empty lines, critical marked ------------

SYSTEMS = [
    {"key": "frends", "name": "Frends-integraatioalusta", "status": "live",
     "replaces": "sftp_siirrot", "envs": "admin"},
    {"key": "talousraportointi", "name": "Power BI -talousraportointi", "status": "planned",
     "replaces": "talous_dw, tab_budjetti", "envs": "admin, education"},
]
SYSTEM_COLUMNS = [Col("key", "Target"), Col("name", "Name", wrap=True, min_width=16),
                  Col("status", "Status"), Col("replaces", "Replaces", wrap=True, min_width=12),
                  Col("envs", "Envs", wrap=True, min_width=5)]


def _screen(rows: list[dict[str, object]], columns: list[Col], width: int) -> str:
    console = Console(width=width, file=io.StringIO(), color_system=None)
    console.print(build_table(rows, columns))
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def test_free_text_wraps_at_spaces_only_and_keys_stay_whole() -> None:
    for width in (200, 90, 80, 60, 40):
        screen = _screen(SYSTEMS, SYSTEM_COLUMNS, width)
        words = screen.split()
        for whole in ("Frends-integraatioalusta", "-talousraportointi", "talousraportointi",
                      "sftp_siirrot", "education"):
            assert whole in words, (width, screen)
        assert "…" not in screen
        assert all(len(line) <= width for line in screen.splitlines())


def test_a_table_too_wide_for_the_terminal_is_stacked_row_by_row() -> None:
    screen = _screen(SYSTEMS, SYSTEM_COLUMNS, 50).splitlines()
    assert screen[0] == "Target"
    assert screen[1] == "frends  Frends-integraatioalusta"
    assert [line.rstrip() for line in screen[2:4]] == [
        "  Status: live   Replaces: sftp_siirrot", "  Envs: admin"]
    assert screen[4] == "talousraportointi  Power BI -talousraportointi"
    assert all(line.strip() for line in screen)  # no empty lines
    assert _screen(SYSTEMS, SYSTEM_COLUMNS, 120).splitlines()[0].split() == [
        "Target", "Name", "Status", "Replaces", "Envs"]


def test_critical_rows_carry_a_mark_as_well_as_colour() -> None:
    rows = [{"key": "FIN-040", "title": "Avaavat saldot", "critical": True},
            {"key": "HR-020", "title": "Henkilöt", "critical": False}]
    columns = [Col("key", "Next"), Col("title", "Title", wrap=True)]
    for width in (100, 30):  # as a table, and stacked
        screen = _screen(rows, columns, width)
        assert "! FIN-040" in screen and "! HR-020" not in screen
        assert "! critical path" in screen
    assert "!" not in _screen([{**rows[1]}], columns, 100)


def test_piped_output_follows_the_terminal_unless_columns_says_otherwise(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from migctl.render import console

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False, raising=False)
    monkeypatch.setattr(console, "terminal_width", lambda: 80)
    assert console.output_width() == 80 and console.stdout_console().width == 80
    monkeypatch.setattr(console, "terminal_width", lambda: None)  # CI, cron: no terminal
    assert console.output_width() == console.PIPE_WIDTH
    monkeypatch.setenv("COLUMNS", "100")
    assert console.output_width() is None and console.stdout_console().width == 100


def test_runs_of_empty_lines_are_cut_to_one() -> None:
    from migctl.render.console import without_blank_runs

    assert without_blank_runs("a\n\n   \n\x1b[0m  \nb\n\nc\n") == "a\n\nb\n\nc\n"


def test_demo_status_fits_80_columns(bare_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    bare_cli("demo", "-f", "json")
    monkeypatch.setenv("COLUMNS", "80")
    lines = bare_cli("status").stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert not [i for i in range(1, len(lines))
                if not lines[i].strip() and not lines[i - 1].strip()]
    words = " ".join(lines).split()
    for whole in ("Frends-integraatioalusta", "-talousraportointi", "talousraportointi",
                  "personec_palkka", "kayttoomaisuus", "Käyttöomaisuus"):
        assert whole in words
    for cut in ("Frends-integraat", "ioalusta"):
        assert cut not in words
    assert not [w for w in words if w.endswith("…") and w != "…"]  # nothing cut to "xy…"
    assert "! GATE-0" in "\n".join(lines)  # the next ready task on the critical path
