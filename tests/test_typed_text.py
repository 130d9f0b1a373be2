"""What people typed is text on the terminal, whatever brackets it holds.

Rich reads ``[...]`` as markup: unescaped, "[kpl]" vanishes and "[/]" crashes the command. Names
from chart files, KPI units and criteria messages pass through markup-building views.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, write_csv

CHART = """code;name;type;parent;active
40;Kulut [EU] ja [/];expense;;1
4010;Palvelut [red]x[/red];expense;40;1
"""


def test_chart_names_with_brackets_show_as_written(cli: Cli, tmp_path: Path) -> None:
    cli("chart", "import", write_csv(tmp_path / "chart.csv", CHART), "--chart", "uusi",
        "--role", "target")
    for args in (("chart", "show", "uusi"), ("chart", "show", "uusi", "--tree")):
        screen = cli(*args).stdout
        assert "Kulut [EU] ja [/]" in screen and "Palvelut [red]x[/red]" in screen


def test_a_kpi_unit_with_brackets_shows_as_written(cli: Cli) -> None:
    cli("kpi", "define", "kulut", "--unit", "[kpl]", "--target", "100", "--direction", "down")
    cli("kpi", "record", "kulut", "120")
    screen = cli("status").stdout
    assert "120 [kpl]" in screen


def test_cards_and_trends_show_brackets_as_written(cli: Cli) -> None:
    """A stray "[/]" once crashed `system show`, `incident show` and `kpi trend` (exit 3)."""
    cli("system", "add", "basware", "--name", "Basware [/] P2P", "--role", "target")
    assert "Basware [/] P2P" in cli("system", "show", "basware").stdout
    assert "Basware [/] P2P" in cli("system", "list").stdout
    cli("incident", "add", "--severity", "low", "--title", "Hidas [/] haku", "--owner", "[b]x")
    card = cli("incident", "show", "INC-001").stdout
    assert "Hidas [/] haku" in card and "[b]x" in card
    cli("kpi", "define", "kulut", "--unit", "[/]", "--direction", "down")
    cli("kpi", "record", "kulut", "7")
    assert "7 [/]" in cli("kpi", "trend", "kulut").stdout
