"""A cutover walked through: runs, transitions, gates, re-planning, compare, concurrency."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot, write_csv

# Planned (Europe/Helsinki, +02:00): G0 14:00–15:00, MS-010 16:00, FIN-010 16:00–17:00,
# FIN-020 17:00–19:00, PAY-010 16:00–16:30, G1 19:00–19:30, FIN-030 19:30–21:30, MS-020 21:30.
RUNBOOK = (
    "key;title;workstream;owner;kind;duration;depends_on;planned_start\n"
    "G0;Go/no-go: start;Yleinen;Riikka;gate;1h;;31.12.2026 14:00\n"
    "MS-010;Cutover starts;Yleinen;Tuomas;milestone;0m;G0;31.12.2026 16:00\n"
    "FIN-010;Freeze ledger;Talous;Satu;task;1h;MS-010;\n"
    "FIN-020;Extract balances;Talous;Marko;task;2h;FIN-010;\n"
    "PAY-010;Lock payroll;Palkat;Timo;task;30m;MS-010;\n"
    "G1;Go/no-go: load;Yleinen;Riikka;gate;30m;FIN-020,PAY-010;\n"
    "FIN-030;Load opening balances;Talous;Antti;task;2h;G1;\n"
    "MS-020;Cutover done;Yleinen;Tuomas;milestone;0m;FIN-030;\n"
)
DAY = "31.12.2026"


def _runbook(cli: Cli, tmp_path: Path) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))


def _plan(cli: Cli, *args: str) -> dict[str, dict[str, object]]:
    document = cli.json("task", "plan", *args)
    return {t["key"]: t for t in document["tasks"]} | {"_": document}


def test_plan_json_shape_and_hand_checked_values(cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    document = cli.json("task", "plan")
    assert list(document) == ["start", "end", "critical_path", "tasks"]
    assert document["start"] == "2026-12-31T12:00:00Z"  # G0's fixed 14:00 +02:00
    assert document["end"] == "2026-12-31T19:30:00Z"  # MS-020 at 21:30 +02:00
    assert document["critical_path"] == ["G0", "MS-010", "FIN-010", "FIN-020", "G1",
                                         "FIN-030", "MS-020"]
    first = document["tasks"][0]
    assert list(first) == ["key", "earliest_start", "earliest_finish", "latest_start",
                           "latest_finish", "slack_minutes", "critical"]
    tasks = {t["key"]: t for t in document["tasks"]}
    assert [t["key"] for t in document["tasks"]] == [
        "G0", "MS-010", "FIN-010", "PAY-010", "FIN-020", "G1", "FIN-030", "MS-020"]
    assert tasks["PAY-010"] == {
        "key": "PAY-010", "earliest_start": "2026-12-31T14:00:00Z",
        "earliest_finish": "2026-12-31T14:30:00Z", "latest_start": "2026-12-31T16:30:00Z",
        "latest_finish": "2026-12-31T17:00:00Z", "slack_minutes": 150, "critical": False}
    assert tasks["FIN-020"]["slack_minutes"] == 0 and tasks["FIN-020"]["critical"]
    # G0 must be over by the fixed cutover start: it could finish an hour later, but its
    # appointment at 14:00 keeps it critical.
    assert tasks["G0"]["latest_finish"] == "2026-12-31T14:00:00Z"
    assert tasks["G0"]["slack_minutes"] == 0

    later = cli.json("task", "plan", "--start", f"{DAY} 18:00")
    assert later["start"] == "2026-12-31T16:00:00Z"
    # G0 now starts at 18:00 too, so the cutover start waits for it.
    assert {t["key"]: t for t in later["tasks"]}["MS-010"]["earliest_start"] == \
        "2026-12-31T17:00:00Z"
    table = cli("task", "plan").stdout
    assert "Critical path: G0 → MS-010 → FIN-010" in table
    assert "2026-12-31 16:00" in table  # shown in the programme's time zone


def test_transitions_need_an_active_run(cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    before = snapshot(cli.db_url)
    result = cli("task", "start", "G0", code=2)
    assert "no cutover run is active: start one with `migctl cutover run start NAME`" \
        in result.stderr
    assert snapshot(cli.db_url) == before


def test_a_full_cutover_walked_through(cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    started = cli.json("cutover", "run", "start", "production", "--at", f"{DAY} 13:00")
    assert started["kind"] == "production" and started["counts"]["todo"] == 8

    def refused(message: str, *args: str) -> None:
        before = snapshot(cli.db_url)
        result = cli(*args, code=2)
        assert message in result.stderr, result.stderr
        assert snapshot(cli.db_url) == before

    assert [t["key"] for t in cli.json("task", "next", "--as-of", f"{DAY} 13:05")] == ["G0"]
    refused("cannot start FIN-010: it depends on MS-010 (todo), not done yet; pass --force",
            "task", "start", "FIN-010", "--at", f"{DAY} 13:10")
    refused("cannot finish G0: it is a gate; record the decision with `migctl task decide G0 go",
            "task", "done", "G0")
    refused("cannot fail G0: it is todo; only a task in progress can fail", "task", "fail",
            "G0")
    cli("task", "start", "G0", "--at", f"{DAY} 14:00")
    refused("cannot start G0: it is already in_progress since 2026-12-31 14:00", "task",
            "start", "G0")
    decided = cli.json("task", "decide", "G0", "go", "--by", "Riikka Mäkelä", "--at",
                       f"{DAY} 15:00")
    assert (decided["from"], decided["to"]) == ("in_progress", "done")
    cli("task", "done", "MS-010", "--at", f"{DAY} 16:00")  # a milestone needs no start
    cli("task", "start", "PAY-010", "--at", f"{DAY} 16:00")
    cli("task", "start", "FIN-010", "--at", f"{DAY} 16:05")
    refused("cannot finish PAY-010: --at 2026-12-31 15:00 is before its actual start "
            "2026-12-31 16:00", "task", "done", "PAY-010", "--at", f"{DAY} 15:00")
    cli("task", "done", "PAY-010", "--at", f"{DAY} 16:40")
    refused("cannot finish FIN-020: it is todo, not started; `migctl task start FIN-020` first",
            "task", "done", "FIN-020")
    cli("task", "done", "FIN-010", "--at", f"{DAY} 17:35")  # 35 minutes late

    # Re-planning mid-cutover: done tasks use their actuals, nothing starts before now.
    plan = _plan(cli, "--as-of", f"{DAY} 17:40")
    assert plan["FIN-010"]["earliest_finish"] == "2026-12-31T15:35:00Z"
    assert plan["FIN-020"]["earliest_start"] == "2026-12-31T15:40:00Z"  # now, not 17:35
    assert plan["_"]["end"] == "2026-12-31T20:10:00Z"  # 40 minutes after the plan
    assert plan["_"]["critical_path"][-4:] == ["FIN-020", "G1", "FIN-030", "MS-020"]

    late = cli.json("task", "list", "--late", "--as-of", f"{DAY} 18:00")
    assert [t["key"] for t in late] == ["FIN-020"]  # should have started by 17:00
    status = cli.json("status", "--as-of", f"{DAY} 18:00")["sections"]["cutover"]
    assert status["run"]["name"] == "production"
    assert [t["key"] for t in status["late"]] == ["FIN-020"]
    assert status["late"][0]["critical"] is True
    assert {"level": "red", "system": None,
            "reason": "FIN-020 is late (should have started by 2026-12-31 17:00) and "
                      "critical", "code": "task-late",
            "params": {"task": "FIN-020", "latest_start": "2026-12-31 17:00"}} in status["signals"]
    assert status["forecast_end"] == "2026-12-31T20:30:00Z"  # FIN-020 can start at 18:00
    assert any(s["level"] == "amber" and "after the planned end" in s["reason"]
               for s in status["signals"])
    assert status["progress"]["done"] == 4 and status["progress"]["total"] == 8
    assert status["progress"]["pct"] == 50.0
    assert status["on_time_pct"] == 75.0  # FIN-010 ended 17:35, its latest finish was 17:00
    assert status["burndown"]["run"] == "production"
    assert status["burndown"]["actual"] == [
        ["2026-12-31T11:00:00Z", 8], ["2026-12-31T13:00:00Z", 7], ["2026-12-31T14:00:00Z", 6],
        ["2026-12-31T14:40:00Z", 5], ["2026-12-31T15:35:00Z", 4]]
    assert [n["key"] for n in status["next"]] == ["FIN-020"]

    cli("task", "start", "FIN-020", "--at", f"{DAY} 18:00")
    failed = cli.json("task", "fail", "FIN-020", "--at", f"{DAY} 19:00", "--reason",
                      "mapping errors")
    assert failed["to"] == "failed"
    assert cli.json("task", "show", "FIN-020")["note"] == "mapping errors"
    cli("task", "start", "FIN-020", "--at", f"{DAY} 19:10")  # failed → started again
    cli("task", "done", "FIN-020", "--at", f"{DAY} 21:00")

    cli("task", "start", "G1", "--at", f"{DAY} 21:00")
    no_go = cli.json("task", "decide", "G1", "no-go", "--by", "Riikka", "--note",
                     "balances differ", "--at", f"{DAY} 21:30")
    assert no_go["to"] == "failed" and no_go["blocked"] == ["FIN-030", "MS-020"]
    blocked = cli.json("task", "list", "--blocked")
    assert [t["key"] for t in blocked] == ["FIN-030", "MS-020"]
    assert blocked[0]["block_reason"] == "no-go at G1 by Riikka: balances differ"
    assert blocked[0]["blocked_by"] == "G1"
    refused("cannot start FIN-030: it is blocked (no-go at G1 by Riikka: balances differ)",
            "task", "start", "FIN-030", "--force")
    refused("cannot unblock FIN-030: the no-go on G1 still stands", "task", "unblock",
            "FIN-030")
    status = cli.json("status", "--as-of", f"{DAY} 21:35")["sections"]["cutover"]
    reasons = [(s["level"], s["reason"]) for s in status["signals"]]
    assert ("red", "no-go at G1 by Riikka: balances differ") in reasons
    assert ("red", "FIN-030 is blocked (owner Antti, since 2026-12-31 21:30): no-go at G1 by "
            "Riikka: balances differ") in reasons
    assert status["gates_awaiting"][0]["key"] == "G1"
    assert status["gates_awaiting"][0]["decision"]["decision"] == "no-go"

    go = cli.json("task", "decide", "G1", "go", "--by", "Riikka", "--note", "fixed",
                  "--at", f"{DAY} 23:00")
    assert go["to"] == "done" and go["released"] == ["FIN-030", "MS-020"]
    assert cli.json("task", "list", "--blocked") == []
    decisions = cli.json("task", "show", "G1")["decisions"]
    assert [d["decision"] for d in decisions] == ["no-go", "go"]

    cli("task", "start", "FIN-030", "--at", f"{DAY} 23:05")
    refused("1 task(s) of production are in progress, failed or blocked (FIN-030 in "
            "progress); finish, skip or undo them first", "cutover", "run", "finish", "--at",
            "1.1.2027 00:00")
    cli("task", "done", "FIN-030", "--at", "1.1.2027 01:00")
    cli("task", "done", "MS-020", "--at", "1.1.2027 01:00")
    assert cli.json("task", "next") == []
    finished = cli.json("cutover", "run", "finish", "--at", "1.1.2027 01:10")
    assert finished["status"] == "finished" and finished["counts"]["done"] == 8
    assert finished["elapsed_minutes"] == 12 * 60 + 10
    cli("task", "start", "FIN-010", code=2)  # no run is active any more

    compared = cli.json("cutover", "run", "compare", "production")
    fin = {t["key"]: t for t in compared["tasks"]}
    assert fin["FIN-010"]["runs"] == [{"status": "done", "actual_minutes": 90,
                                       "overrun_minutes": 30}]
    assert fin["FIN-020"]["runs"][0]["actual_minutes"] == 110  # since the restart
    # G1 was held from 21:00 until the go at 23:00: 2 h for a 30-minute gate.
    assert [(o["key"], o["overrun_minutes"]) for o in compared["biggest_overruns"]] == [
        ("G1", 90), ("FIN-010", 30), ("PAY-010", 10)]
    log = cli.json("log", "--entity", "task:G1")
    assert [e["action"] for e in log[:3]] == ["decide", "decide", "transition"]


def test_skip_block_unblock_and_force(cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    cli("cutover", "run", "start", "rehearsal-2", "--at", "4.12.2026 13:00")
    assert cli.json("cutover", "run", "list")[0]["kind"] == "rehearsal"
    result = cli("task", "block", "PAY-010", code=2)
    assert "block needs a --reason" in result.stderr
    cli("task", "block", "PAY-010", "--reason", "payroll vendor unavailable")
    assert cli.json("task", "show", "PAY-010")["block_reason"] == "payroll vendor unavailable"
    cli("task", "unblock", "PAY-010")
    assert cli.json("task", "show", "PAY-010")["status"] == "todo"
    forced = cli.json("task", "start", "FIN-010", "--force", "--at", "4.12.2026 14:00")
    assert forced["to"] == "in_progress"
    cli("task", "block", "FIN-010", "--reason", "waiting for a fix")
    resumed = cli.json("task", "unblock", "FIN-010")
    assert resumed["to"] == "in_progress"  # it had started
    skipped = cli.json("task", "skip", "PAY-010", "--reason", "not rehearsed")
    assert skipped["to"] == "skipped"
    result = cli("task", "skip", "FIN-010", code=2)
    assert "it is in_progress; mark it done or failed first" in result.stderr
    other = cli("cutover", "run", "start", "rehearsal-3", code=2)
    assert "cutover run 'rehearsal-2' is still active; finish it first" in other.stderr
    # A task done with --force although it never started, and the run addressed by name.
    cli("task", "done", "FIN-020", "--force", "--run", "rehearsal-2", "--at",
        "4.12.2026 15:00")
    shown = cli.json("task", "show", "FIN-020")
    assert shown["actual_start"] == shown["actual_end"] == "2026-12-04T13:00:00Z"


def test_a_stale_update_is_refused(cli: Cli, tmp_path: Path) -> None:
    """Two commands read the same task; the one that writes second must not win."""
    from migctl.errors import Conflict
    from migctl.services.runbook.read import load_runbook
    from migctl.services.runbook.runs import active_run
    from migctl.services.runbook.transitions import _write
    from migctl.store.engine import make_engine, session_scope

    _runbook(cli, tmp_path)
    cli("cutover", "run", "start", "production")
    engine = make_engine(cli.db_url)
    with session_scope(engine) as session:
        run = active_run(session)
        assert run is not None
        stale = load_runbook(session, run).states[0]  # G0 as another process read it
    cli("task", "start", "G0")  # this one wins
    before = snapshot(cli.db_url)
    with pytest.raises(Conflict, match="G0 was changed in production by someone else"), \
            session_scope(engine, write=True) as session:
        _write(session, run, "G0", stale, status="skipped")
    assert snapshot(cli.db_url) == before
    assert cli.json("task", "show", "G0")["state_version"] == stale.version + 1


def test_run_import_actuals_and_compare_two_runs(cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    actuals = write_csv(tmp_path / "r1.csv", (
        "key;status;actual_start;actual_end\n"
        "G0;done;2026-10-16T13:00:00+03:00;2026-10-16T14:00:00+03:00\n"
        "MS-010;done;2026-10-16T16:00:00+03:00;2026-10-16T16:00:00+03:00\n"
        "FIN-010;done;2026-10-16T16:00:00+03:00;2026-10-16T17:30:00+03:00\n"
        "FIN-020;done;2026-10-16T17:30:00+03:00;2026-10-16T19:00:00+03:00\n"
        "PAY-010;skipped;;\n"
    ))
    summary = cli.json("cutover", "run", "import", "rehearsal-1", actuals, "--finish")
    assert summary["created_run"] and summary["finished"]
    assert summary["by_status"]["done"] == 4 and summary["by_status"]["skipped"] == 1
    runs = cli.json("cutover", "run", "list")
    assert runs[0]["started_at"] == "2026-10-16T10:00:00Z"
    assert runs[0]["finished_at"] == "2026-10-16T16:00:00Z"
    assert runs[0]["counts"] == {"todo": 3, "in_progress": 0, "done": 4, "failed": 0,
                                 "skipped": 1, "blocked": 0, "total": 8}

    second = write_csv(tmp_path / "r2.csv", (
        "key;status;actual_start;actual_end\n"
        "FIN-010;done;4.12.2026 16:00;4.12.2026 16:50\n"
        "FIN-020;in_progress;4.12.2026 16:50;\n"
    ))
    cli("cutover", "run", "import", "rehearsal-2", second)
    compared = cli.json("cutover", "run", "compare", "rehearsal-1", "rehearsal-2")
    assert [r["name"] for r in compared["runs"]] == ["rehearsal-1", "rehearsal-2"]
    assert compared["runs"][0]["work"] == {"done": 4, "planned_minutes": 240,
                                           "actual_minutes": 240, "overrun_minutes": 0}
    tasks = {t["key"]: t for t in compared["tasks"]}
    assert tasks["FIN-010"]["runs"] == [
        {"status": "done", "actual_minutes": 90, "overrun_minutes": 30},
        {"status": "done", "actual_minutes": 50, "overrun_minutes": -10}]
    assert tasks["FIN-020"]["runs"][1] == {"status": "in_progress", "actual_minutes": None,
                                           "overrun_minutes": None}
    streams = {w["workstream"]: w for w in compared["workstreams"]}
    assert streams["Talous"]["runs"][0] == {"done": 2, "planned_minutes": 180,
                                            "actual_minutes": 180, "overrun_minutes": 0}
    assert compared["biggest_overruns"] == [{
        "run": "rehearsal-1", "key": "FIN-010", "title": "Freeze ledger",
        "workstream": "Talous", "planned_minutes": 60, "actual_minutes": 90,
        "overrun_minutes": 30, "ratio": 1.5}]
    assert "Biggest overruns" in cli("cutover", "run", "compare", "rehearsal-1",
                                     "rehearsal-2").stdout


def test_run_import_refusals_write_nothing(cli: Cli, tmp_path: Path) -> None:
    _runbook(cli, tmp_path)
    header = "key;status;actual_start;actual_end\n"
    cases = {
        "unknown.csv": (header + "ZZ-1;done;1.1.2027 10:00;1.1.2027 11:00\n",
                        "unknown.csv:2:key: unknown task 'ZZ-1'"),
        "status.csv": (header + "G0;finished;;\n", "status.csv:2:status: 'finished' is not a "
                                                   "status"),
        "end.csv": (header + "G0;done;1.1.2027 10:00;\n",
                    "end.csv:2:actual_end: a done task needs both actual_start and actual_end"),
        "order.csv": (header + "G0;done;1.1.2027 10:00;1.1.2027 09:00\n",
                      "order.csv:2:actual_end: is before actual_start"),
        "dup.csv": (header + "G0;skipped;;\nG0;skipped;;\n",
                    "dup.csv:3:key: duplicate key 'G0' (first on row 2)"),
        "todo.csv": (header + "G0;todo;1.1.2027 10:00;\n",
                     "todo.csv:2:actual_start: a todo task has no actual times"),
        "running.csv": (header + "G0;in_progress;1.1.2027 10:00;\n",
                        "running.csv:2:status: a run cannot finish with tasks in progress"),
    }
    for name, (text, message) in cases.items():
        before = snapshot(cli.db_url)
        result = cli("cutover", "run", "import", "r1", write_csv(tmp_path / name, text),
                     "--finish", code=2)
        assert message in result.stderr, result.stderr
        assert snapshot(cli.db_url) == before
    cli("cutover", "run", "import", "r1", write_csv(tmp_path / "ok.csv", header + "G0;skipped;;\n"),
        "--finish")
    result = cli("cutover", "run", "import", "r1", write_csv(tmp_path / "ok2.csv",
                                                             header + "G0;skipped;;\n"), code=2)
    assert "cutover run 'r1' has finished; its actuals are closed" in result.stderr
