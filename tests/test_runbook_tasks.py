"""Runbook tasks through the CLI: add, list, show, set, remove, import, and integrity."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, snapshot, write_csv, write_xlsx

HEADER = "key;title;workstream;system;owner;kind;duration;depends_on;planned_start;rollback_note\n"
RUNBOOK = HEADER + (
    "GATE-0;Go/no-go;Yleinen;;Riikka;gate;1h;;2026-12-30T14:00:00+02:00;Cutover moves\n"
    "MS-010;Cutover alkaa;Yleinen;;Tuomas;milestone;0m;GATE-0;31.12.2026 16:00;\n"
    "FIN-020;Extract balances;Talous;populus;Satu;task;2h;FIN-010;;Extract again\n"
    "FIN-010;Freeze ledger;Talous;populus;Satu;task;1h;MS-010;;Unlock users\n"
    "PAY-010;Lock payroll;Palkat;;Timo;task;90m;MS-010;;Unlock\n"
    'MS-020;Cutover valmis;Yleinen;;Tuomas;milestone;0m;"FIN-020;PAY-010";;\n'
)


def _systems(cli: Cli) -> None:
    cli("system", "add", "populus", "--name", "Populus", "--role", "legacy")


def _add_chain(cli: Cli) -> None:
    cli("task", "add", "A", "--title", "First", "--duration", "1h", "--workstream", "Talous",
        "--owner", "Satu")
    cli("task", "add", "b", "--title", "Second", "--duration", "2h", "--depends-on", "a",
        "--workstream", "Talous")
    cli("task", "add", "C", "--title", "Third", "-d", "30m", "--depends-on", "B",
        "--owner", "Timo")


def test_add_list_show_set(cli: Cli) -> None:
    _systems(cli)
    _add_chain(cli)
    cli("task", "add", "M", "--title", "Done", "--kind", "milestone", "--depends-on", "A,C",
        "--system", "populus", "--planned-start", "2027-01-02 10:00")
    listed = cli.json("task", "list")
    assert [t["key"] for t in listed] == ["A", "B", "C", "M"]
    assert list(listed[0]) == [
        "key", "title", "workstream", "system", "owner", "kind", "duration", "duration_minutes",
        "planned_start", "depends_on", "rollback_note", "criteria", "source_file", "source_row",
        "version", "run", "status", "actual_start", "actual_end", "block_reason", "blocked_by",
        "note", "late",
    ]
    milestone = listed[3]
    assert milestone["depends_on"] == ["A", "C"]
    assert milestone["planned_start"] == "2027-01-02T08:00:00Z"  # read in Europe/Helsinki
    assert milestone["system"] == "populus" and milestone["duration_minutes"] == 0
    assert listed[1]["status"] == "todo" and listed[1]["run"] is None

    assert [t["key"] for t in cli.json("task", "list", "--owner", "satu")] == ["A"]
    assert [t["key"] for t in cli.json("task", "list", "--workstream", "TALOUS")] == ["A", "B"]
    assert [t["key"] for t in cli.json("task", "list", "--system", "populus")] == ["M"]
    assert cli.json("task", "list", "--status", "done") == []

    shown = cli.json("task", "show", "b")
    assert shown["dependants"] == ["C"] and shown["depends_on"] == ["A"]
    assert shown["version"] == 1

    updated = cli.json("task", "set", "B", "--duration", "4h", "--depends-on", "")
    assert updated["duration"] == "4h" and updated["depends_on"] == []
    assert updated["version"] == 2
    cli("task", "set", "M", "--planned-start", "", "--system", "")
    shown = cli.json("task", "show", "M")
    assert shown["planned_start"] is None and shown["system"] is None
    # Nothing changed: the version stays.
    assert cli.json("task", "set", "M", "--title", "Done")["version"] == shown["version"]
    log = cli.json("log", "--entity", "task:B")
    assert [e["action"] for e in log] == ["update", "create"]
    assert "duration_minutes: 120 → 240" in log[0]["summary"]
    assert "Second" in cli("task", "list").stdout  # the table renders
    assert "Second" in cli("task", "show", "B").stdout


def test_refusals_are_one_line_and_write_nothing(cli: Cli) -> None:
    _add_chain(cli)
    before = snapshot(cli.db_url)
    cases = [
        (("task", "add", "A", "--title", "Again", "-d", "1h"), "task 'A' already exists"),
        (("task", "add", "D", "--title", "D", "-d", "1h", "--depends-on", "ZZZ"),
         "--depends-on 'ZZZ': no such task"),
        (("task", "add", "D", "--title", "D", "-d", "1h", "--depends-on", "D"),
         "D cannot depend on itself"),
        (("task", "add", "D", "--title", "D"), "a task needs a --duration"),
        (("task", "add", "D", "-d", "1h"), "a task needs a --title"),
        (("task", "add", "D", "--title", "D", "-d", "soon"), "--duration: 'soon' is not a "
                                                             "duration"),
        (("task", "add", "D", "--title", "D", "--kind", "milestone", "-d", "1h"),
         "a milestone takes no time"),
        (("task", "add", "D", "--title", "D", "--kind", "meeting", "-d", "1h"),
         "--kind: 'meeting' is not a kind"),
        (("task", "add", "D", "--title", "D", "-d", "1h", "--planned-start", "tomorrow"),
         "--planned-start: 'tomorrow' is not a date and time"),
        (("task", "add", "D", "--title", "D", "-d", "1h", "--system", "nope"),
         "--system 'nope': no such system"),
        (("task", "add", "bad key", "--title", "D", "-d", "1h"), "is not a valid task key"),
        (("task", "set", "A", "--depends-on", "C"),
         "dependency cycle A → C → B → A (→ reads 'depends on')"),
        (("task", "set", "B", "--depends-on", "B"), "B cannot depend on itself"),
        (("task", "set", "X", "--title", "x"), "no task 'X'"),
        (("task", "remove", "A"), "B depends on A; pass --force to remove it and unlink them"),
        (("task", "list", "--status", "finished"), "--status: 'finished' is not a status"),
    ]
    for args, message in cases:
        result = cli(*args, code=2)
        assert result.stderr.startswith("error: "), result.stderr
        assert message in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_remove_with_force_says_what_it_unlinks(cli: Cli) -> None:
    _add_chain(cli)
    result = cli("task", "remove", "B", "--force")
    assert result.stdout.strip() == ("removed task B; unlinked C (they no longer wait for it)")
    assert cli.json("task", "show", "C")["depends_on"] == []
    assert "unlinked C" in cli.json("log", "--entity", "task:B")[0]["summary"]
    cli("task", "remove", "C")
    assert [t["key"] for t in cli.json("task", "list")] == ["A"]


def test_import_resolves_later_rows_and_reimport_is_a_noop(cli: Cli, tmp_path: Path) -> None:
    _systems(cli)
    path = write_csv(tmp_path / "runbook.csv", RUNBOOK)
    summary = cli.json("task", "import", path)
    assert summary["created"] == ["GATE-0", "MS-010", "FIN-020", "FIN-010", "PAY-010", "MS-020"]
    tasks = {t["key"]: t for t in cli.json("task", "list")}
    assert tasks["FIN-020"]["depends_on"] == ["FIN-010"]  # a row further down
    assert tasks["MS-020"]["depends_on"] == ["FIN-020", "PAY-010"]  # ';' inside the cell
    assert tasks["FIN-010"]["source_file"] == "runbook.csv"
    assert tasks["FIN-010"]["source_row"] == 5
    assert tasks["GATE-0"]["kind"] == "gate" and tasks["PAY-010"]["duration"] == "1h30m"
    assert tasks["MS-010"]["planned_start"] == "2026-12-31T14:00:00Z"

    again = cli.json("task", "import", path)
    assert again["created"] == [] and again["updated"] == [] and len(again["unchanged"]) == 6
    assert cli.json("task", "show", "FIN-010")["version"] == 1

    edited = write_csv(tmp_path / "runbook2.csv", RUNBOOK.replace(
        "Freeze ledger;Talous;populus;Satu;task;1h;MS-010", "Freeze ledger;Talous;populus;"
        "Satu;task;2h;MS-010,GATE-0"))
    result = cli.json("task", "import", edited)
    assert "FIN-010" in result["updated"]
    fin = cli.json("task", "show", "FIN-010")
    assert fin["duration"] == "2h" and fin["depends_on"] == ["GATE-0", "MS-010"]
    assert fin["version"] == 2 and fin["source_file"] == "runbook2.csv"


def test_import_xlsx_with_finnish_headers_and_title_row(cli: Cli, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ajokirja.xlsx", {
        "Ohje": [["Täytä seuraava välilehti"]],
        "Ajokirja": [
            ["Kuusiniemi – cutover-ajokirja"],
            ["Tunnus", "Otsikko", "Työvirta", "Vastuuhenkilö", "Tyyppi", "Kesto",
             "Riippuvuudet", "Suunniteltu alku", "Paluusuunnitelma", "Kriteerit"],
            ["P-1", "Päätös", "Yleinen", "Riikka", "portti", "30m", None, None, "Siirto",
             "incidents-below:korkea:1;tasks-done:t-1"],
            ["T-1", "Jäädytys", "Talous", "Satu", "tehtävä", "1h", "P-1", "31.12.2026 16:00",
             "Avaus", None],
            ["M-1", "Valmis", "Yleinen", "Tuomas", "virstanpylväs", None, "T-1", None, None,
             None],
        ],
    })
    assert len(cli.json("task", "import", path)["created"]) == 3
    tasks = {t["key"]: t for t in cli.json("task", "list")}
    assert tasks["P-1"]["kind"] == "gate" and tasks["P-1"]["criteria"] == \
        "incidents-below:high:1; tasks-done:T-1"  # parsed, kept in canonical form
    assert tasks["M-1"]["kind"] == "milestone" and tasks["M-1"]["duration_minutes"] == 0
    assert tasks["T-1"]["owner"] == "Satu" and tasks["T-1"]["source_row"] == 4


def _refused(cli: Cli, path: Path, message: str) -> None:
    before = snapshot(cli.db_url)
    result = cli("task", "import", path, code=2)
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_import_errors_name_file_row_column_and_write_nothing(cli: Cli, tmp_path: Path
                                                              ) -> None:
    _systems(cli)
    cli("task", "add", "OLD", "--title", "Existing", "-d", "1h")
    cases = {
        "cycle.csv": (RUNBOOK.replace("Freeze ledger;Talous;populus;Satu;task;1h;MS-010",
                                      "Freeze ledger;Talous;populus;Satu;task;1h;MS-010,FIN-020"),
                      "cycle.csv:4:depends_on: dependency cycle FIN-020 → FIN-010 → FIN-020"),
        "unknown.csv": (RUNBOOK.replace("Lock payroll;Palkat;;Timo;task;90m;MS-010",
                                        "Lock payroll;Palkat;;Timo;task;90m;MS-010,HR-999"),
                        "unknown.csv:6:depends_on: unknown task 'HR-999'"),
        "self.csv": (RUNBOOK.replace("Lock payroll;Palkat;;Timo;task;90m;MS-010",
                                     "Lock payroll;Palkat;;Timo;task;90m;PAY-010"),
                     "self.csv:6:depends_on: PAY-010 depends on itself"),
        "dup.csv": (RUNBOOK + "FIN-010;Again;Talous;;;task;1h;;;\n",
                    "dup.csv:8:key: duplicate key 'FIN-010' (first on row 5)"),
        "system.csv": (RUNBOOK.replace("Extract balances;Talous;populus", "Extract balances;"
                                       "Talous;ghost"), "system.csv:4:system: unknown system "
                                                        "'ghost'"),
        "duration.csv": (RUNBOOK.replace(";task;2h;FIN-010", ";task;2 weeks;FIN-010"),
                         "duration.csv:4:duration: '2 weeks' is not a duration"),
        "noduration.csv": (RUNBOOK.replace(";task;2h;FIN-010", ";task;;FIN-010"),
                           "noduration.csv:4:duration: is empty (a task needs one"),
        "milestone.csv": (RUNBOOK.replace("milestone;0m;GATE-0", "milestone;1h;GATE-0"),
                          "milestone.csv:3:duration: a milestone takes no time"),
        "kind.csv": (RUNBOOK.replace(";gate;1h;", ";meeting;1h;"),
                     "kind.csv:2:kind: 'meeting' is not a kind"),
        "start.csv": (RUNBOOK.replace("31.12.2026 16:00", "31.12.2026 25:00"),
                      "start.csv:3:planned_start: '31.12.2026 25:00' is not a date and time"),
        "missing.csv": ("key;title\nA;B\n", "missing.csv:1: missing column 'duration'"),
        "header.csv": (HEADER, "header.csv: no tasks in the file"),
    }
    for name, (text, message) in cases.items():
        _refused(cli, write_csv(tmp_path / name, text), message)
    # A cycle through a task already in the store is found as well.
    cli("task", "import", write_csv(tmp_path / "ok.csv", RUNBOOK))
    cli("task", "set", "OLD", "--depends-on", "MS-020")
    _refused(cli, write_csv(tmp_path / "store_cycle.csv", RUNBOOK.replace(
        "Go/no-go;Yleinen;;Riikka;gate;1h;;", "Go/no-go;Yleinen;;Riikka;gate;1h;OLD;")),
        "store_cycle.csv:2:depends_on: dependency cycle GATE-0 → OLD → MS-020 →")


def test_system_removal_unlinks_tasks(cli: Cli) -> None:
    _systems(cli)
    cli("task", "add", "A", "--title", "A", "-d", "1h", "--system", "populus")
    cli("system", "remove", "populus")
    assert cli.json("task", "show", "A")["system"] is None
