"""Signals a project lead can trust (issue 17): failed work is red, a rehearsal leaves the
production cutover where it is, a run is closed only when its tasks say it may be."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, snapshot, write_csv

# Planned (Europe/Helsinki): FIN-010 16:00–17:00, FIN-020 17:00–19:00, PAY-010 16:00–16:30.
RUNBOOK = (
    "key;title;workstream;system;owner;kind;duration;depends_on;planned_start\n"
    "FIN-010;Freeze ledger;Talous;raindance;Satu;task;1h;;31.12.2026 16:00\n"
    "FIN-020;Extract balances;Talous;raindance;Marko;task;2h;FIN-010;\n"
    "PAY-010;Lock payroll;Palkat;;Timo;task;30m;;31.12.2026 16:00\n"
)
DAY = "31.12.2026"


def _runbook(cli: Cli, tmp_path: Path) -> None:
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target")
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))


def test_a_failed_task_turns_its_system_and_the_cutover_red(cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    cli("cutover", "run", "start", "rehearsal-2", "--at", f"{DAY} 15:00")
    cli("task", "start", "FIN-010", "--at", f"{DAY} 16:00")
    cli("task", "fail", "FIN-010", "--at", f"{DAY} 16:40", "--reason", "ledger still open")
    cli("task", "start", "PAY-010", "--at", f"{DAY} 16:00")
    cli("task", "block", "PAY-010", "--at", f"{DAY} 16:10", "--reason", "payroll run late")
    status = cli.json("status", "--as-of", f"{DAY} 16:45")
    cutover = status["sections"]["cutover"]
    assert cutover["failed"] == [{
        "key": "FIN-010", "title": "Freeze ledger", "system": "raindance", "owner": "Satu",
        "reason": "ledger still open", "since": "2026-12-31T14:40:00Z"}]
    failed = {"level": "red", "system": "raindance",
              "reason": "FIN-010 failed (owner Satu, since 2026-12-31 16:40): ledger still open",
              "code": "task-failed",
              "params": {"task": "FIN-010", "owner": "Satu", "since": "2026-12-31 16:40",
                         "note": "ledger still open"}}
    assert failed in cutover["signals"]
    blocked = [s for s in cutover["signals"] if s["code"] == "task-blocked"]
    assert [(s["level"], s["system"], s["reason"]) for s in blocked] == [
        ("red", None, "PAY-010 is blocked (owner Timo, since 2026-12-31 16:10): payroll run "
                      "late")]
    readiness = {s["key"]: s for s in status["readiness"]["systems"]}
    assert readiness["raindance"]["rag"] == "red"
    assert status["readiness"]["overall"] == "red"
    table = cli("status", "--as-of", f"{DAY} 16:45").stdout
    assert "FIN-010 failed (owner Satu, since 2026-12-31 16:40)" in table
    assert "Failed" in table and "ledger still open" in table
    fi = cli("status", "-f", "markdown", "--lang", "fi", "--as-of", f"{DAY} 16:45").stdout
    assert "FIN-010 epäonnistui (vastuuhenkilö Satu, 2026-12-31 16:40 alkaen)" in fi


def test_finish_refuses_failed_or_blocked_tasks_and_its_counts_add_up(
        cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    cli("cutover", "run", "start", "rehearsal-2", "--at", f"{DAY} 15:00")
    cli("task", "start", "FIN-010", "--at", f"{DAY} 16:00")
    cli("task", "fail", "FIN-010", "--at", f"{DAY} 16:40")
    cli("task", "block", "PAY-010", "--at", f"{DAY} 16:10", "--reason", "payroll run late")
    before = snapshot(cli.db_url)
    refused = cli("cutover", "run", "finish", "--at", f"{DAY} 18:00", code=2)
    assert ("2 task(s) of rehearsal-2 are in progress, failed or blocked (FIN-010 failed, "
            "PAY-010 blocked)") in refused.stderr
    assert "--force" in refused.stderr
    assert snapshot(cli.db_url) == before
    finished = cli("cutover", "run", "finish", "--at", f"{DAY} 18:00", "--force")
    assert finished.stdout.strip() == (
        "finished run rehearsal-2: 0 done, 0 skipped, 1 failed, 1 blocked, 1 todo of 3")


def test_a_rehearsal_in_the_demo_leaves_the_production_cutover_date(bare_cli: Cli) -> None:
    bare_cli("demo", "-f", "json")
    as_of = "2026-11-22 10:00"
    before = bare_cli.json("status", "--as-of", as_of)["header"]
    assert before["cutover_start"] == {"at": "2026-12-31T14:00:00Z", "days": 39}  # the window
    assert before["run"] is None
    bare_cli("cutover", "run", "start", "rehearsal-2", "--at", as_of)
    header = bare_cli.json("status", "--as-of", as_of)["header"]
    assert header["cutover_start"] == before["cutover_start"]
    assert header["run"] == {"name": "rehearsal-2", "kind": "rehearsal",
                             "started_at": "2026-11-22T08:00:00Z"}
    screen = bare_cli("status", "--as-of", as_of).stdout
    assert "rehearsal-2 (rehearsal) running" in screen
    assert "production cutover starts in 39 d" in screen
    assert "cutover starts today" not in screen
    # the documents name the run too, in the language asked for
    markdown = bare_cli("status", "--as-of", as_of, "-f", "markdown").stdout
    assert "rehearsal-2 (rehearsal, running)" in markdown
    finnish = bare_cli("status", "--as-of", as_of, "-f", "html", "--lang", "fi").stdout
    assert "rehearsal-2 (harjoitus, käynnissä)" in finnish


def test_undo_reverts_the_last_transition_audited(cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    cli("cutover", "run", "start", "rehearsal-2", "--at", f"{DAY} 15:00")
    cli("task", "start", "FIN-010", "--at", f"{DAY} 16:00")
    cli("task", "fail", "FIN-010", "--at", f"{DAY} 17:00", "--reason", "oops")
    before = snapshot(cli.db_url)
    assert "--reason" in cli("task", "undo", "FIN-010", code=2).stderr
    assert snapshot(cli.db_url) == before
    undone = cli.json("task", "undo", "FIN-010", "--reason", "meant done, not fail")
    assert (undone["from"], undone["to"]) == ("failed", "in_progress")
    shown = cli.json("task", "show", "FIN-010")
    assert shown["status"] == "in_progress" and shown["note"] is None
    assert shown["actual_start"] == "2026-12-31T14:00:00Z" and shown["actual_end"] is None
    cli("task", "done", "FIN-010", "--at", f"{DAY} 17:00")
    assert cli.json("task", "show", "FIN-010")["status"] == "done"
    event = cli.json("log", "--entity", "task:FIN-010")[1]
    assert event["action"] == "undo"
    assert event["summary"] == ("FIN-010 in rehearsal-2: failed → in_progress (undid failed: "
                                "meant done, not fail)")
    # undo twice walks back: done → in progress, then the undo of the fail is kept, then start
    cli("task", "undo", "FIN-010", "--reason", "not done after all")
    assert cli.json("task", "undo", "FIN-010", "--reason", "not started")["to"] == "todo"
    before = snapshot(cli.db_url)
    refused = cli("task", "undo", "FIN-010", "--reason", "again", code=2)
    assert "nothing to undo: FIN-010 has no transition left to revert in rehearsal-2" \
        in refused.stderr
    assert snapshot(cli.db_url) == before


def test_listings_show_times_in_the_programme_zone_labelled_once(
        cli: Cli, tmp_path: Path) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.mapping_data import mapping_csv, setup_reference

    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    for args in (("chart", "list"), ("dimension", "list"), ("mapping", "sets")):
        rows = cli.json(*args)
        utc = datetime.fromisoformat(rows[0]["imported_at"])
        local = utc.astimezone(ZoneInfo("Europe/Helsinki"))
        screen = cli(*args).stdout
        assert screen.count("Imported (Europe/Helsinki)") == 1, screen
        assert local.strftime("%Y-%m-%d %H:%M") in screen
        if local.strftime("%H") != utc.strftime("%H"):
            assert utc.strftime("%Y-%m-%d %H:%M") not in screen
    report = cli("report", "-f", "markdown", "--as-of", "2026-11-22 12:00").stdout
    assert "2026-11-22 12:00 (Europe/Helsinki)" in report
