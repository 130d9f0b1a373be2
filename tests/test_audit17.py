"""Gaps the audit of issue 17 found: every shown time in the programme zone and labelled once
per table (the log, incidents, KPI trends, the KPI section's snapshot time), a heading-less
column stacked without a stray colon, and progress bars for translate and imports."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from migctl.render.tables import Col
from tests.conftest import Cli, on_a_terminal

HELSINKI = ZoneInfo("Europe/Helsinki")
LABEL = "(Europe/Helsinki)"


def _local(utc_text: str) -> str:
    return datetime.fromisoformat(utc_text.replace("Z", "+00:00")).astimezone(
        HELSINKI).strftime("%Y-%m-%d %H:%M")


def test_the_log_incidents_and_kpi_trends_name_the_zone_once(cli: Cli) -> None:
    cli("incident", "add", "--severity", "high", "--title", "Palkka-ajo kaatui",
        "--opened", "2026-06-30 23:30")
    cli("kpi", "define", "ostolaskut_5pv", "--unit", "%", "--target", "90",
        "--direction", "up")
    cli("kpi", "record", "ostolaskut_5pv", "87,5", "--at", "2026-11-16 08:00")
    for args, local in ((("log",), _local(cli.json("log")[0]["at"])),
                        (("incident", "list"), "2026-06-30 23:30"),
                        (("kpi", "trend", "ostolaskut_5pv"), "2026-11-16 08:00"),
                        (("kpi", "trend"), "2026-11-16 08:00")):
        screen = cli(*args).stdout
        assert screen.count(LABEL) == 1, (args, screen)
        assert local in screen, (args, screen)


def test_the_kpi_section_shows_its_snapshot_in_the_programme_zone(cli: Cli) -> None:
    cli("kpi", "snapshot")
    at = cli.json("status")["sections"]["kpis"]["last_snapshot_at"]
    utc = datetime.fromisoformat(at.replace("Z", "+00:00"))
    local = utc.astimezone(HELSINKI)
    screen = cli("status").stdout
    assert f"last snapshot {local:%Y-%m-%d %H:%M} {LABEL}" in screen
    assert f"{utc:%Y-%m-%d %H:%M} UTC" not in screen
    finnish = cli("status", "--lang", "fi").stdout
    assert (f"viimeisin tilannekuva {local.day}.{local.month}.{local.year} klo "
            f"{local.hour}.{local.minute:02d} {LABEL}") in finnish


def test_a_stacked_column_without_a_heading_has_no_stray_colon() -> None:
    import io

    from rich.console import Console

    from migctl.render.tables import build_table

    rows = [{"name": "tasks_done_pct", "value": "84.5 %", "change": "-1.2", "arrow": "↓",
             "source": "snapshot", "age": "21d15h stale"}]
    columns = [Col("name", "KPI"), Col("value", "Value"), Col("change", "Change"),
               Col("arrow", ""), Col("source", "Source"), Col("age", "Age")]
    console = Console(width=40, file=io.StringIO(), color_system=None)
    console.print(build_table(rows, columns))
    screen = console.file.getvalue()  # type: ignore[attr-defined]
    assert "Change: -1.2 ↓" in screen, screen
    assert ": ↓" not in screen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_translate_and_imports_show_a_bar_on_a_terminal_only(cli: Cli, tmp_path: Path) -> None:
    from tests.mapping_data import mapping_csv, setup_reference

    setup_reference(cli, tmp_path)
    rules = mapping_csv(tmp_path)
    db = Path(cli.db_url.removeprefix("sqlite:///"))
    if not db.is_file():
        pytest.skip("needs a SQLite store")
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("account;cost_centre;period;amount\n4000;;2025-12;10,00\n",
                      encoding="utf-8")
    for args, bar in (
            (("mapping", "import", str(rules), "--set", "m"), "reading rules"),
            (("mapping", "translate", str(ledger), "--set", "m"), "translating ledger.csv")):
        assert bar in on_a_terminal(db, tmp_path, *args), args
        assert bar not in on_a_terminal(db, tmp_path, *args, pipe_stdout=True), args
        assert bar not in on_a_terminal(db, tmp_path, *args, "-f", "json"), args


def test_runbook_listings_name_the_zone_once(cli: Cli, tmp_path: Path) -> None:
    from tests.conftest import write_csv

    runbook = write_csv(tmp_path / "runbook.csv",
                        "key;title;owner;kind;duration;depends_on\n"
                        "S;Alku;Tuomas;milestone;0m;\nT1;Työ;Satu;task;1h;S\n")
    cli("task", "import", runbook)
    cli("cutover", "run", "start", "rehearsal-9", "--at", "2026-06-30 23:30")
    for args in (("cutover", "run", "list"), ("task", "next"), ("task", "plan")):
        screen = cli(*args).stdout
        assert screen.count(LABEL) == 1, (args, screen)
    assert "2026-06-30 23:30" in cli("cutover", "run", "list").stdout
