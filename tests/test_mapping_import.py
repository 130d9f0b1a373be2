"""`mapping import`: CSV (cp1252, UTF-8 BOM), XLSX, Finnish headers, versions, refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import Cli, snapshot, write_csv, write_xlsx
from tests.mapping_data import mapping_csv, setup_reference

FINNISH = ("Vanha tili;Vanha kustannuspaikka;Uusi tili;Vastuuyksikkö;target_palveluluokka;"
           "Osuus;Voimassa alkaen;Voimassa asti;Huomautus\n"
           "4010;1100;401000;100;1000;33,33;1.1.2025;31.12.2025;Jako kolmeen – ä ö\n"
           "4010;1100;401000;200;;33,33;1.1.2025;31.12.2025;\n"
           "4010;1100;401000;100;2000;33,34;1.1.2025;31.12.2025;\n"
           "4300..4349;;402000;100;;;;;Väli\n")


def _rules(cli: Cli, ref: str = "m") -> list[dict]:
    return cli.json("mapping", "show", ref)["rules"]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_csv_with_finnish_headers_decimal_comma_and_encodings(cli: Cli, tmp_path: Path,
                                                              encoding: str) -> None:
    setup_reference(cli, tmp_path)
    path = write_csv(tmp_path / "fi.csv", FINNISH, encoding=encoding)
    summary = cli.json("mapping", "import", path, "--set", "m")
    assert summary["version"] == 1 and summary["rules"] == 4
    assert summary["dimensions"] == ["vastuuyksikko", "palveluluokka"]
    assert encoding in summary["source"]
    rules = _rules(cli)
    assert rules[0] == {
        "row": 2, "source_account": "4010", "source_cost_centre": "1100",
        "target_account": "401000",
        "dimensions": {"vastuuyksikko": "100", "palveluluokka": "1000"}, "share": 33.33,
        "valid_from": "2025-01-01", "valid_to": "2025-12-31", "note": "Jako kolmeen – ä ö"}
    assert rules[1]["dimensions"] == {"vastuuyksikko": "200"}
    assert [r["share"] for r in rules] == [33.33, 33.33, 33.34, 100.0]
    assert rules[3]["source_account"] == "4300..4349" and rules[3]["source_cost_centre"] is None


def test_xlsx_consultant_workbook(cli: Cli, tmp_path: Path) -> None:
    """Instructions sheet first, title row, numbers for codes, text share, real dates."""
    setup_reference(cli, tmp_path)
    path = write_xlsx(tmp_path / "m.xlsx", {
        "Ohjeet": [["Täytä välilehti Tilimappaus"], ["Yksi rivi = yksi sääntö"]],
        "Tilimappaus": [
            ["Kuusiniemi – tilikartan muunnos v0.7"],
            [],
            ["Vanha tili", "Vanha kustannuspaikka", "Uusi tili", "vastuuyksikko",
             "palveluluokka", "Osuus", "Voimassa alkaen", "Voimassa asti", "Huomautus"],
            [4010, 1100.0, 401000, 100, 1000, "33,33", "1.1.2025", dt.date(2025, 12, 31), None],
            ["4125 ", None, "402000", "100", None, 100, None, None, "trailing space"],
            [None, None, None, None, None, None, None, None, None],
            ["4000..4009", None, 400000, 100, None, 66.67, None, None, None],
        ],
    })
    summary = cli.json("mapping", "import", path, "--set", "m")
    assert summary["source"] == "XLSX sheet 'Tilimappaus'" and summary["rules"] == 3
    rules = _rules(cli)
    assert [(r["row"], r["source_account"], r["source_cost_centre"], r["target_account"])
            for r in rules] == [(4, "4010", "1100", "401000"), (5, "4125", None, "402000"),
                                (7, "4000..4009", None, "400000")]
    assert rules[0]["valid_from"] == "2025-01-01" and rules[0]["valid_to"] == "2025-12-31"
    assert rules[0]["share"] == 33.33 and rules[2]["share"] == 66.67
    assert rules[0]["dimensions"] == {"vastuuyksikko": "100", "palveluluokka": "1000"}


def test_versions_same_file_noop_and_older_versions_stay_readable(cli: Cli,
                                                                  tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    first = mapping_csv(tmp_path)
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target")
    assert cli.json("mapping", "import", first, "--set", "tili", "--system",
                    "raindance")["version"] == 1
    before = snapshot(cli.db_url)
    again = cli.json("mapping", "import", first, "--set", "tili")
    assert again["unchanged"] is True and again["version"] == 1
    assert snapshot(cli.db_url) == before
    second = mapping_csv(tmp_path, "1000;;100000;;;;;;\n", name="v2.csv")
    assert cli.json("mapping", "import", second, "--set", "TILI")["version"] == 2
    sets = cli.json("mapping", "sets")
    assert [(s["ref"], s["latest"], s["rules"], s["system"]) for s in sets] == [
        ("tili@1", False, 8, "raindance"), ("tili@2", True, 1, "raindance")]
    assert sets[0]["file"] == "mapping.csv" and sets[0]["actor"] == "tester"
    assert len(_rules(cli, "tili@1")) == 8 and len(_rules(cli, "tili")) == 1
    listing = cli("mapping", "sets").stdout
    assert "tili@1" in listing and "never" in listing
    assert "401000" in cli("mapping", "show", "tili@1").stdout
    assert "no version 7" in cli("mapping", "show", "tili@7", code=2).stderr
    assert "no mapping set 'nope'" in cli("mapping", "show", "nope", code=2).stderr
    events = cli.json("log", "--entity", "mapping_set")
    assert [e["entity_key"] for e in events] == ["tili@2", "tili@1"]
    assert "8 rules from mapping.csv" in events[1]["summary"]


@pytest.mark.parametrize(("line", "message"), [
    ("4010;;401000;100;;abc;;;", "bad.csv:3:share: 'abc' is not a number"),
    ("4010;;401000;100;;;31.13.2024;;", "bad.csv:3:valid_from: '31.13.2024' is not a valid date"),
    ("4010;;401000;100;;0;;;", "bad.csv:3:share: share '0' must be more than 0"),
    ("4010;;401000;100;;150;;;", "bad.csv:3:share: share '150' is more than 100 %"),
    ("4010;;401000;100;;33,33333;;;", "bad.csv:3:share: share '33,33333' has more than 4"),
    ("4099..4000;;401000;100;;;;;", "bad.csv:3:source_account: range '4099..4000' runs backwards"),
    ("400..4099;;401000;100;;;;;", "bad.csv:3:source_account: range '400..4099': both ends"),
    (";;401000;100;;;;;", "bad.csv:3:source_account: is empty"),
    ("4010;;;100;;;;;", "bad.csv:3:target_account: is empty"),
    ("4010;11 00;401000;100;;;;;", "bad.csv:3:source_cost_centre: '11 00' is not a cost centre"),
    ("4010;;401000;1 00;;;;;", "bad.csv:3:vastuuyksikko: '1 00' is not a vastuuyksikko value"),
])
def test_unparseable_cells_exit_2_and_store_nothing(cli: Cli, tmp_path: Path, line: str,
                                                    message: str) -> None:
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    before = snapshot(cli.db_url)
    path = mapping_csv(tmp_path, "1000;;100000;;;;;;\n" + line + "\n", name="bad.csv")
    result = cli("mapping", "import", path, "--set", "m", code=2)
    assert result.stderr.startswith(f"error: {message}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_usage_refusals(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    path = mapping_csv(tmp_path)
    before = snapshot(cli.db_url)
    assert "no system 'nope'" in cli("mapping", "import", path, "--set", "m", "--system", "nope",
                                     code=2).stderr
    assert "not a valid mapping set name" in cli("mapping", "import", path, "--set", "a b",
                                                 code=2).stderr
    header_only = write_csv(tmp_path / "empty.csv", "vanha tili;uusi tili\n")
    assert "no rules in the file" in cli("mapping", "import", header_only, "--set", "m",
                                         code=2).stderr
    missing = write_csv(tmp_path / "missing.csv", "vanha tili;osuus\n4010;100\n")
    assert "missing column 'target_account'" in cli("mapping", "import", missing, "--set", "m",
                                                    code=2).stderr
    assert snapshot(cli.db_url) == before


def test_dimension_columns_and_ignored_columns(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    path = write_csv(tmp_path / "d.csv",
                     "vanha tili;uusi tili;TARGET_vastuuyksikko;target_projekti;Kommentti\n"
                     "4000;400000;100;P1;whatever\n")
    result = cli("mapping", "import", path, "--set", "m", "-f", "json")
    assert "ignored columns 'Kommentti'" in result.stderr
    rule = _rules(cli)[0]
    assert rule["dimensions"] == {"vastuuyksikko": "100", "projekti": "P1"}
