"""`mapping import --kind cost-objects`: reading, versions, kinds, listing, show, diff, export,
and refusals that store nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from migctl.store import migrate
from migctl.store.engine import make_engine
from tests.conftest import SAMPLE_DATA, Cli, snapshot, write_csv, write_xlsx
from tests.cost_object_data import CENTRES, CO_RULES, co_csv, setup_cost_objects
from tests.mapping_data import mapping_csv, setup_reference


def test_import_show_and_sets(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    sets = {s["set"]: s for s in cli.json("mapping", "sets")}
    assert (sets["kp"]["kind"], sets["kp"]["source_dimension"], sets["kp"]["rules"]) == (
        "cost-objects", "kustannuspaikka", 7)
    assert (sets["tili"]["kind"], sets["tili"]["source_dimension"]) == ("accounts", None)
    listing = cli("mapping", "sets").stdout
    assert "cost-objects" in listing and "kustannuspaikka" in listing

    shown = cli.json("mapping", "show", "kp")
    assert shown["set"]["kind"] == "cost-objects"
    assert shown["rules"][0] == {"row": 2, "source": "1100",
                                 "dimensions": {"palveluluokka": "1000", "vastuuyksikko": "100"},
                                 "share": 100.0, "valid_from": None, "valid_to": None,
                                 "note": ""}
    assert shown["rules"][4]["valid_from"] == "2025-01-01"
    assert shown["rules"][6]["dimensions"] == {"vastuuyksikko": "200"}
    table = cli("mapping", "show", "kp").stdout
    assert "cost-objects of kustannuspaikka" in table and "vastuuyksikko=200" in table
    events = cli.json("log", "--entity", "mapping_set:kp@1")
    assert events[0]["action"] == "import"
    assert "cost-objects of kustannuspaikka" in events[0]["summary"]


def test_versions_keep_kind_and_source_dimension(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    before = snapshot(cli.db_url)
    again = cli.json("mapping", "import", co_csv(tmp_path), "--set", "kp")
    assert again["unchanged"] is True and again["kind"] == "cost-objects"
    assert snapshot(cli.db_url) == before
    second = co_csv(tmp_path, CO_RULES + "1500;100;1000;;;;\n", name="kp2.csv")
    summary = cli.json("mapping", "import", second, "--set", "kp")
    assert (summary["version"], summary["kind"], summary["source_dimension"]) == (
        2, "cost-objects", "kustannuspaikka")
    diff = cli.json("mapping", "diff", "kp@1", "kp@2")
    assert diff["kind"] == "cost-objects"
    assert diff["summary"] == {"added": 1, "removed": 0, "changed": 0, "unchanged": 5}
    assert diff["added"] == [{"source": "1500", "rules": [
        {"row": 9, "dimensions": {"palveluluokka": "1000", "vastuuyksikko": "100"},
         "share": 100.0, "valid_from": None, "valid_to": None}]}]
    assert "1500" in cli("mapping", "diff", "kp@1", "kp@2").stdout
    assert "nothing to compare" in cli("mapping", "diff", "kp", "tili", code=2).stderr


def test_source_column_by_dimension_key_and_target_prefix(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    cli("dimension", "import", write_csv(tmp_path / "c.csv", CENTRES), "--dimension",
        "kustannuspaikka", "--role", "legacy")
    path = write_csv(tmp_path / "k.csv", "Kustannuspaikka;target_vastuuyksikko;Kommentti\n"
                                         "1100;100;x\n2200..2299;200;\n")
    result = cli("mapping", "import", path, "--set", "k", "--kind", "cost-objects",
                 "--source-dimension", "kustannuspaikka", "-f", "json")
    assert "ignored columns 'Kommentti'" in result.stderr
    rules = cli.json("mapping", "show", "k")["rules"]
    assert [(r["source"], r["dimensions"]) for r in rules] == [
        ("1100", {"vastuuyksikko": "100"}), ("2200..2299", {"vastuuyksikko": "200"})]


def test_the_sample_workbook(cli: Cli, tmp_path: Path) -> None:
    """Title row, codes stored as numbers or text, text shares, real and text dates."""
    setup_reference(cli, tmp_path)
    cli("dimension", "import", SAMPLE_DATA / "legacy_cost_centres.csv", "--dimension",
        "kustannuspaikka", "--role", "legacy")
    summary = cli.json("mapping", "import", SAMPLE_DATA / "cost_object_mapping.xlsx", "--set",
                       "kustannuspaikat", "--kind", "cost-objects", "--source-dimension",
                       "kustannuspaikka")
    assert summary["source"] == "XLSX sheet 'Kustannuspaikat'" and summary["rules"] == 58
    assert summary["dimensions"] == ["vastuuyksikko", "palveluluokka"]
    rules = {(r["source"], r["valid_from"]): r for r in
             cli.json("mapping", "show", "kustannuspaikat")["rules"]}
    assert rules[("1112", None)]["valid_to"] == "2024-12-31"
    assert rules[("1112", "2025-01-01")]["dimensions"] == {"vastuuyksikko": "120400",
                                                           "palveluluokka": "1310"}
    assert rules[("4300..4311", None)]["row"] == 48
    assert [r["share"] for r in cli.json("mapping", "show", "kustannuspaikat")["rules"]
            if r["source"] == "1160"] == [33.33, 33.33, 33.34]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_imports_back_to_the_same_rules(cli: Cli, tmp_path: Path, fmt: str) -> None:
    setup_cost_objects(cli, tmp_path)
    out = tmp_path / f"kp.{fmt}"
    cli("mapping", "export", "--set", "kp", "--output", out)
    cli("mapping", "import", out, "--set", "kp2", "--kind", "cost-objects",
        "--source-dimension", "kustannuspaikka")
    first = cli.json("mapping", "show", "kp")["rules"]
    back = cli.json("mapping", "show", "kp2")["rules"]
    assert [{k: v for k, v in r.items() if k != "row"} for r in back] == \
        [{k: v for k, v in r.items() if k != "row"} for r in first]


@pytest.mark.parametrize(("body", "message"), [
    ("1100;100;1000;abc;;;\n", "bad.csv:2:Osuus: 'abc' is not a number"),
    (";100;1000;;;;\n", "bad.csv:2:Vanha: is empty"),
    ("11 00;100;1000;;;;\n", "bad.csv:2:Vanha: '11 00' is not a kustannuspaikka"),
    ("1100;;;;;;\n", "bad.csv:2:vastuuyksikko: no target dimension value in this row"),
    ("1199..1100;100;;;;;\n", "bad.csv:2:Vanha: range '1199..1100' runs backwards"),
    ("1100;100;;;31.13.2025;;\n", "bad.csv:2:Voimassa alkaen: '31.13.2025' is not a valid"),
])
def test_bad_cells_exit_2_and_store_nothing(cli: Cli, tmp_path: Path, body: str,
                                            message: str) -> None:
    setup_cost_objects(cli, tmp_path)
    before = snapshot(cli.db_url)
    result = cli("mapping", "import", co_csv(tmp_path, body, name="bad.csv"), "--set", "kp",
                 code=2)
    assert result.stderr.startswith(f"error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_refusals_store_nothing(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    before = snapshot(cli.db_url)
    path = co_csv(tmp_path)
    cases = [
        (("--set", "tili", "--kind", "cost-objects", "--source-dimension", "kustannuspaikka"),
         "mapping set tili is an accounts set"),
        (("--set", "kp", "--kind", "accounts"), "mapping set kp is a cost-objects set"),
        (("--set", "new", "--kind", "cost-objects"), "needs --source-dimension KEY"),
        (("--set", "new", "--kind", "cost-objects", "--source-dimension", "nope"),
         "no dimension 'nope'"),
        (("--set", "new", "--kind", "cost-objects", "--source-dimension", "vastuuyksikko"),
         "vastuuyksikko is a target dimension"),
        (("--set", "new", "--source-dimension", "kustannuspaikka"),
         "--source-dimension applies to cost-objects sets"),
        (("--set", "new", "--kind", "nope"), "Invalid value for '--kind'"),
    ]
    for args, message in cases:
        result = cli("mapping", "import", path, *args, code=2)
        assert message in result.stderr, (args, result.stderr)
    no_dims = write_csv(tmp_path / "nodims.csv", "Vanha;Osuus\n1100;100\n")
    assert "no target dimension column" in cli(
        "mapping", "import", no_dims, "--set", "new", "--kind", "cost-objects",
        "--source-dimension", "kustannuspaikka", code=2).stderr
    assert snapshot(cli.db_url) == before


def test_commands_without_set_prefer_the_only_account_set(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    assert cli.json("mapping", "validate", code=1)["set"] == "tili"  # M007: see validate tests
    assert "kp is a cost-objects set, not accounts; name it with --cost-objects" in cli(
        "mapping", "translate", mapping_csv(tmp_path, "x"), "--set", "kp", code=2).stderr
    cli("mapping", "import", mapping_csv(tmp_path, name="second.csv"), "--set", "tili2")
    assert "several mapping sets (tili, tili2)" in cli("mapping", "validate", code=2).stderr


def test_downgrade_drops_cost_object_sets_and_keeps_account_sets(cli: Cli, tmp_path: Path
                                                                 ) -> None:
    from sqlalchemy import text

    setup_cost_objects(cli, tmp_path)
    cli("mapping", "validate", "--set", "kp", code=1)
    engine = make_engine(cli.db_url)
    migrate.downgrade(engine, "0005_mapping")
    with engine.connect() as connection:
        names = connection.execute(text("SELECT name, kind FROM mapping_set")).all()
        runs = connection.execute(text("SELECT COUNT(*) FROM validation_run")).scalar()
    assert names == [("tili", "accounts")] and runs == 0
    migrate.upgrade(engine)
    assert [s["set"] for s in cli.json("mapping", "sets")] == ["tili"]


def test_xlsx_with_instructions_sheet_and_dates(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    cli("dimension", "import", write_csv(tmp_path / "c.csv", CENTRES), "--dimension",
        "kustannuspaikka", "--role", "legacy")
    path = write_xlsx(tmp_path / "k.xlsx", {
        "Ohjeet": [["Yksi rivi = yksi kustannuspaikka"]],
        "Kustannuspaikat": [
            ["Laskentatunnistemalli v0.1"], [],
            ["Vanha", "vastuuyksikko", "palveluluokka", "Osuus", "Voimassa alkaen",
             "Voimassa asti", "Huomautus"],
            [1300, 100, 1000, None, None, dt.date(2024, 12, 31), "ennen"],
            ["1300", 200.0, "2000", 100, "1.1.2025", None, None],
        ]})
    cli("mapping", "import", path, "--set", "k", "--kind", "cost-objects",
        "--source-dimension", "kustannuspaikka")
    rules = cli.json("mapping", "show", "k")["rules"]
    assert [(r["row"], r["source"], r["dimensions"]["vastuuyksikko"], r["valid_from"],
             r["valid_to"]) for r in rules] == [
        (4, "1300", "100", None, "2024-12-31"), (5, "1300", "200", "2025-01-01", None)]
