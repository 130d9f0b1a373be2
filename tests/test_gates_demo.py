"""The sample city's gates: criteria loaded by the demo, a refused go with its evidence, lint."""

from __future__ import annotations

from tests.conftest import SAMPLE_DATA, Cli


def test_the_demo_loads_the_criteria_that_name_existing_things(bare_cli: Cli) -> None:
    result = bare_cli("demo")
    assert "runbook.csv: 14 gate criteria" in result.stderr  # every criterion names something
    rows = bare_cli.json("task", "criteria", "list")
    assert {r["gate"] for r in rows} == {"GATE-0", "GATE-1", "GATE-2"}
    assert [r["spec"] for r in rows if r["gate"] == "GATE-1"] == [
        "mapping-valid:tilimappaus", "mapping-valid:kustannuspaikat",
        "tasks-done:FIN-040,FIN-060,AP-030,PAY-030,HR-020", "incidents-below:critical:1"]
    # GATE-2's criteria come from runbook row 61, and the go-live waits for the end users'
    # training too (the register's demo adds actions-done:TP-03; it has no file row)
    assert {(r["source_row"], r["spec"].startswith("actions-done")) for r in rows
            if r["gate"] == "GATE-2"} == {(61, False), (None, True)}
    assert bare_cli.json("settings", "list")["cutover.point_of_no_return"] == "GATE-2"

    gates = {g["key"]: g for g in bare_cli.json("status")["sections"]["cutover"]["gates"]}
    assert gates["GATE-1"]["state"] == "fail" and gates["GATE-2"]["criteria"] == 8


def test_the_demo_refuses_a_go_on_gate_1_with_its_evidence(bare_cli: Cli) -> None:
    bare_cli("demo")
    document = bare_cli.json("task", "gate-check", "GATE-1", code=1)
    mapping = document["criteria"][0]
    assert mapping["spec"] == "mapping-valid:tilimappaus" and not mapping["passed"]
    assert mapping["evidence"]["errors"] == 8
    assert sorted(mapping["evidence"]["error_codes"]) == [f"M00{n}" for n in range(1, 9)]

    bare_cli("cutover", "run", "start", "rehearsal-2")
    refused = bare_cli("task", "decide", "GATE-1", "go", "--by", "Riikka Mäkelä", code=2)
    # the account mapping (8 defects), the cost-object mapping (the 1116 gap), the tasks
    assert refused.stderr.startswith("error: cannot decide go on GATE-1: 3 of 4 criteria fail")
    assert "mapping-valid:tilimappaus: validation 1 of tilimappaus@1 at " in refused.stderr
    assert "found 8 error(s) (M001, M002, M003, M004, M005, M006, M007, M008)" \
        in refused.stderr

    # The fixed workbook becomes version 2; validated clean, the mapping criterion passes.
    bare_cli("mapping", "import", SAMPLE_DATA / "account_mapping_fixed.xlsx", "--set",
             "tilimappaus")
    bare_cli("mapping", "validate", "--set", "tilimappaus")
    fixed = bare_cli.json("task", "gate-check", "GATE-1", code=1)["criteria"][0]
    assert fixed["passed"] and fixed["evidence"]["version"] == 2


def test_the_sample_runbook_lints_with_its_documented_findings(bare_cli: Cli) -> None:
    bare_cli("demo")
    document = bare_cli.json("task", "lint", code=1)
    found = sorted((f["code"], f["subject"]) for f in document["findings"])
    assert found == [
        ("R001", "INT-070"),
        ("R003", "AP-040"), ("R003", "PAY-080"), ("R003", "REP-020"),
        ("R006", "FIN-060"), ("R006", "HR-020"), ("R006", "INT-030"), ("R006", "PAY-030"),
    ]
    assert document["summary"]["point_of_no_return"] == "GATE-2"
