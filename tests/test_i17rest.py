"""The rest of issue 17 after its audit: GitHub annotations name chart, dimension and runbook
files by the path given at import; every shown time in the programme zone, labelled once per
table; the Finnish blocked-task sentence; progress bars for chart, dimension, recon and KPI
history imports; `db export | head` ending quietly; SSO findings in Finnish."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import Cli, write_csv

LABEL = "(Europe/Helsinki)"


# --- 1. annotations name the path as given -----------------------------------------------

def test_chart_and_dimension_findings_name_the_path_given_at_import(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.mapping_data import CLEAN_RULES, LEGACY_CHART, mapping_csv, setup_reference

    (tmp_path / "charts" / "fin").mkdir(parents=True)
    setup_reference(cli, tmp_path)
    # an account without a rule (M001) points at the legacy chart's row
    write_csv(tmp_path / "charts" / "fin" / "legacy.csv",
              LEGACY_CHART + "4030;Matkat;kulu;40;1\n")
    monkeypatch.chdir(tmp_path)
    cli("chart", "import", "charts/fin/legacy.csv", "--chart", "populus", "--role", "legacy")
    cli("mapping", "import", mapping_csv(tmp_path, CLEAN_RULES), "--set", "m")
    monkeypatch.chdir(tmp_path / "charts")  # validated elsewhere: the import's path counts
    lines = cli("mapping", "validate", "-f", "github", code=1).stdout.splitlines()
    m001 = [line for line in lines if "title=M001" in line]
    assert m001 and m001[0].startswith("::error file=charts/fin/legacy.csv,line=14,"), lines
    # JSON keeps the base name
    document = cli.json("mapping", "validate", code=1)
    assert {f["file"] for f in document["findings"] if f["code"] == "M001"} == {"legacy.csv"}


def test_lint_annotations_name_the_runbook_path_given_at_import(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    write_csv(tmp_path / "plans" / "runbook.csv",
              "key;title;owner;kind;duration;depends_on\nS;Alku;;milestone;0m;\n")
    monkeypatch.chdir(tmp_path)
    cli("task", "import", "plans/runbook.csv")
    monkeypatch.chdir(tmp_path / "plans")
    lines = cli("task", "lint", "-f", "github", code=1).stdout.splitlines()
    assert "::error file=plans/runbook.csv,line=2,title=R001::milestone S has no owner" \
        in lines, lines


def test_a_store_from_before_0015_annotates_by_base_name(cli: Cli, tmp_path: Path) -> None:
    from sqlalchemy import text

    from migctl.store.engine import make_engine

    write_csv(tmp_path / "runbook.csv",
              "key;title;owner;kind;duration;depends_on\nS;Alku;;milestone;0m;\n")
    cli("task", "import", tmp_path / "runbook.csv")
    with make_engine(cli.db_url).begin() as connection:
        connection.execute(text("UPDATE task SET source_path = NULL"))
    lines = cli("task", "lint", "-f", "github", code=1).stdout.splitlines()
    assert lines[0].startswith("::error file=runbook.csv,line=2,title=R001::"), lines


# --- 5. a closed pipe ends quietly --------------------------------------------------------

def _export_into_a_closed_pipe(cli: Cli, tmp_path: Path) -> tuple[int, str]:
    """`migctl db export` whose reader read 10 bytes and went away (``| head -c 10``)."""
    import os
    import subprocess
    import sys

    db = Path(cli.db_url.removeprefix("sqlite:///"))
    if not db.is_file():
        pytest.skip("needs a SQLite store")
    rows = "".join(f"{4000 + n};Tili {n} {'x' * 100};kulu;;1\n" for n in range(2000))
    cli("chart", "import", write_csv(tmp_path / "big.csv", "code;name;type;parent;active\n"
                                     + rows), "--chart", "iso", "--role", "legacy")
    env = {k: v for k, v in os.environ.items() if k not in ("MIGCTL_DB", "MIGCTL_DEBUG")}
    process = subprocess.Popen([sys.executable, "-m", "migctl", "--db", str(db), "db",
                                "export"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    assert process.stdout is not None and process.stderr is not None
    assert len(process.stdout.read(10)) == 10
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    return process.wait(timeout=120), stderr


def test_db_export_into_a_closed_pipe_ends_quietly(cli: Cli, tmp_path: Path) -> None:
    code, stderr = _export_into_a_closed_pipe(cli, tmp_path)
    assert stderr == ""
    assert code == 141  # 128 + SIGPIPE, as `git log | head` ends


# --- 3. the Finnish blocked-task sentence -------------------------------------------------

def test_the_finnish_blocked_sentence_names_the_owner_and_since(cli: Cli, tmp_path: Path
                                                                ) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv",
                                    "key;title;owner;kind;duration;depends_on;planned_start\n"
                                    "PAY-010;Lock payroll;Timo;task;30m;;31.12.2026 16:00\n"))
    cli("cutover", "run", "start", "rehearsal-2", "--at", "31.12.2026 15:00")
    cli("task", "start", "PAY-010", "--at", "31.12.2026 16:00")
    cli("task", "block", "PAY-010", "--at", "31.12.2026 16:10", "--reason", "payroll run late")
    for fmt in ("table", "markdown"):
        fi = cli("status", "-f", fmt, "--lang", "fi", "--as-of", "31.12.2026 16:45").stdout
        assert ("PAY-010 on estynyt (vastuuhenkilö Timo, 2026-12-31 16:10 alkaen): payroll "
                "run late") in " ".join(fi.split()), fi


# --- 2. every shown time in the programme zone, labelled once per table -------------------

RUNBOOK = (
    "key;title;workstream;owner;kind;duration;depends_on;planned_start\n"
    "FIN-010;Freeze ledger;Talous;Satu;task;1h;;31.12.2026 16:00\n"
    "FIN-020;Extract balances;Talous;Marko;task;2h;FIN-010;\n"
    "G1;Go/no-go;Talous;Satu;gate;15m;FIN-020;\n"
)
AS_OF = ("--as-of", "31.12.2026 18:45")


def _table_headings(screen: str) -> list[str]:
    """The heading line of each table on a terminal screen (the line above its rule)."""
    lines = screen.splitlines()
    return [lines[i - 1] for i, line in enumerate(lines) if i and line.startswith("────")]


def test_the_cutover_section_labels_each_time_table_once(cli: Cli, tmp_path: Path) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))
    cli("cutover", "run", "start", "rehearsal-2", "--at", "31.12.2026 15:00")
    cli("task", "start", "FIN-010", "--at", "31.12.2026 16:00")
    cli("task", "fail", "FIN-010", "--at", "31.12.2026 16:40", "--reason", "ledger open")
    for lang, start_by in (("en", "Start by"), ("fi", "Aloitettava viimeistään")):
        screen = cli("status", "--lang", lang, *AS_OF).stdout
        headings = _table_headings(screen)
        zoned = [h for h in headings if LABEL in h]
        assert any(f"{start_by} {LABEL}" in h for h in zoned), headings
        # the late, failed, gates, next-ready and window-confidence tables
        assert len(zoned) >= 5, headings
        assert all(h.count(LABEL) == 1 for h in zoned), headings
        assert "2026-12-31 16:40" in screen or "31.12.2026 klo 16.40" in screen
    markdown = cli("status", "-f", "markdown", *AS_OF).stdout
    assert f"| Gate | Planned {LABEL} |" in markdown
    assert f"| Key | Title | Owner | Start {LABEL} |" in markdown
    assert f"- Planned {LABEL}: 2026-12-31 15:00" in markdown
    assert f"| Milestone | P50 {LABEL} | P80 | P95 |" in markdown
    html = cli("report", "-f", "html", *AS_OF).stdout
    assert f"Start {LABEL}" in html


def test_the_task_list_and_register_and_incident_cards_name_the_zone(
        cli: Cli, tmp_path: Path) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))
    headings = _table_headings(cli("task", "list").stdout)
    assert f"Fixed start {LABEL}" in headings[0]
    cli("task", "criteria", "add", "G1", "--require", "incidents-below:critical:1")
    assert f"Added {LABEL}" in cli("task", "criteria", "list").stdout
    cli("incident", "add", "--severity", "high", "--title", "Palkka-ajo kaatui",
        "--opened", "2026-06-30 23:30")
    card = cli("incident", "show", "INC-001").stdout
    assert f"opened {LABEL}" in card and "2026-06-30 23:30" in card
    assert f"When {LABEL}" in card
    cli("decision", "add", "--title", "Palkat ajetaan rinnakkain", "--by", "Ohjausryhmä",
        "--at", "2026-11-16 08:00")
    for lang, word in (("en", "Decided"), ("fi", "Päätetty")):
        listing = cli("decision", "list", "--lang", lang).stdout
        assert f"{word} {LABEL}" in listing and "2026-11-16 08:00" in listing, listing
        card = cli("decision", "show", "DEC-001", "--lang", lang).stdout
        assert f"{word} {LABEL}" in card, card


def test_identity_and_recon_history_show_finish_times_in_the_zone() -> None:
    import io
    from zoneinfo import ZoneInfo

    from rich.console import Console

    from migctl.render import identity, recon
    from migctl.render.tables import build_table

    tz = ZoneInfo("Europe/Helsinki")
    for columns in (identity.history_columns(tz), recon.history_columns(tz)):
        console = Console(width=200, file=io.StringIO(), color_system=None)
        row = {"run_id": 1, "finished_at": "2026-06-30T20:30:00Z", "coverage_pct": {},
               "system_coverage_pct": {}, "training_coverage_pct": {}}
        console.print(build_table([row], columns))
        screen = console.file.getvalue()  # type: ignore[attr-defined]
        assert f"Finished {LABEL}" in screen and "2026-06-30 23:30" in screen, screen


# --- 4. progress bars for chart, dimension, KPI history imports and recon runs -----------

@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_reference_kpi_and_recon_work_shows_a_bar_on_a_terminal_only(
        cli: Cli, tmp_path: Path) -> None:
    from tests.conftest import on_a_terminal
    from tests.mapping_data import LEGACY_CHART, UNITS, mapping_csv, setup_reference
    from tests.test_recon_cli import LEGACY_TB, TARGET_TB

    db = Path(cli.db_url.removeprefix("sqlite:///"))
    if not db.is_file():
        pytest.skip("needs a SQLite store")
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    cli("recon", "add", "tb", "--kind", "balances",
        "--legacy", write_csv(tmp_path / "tb.csv", LEGACY_TB, encoding="cp1252"),
        "--target", write_csv(tmp_path / "target.csv", TARGET_TB), "--set", "m")
    sample = Path(__file__).resolve().parent.parent / "sample_data"
    cli("kpi", "import-definitions", sample / "kpi_definitions.csv")
    chart = write_csv(tmp_path / "populus.csv", LEGACY_CHART)
    units = write_csv(tmp_path / "yksikot.csv", UNITS)
    for args, bar in (
            (("chart", "import", str(chart), "--chart", "populus", "--role", "legacy"),
             "reading populus.csv"),
            (("dimension", "import", str(units), "--dimension", "vastuuyksikko",
              "--role", "target"),
             "reading yksikot.csv"),
            (("kpi", "import", str(sample / "kpi_history.csv")), "reading kpi_history.csv"),
            (("recon", "run", "tb"), "reading and comparing tb")):
        assert bar in on_a_terminal(db, tmp_path, *args), args
        assert bar not in on_a_terminal(db, tmp_path, *args, pipe_stdout=True), args
        assert bar not in on_a_terminal(db, tmp_path, *args, "-f", "json"), args
