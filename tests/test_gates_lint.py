"""`task lint`: every code firing and not firing, the four formats, exit codes, settings."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import Cli, snapshot, write_csv

# Planned (Europe/Helsinki, 31.12.2026): G0 14:00–15:00; A and B (both Satu's, both critical)
# 15:00–17:00 side by side; C 17:00–18:00; Z 18:00 (a task without duration); the point of no
# return P at 18:00; D 18:00–22:00; the go-live MS at 22:00.
LINTED = (
    "key;title;workstream;owner;kind;duration;depends_on;planned_start;rollback_note\n"
    "G0;Start?;Yleinen;Riikka;gate;1h;;31.12.2026 14:00;Postpone\n"
    "A;Freeze;Talous;Satu;task;2h;G0;;Unfreeze\n"
    "B;Extract;Talous;satu ;task;2h;G0;;\n"
    "C;Load;Talous;;task;1h;A,B;;Void\n"
    "Z;Check;Talous;Marko;task;0m;C;;Nothing to undo\n"
    "P;Point of no return;Yleinen;Riikka;milestone;0m;Z;;\n"
    "D;Open the new ledger;Talous;Antti;task;4h;P;;\n"
    "MS;Go-live;Yleinen;Riikka;milestone;0m;D;;\n"
)
ACTUALS = (
    "key;status;actual_start;actual_end\n"
    "G0;done;1.10.2026 14:00;1.10.2026 15:00\n"
    "A;done;1.10.2026 15:00;1.10.2026 17:00\n"
    "B;done;1.10.2026 15:00;1.10.2026 18:30\n"
    "C;done;1.10.2026 18:30;1.10.2026 19:50\n"
)
WINDOW = ["--window-end", "31.12.2026 20:00", "--point-of-no-return", "P"]


def _linted(cli: Cli, tmp_path: Path, runbook: str = LINTED) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", runbook))
    cli("settings", "set", "cutover.go_live", "MS")


def _findings(cli: Cli, *args: str, code: int = 1) -> dict[str, list[dict]]:
    document = cli.json("task", "lint", *args, code=code)
    grouped: dict[str, list[dict]] = {}
    for finding in document["findings"]:
        grouped.setdefault(finding["code"], []).append(finding)
    return grouped


def test_every_code_fires_on_the_task_and_row_it_is_about(cli: Cli, tmp_path: Path) -> None:
    _linted(cli, tmp_path)
    cli("cutover", "run", "import", "rehearsal-1", write_csv(tmp_path / "r1.csv", ACTUALS),
        "--finish")
    found = _findings(cli, *WINDOW)
    assert sorted(found) == ["R001", "R002", "R003", "R004", "R005", "R006", "R007"]
    where = {code: [(f["subject"], f["file"], f["row"]) for f in items]
             for code, items in found.items()}
    assert where["R001"] == [("C", "runbook.csv", 5)]
    assert where["R002"] == [("D", "runbook.csv", 8)]
    assert where["R003"] == [("B", "runbook.csv", 4)]  # P (a milestone) and D (after P) need none
    assert where["R004"] == [("G0", "runbook.csv", 2)]
    assert where["R005"] == [("Z", "runbook.csv", 6)]  # the milestones P and MS are fine
    assert where["R006"] == [("B", "runbook.csv", 4)]  # A took 2h as planned, C 1h20m (+33 %)
    assert where["R007"] == [("A", "runbook.csv", 3), ("B", "runbook.csv", 4)]

    r002 = found["R002"][0]
    assert r002["message"] == ("forecast to finish 2026-12-31 22:00, 2h after the window end "
                               "2026-12-31 20:00")
    assert r002["over_minutes"] == 120 and r002["window_end"] == "2026-12-31T18:00:00Z"
    r006 = found["R006"][0]
    assert r006["severity"] == "warning"
    assert r006["message"] == ("planned 2h, median actual 3h30m in 1 rehearsal(s) (+75 %); "
                               "proposed 3h30m")
    assert r006["proposed_minutes"] == 210 and r006["actual_minutes"] == [210]
    r007 = found["R007"][0]
    assert r007["severity"] == "warning" and r007["overlaps"] == ["B"]
    assert r007["message"] == ("Satu owns this critical task (2026-12-31 15:00 → 2026-12-31 "
                               "17:00) and, at the same time, the critical B (2026-12-31 15:00 "
                               "→ 2026-12-31 17:00)")
    assert found["R003"][0]["point_of_no_return"] == "P"


CLEAN = (
    "key;title;workstream;owner;kind;duration;depends_on;planned_start;rollback_note;criteria\n"
    "G0;Start?;Yleinen;Riikka;gate;1h;;31.12.2026 14:00;Postpone;incidents-below:high:1\n"
    "A;Freeze;Talous;Satu;task;2h;G0;;Unfreeze;\n"
    "B;Extract;Talous;Marko;task;2h;G0;;Extract again;\n"
    "C;Load;Talous;Antti;task;1h;A,B;;Void;\n"
    "P;Point of no return;Yleinen;Riikka;milestone;0m;C;;;\n"
    "D;Open the new ledger;Talous;Antti;task;1h;P;;;\n"
    "MS;Go-live;Yleinen;Riikka;milestone;0m;D;;;\n"
)


def test_a_clean_runbook_passes(cli: Cli, tmp_path: Path) -> None:
    _linted(cli, tmp_path, CLEAN)
    cli("cutover", "run", "import", "rehearsal-1", write_csv(tmp_path / "r1.csv", ACTUALS.replace(
        "1.10.2026 18:30\n", "1.10.2026 17:30\n")), "--finish")  # B: 2h30m, +25 %
    document = cli.json("task", "lint", *WINDOW)
    assert document["findings"] == []
    assert document["summary"] == {
        "errors": 0, "warnings": 0, "tasks": 7, "window_start": None,
        "window_end": "2026-12-31T18:00:00Z", "point_of_no_return": "P", "go_live": "MS"}
    assert cli("task", "lint", *WINDOW, "--strict").stdout.strip().endswith(
        "0 error(s), 0 warning(s)")


def test_without_a_window_or_point_of_no_return_r002_and_r003_are_not_checked(
        cli: Cli, tmp_path: Path) -> None:
    _linted(cli, tmp_path)
    found = _findings(cli)
    assert "R002" not in found and "R003" not in found
    assert "R006" not in found  # no finished rehearsal yet


def test_warnings_fail_only_with_strict(cli: Cli, tmp_path: Path) -> None:
    # Only R007 is left: A and B are Satu's, critical and side by side.
    runbook = CLEAN.replace("B;Extract;Talous;Marko", "B;Extract;Talous;Satu")
    _linted(cli, tmp_path, runbook)
    assert list(_findings(cli, *WINDOW, code=0)) == ["R007"]
    cli("task", "lint", *WINDOW, "--strict", code=1)
    # B with slack (a shorter task) is no longer critical: nothing overlaps.
    cli("task", "set", "B", "--duration", "1h")
    assert _findings(cli, *WINDOW, code=0) == {}


def test_formats_json_junit_github(cli: Cli, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the runbook is then runbook.csv as the working dir has it
    _linted(cli, tmp_path)
    junit = ET.fromstring(cli("task", "lint", *WINDOW, "-f", "junit", code=1).stdout)
    suite = junit.find("testsuite")
    assert suite is not None and suite.get("tests") == "7" and suite.get("failures") == "5"
    names = [case.get("name") for case in suite.iter("testcase")]
    assert names[0] == "R001 task without owner" and names[-1].startswith("R007")
    github = cli("task", "lint", *WINDOW, "-f", "github", code=1).stdout.splitlines()
    assert "::error file=runbook.csv,line=5,title=R001::task C has no owner" in github
    assert any(line.startswith("::warning file=runbook.csv,line=3,title=R007::")
               for line in github)
    out = tmp_path / "lint.xml"
    cli("task", "lint", *WINDOW, "-f", "junit", "-o", out, code=1)
    assert out.read_text(encoding="utf-8").startswith('<?xml version="1.0"')
    table = cli("task", "lint", *WINDOW, code=1).stdout
    assert "R001" in table and "runbook.csv:5" in table and "5 error(s), 2 warning(s)" in table


def test_the_window_and_point_of_no_return_can_be_stored(cli: Cli, tmp_path: Path) -> None:
    _linted(cli, tmp_path)
    stored = cli.json("cutover", "settings", "--window-start", "31.12.2026 16:00",
                      "--window-end", "31.12.2026 20:00", "--point-of-no-return", "p")
    assert stored == {"window_start": "2026-12-31T14:00:00Z",
                      "window_end": "2026-12-31T18:00:00Z", "go_live": "MS",
                      "point_of_no_return": "P",
                      "hypercare_end": None}  # issue 22: the SSO certificate calendar
    assert cli.json("settings", "list")["cutover.point_of_no_return"] == "P"
    assert cli.json("settings", "list")["cutover.window_end"] == "2026-12-31T20:00:00+02:00"
    found = _findings(cli)
    assert "R002" in found and "R003" in found
    # Options win over the stored settings for one run.
    assert "R002" not in _findings(cli, "--window-end", "1.1.2027 08:00")
    events = cli.json("log", "--entity", "setting")
    assert {e["entity_key"] for e in events} >= {"cutover.window_end",
                                                  "cutover.point_of_no_return"}
    assert "point of no return" in cli("cutover", "settings").stdout
    cleared = cli.json("cutover", "settings", "--point-of-no-return", "")
    assert cleared["point_of_no_return"] is None and "R003" not in _findings(cli)


@pytest.mark.parametrize(("args", "message"), [
    (["--point-of-no-return", "X9"], "--point-of-no-return 'X9': no such task"),
    (["--go-live", "nope nope"], "is not a valid task key"),
    (["--window-start", "1.1.2027 10:00", "--window-end", "31.12.2026 20:00"],
     "--window-end must be after --window-start"),
    (["--window-end", "someday"], "--window-end:"),
])
def test_bad_cutover_settings_are_refused(cli: Cli, tmp_path: Path, args: list[str],
                                          message: str) -> None:
    _linted(cli, tmp_path)
    before = snapshot(cli.db_url)
    assert message in cli("cutover", "settings", *args, code=2).stderr
    assert snapshot(cli.db_url) == before


def test_an_unknown_point_of_no_return_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    _linted(cli, tmp_path)
    result = cli("task", "lint", "--point-of-no-return", "X9", code=2)
    assert "point of no return 'X9': no such task" in result.stderr
