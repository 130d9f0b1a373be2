"""`mapping translate --cost-objects`: hand-checked combination and precedence of the two
kinds, splits on both sides, a classification reform with retired values, untranslated lines
(M006, M007), the source value's column, outputs, records, status and refusals."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from sqlalchemy import text

from migctl.store.engine import make_engine
from tests.conftest import Cli, snapshot, write_csv
from tests.cost_object_data import CENTRES, co_csv, setup_cost_objects

TB_HEADER = "tili;kustannuspaikka;kausi;summa\n"

LINES = (
    "4000;1100;2025-12;100,00\n"   # 2: one rule each side
    "4000;1200;2025-12;0,01\n"     # 3: cost-object split 50/50 of one cent
    "4010;1200;2025-12;100,00\n"   # 4: account 60/40 × cost objects 50/50
    "4010;1200;2025-12;-0,03\n"    # 5: … of three cents, negative
    "4020;1200;2025-12;10,00\n"    # 6: the account names palveluluokka: it wins
    "4020;1100;2025-12;7,00\n"     # 7: … also without splits
    "3000;1300;2024-12;-50,00\n"   # 8: before the reform
    "3000;1300;2025-01;-50,00\n"   # 9: after the reform
    "4000;1400;2024-06;10,00\n"    # 10: a retired centre while it existed
    "4000;1400;2025-06;10,00\n"    # 11: … after: no target, untranslated (M007)
    "1000;;2025-12;-97,00\n"       # 12: balance sheet, no cost centre
    "4000;;2025-12;5,00\n"         # 13: an expense without a cost centre (M007)
    "4000;2100;2025-12;3,00\n"     # 14: an account rule for the centre, naming both
)


def _lines(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _translate(cli: Cli, tmp_path: Path, body: str, *args: str, code: int = 0,
               header: str = TB_HEADER) -> tuple[dict, list[dict[str, str]]]:
    source = write_csv(tmp_path / "tb.csv", header + body)
    out = tmp_path / "out.csv"
    report = json.loads(cli("mapping", "translate", source, "--set", "tili", "--cost-objects",
                            "kp", "-o", out, "-f", "json", *args, code=code).stdout)
    return report, _lines(out) if out.exists() else []


def _parts(lines: list[dict[str, str]]) -> dict[str, list[tuple[str, ...]]]:
    by_row: dict[str, list[tuple[str, ...]]] = {}
    for line in lines:
        by_row.setdefault(line["source_row"], []).append(
            (line["target_account"], line["vastuuyksikko"], line["palveluluokka"],
             line["amount"], line["rule_row"], line["cost_object_row"]))
    return by_row


def test_combination_precedence_and_splits_hand_checked(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    report, lines = _translate(cli, tmp_path, LINES, code=1)
    assert list(lines[0]) == ["target_account", "vastuuyksikko", "palveluluokka", "period",
                              "amount", "source_row", "source_account", "source_cost_centre",
                              "rule_row", "cost_object_row"]
    parts = _parts(lines)
    assert parts["2"] == [("400000", "100", "1000", "100.00", "6", "2")]
    assert parts["3"] == [("400000", "100", "1000", "0.01", "6", "3"),
                          ("400000", "200", "2000", "0.00", "6", "4")]
    assert parts["4"] == [("401000", "100", "1000", "30.00", "8", "3"),
                          ("401000", "200", "2000", "30.00", "8", "4"),
                          ("402000", "100", "1000", "20.00", "9", "3"),
                          ("402000", "200", "2000", "20.00", "9", "4")]
    assert parts["5"] == [("401000", "100", "1000", "-0.01", "8", "3"),
                          ("401000", "200", "2000", "-0.01", "8", "4"),
                          ("402000", "100", "1000", "-0.01", "9", "3"),
                          ("402000", "200", "2000", "0.00", "9", "4")]
    assert parts["6"] == [("402000", "100", "2000", "5.00", "10", "3"),
                          ("402000", "200", "2000", "5.00", "10", "4")]
    assert parts["7"] == [("402000", "100", "2000", "7.00", "10", "2")]
    assert parts["8"] == [("300000", "100", "1000", "-50.00", "5", "5")]
    assert parts["9"] == [("300000", "200", "2000", "-50.00", "5", "6")]
    assert parts["10"] == [("400000", "100", "1000", "10.00", "6", "7")]
    assert parts["12"] == [("100000", "", "", "-97.00", "2", "")]
    # the account rule for centre 2100 names both dimensions: the cost-object rule adds none
    assert parts["14"] == [("400000", "200", "2000", "3.00", "7", "")]
    assert "11" not in parts and "13" not in parts

    assert report["cost_objects"] == {"set": "kp", "version": 1,
                                      "source_dimension": "kustannuspaikka"}
    assert report["reconciled"] is False
    assert report["untranslated"] == [
        {"row": 11, "account": "4000", "cost_centre": "1400", "period": "2025-06",
         "amount": 10.0, "code": "M007",
         "reason": "target account 400000 is expense and needs vastuuyksikko: no rule of kp@1 "
                   "applies to kustannuspaikka 1400"},
        {"row": 13, "account": "4000", "cost_centre": None, "period": "2025-12", "amount": 5.0,
         "code": "M007",
         "reason": "target account 400000 is expense and needs vastuuyksikko: the line has no "
                   "kustannuspaikka for kp@1"}]
    assert {p["period"]: p["difference"] for p in report["periods"]} == {
        "2024-06": 0.0, "2024-12": 0.0, "2025-01": 0.0, "2025-06": 10.0, "2025-12": 5.0}
    table = cli("mapping", "translate", tmp_path / "tb.csv", "--set", "tili", "--cost-objects",
                "kp", code=1).stdout
    assert "tili@1 with kp@1 (kustannuspaikka)" in table and "M007" in table


def test_reform_between_years_and_retired_values(cli: Cli, tmp_path: Path) -> None:
    """Cost centre 1300 moved to unit 200 on 1.1.2025; 1400 was retired at the end of 2024.
    Each period is translated by the rules of its own end, or all by --on."""
    setup_cost_objects(cli, tmp_path)
    body = ("3000;1300;2024-12;-40,00\n3000;1300;2025-12;-60,00\n"
            "4000;1400;2024-12;25,00\n4000;1100;2025-12;75,00\n")
    report, lines = _translate(cli, tmp_path, body)
    assert report["reconciled"] is True
    assert [(x["period"], x["vastuuyksikko"]) for x in lines] == [
        ("2024-12", "100"), ("2025-12", "200"), ("2024-12", "100"), ("2025-12", "100")]
    report, lines = _translate(cli, tmp_path, body, "--on", "2025-12-31", code=1)
    assert [x["vastuuyksikko"] for x in lines] == ["200", "200", "100"]
    assert [(u["row"], u["code"]) for u in report["untranslated"]] == [(4, "M007")]
    # the retired centre needs no rule of its own to validate, but money on it after its
    # retirement is found by --balances
    assert cli.json("mapping", "validate", "--set", "kp", code=1)["summary"]["errors"] == 1
    found = cli.json("mapping", "validate", "--set", "kp", "--balances", tmp_path / "tb.csv",
                     "--on", "2025-12-31", code=1)
    assert {f["source"] for f in found["findings"]} == {"1400", "1500"}


def test_ambiguous_cost_object_rules_leave_the_line_untranslated(cli: Cli, tmp_path: Path
                                                                 ) -> None:
    setup_cost_objects(cli, tmp_path, rules="1100;100;;;;;\n1100;200;;;;;\n2100;200;;;;;\n")
    report, lines = _translate(cli, tmp_path, "4000;1100;2025-12;1,00\n"
                                              "4000;2100;2025-12;2,00\n", code=1)
    assert report["untranslated"] == [
        {"row": 2, "account": "4000", "cost_centre": "1100", "period": "2025-12",
         "amount": 1.0, "code": "M006",
         "reason": "kustannuspaikka 1100: ambiguous: rules on rows 2, 3 all apply in full in "
                   "kp@1"}]
    assert [x["source_row"] for x in lines] == ["3"]


def test_a_required_dimension_neither_rule_gives(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path, rules="1100;;1000;;;;\n1200;;1000;50;;;\n"
                                            "1200;100;2000;50;;;\n")
    report, lines = _translate(cli, tmp_path, "4000;1100;2025-12;1,00\n"
                                              "4000;1200;2025-12;2,00\n"
                                              "4020;1100;2025-12;3,00\n", code=1)
    assert [(u["row"], u["code"], u["reason"]) for u in report["untranslated"]] == [
        (2, "M007", "target account 400000 is expense and needs vastuuyksikko: neither the "
                    "account rule on row 6 nor the cost-object rule on row 2 of kp@1 gives it"),
        (3, "M007", "target account 400000 is expense and needs vastuuyksikko: neither the "
                    "account rule on row 6 nor the cost-object rule on row 3 of kp@1 gives it"),
        (4, "M007", "target account 402000 is expense and needs vastuuyksikko: neither the "
                    "account rule on row 10 nor kp@1 gives it")]
    assert lines == []


def test_aggregate_sums_single_and_split_lines_alike(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    source = write_csv(tmp_path / "tb.csv", TB_HEADER + "4000;1100;2025-12;1,00\n"
                                                        "4000;1200;2025-12;4,00\n"
                                                        "1000;;2025-12;-5,00\n")
    out = tmp_path / "agg.json"
    report = cli.json("mapping", "translate", source, "--set", "tili", "--cost-objects", "kp",
                      "-o", out, "--aggregate")
    assert report["reconciled"] is True
    assert json.loads(out.read_text()) == [
        {"target_account": "100000", "vastuuyksikko": None, "palveluluokka": None,
         "period": "2025-12", "amount": -5.0, "source_rows": "4", "lines": 1},
        {"target_account": "400000", "vastuuyksikko": "100", "palveluluokka": "1000",
         "period": "2025-12", "amount": 3.0, "source_rows": "2-3", "lines": 2},
        {"target_account": "400000", "vastuuyksikko": "200", "palveluluokka": "2000",
         "period": "2025-12", "amount": 2.0, "source_rows": "3", "lines": 1}]


def test_source_value_from_the_dimensions_own_column(cli: Cli, tmp_path: Path) -> None:
    """A cost-objects set of another legacy dimension reads the column named by its key; the
    account rules keep matching the cost centre."""
    setup_cost_objects(cli, tmp_path)
    cli("dimension", "import", write_csv(tmp_path / "old.csv", CENTRES), "--dimension",
        "vanha_yksikko", "--role", "legacy")
    cli("mapping", "import", co_csv(tmp_path, "1100;100;;;;;\n1200;200;;;;;\n",
                                    name="vy.csv"), "--set", "vy", "--kind", "cost-objects",
        "--source-dimension", "vanha_yksikko")
    source = write_csv(tmp_path / "gl.csv", "tili;kustannuspaikka;Vanha yksikkö;kausi;summa\n"
                                            "4000;2100;1100;2025-12;1,00\n"
                                            "4000;1100;1200;2025-12;2,00\n")
    report = cli.json("mapping", "translate", source, "--set", "tili", "--cost-objects", "vy",
                      "-o", tmp_path / "o.csv")
    assert report["reconciled"] is True
    assert [(x["rule_row"], x["vastuuyksikko"], x["palveluluokka"])
            for x in _lines(tmp_path / "o.csv")] == [("7", "200", "2000"), ("6", "200", "")]
    bad = write_csv(tmp_path / "bad.csv", "tili;kustannuspaikka;vanha_yksikko;kausi;summa\n"
                                          "4000;1100;12 00;2025-12;2,00\n")
    assert "bad.csv:2:vanha_yksikko: '12 00' is not a vanha_yksikko" in cli(
        "mapping", "translate", bad, "--set", "tili", "--cost-objects", "vy", code=2).stderr
    # without its own column, the cost centre is the source value
    plain = write_csv(tmp_path / "plain.csv", TB_HEADER + "4000;1200;2025-12;2,00\n")
    cli("mapping", "translate", plain, "--set", "tili", "--cost-objects", "vy",
        "-o", tmp_path / "p.csv")
    assert [x["vastuuyksikko"] for x in _lines(tmp_path / "p.csv")] == ["200"]


def test_runs_are_recorded_with_the_cost_object_set(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    _translate(cli, tmp_path, "4000;1400;2025-06;10,00\n4000;1100;2025-06;-10,00\n", code=1)
    with make_engine(cli.db_url).connect() as connection:
        run = connection.execute(text(
            "SELECT a.name, a.kind, c.name, c.version, t.reconciled FROM translation_run t "
            "JOIN mapping_set a ON a.id = t.set_id "
            "JOIN mapping_set c ON c.id = t.cost_object_set_id")).one()
    assert tuple(run) == ("tili", "accounts", "kp", 1, False)
    section = cli.json("status")["sections"]["mapping"]
    rows = {s["set"]: s for s in section["sets"]}
    assert rows["tili"]["translation"]["cost_objects"] == "kp@1"
    assert rows["kp"]["translation"]["set"] == "tili@1"
    assert rows["kp"]["translation"]["untranslated_lines"] == 1
    reason = ("translation of tb.csv with tili@1 and kp@1 does not reconcile (1 lines "
              "untranslated)")
    assert [s["reason"] for s in section["signals"]].count(reason) == 2  # one per set
    events = cli.json("log", "--entity", "mapping_set:tili@1")
    assert "tb.csv with kp@1" in events[0]["summary"]


def test_refusals_write_and_record_nothing(cli: Cli, tmp_path: Path) -> None:
    setup_cost_objects(cli, tmp_path)
    before = snapshot(cli.db_url)
    source = write_csv(tmp_path / "tb.csv", TB_HEADER + "4000;1100;2025-12;1,00\n")
    out = tmp_path / "out.csv"
    for args, message in [
        (("--set", "tili", "--cost-objects", "nope"), "no mapping set 'nope'"),
        (("--set", "tili", "--cost-objects", "tili"), "tili is an accounts set"),
        (("--set", "kp",), "kp is a cost-objects set, not accounts"),
        (("--set", "tili", "--cost-objects", "kp@9"), "mapping set kp has no version 9"),
    ]:
        assert message in cli("mapping", "translate", source, *args, "-o", out,
                              code=2).stderr
    bad = write_csv(tmp_path / "bad.csv", TB_HEADER + "4000;11 00;2025-12;1,00\n")
    assert "bad.csv:2:kustannuspaikka: '11 00' is not a cost centre" in cli(
        "mapping", "translate", bad, "--set", "tili", "--cost-objects", "kp", "-o", out,
        code=2).stderr
    assert not out.exists()
    assert snapshot(cli.db_url) == before
