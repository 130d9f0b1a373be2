"""Gate criteria: the spec parser, `task criteria add|list|remove`, and the import column."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from migctl.services.gates.kinds.incidents import IncidentsBelow
from migctl.services.gates.kinds.kpi import KpiThreshold
from migctl.services.gates.kinds.mapping import MappingValid, Reconciled
from migctl.services.gates.kinds.sso import SsoPass
from migctl.services.gates.kinds.tasks import TasksDone
from migctl.services.gates.spec import parse_spec, parse_specs, split_specs
from tests.conftest import Cli, snapshot, write_csv
from tests.gates_data import RUNBOOK, city


@pytest.mark.parametrize(("text", "parsed", "canonical"), [
    ("mapping-valid:Tilimappaus", MappingValid("tilimappaus"), "mapping-valid:tilimappaus"),
    (" reconciled : tilimappaus ", Reconciled("tilimappaus"), "reconciled:tilimappaus"),
    ("sso-pass", SsoPass(), "sso-pass"),
    ("SSO-PASS:Raindance", SsoPass("raindance"), "sso-pass:raindance"),
    ("sso-pass:raindance:education", SsoPass("raindance", "education"),
     "sso-pass:raindance:education"),
    ("tasks-done:fin-040, FIN-060", TasksDone(("FIN-040", "FIN-060")),
     "tasks-done:FIN-040,FIN-060"),
    ("tasks-done:workstream=Talous", TasksDone(workstream="Talous"),
     "tasks-done:workstream=Talous"),
    ("incidents-below:korkea:1", IncidentsBelow("high", 1), "incidents-below:high:1"),
    ("kpi:ostolaskut_5pv>=90", KpiThreshold("ostolaskut_5pv", ">=", Decimal(90)),
     "kpi:ostolaskut_5pv>=90"),
    ("kpi: palkka_virheet <= 5,5", KpiThreshold("palkka_virheet", "<=", Decimal("5.5")),
     "kpi:palkka_virheet<=5.5"),
])
def test_specs_parse_into_typed_criteria_with_canonical_text(text: str, parsed: object,
                                                             canonical: str) -> None:
    criterion = parse_spec(text)
    assert criterion == parsed
    assert criterion.spec == canonical
    assert parse_spec(canonical) == criterion  # canonical text reads back the same


@pytest.mark.parametrize(("text", "message"), [
    ("mapping:tilimappaus", "is not a criterion"),
    ("mapping-valid:", "name the mapping set"),
    ("mapping-valid:tilimappaus@2", "leave out the @version"),
    ("sso-pass:a:b:c", "use sso-pass, sso-pass:SYSTEM or sso-pass:SYSTEM:ENV"),
    ("tasks-done:", "list the task keys"),
    ("tasks-done:FIN 010", "is not a valid task key"),
    ("tasks-done:workstream=", "name the workstream"),
    ("incidents-below:high", "use incidents-below:SEVERITY:N"),
    ("incidents-below:high:0", "at least 1"),
    ("incidents-below:huge:1", "is not a severity"),
    ("kpi:x>y", "use kpi:NAME>=VALUE or kpi:NAME<=VALUE"),
    ("kpi:x>=many", "is not a number"),
    ("kpi:Not A Name>=1", "is not a KPI name"),
])
def test_unparseable_specs_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_spec(text)


def test_a_criteria_cell_splits_on_semicolons_and_drops_repeats() -> None:
    cell = "kpi:a>=1; tasks-done:T1,T2\nincidents-below:high:1;;KPI:a >= 1"
    assert split_specs(cell) == ["kpi:a>=1", "tasks-done:T1,T2", "incidents-below:high:1",
                                 "KPI:a >= 1"]
    assert [c.spec for c in parse_specs(cell)] == [
        "kpi:a>=1", "tasks-done:T1,T2", "incidents-below:high:1"]


def test_add_list_and_remove_criteria_with_audit(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    added = cli.json("task", "criteria", "add", "g1", "--require", "tasks-done:t1,t2",
                     "-r", "incidents-below:high:1")
    assert [row["spec"] for row in added] == ["tasks-done:T1,T2", "incidents-below:high:1"]
    assert list(added[0]) == ["gate", "id", "spec", "kind", "created_at", "created_by",
                              "source_file", "source_row"]
    assert added[0]["gate"] == "G1" and added[0]["kind"] == "tasks-done"
    assert added[0]["created_by"] == "tester" and added[0]["source_row"] is None
    shown = cli.json("task", "show", "G1")
    assert shown["criteria"] == "tasks-done:T1,T2; incidents-below:high:1"
    assert shown["version"] == 2  # a change to the gate's definition
    assert [r["spec"] for r in cli.json("task", "criteria", "list")] == [
        "tasks-done:T1,T2", "incidents-below:high:1"]
    assert "incidents-below:high:1" in cli("task", "criteria", "list", "G1").stdout
    event = cli.json("log", "--entity", "task:G1")[0]
    assert event["action"] == "criteria"
    assert event["before"] == {"criteria": []}
    assert event["after"] == {"criteria": ["tasks-done:T1,T2", "incidents-below:high:1"]}

    removed = cli.json("task", "criteria", "remove", "G1", "-r", "incidents-below:korkea:1")
    assert [r["spec"] for r in removed] == ["incidents-below:high:1"]
    assert cli.json("task", "show", "G1")["criteria"] == "tasks-done:T1,T2"
    assert cli("task", "criteria", "remove", "G1", "--all").stdout == \
        "removed tasks-done:T1,T2\n"
    assert cli.json("task", "show", "G1")["criteria"] is None
    assert cli("task", "criteria", "list").stdout == "no gate criteria\n"


@pytest.mark.parametrize(("args", "message"), [
    (["G1", "-r", "bogus:x"], "--require 'bogus:x': 'bogus:x' is not a criterion"),
    (["G1", "-r", "mapping-valid:kustannuspaikat"],
     "--require 'mapping-valid:kustannuspaikat': unknown mapping set 'kustannuspaikat'"),
    (["G1", "-r", "reconciled:nothing"], "unknown mapping set 'nothing'"),
    (["G1", "-r", "sso-pass:sap"], "unknown system 'sap'"),
    (["G1", "-r", "sso-pass:kayttoomaisuus:education"],
     "system kayttoomaisuus has no environment 'education' (its environments: admin)"),
    (["G1", "-r", "tasks-done:T1,T9"], "unknown task 'T9'"),
    (["G1", "-r", "tasks-done:G1"], "G1 cannot wait for itself"),
    (["G1", "-r", "tasks-done:workstream=Palkat"], "no task has the workstream 'Palkat'"),
    (["G1", "-r", "kpi:ostolaskut_5pv>=90"], "unknown KPI 'ostolaskut_5pv'"),
    (["G1", "-r", "incidents-below:high:1", "-r", "incidents-below:korkea:1"],
     "G1 already has the criterion incidents-below:high:1"),
    (["T1", "-r", "incidents-below:high:1"], "T1 is a task, not a gate"),
    (["G9", "-r", "incidents-below:high:1"], "no task 'G9'"),
    (["G1"], "name at least one criterion with --require SPEC"),
])
def test_bad_criteria_are_refused_and_nothing_is_written(cli: Cli, tmp_path: Path,
                                                         args: list[str], message: str) -> None:
    city(cli, tmp_path)
    before = snapshot(cli.db_url)
    result = cli("task", "criteria", "add", *args, code=2)
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert snapshot(cli.db_url) == before


def test_known_names_are_accepted(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("kpi", "define", "palkka_virheet", "--unit", "kpl", "--target", "5", "--direction",
        "down")
    cli("task", "criteria", "add", "G1", "-r", "sso-pass:raindance:education",
        "-r", "tasks-done:workstream=talous", "-r", "kpi:palkka_virheet<=5",
        "-r", "kpi:validation_errors<=0", "-r", "kpi:sso_pass_rate_education>=95")
    assert len(cli.json("task", "criteria", "list", "G1")) == 5


def test_removing_an_unknown_criterion_is_refused(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "incidents-below:high:1")
    before = snapshot(cli.db_url)
    result = cli("task", "criteria", "remove", "G1", "-r", "incidents-below:high:2", code=2)
    assert "G1 has no criterion 'incidents-below:high:2' (it has: incidents-below:high:1)" \
        in result.stderr
    assert "--all" in cli("task", "criteria", "remove", "G1", code=2).stderr
    assert snapshot(cli.db_url) == before


WITH_CRITERIA = (
    "key;title;owner;kind;duration;depends_on;kriteerit\n"
    'G0;Start?;Riikka;portti;1h;;"tasks-done:T2;incidents-below:high:1"\n'
    "T1;Freeze;Satu;task;1h;G0;\n"
    "T2;Extract;Marko;task;1h;T1;\n"
)


def test_import_reads_the_criteria_column_and_replaces_a_gates_criteria(
        cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "runbook.csv", WITH_CRITERIA)
    cli("task", "import", path)  # tasks-done names T2, a row further down
    rows = cli.json("task", "criteria", "list", "G0")
    assert [(r["spec"], r["source_file"], r["source_row"]) for r in rows] == [
        ("tasks-done:T2", "runbook.csv", 2), ("incidents-below:high:1", "runbook.csv", 2)]
    assert cli.json("task", "show", "G0")["criteria"] == \
        "tasks-done:T2; incidents-below:high:1"

    before = snapshot(cli.db_url)
    again = cli.json("task", "import", path)
    assert again["unchanged"] == ["G0", "T1", "T2"]
    assert snapshot(cli.db_url)["gate_criterion"] == before["gate_criterion"]

    cli("task", "criteria", "add", "G0", "-r", "tasks-done:T1")  # by hand, then re-import:
    edited = write_csv(tmp_path / "runbook.csv", WITH_CRITERIA.replace(
        '"tasks-done:T2;incidents-below:high:1"',
        '"incidents-below:high:1;incidents-below:medium:3"'))
    result = cli.json("task", "import", edited)
    assert result["updated"] == ["G0"]
    rows = cli.json("task", "criteria", "list", "G0")
    assert [r["spec"] for r in rows] == ["incidents-below:high:1", "incidents-below:medium:3"]
    kept = next(r for r in rows if r["spec"] == "incidents-below:high:1")
    assert kept["id"] == 2  # unchanged criteria keep their row (and when they were added)
    event = next(e for e in cli.json("log", "--entity", "task:G0") if e["action"] == "update")
    assert "criteria" in event["summary"]

    cli("task", "import", write_csv(tmp_path / "runbook.csv",
                                    WITH_CRITERIA.replace('"tasks-done:T2;incidents-below:high:1"',
                                                          "")))
    assert cli.json("task", "criteria", "list", "G0") == []
    assert cli.json("task", "show", "G0")["criteria"] is None


def test_a_file_without_the_column_keeps_the_criteria(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "tasks-done:T2")
    result = cli.json("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))
    assert "G1" in result["unchanged"]
    assert [r["spec"] for r in cli.json("task", "criteria", "list")] == ["tasks-done:T2"]


@pytest.mark.parametrize(("cell", "message"), [
    ("kpi:x>=1", "runbook.csv:2:kriteerit: kpi:x>=1: unknown KPI 'x'"),
    ("tasks-done:T9", "runbook.csv:2:kriteerit: tasks-done:T9: unknown task 'T9'"),
    ("mapping-valid:tilimappaus", "runbook.csv:2:kriteerit: mapping-valid:tilimappaus: "
                                  "unknown mapping set 'tilimappaus'"),
    ("when ready", "runbook.csv:2:kriteerit: 'when ready' is not a criterion"),
])
def test_import_refuses_bad_criteria_with_file_row_and_column(cli: Cli, tmp_path: Path,
                                                              cell: str, message: str) -> None:
    before = snapshot(cli.db_url)
    path = write_csv(tmp_path / "runbook.csv", WITH_CRITERIA.replace(
        '"tasks-done:T2;incidents-below:high:1"', cell))
    result = cli("task", "import", path, code=2)
    assert result.stderr.startswith(f"error: {message}") and result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_only_gates_take_criteria_in_a_file(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "runbook.csv", WITH_CRITERIA.replace(
        "T1;Freeze;Satu;task;1h;G0;\n", "T1;Freeze;Satu;task;1h;G0;incidents-below:high:1\n"))
    result = cli("task", "import", path, code=2)
    assert "runbook.csv:3:kriteerit: only gates have criteria, and T1 is a task" in result.stderr


def test_removing_a_gate_removes_its_criteria(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "incidents-below:high:1")
    cli("task", "remove", "G1", "--force")
    assert snapshot(cli.db_url)["gate_criterion"] == []
    event = next(e for e in cli.json("log", "--entity", "task:G1") if e["action"] == "delete")
    assert event["before"]["criteria"] == "incidents-below:high:1"


def test_a_gate_with_criteria_cannot_become_a_task(cli: Cli, tmp_path: Path) -> None:
    """As on import, only gates have criteria: `task set --kind` would orphan them."""
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "incidents-below:high:1")
    before = snapshot(cli.db_url)
    result = cli("task", "set", "G1", "--kind", "task", code=2)
    assert result.stderr == ("error: G1 is a gate with criteria and only gates have criteria; "
                             "remove them first (`migctl task criteria remove G1 --all`), "
                             "then make it a task\n")
    assert snapshot(cli.db_url) == before
    cli("task", "criteria", "remove", "G1", "--all")
    assert cli.json("task", "set", "G1", "--kind", "task")["kind"] == "task"


def test_the_registry_is_the_one_list_of_kinds_and_words_the_usage_message() -> None:
    from migctl.services.gates.spec import KINDS

    assert list(KINDS) == ["mapping-valid", "reconciled", "sso-pass", "tasks-done",
                           "incidents-below", "kpi", "actions-done", "risks-below",
                           "recon-clean", "identity-coverage", "trained",
                           "window-confidence"]
    with pytest.raises(ValueError) as caught:
        parse_spec("nonsense:1")
    assert str(caught.value) == (
        "'nonsense:1' is not a criterion; use one of mapping-valid:SET, reconciled:SET, "
        "sso-pass[:SYSTEM[:ENV]], tasks-done:KEY,…, tasks-done:workstream=NAME, "
        "incidents-below:SEVERITY:N, kpi:NAME>=VALUE (or <=), actions-done:category=NAME, "
        "actions-done:KEY,KEY…, risks-below:SCORE, recon-clean:NAME, "
        "identity-coverage:ENV>=PCT (or system=KEY>=PCT), trained:SYSTEM>=PCT"
        ", window-confidence>=PCT")
    for name, kind in KINDS.items():
        assert kind.name == name
