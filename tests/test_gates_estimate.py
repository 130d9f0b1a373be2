"""`task estimate`: durations from two rehearsals, medians and p90 computed by hand."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, snapshot, write_csv

# S → A (1h) → B (2h) → E is the critical path; C (30m) runs beside A and B with 2h30m slack.
RUNBOOK = (
    "key;title;owner;kind;duration;depends_on\n"
    "S;Start;Tuomas;milestone;0m;\n"
    "A;Freeze;Satu;task;1h;S\n"
    "B;Extract;Marko;task;2h;A\n"
    "C;Notify users;Outi;task;30m;S\n"
    "E;End;Tuomas;milestone;0m;B,C\n"
)


def _actuals(day: str, a: tuple[str, str], b: tuple[str, str], c: tuple[str, str]) -> str:
    rows = ["key;status;actual_start;actual_end", f"S;done;{day} 10:00;{day} 10:00"]
    rows += [f"{key};done;{day} {start};{day} {end}"
             for key, (start, end) in (("A", a), ("B", b), ("C", c))]
    rows.append(f"E;done;{day} {b[1]};{day} {b[1]}")
    return "\n".join(rows) + "\n"


def _two_rehearsals(cli: Cli, tmp_path: Path) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))
    # rehearsal-1: A 70 min, B 150 min, C 40 min; rehearsal-2: A 90, B 130, C 25.
    first = _actuals("1.10.2026", ("10:00", "11:10"), ("11:10", "13:40"), ("10:00", "10:40"))
    second = _actuals("8.10.2026", ("10:00", "11:30"), ("11:30", "13:40"), ("10:00", "10:25"))
    cli("cutover", "run", "import", "rehearsal-1", write_csv(tmp_path / "r1.csv", first),
        "--finish")
    cli("cutover", "run", "import", "rehearsal-2", write_csv(tmp_path / "r2.csv", second),
        "--finish")


def _by_key(document: dict) -> dict[str, dict]:
    return {row["key"]: row for row in document["tasks"]}


def test_medians_and_p90_from_two_rehearsals(cli: Cli, tmp_path: Path) -> None:
    _two_rehearsals(cli, tmp_path)
    document = cli.json("task", "estimate")
    assert document["runs"] == ["rehearsal-1", "rehearsal-2"] and document["plan"] == "baseline"
    rows = _by_key(document)
    assert sorted(rows) == ["A", "B", "C"]  # milestones take no time
    # Critical A: p90 of [70, 90] = 70 + 0.9 × (90 − 70) = 88.
    assert rows["A"] | {"title": None} == {
        "key": "A", "title": None, "workstream": "", "owner": "Satu", "critical": True,
        "statistic": "p90", "value": 88.0, "actual_minutes": [70, 90], "runs": 2,
        "old_minutes": 60, "new_minutes": 88, "change_minutes": 28, "old": "1h",
        "new": "1h28m", "changed": True}
    # Critical B: p90 of [150, 130] = 130 + 0.9 × 20 = 148.
    assert (rows["B"]["statistic"], rows["B"]["value"], rows["B"]["new_minutes"]) == \
        ("p90", 148.0, 148)
    # C has slack: the median of [40, 25] = 32.5, rounded up to 33 minutes.
    assert (rows["C"]["critical"], rows["C"]["statistic"], rows["C"]["value"],
            rows["C"]["new_minutes"]) == (False, "median", 32.5, 33)
    # The end moves by the critical path's change: (88 + 148) − (60 + 120) = 56 minutes.
    assert document["end"]["change_minutes"] == 56
    assert document["cutover_end"]["change_minutes"] == 56  # no go-live milestone: the end
    assert document["summary"] == {"estimated": 3, "changed": 3, "longer": 3, "shorter": 0,
                                   "without_actuals": 0}
    assert document["applied"] == []

    table = cli("task", "estimate").stdout
    assert "1h28m" in table and "+56m" in table and "pass --apply" in table


def test_runs_can_be_chosen(cli: Cli, tmp_path: Path) -> None:
    _two_rehearsals(cli, tmp_path)
    rows = _by_key(cli.json("task", "estimate", "--runs", "rehearsal-2"))
    # One sample each: p90 and median are the sample itself.
    assert [(k, rows[k]["new_minutes"]) for k in "ABC"] == [("A", 90), ("B", 130), ("C", 25)]
    assert cli.json("task", "estimate", "--runs", "rehearsal-2")["end"]["change_minutes"] == 40


def test_apply_writes_the_durations_audited(cli: Cli, tmp_path: Path) -> None:
    _two_rehearsals(cli, tmp_path)
    document = cli.json("task", "estimate", "--apply")
    assert document["applied"] == ["A", "B", "C"]
    tasks = {t["key"]: t for t in cli.json("task", "list")}
    assert [tasks[k]["duration_minutes"] for k in "ABC"] == [88, 148, 33]
    assert tasks["A"]["version"] == 2
    event = cli.json("log", "--entity", "task:A")[0]
    assert event["action"] == "estimate"
    assert event["summary"] == ("duration 1h → 1h28m (p90 of 2 actual(s) from rehearsal-1, "
                                "rehearsal-2)")
    assert event["before"] == {"duration_minutes": 60}
    assert event["after"]["duration_minutes"] == 88
    assert event["after"]["actual_minutes"] == [70, 90]
    summary = cli.json("log", "--entity", "runbook:durations")[0]
    assert summary["after"]["changed"] == ["A", "B", "C"]
    # Estimating again proposes nothing new.
    again = cli.json("task", "estimate", "--apply")
    assert again["summary"]["changed"] == 0 and again["applied"] == []


def test_estimates_need_finished_runs(cli: Cli, tmp_path: Path) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))
    before = snapshot(cli.db_url)
    assert "no finished rehearsal to estimate from" in \
        cli("task", "estimate", code=2).stderr
    assert "--runs: no cutover run 'rehearsal-9'" in \
        cli("task", "estimate", "--runs", "rehearsal-9", code=2).stderr
    cli("cutover", "run", "start", "rehearsal-3")
    result = cli("task", "estimate", "--runs", "rehearsal-3", "--apply", code=2)
    assert "cutover run rehearsal-3 is still active" in result.stderr
    assert cli.json("task", "list")[1]["duration_minutes"] == 60
    assert snapshot(cli.db_url)["task"] == before["task"]
