"""Every KPI value carries its age; a stale one says so (issue 17)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, write_csv
from tests.gates_data import check, city

RUNBOOK = (
    "key;title;workstream;owner;kind;duration;depends_on;planned_start\n"
    "T1;First;Talous;Satu;task;1h;;31.12.2026 16:00\n"
    "T2;Second;Talous;Marko;task;1h;T1;\n"
)


def _kpis(cli: Cli, *args: str) -> dict[str, dict]:
    return {k["name"]: k for k in cli.json("status", *args)["sections"]["kpis"]["kpis"]}


def test_a_recorded_value_carries_its_age_and_a_week_old_one_is_stale(cli: Cli) -> None:
    cli("kpi", "define", "ostolaskut_5pv", "--unit", "%", "--direction", "up")
    cli("kpi", "define", "palkka_virheet", "--unit", "kpl", "--direction", "down")
    cli("kpi", "record", "ostolaskut_5pv", "91,5", "--at", "20.11.2026 09:00")
    cli("kpi", "record", "palkka_virheet", "4", "--at", "30.11.2026 10:00")
    kpis = _kpis(cli, "--as-of", "30.11.2026 12:00")
    assert (kpis["palkka_virheet"]["age_minutes"], kpis["palkka_virheet"]["stale"]) == (120, False)
    old = kpis["ostolaskut_5pv"]
    assert (old["age_minutes"], old["stale"]) == (10 * 24 * 60 + 180, True)
    assert old["stale_reason"] == "the latest value is 10d3h old"
    table = cli("status", "--as-of", "30.11.2026 12:00").stdout
    assert "10d3h stale" in table and "2h" in table
    listed = {k["name"]: k for k in cli.json("kpi", "list")}
    assert listed["ostolaskut_5pv"]["stale"] is True
    assert listed["palkka_virheet"]["age_minutes"] > 0
    assert "Age" in cli("kpi", "list").stdout


def test_a_builtin_snapshot_contradicted_by_the_live_section_is_stale(
        cli: Cli, tmp_path: Path) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))
    cli("cutover", "run", "start", "rehearsal-1")
    cli("task", "done", "T1", "--force")
    live = _kpis(cli)["tasks_done_pct"]
    assert (live["value"], live["source"], live["age_minutes"], live["stale"]) == (
        50.0, "live", 0, False)
    cli("kpi", "snapshot")
    cli("cutover", "run", "finish", "--force")
    shown = _kpis(cli)["tasks_done_pct"]  # no run in progress: 0 of 2 done, not 50 %
    assert (shown["value"], shown["source"], shown["stale"]) == (50.0, "snapshot", True)
    assert shown["stale_reason"].startswith("the cutover section has no current value for it")
    assert "stale" in cli("status").stdout


def test_kpi_criteria_refuse_a_value_older_than_the_max_age(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("kpi", "define", "palkka_virheet", "--unit", "kpl", "--direction", "down")
    cli("task", "criteria", "add", "G1", "-r", "kpi:palkka_virheet<=5")
    cli("kpi", "record", "palkka_virheet", "2", "--at", "16.11.2026 08:00")
    stale = check(cli, "--as-of", "20.11.2026 08:00", code=1)["criteria"][0]
    assert stale["message"] == (
        "palkka_virheet = 2 at 2026-11-16 08:00 is 4d old, older than the max age 1d "
        "(`kpi record`, `kpi snapshot`, or a longer --max-age)")
    assert stale["evidence"]["stale"] is True and stale["evidence"]["age_minutes"] == 4 * 1440
    fresh = check(cli, "--as-of", "20.11.2026 08:00", "--max-age", "5d", code=0)["criteria"][0]
    assert fresh["passed"] is True and fresh["evidence"]["max_age_minutes"] == 5 * 1440
