"""`mapping validate` of a cost-objects set (M005, M006, M008, M010–M013), and of an account
set with --cost-objects (M007 leaves the set's dimensions to it); outputs and records."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import text

from migctl.store.engine import make_engine
from tests.conftest import Cli, snapshot, write_csv
from tests.cost_object_data import CO_RULES, co_csv, setup_cost_objects

CLEAN = CO_RULES + "1500;100;1000;;;;\n"


def _without(rules: str, prefix: str) -> str:
    return "".join(line + "\n" for line in rules.splitlines() if not line.startswith(prefix))


def _validate(cli: Cli, *extra: str) -> dict:
    result = cli("mapping", "validate", "--set", "kp", "-f", "json", *extra, code=None)
    document = json.loads(result.stdout)
    assert result.exit_code == (1 if document["summary"]["errors"] else 0)
    return document


CASES = [
    ("clean", CLEAN, {}),
    ("M012 active value without rule", CO_RULES, {"M012": 1}),
    ("M012 quiet: inactive and summary values need no rule", _without(CLEAN, "1400;"), {}),
    ("M012 quiet: a retired value's dated rule covers it", CLEAN, {}),
    ("M013 value not in the dimension", CLEAN + "9999;100;;;;;\n", {"M013": 1}),
    ("M013 range holding no value", CLEAN + "3000..3999;100;;;;;\n", {"M013": 1}),
    ("M013 quiet: range holding a value", CLEAN.replace("2100;200;", "2100..2199;200;"), {}),
    ("M005 split not 100", CLEAN.replace("1200;200;2000;50", "1200;200;2000;49"), {"M005": 1}),
    ("M005 quiet: dated successors are not a split", CLEAN, {}),
    ("M006 two full rules for one value", CLEAN + "1100;200;2000;;;;\n", {"M006": 1}),
    ("M006 range over an exact value", CLEAN + "1100..1199;100;;;;;\n", {"M006": 1}),
    ("M006 quiet: same value, validity that does not overlap", CLEAN, {}),
    ("M008 unknown value", CLEAN.replace("2100;200;", "2100;999;"), {"M008": 1}),
    ("M008 inactive value", CLEAN.replace("2100;200;", "2100;300;"), {"M008": 1}),
    ("M010 duplicate row", CLEAN + "1100;100;1000;;;;\n", {"M010": 1}),
    ("M011 valid_to before valid_from",
     CLEAN.replace("2100;200;;;;;", "2100;200;;;1.1.2026;31.12.2025;"), {"M011": 1}),
]


@pytest.mark.parametrize(("rules", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_check_fires_exactly_where_expected(cli: Cli, tmp_path: Path, rules: str,
                                                 expected: dict[str, int]) -> None:
    setup_cost_objects(cli, tmp_path, rules=rules)
    document = _validate(cli)
    assert Counter(f["code"] for f in document["findings"]) == Counter(expected), \
        document["findings"]


def test_document_shape_location_and_coverage(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path, rules=CO_RULES + "9999;100;;;;;\n")
    document = _validate(cli)
    assert list(document) == ["set", "version", "kind", "source_dimension", "summary",
                              "findings"]
    assert (document["kind"], document["source_dimension"]) == ("cost-objects",
                                                                "kustannuspaikka")
    # active values that are not parents: 1100, 1200, 1300, 1500, 2100 (1400 is retired)
    assert document["summary"] == {"errors": 1, "warnings": 1, "rules": 8, "coverage": 80.0}
    m012, m013 = document["findings"]
    assert m012 == {"code": "M012", "severity": "error",
                    "message": "active kustannuspaikka 1500 Hyvinvoinnin edistäminen has no "
                               "rule",
                    "file": "centres.csv", "row": 7, "subject": "1500", "source": "1500",
                    "dimensions": None}
    assert m013 == {"code": "M013", "severity": "warning",
                    "message": "kustannuspaikka 9999 is not a value of dimension "
                               "kustannuspaikka",
                    "file": "kp.csv", "row": 9, "subject": "9999", "source": "9999",
                    "dimensions": {"vastuuyksikko": "100"}}
    table = cli("mapping", "validate", "--set", "kp", code=1).stdout
    assert "80.00 % of active kustannuspaikka values" in table and "M012" in table


def test_messages_name_rows_and_dimensions(cli: Cli, tmp_path: Path) -> None:
    rules = CLEAN.replace("1200;200;2000;50", "1200;200;2000;49") + "1100..1199;100;;;;;\n"
    setup_cost_objects(cli, tmp_path, rules=rules)
    by_code = {f["code"]: f for f in _validate(cli)["findings"]}
    assert by_code["M005"]["message"] == "shares of 1200 (rows 3, 4) sum to 99 %, not 100 %"
    assert by_code["M006"]["message"] == ("1100..1199 overlaps row 2 (1100 → palveluluokka=1000"
                                          " vastuuyksikko=100): overlapping validity, not a "
                                          "split")


def test_junit_and_github(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # annotations name the file as imported, relative to here
    setup_cost_objects(cli, tmp_path, rules=CO_RULES + "1100;100;1000;;;;\n")
    out = tmp_path / "junit.xml"
    cli("mapping", "validate", "--set", "kp", "-f", "junit", "-o", out, code=1)
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite is not None and suite.get("tests") == "7" and suite.get("failures") == "1"
    names = [c.get("name", "").split()[0] for c in suite.findall("testcase")]
    assert names == ["M005", "M006", "M008", "M010", "M011", "M012", "M013"]
    lines = cli("mapping", "validate", "--set", "kp", "-f", "github", code=1).stdout.splitlines()
    assert lines == [
        "::error file=centres.csv,line=7,title=M012::active kustannuspaikka 1500 Hyvinvoinnin "
        "edistäminen has no rule",
        "::warning file=kp.csv,line=9,title=M010::duplicate of row 2 (the repeat is ignored)"]
    cli("mapping", "validate", "--set", "kp", "--strict", "-f", "json", code=1)


def test_balances_money_on_values_without_an_applicable_rule(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    balances = write_csv(tmp_path / "tb.csv", "tili;kustannuspaikka;kausi;summa\n"
                                              "4000;1400;2024-12;10,00\n"   # rule until 2024
                                              "4000;1400;2025-01;30,00\n"   # retired: no rule
                                              "4000;1400;2025-02;-5,00\n"
                                              "4000;1500;2025-01;15,00\n"   # the gap, money
                                              "4000;1100;2025-01;40,00\n"
                                              "1000;;2025-01;-90,00\n")     # no value: skipped
    document = _validate(cli, "--balances", str(balances))
    m012 = [f for f in document["findings"] if f["code"] == "M012"]
    assert [(f["file"], f["row"], f["source"]) for f in m012] == [
        ("tb.csv", 3, "1400"), ("tb.csv", 5, "1500")]
    assert m012[0]["message"] == ("kustannuspaikka 1400 has a balance of 25.00 (2 lines) but "
                                  "no cost-object rule applies on 2025-01-31")
    # 50 of 100 euros on lines with a value have a rule (10 on 1400 in 2024, 40 on 1100)
    assert document["summary"]["coverage_amount"] == 50.0
    runs = cli.json("status")["sections"]["mapping"]["sets"]
    kp = next(s for s in runs if s["set"] == "kp")
    assert kp["coverage_eur_pct"] == 50.0 and kp["validation"]["balances_file"] == "tb.csv"


def test_account_set_with_cost_objects(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    alone = cli.json("mapping", "validate", "--set", "tili", code=1)
    m007 = [(f["source_account"], f["target_account"]) for f in alone["findings"]]
    assert m007 == [("3000", "300000"), ("4000", "400000"), ("4010", "401000"),
                    ("4010", "402000"), ("4020", "402000")]
    both = cli.json("mapping", "validate", "--set", "tili", "--cost-objects", "kp")
    assert list(both)[:3] == ["set", "version", "cost_objects"]
    assert both["cost_objects"] == "kp@1" and both["findings"] == []
    assert "with kp@1" in cli("mapping", "validate", "--set", "tili", "--cost-objects",
                              "kp").stdout
    with make_engine(cli.db_url).connect() as connection:
        runs = connection.execute(text(
            "SELECT v.errors, s.name FROM validation_run v LEFT JOIN mapping_set s "
            "ON s.id = v.cost_object_set_id ORDER BY v.id")).all()
    assert [tuple(r) for r in runs] == [(5, None), (0, "kp"), (0, "kp")]
    events = cli.json("log", "--entity", "mapping_set:tili@1")
    assert "with kp@1" in events[0]["summary"]

    # a cost-objects set without a vastuuyksikko column gives no vastuuyksikko
    cli("mapping", "import", co_csv(tmp_path, "1100;1000\n", name="pl.csv",
                                    header="Vanha;palveluluokka\n"),
        "--set", "pl", "--kind", "cost-objects", "--source-dimension", "kustannuspaikka")
    partial = cli.json("mapping", "validate", "--set", "tili", "--cost-objects", "pl", code=1)
    assert Counter(f["code"] for f in partial["findings"]) == {"M007": 5}


def test_refusals(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    before = snapshot(cli.db_url)
    assert "--cost-objects goes with the account set" in cli(
        "mapping", "validate", "--set", "kp", "--cost-objects", "kp", code=2).stderr
    assert "mapping set tili is an accounts set, not cost-objects; name it with --set" in cli(
        "mapping", "validate", "--set", "tili", "--cost-objects", "tili", code=2).stderr
    assert "no mapping set 'nope'" in cli("mapping", "validate", "--set", "tili",
                                          "--cost-objects", "nope", code=2).stderr
    assert snapshot(cli.db_url) == before


def test_status_lists_cost_object_sets_with_the_same_signals(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    section = cli.json("status")["sections"]["mapping"]
    kp = next(s for s in section["sets"] if s["set"] == "kp")
    assert (kp["kind"], kp["source_dimension"], kp["validation"]) == (
        "cost-objects", "kustannuspaikka", None)
    assert {"level": "amber", "system": None, "reason": "kp@1 has never been validated",
            "code": "mapping-not-validated", "params": {"set": "kp@1", "validated_version": None}
            } in section["signals"]
    cli("mapping", "validate", "--set", "kp", code=1)
    section = cli.json("status")["sections"]["mapping"]
    kp = next(s for s in section["sets"] if s["set"] == "kp")
    assert (kp["errors"], kp["coverage_pct"]) == (1, 80.0)
    assert {"level": "red", "system": None, "reason": "1 validation error in kp@1",
            "code": "mapping-errors", "params": {"set": "kp@1", "errors": 1}} in section["signals"]
    screen = cli("status").stdout
    assert "kp" in screen and "1 error, 0 warnings" in screen
