"""`task decide`: a go refused while criteria fail, overrides with a reason, evidence kept with
every decision; the status shows each gate's criteria state."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, snapshot
from tests.gates_data import city

AT = "31.12.2026 19:00"


def _failing_gate(cli: Cli, tmp_path: Path) -> None:
    """G1 needs fewer than 1 open high incident, and one is open; T1 and T2 are done."""
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "incidents-below:high:1", "-r", "tasks-done:T2")
    cli("incident", "add", "--severity", "high", "--title", "Ledger will not open",
        "--opened", "20.11.2026 09:00")
    cli("cutover", "run", "start", "production", "--at", "31.12.2026 15:55")
    for key, start, end in (("T1", "16:00", "17:00"), ("T2", "17:00", "19:00")):
        cli("task", "start", key, "--at", f"31.12.2026 {start}")
        cli("task", "done", key, "--at", f"31.12.2026 {end}")


def test_a_go_is_refused_while_a_criterion_fails(cli: Cli, tmp_path: Path) -> None:
    _failing_gate(cli, tmp_path)
    before = snapshot(cli.db_url)
    result = cli("task", "decide", "G1", "go", "--by", "Riikka", "--at", AT, code=2)
    assert result.stderr == (
        "error: cannot decide go on G1: 1 of 2 criteria fail [incidents-below:high:1: 1 "
        "incident(s) open at high or worse (must be fewer than 1)]; `migctl task gate-check "
        "G1` shows the evidence, --override --reason TEXT decides go anyway\n")
    assert snapshot(cli.db_url) == before

    table = cli("task", "gate-check", "G1", code=1).stdout
    assert "fail (1 of 2 criteria pass)" in table and "production" in table
    assert "incidents-below:high:1" in table and "FAIL" in table
    assert "all 1 task(s) done in production" in table


def test_override_needs_a_reason_and_only_applies_to_a_go(cli: Cli, tmp_path: Path) -> None:
    _failing_gate(cli, tmp_path)
    before = snapshot(cli.db_url)
    for args, message in (
        (["go", "--override"], "--override needs a --reason"),
        (["go", "--reason", "urgent"], "--reason goes with --override"),
        (["no-go", "--override", "--reason", "x"], "--override is for a go"),
        (["go", "--max-age", "0m"], "--max-age must be more than 0"),
    ):
        result = cli("task", "decide", "G1", *args, "--by", "Riikka", code=2)
        assert message in result.stderr, result.stderr
    assert snapshot(cli.db_url) == before


def test_an_overridden_go_keeps_the_reason_and_the_evidence(cli: Cli, tmp_path: Path) -> None:
    _failing_gate(cli, tmp_path)
    text = cli("task", "decide", "G1", "go", "--by", "Riikka", "--at", AT, "--override",
               "--reason", "INC-001 has a workaround").stdout
    assert text == ("G1 in production: todo → done\n"
                    "criteria overridden (1 of 2 failing): INC-001 has a workaround\n")
    decision = cli.json("task", "show", "G1")["decisions"][0]
    assert decision["decision"] == "go" and decision["override"] is True
    assert decision["reason"] == "INC-001 has a workaround"
    evidence = decision["evidence"]
    assert evidence["gate"] == "G1" and evidence["run"] == "production"
    assert evidence["override"] is True and evidence["passed"] is False
    assert evidence["counts"] == {"criteria": 2, "passed": 1, "failed": 1}
    failing = evidence["criteria"][0]
    assert failing["spec"] == "incidents-below:high:1" and failing["evidence"]["open"] == 1

    event = next(e for e in cli.json("log", "--entity", "task:G1") if e["action"] == "decide")
    assert event["summary"] == ("G1 in production: go by Riikka; criteria overridden: INC-001 "
                                "has a workaround")
    assert event["after"]["override"] is True
    assert event["after"]["reason"] == "INC-001 has a workaround"
    assert event["after"]["evidence"] == evidence  # the same snapshot in the audit log
    assert "1 of 2 passed" in cli("task", "show", "G1").stdout


def test_every_decision_keeps_its_evidence(cli: Cli, tmp_path: Path) -> None:
    _failing_gate(cli, tmp_path)
    document = cli.json("task", "decide", "G1", "no-go", "--by", "Riikka", "--at", AT,
                        "--note", "INC-001 open")
    assert document["to"] == "failed" and document["blocked"] == ["T3"]
    assert document["override"] is False and document["reason"] is None
    assert document["evidence"]["state"] == "fail"

    cli("incident", "close", "INC-001", "--resolution", "Index rebuilt")
    later = "31.12.2026 20:00"
    text = cli("task", "decide", "G1", "go", "--by", "Riikka", "--at", later).stdout
    assert text == ("G1 in production: failed → done; released: T3\n"
                    "criteria: 2 of 2 pass; the evidence is kept with the decision\n")
    again = cli("task", "decide", "G1", "go", "--by", "Riikka", "--at", later, "--override",
                "--reason", "just in case").stdout
    assert again.endswith("the criteria pass: --override had nothing to override\n")
    assert cli.json("task", "show", "G1")["decisions"][-1]["reason"] is None
    no_go, go, _ = cli.json("task", "show", "G1")["decisions"]
    assert no_go["override"] is False and no_go["evidence"]["counts"]["failed"] == 1
    assert go["override"] is False and go["reason"] is None
    assert go["evidence"]["passed"] is True and go["evidence"]["counts"]["passed"] == 2
    events = [e for e in cli.json("log", "--entity", "task:G1") if e["action"] == "decide"]
    assert [e["after"]["decision"] for e in events] == ["go", "go", "no-go"]  # newest first
    assert all(e["after"]["evidence"]["gate"] == "G1" for e in events)


def test_a_go_still_needs_its_dependencies(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "incidents-below:critical:1")
    cli("cutover", "run", "start", "production", "--at", "31.12.2026 15:55")
    result = cli("task", "decide", "G1", "go", "--by", "Riikka", code=2)
    assert "cannot pass G1: it depends on T2 (todo)" in result.stderr
    assert cli.json("task", "decide", "G1", "go", "--by", "Riikka", "--force")["to"] == "done"


def test_status_shows_each_gates_criteria_and_warns_a_week_ahead(
        cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "incidents-below:high:1")
    cli("incident", "add", "--severity", "high", "--title", "Ledger will not open",
        "--opened", "20.11.2026 09:00")
    early = cli.json("status", "--as-of", "20.12.2026 12:00")["sections"]["cutover"]
    assert early["gates"] == [{
        "key": "G1", "title": "Go/no-go: load", "system": None, "status": "todo",
        "planned_start": "2026-12-31T17:00:00Z", "state": "fail", "criteria": 1, "passed": 0,
        "failing": [{"spec": "incidents-below:high:1",
                     "message": "1 incident(s) open at high or worse (must be fewer than 1)"}]}]
    assert early["signals"] == []  # eleven days ahead

    soon = cli.json("status", "--as-of", "26.12.2026 12:00")
    signals = soon["sections"]["cutover"]["signals"]
    assert signals == [{"level": "amber", "system": None, "reason": (
        "G1 (planned 2026-12-31 19:00): incidents-below:high:1 fails (1 incident(s) open at "
        "high or worse (must be fewer than 1))"), "code": "gate-criteria-failing", "params": {
        "gate": "G1", "planned": "2026-12-31 19:00", "spec": "incidents-below:high:1",
        "message": "1 incident(s) open at high or worse (must be fewer than 1)", "more": 0}}]
    assert signals[0] | {"section": "cutover"} in soon["readiness"]["programme"]
    screen = cli("status", "--as-of", "26.12.2026 12:00").stdout
    assert "Criteria" in screen and "incidents-below:high:1: 1 incident(s) open" in screen

    cli("incident", "close", "INC-001", "--resolution", "Fixed")  # closed now
    passing = cli.json("status", "--as-of", "31.12.2099 12:00")["sections"]["cutover"]
    assert passing["gates"][0]["state"] == "pass"
    assert not [s for s in passing["signals"] if "incidents-below" in s["reason"]]


def test_a_decided_gate_raises_no_criteria_signal(cli: Cli, tmp_path: Path) -> None:
    _failing_gate(cli, tmp_path)
    cli("task", "decide", "G1", "go", "--by", "Riikka", "--at", AT, "--override", "--reason",
        "accepted risk")
    section = cli.json("status", "--as-of", "31.12.2026 19:10")["sections"]["cutover"]
    assert section["gates"][0]["status"] == "done" and section["gates"][0]["state"] == "fail"
    assert not [s for s in section["signals"] if "G1" in s["reason"]]
