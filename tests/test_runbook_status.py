"""The sample city's runbook: demo, status section and signals, timeline, settings."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli

TODAY = "2026-11-22 09:00"


def test_demo_loads_the_runbook_and_a_finished_rehearsal(bare_cli: Cli) -> None:
    text = bare_cli("demo").stdout
    assert "Cutover" in text and "Last rehearsal  rehearsal-1" in text
    tasks = bare_cli.json("task", "list")
    assert len(tasks) >= 60
    assert {t["kind"] for t in tasks} == {"task", "milestone", "gate"}
    assert all(t["status"] == "todo" and t["run"] is None for t in tasks)  # production waits
    runs = bare_cli.json("cutover", "run", "list")
    assert [(r["name"], r["kind"], r["status"]) for r in runs] == [
        ("rehearsal-1", "rehearsal", "finished")]
    assert runs[0]["counts"]["done"] == 60 and runs[0]["counts"]["skipped"] == 11

    section = bare_cli.json("status", "--as-of", TODAY)["sections"]["cutover"]
    assert list(section) == [
        "timezone", "run", "planned_start", "planned_end", "forecast_end", "cutover_end",
        "window", "go_live", "progress", "on_time_pct", "burndown", "milestones", "late",
        "blocked", "failed", "gates_awaiting", "gates", "next", "last_rehearsal", "signals"]
    assert section["run"] is None and section["signals"] == []
    assert section["window"] == {"start": "2026-12-31T14:00:00Z", "end": "2027-01-03T18:00:00Z"}
    assert section["planned_start"] == "2026-12-30T12:00:00Z"  # GATE-0, the day before
    assert section["go_live"] == {"key": "MS-030", "planned": "2027-01-04T05:00:00Z",
                                  "forecast": "2027-01-04T05:00:00Z"}
    assert section["cutover_end"]["planned"] < section["window"]["end"]  # the plan fits
    assert [n["key"] for n in section["next"]] == ["GATE-0"]
    rehearsal = section["last_rehearsal"]
    assert rehearsal["name"] == "rehearsal-1"
    assert rehearsal["work"]["actual_minutes"] > rehearsal["work"]["planned_minutes"]
    assert [o["key"] for o in rehearsal["biggest_overruns"]] == ["FIN-060", "HR-020", "PAY-030"]
    assert section["progress"]["total"] == len(tasks)
    assert section["progress"]["pct"] is None  # no run in progress
    # No run is active: the burndown shows rehearsal 1 (its 60 tasks, skipped ones left out).
    burndown = section["burndown"]
    assert burndown["run"] == "rehearsal-1"
    assert burndown["actual"][0] == ["2026-10-16T10:00:00Z", 60]
    assert burndown["actual"][-1] == ["2026-10-18T13:00:00Z", 0]
    assert burndown["planned"][0][1] == 60 and burndown["planned"][-1][1] == 0
    assert [m["key"] for m in section["milestones"]] == ["MS-010", "MS-020", "MS-030", "HC-070"]
    assert section["milestones"][2] == {
        "key": "MS-030", "title": "Go-live: uudet järjestelmät käytössä",
        "planned": "2027-01-04T05:00:00Z", "forecast": "2027-01-04T05:00:00Z",
        "status": "todo"}

    compared = bare_cli.json("cutover", "run", "compare", "rehearsal-1")
    fin060 = next(t for t in compared["tasks"] if t["key"] == "FIN-060")
    assert fin060["planned_minutes"] == 180 and fin060["runs"][0]["actual_minutes"] == 395
    skipped = next(t for t in compared["tasks"] if t["key"] == "SSO-040")
    assert skipped["runs"][0] == {"status": "skipped", "actual_minutes": None,
                                  "overrun_minutes": None}

    plan = bare_cli.json("task", "plan", "--as-of", TODAY)
    assert plan["end"] == "2027-01-29T14:00:00Z"  # hypercare ends
    assert plan["critical_path"][0] == "GATE-0" and plan["critical_path"][-1] == "HC-070"
    assert "GATE-2" in plan["critical_path"] and "MS-030" in plan["critical_path"]
    # Rehearsal 1 re-planned with its actuals: every done task where it really happened.
    replay = {t["key"]: t for t in bare_cli.json("task", "plan", "--run", "rehearsal-1")["tasks"]}
    assert replay["FIN-060"]["earliest_start"] == "2026-10-16T23:45:00Z"


def test_status_during_the_window_without_a_run_shows_late_tasks(bare_cli: Cli) -> None:
    bare_cli("demo")
    as_of = "2.1.2027 00:00"
    section = bare_cli.json("status", "--as-of", as_of)["sections"]["cutover"]
    late = {t["key"]: t for t in section["late"]}
    # The fixed-time tasks passed; FIN-010 had buffer until 1.1. 21:30 (before GATE-1).
    assert {"GATE-0", "MS-010", "FIN-010"} <= set(late)
    assert "GATE-1" not in late and "HC-010" not in late
    assert late["MS-010"]["critical"] is True and late["FIN-010"]["critical"] is False
    assert late["FIN-010"]["latest_start"] == "2027-01-01T19:30:00Z"
    red = [s for s in section["signals"] if s["level"] == "red"]
    assert {"level": "red", "system": None, "reason": "MS-010 is late (should have started "
            "by 2026-12-31 16:00) and critical", "code": "task-late",
            "params": {"task": "MS-010", "latest_start": "2026-12-31 16:00"}} in red
    assert not any("FIN-010" in s["reason"] for s in section["signals"])  # late, not critical
    listed = bare_cli.json("task", "list", "--late", "--as-of", as_of)
    assert {t["key"] for t in listed} == set(late)
    assert all(t["late"] for t in listed)


def test_a_plan_that_overruns_the_window_is_red(bare_cli: Cli) -> None:
    bare_cli("demo")
    bare_cli("settings", "set", "cutover.window_end", "3.1.2027 12:00")
    section = bare_cli.json("status", "--as-of", TODAY)["sections"]["cutover"]
    assert any(s["level"] == "red" and "after the window end 2027-01-03 12:00" in s["reason"]
               for s in section["signals"])
    result = bare_cli("settings", "set", "cutover.window_end", "someday", code=2)
    assert "setting cutover.window_end: 'someday' is not a date and time" in result.stderr
    result = bare_cli("settings", "set", "cutover.go_live", "bad key!", code=2)
    assert "is not a valid task key" in result.stderr
    assert "cutover.window_start" in bare_cli.json("settings", "list")


def test_empty_runbook_status(cli: Cli) -> None:
    section = cli.json("status")["sections"]["cutover"]
    assert section["progress"]["total"] == 0 and section["signals"] == []
    assert "no runbook yet" in cli("status").stdout


def test_timeline_draws_bars_milestones_and_the_now_line(bare_cli: Cli, tmp_path: Path) -> None:
    bare_cli("demo")
    out = tmp_path / "timeline.txt"
    bare_cli("task", "timeline", "--as-of", "2027-01-01 12:00", "--to", "2027-01-04 08:00",
             "--output", out)
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("Timeline (no run)")
    gate0 = next(line for line in lines if line.startswith("GATE-0"))
    assert "█" in gate0
    assert "◆" in next(line for line in lines if line.startswith("MS-010"))
    rows = [line for line in lines if line[:1].isalpha() and line.split()[0].isupper()]
    now_columns = {line.index("│") for line in rows if "│" in line}
    assert len(now_columns) == 1  # one vertical now-line
    assert "now 2027-01-01 12:00" in text
    assert not any(line.startswith("HC-070") for line in lines)  # outside the range

    sso = tmp_path / "sso.txt"
    bare_cli("task", "timeline", "--workstream", "sso", "--output", sso)
    keys = {line.split()[0] for line in sso.read_text(encoding="utf-8").splitlines()
            if line[:4] == "SSO-"}
    assert keys == {"SSO-010", "SSO-020", "SSO-030", "SSO-040", "SSO-050", "SSO-060"}
    rows = bare_cli.json("task", "timeline", "--critical", "--as-of", TODAY)
    assert rows and all(r["critical"] for r in rows)
    assert list(rows[0]) == [
        "key", "title", "workstream", "system", "owner", "kind", "status", "duration_minutes",
        "planned_start", "earliest_start", "earliest_finish", "latest_start", "latest_finish",
        "slack_minutes", "critical", "late"]
    result = bare_cli("task", "timeline", "--from", "2030-01-01", "--to", "2030-01-02")
    assert result.stdout.strip() == "no tasks in this range"


def test_a_cycle_in_the_store_is_reported_not_crashed_on(cli: Cli, tmp_path: Path) -> None:
    """Add, set and import refuse cycles; one written behind migctl's back (a hand edit) makes
    planning refuse with the tasks named, and status shows it in the cutover section."""
    from sqlalchemy import text

    from migctl.store.engine import make_engine

    cli("task", "add", "A", "--title", "a", "--duration", "1h")
    cli("task", "add", "B", "--title", "b", "--duration", "1h", "--depends-on", "A")
    with make_engine(cli.db_url).begin() as connection:
        ids = dict(connection.execute(text("SELECT key, id FROM task")).all())
        connection.execute(text("INSERT INTO task_dependency (task_id, depends_on_id) "
                                "VALUES (:a, :b)"), {"a": ids["A"], "b": ids["B"]})
    refused = cli("task", "plan", code=2)
    assert "dependency cycle" in refused.stderr and "A → B → A" in refused.stderr
    status = cli.json("status")
    assert "A → B → A" in status["sections"]["cutover"]["error"]
    assert status["readiness"]["overall"] == "red"
    assert "dependency cycle" in cli("status").stdout
    for fmt in ("markdown", "html"):
        assert "dependency cycle" in cli("status", "-f", fmt).stdout
    cli("report", "-o", tmp_path / "r.html")
