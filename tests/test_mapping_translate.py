"""`mapping translate`: hand-checked splits, signs, debit/credit, validity boundaries,
precedence, untranslated lines, outputs, and refusals that leave nothing behind."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from migctl.services.mapping.index import allocate
from migctl.services.mapping.ledger import parse_cents, parse_period
from tests.conftest import Cli, snapshot, write_csv
from tests.mapping_data import mapping_csv, setup_reference

W = 10_000  # weight of 1 % (shares × 10,000)

RULES = """1000;;100000;;;;;;
1010;;101000;;;;;2025-06-30;
1010;;100000;;;;2025-07-01;;
2000;;200000;;;;;;
3000;;300000;200;2000;;;;
4000;;400000;100;1000;33,33;;;
4000;;401000;100;1000;33,33;;;
4000;;402000;100;1000;33,34;;;
4010;;401000;100;;33,3333;;;
4010;;401000;200;;33,3333;;;
4010;;402000;100;;33,3334;;;
4020;1100;402000;200;;;;;
4000..4099;;409000;100;;;;;
"""


def _setup(cli: Cli, tmp_path: Path, rules: str = RULES) -> None:
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path, rules), "--set", "m")


def _lines(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def _translate(cli: Cli, tmp_path: Path, body: str, *args: str, code: int = 0,
               header: str = "tili;kustannuspaikka;kausi;summa\n") -> tuple[dict, list[dict]]:
    source = write_csv(tmp_path / "tb.csv", header + body)
    out = tmp_path / "out.csv"
    report = json.loads(cli("mapping", "translate", source, "--set", "m", "-o", out, "-f",
                            "json", *args, code=code).stdout)
    return report, _lines(out)


def test_allocate_largest_remainder_hand_checked() -> None:
    thirds = (3333 * W // 100, 3333 * W // 100, 3334 * W // 100)  # 33,33 / 33,33 / 33,34
    assert allocate(10_000, thirds, 100 * W) == [3333, 3333, 3334]
    assert allocate(1, thirds, 100 * W) == [0, 0, 1]
    assert allocate(2, thirds, 100 * W) == [1, 0, 1]
    one_third = (333_333, 333_333, 333_334)  # 33,3333 / 33,3333 / 33,3334
    assert allocate(100, one_third, 100 * W) == [33, 33, 34]
    assert allocate(-100, one_third, 100 * W) == [-33, -33, -34]
    assert allocate(1, (50 * W, 50 * W), 100 * W) == [1, 0]  # a tie goes to the earlier row
    assert allocate(-1, (50 * W, 50 * W), 100 * W) == [-1, 0]
    assert allocate(12_345_679, (60 * W, 40 * W), 100 * W) == [7_407_407, 4_938_272]
    # shares that miss 100 % lose (or add) exactly their rounding of the line
    assert sum(allocate(10_000, (3333 * W // 100,) * 3, 9999 * W // 100)) == 9999


def test_amount_and_period_formats() -> None:
    for text, cents in [("-1 234,56", -123456), ("1.234,56", 123456), ("1\u00a0234,5", 123450),
                        ("123,45-", -12345), ("1234.56", 123456), ("0", 0), ("-0,01", -1),
                        ("12", 1200), ("1 000 000", 100_000_000)]:
        assert parse_cents(text) == cents, text
    with pytest.raises(ValueError, match="more than two decimals"):
        parse_cents("1,005")
    assert parse_period("2025-12")[0] == "2025-12"
    assert parse_period("2/2024")[1].isoformat() == "2024-02-29"
    assert parse_period("202312")[0] == "2023-12"
    assert parse_period("31.12.2025") == ("2025-12-31", parse_period("2025-12")[1])
    with pytest.raises(ValueError, match="not a period"):
        parse_period("2025-13")


def test_splits_signs_and_the_report(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    report, lines = _translate(cli, tmp_path,
                               "4000;1100;2025-12;100,00\n"
                               "4010;1100;2025-12;-1,00\n"
                               "4000;1200;2025-12;0,02\n"
                               "1000;;2025-12;-99,02\n"
                               "1000;;2025-11;-1 000,00\n"
                               "4020;1100;2025-11;1 000,00\n")
    assert report["reconciled"] is True and report["lines"] == 6
    by_row: dict[str, list[tuple[str, str, str]]] = {}
    for line in lines:
        by_row.setdefault(line["source_row"], []).append(
            (line["target_account"], line["vastuuyksikko"], line["amount"]))
    assert by_row["2"] == [("400000", "100", "33.33"), ("401000", "100", "33.33"),
                           ("402000", "100", "33.34")]
    assert by_row["3"] == [("401000", "100", "-0.33"), ("401000", "200", "-0.33"),
                           ("402000", "100", "-0.34")]
    assert by_row["4"] == [("400000", "100", "0.01"), ("401000", "100", "0.00"),
                           ("402000", "100", "0.01")]
    assert by_row["5"] == [("100000", "", "-99.02")]
    assert by_row["7"] == [("402000", "200", "1000.00")]  # the cost-centre rule
    first = lines[0]
    assert first == {"target_account": "400000", "vastuuyksikko": "100",
                     "palveluluokka": "1000", "period": "2025-12", "amount": "33.33",
                     "source_row": "2", "source_account": "4000", "source_cost_centre": "1100",
                     "rule_row": "7"}
    assert report["periods"] == [
        {"period": "2025-11", "before": 0.0, "after": 0.0, "difference": 0.0},
        {"period": "2025-12", "before": 0.0, "after": 0.0, "difference": 0.0}]
    assert report["coverage"] == {"lines_pct": 100.0, "amount_pct": 100.0}
    assert report["untranslated"] == []
    assert {t["type"]: (t["before"], t["after"]) for t in report["by_type"]} == {
        "asset": (-1099.02, -1099.02), "expense": (1099.02, 1099.02)}


def test_precedence_exact_before_range_cost_centre_before_none(cli: Cli, tmp_path: Path
                                                               ) -> None:
    rules = ("4020;;402000;100;;;;;\n"
             "4020;1100;401000;100;;;;;\n"
             "4000..4099;1200;400000;100;;;;;\n"
             "4000..4099;;409000;100;;;;;\n")
    _setup(cli, tmp_path, rules)
    _, lines = _translate(cli, tmp_path,
                          "4020;1100;2025-12;1\n"   # exact + cost centre
                          "4020;1200;2025-12;2\n"   # exact without cc beats range with cc
                          "4030;1200;2025-12;3\n"   # range + cost centre
                          "4030;1300;2025-12;4\n"   # range without cc
                          "4020;;2025-12;5\n")
    assert [(line["source_row"], line["target_account"]) for line in lines] == [
        ("2", "401000"), ("3", "402000"), ("4", "400000"), ("5", "409000"), ("6", "402000")]


def test_validity_boundary_by_period_and_on(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    body = "1010;;2025-06;10\n1010;;2025-07;20\n"
    report, lines = _translate(cli, tmp_path, body)
    assert [line["target_account"] for line in lines] == ["101000", "100000"]
    report, lines = _translate(cli, tmp_path, body, "--on", "30.6.2025")
    assert [line["target_account"] for line in lines] == ["101000", "101000"]
    assert report["on"] == "2025-06-30"
    report, lines = _translate(cli, tmp_path, body.replace("2025-06", "2025-06-30"))
    assert lines[0]["period"] == "2025-06-30" and lines[0]["target_account"] == "101000"


def test_debit_credit_columns_and_xlsx_output(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    source = write_csv(tmp_path / "gl.csv", "Tili;Kustannuspaikka;Kausi;Debet;Kredit\n"
                                            "2000;;2025-12;;1 500,25\n"
                                            "1000;;2025-12;1 500,25;\n"
                                            "4000;1100;2025-12;10,00;0,01\n", encoding="cp1252")
    out = tmp_path / "lines.xlsx"
    report = cli.json("mapping", "translate", source, "--set", "m", "-o", out)
    assert report["reconciled"] and report["output"]["format"] == "xlsx"
    rows = list(load_workbook(out).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0][:6] == ("target_account", "vastuuyksikko", "palveluluokka", "period",
                           "amount", "source_row")
    assert [(r[0], r[4]) for r in rows[1:3]] == [("200000", -1500.25), ("100000", 1500.25)]
    assert sum(Decimal(str(r[4])) for r in rows[3:]) == Decimal("9.99")


def test_aggregate_and_json_output(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    source = write_csv(tmp_path / "tb.csv", "account;cost_centre;period;amount\n"
                                            "1000;;2025-12;1,00\n1000;;2025-12;2,00\n"
                                            "2000;;2025-12;-5,00\n1000;;2025-12;2,00\n")
    out = tmp_path / "agg.json"
    report = cli.json("mapping", "translate", source, "--set", "m", "-o", out, "--aggregate")
    assert report["aggregate"] is True and report["output"]["lines"] == 2
    assert json.loads(out.read_text()) == [
        {"target_account": "100000", "vastuuyksikko": None, "palveluluokka": None,
         "period": "2025-12", "amount": 5.0, "source_rows": "2-3,5", "lines": 3},
        {"target_account": "200000", "vastuuyksikko": None, "palveluluokka": None,
         "period": "2025-12", "amount": -5.0, "source_rows": "4", "lines": 1}]
    table = cli("mapping", "translate", source, "--set", "m").stdout
    assert "reconciled" in table and "NOT" not in table


def test_untranslated_lines_exit_1_and_are_recorded(cli: Cli, tmp_path: Path) -> None:
    rules = RULES.replace("2000;;200000;;;;;;", "2000;;299999;;;;;;") + \
        "4500;;400000;100;;;;;\n4500;;401000;100;;;;;\n"
    _setup(cli, tmp_path, rules)
    report, lines = _translate(cli, tmp_path,
                               "1000;;2025-12;100,00\n"
                               "9999;;2025-12;-40,00\n"
                               "2000;;2025-12;-50,00\n"
                               "4500;1100;2025-12;-10,00\n", code=1)
    assert report["reconciled"] is False
    assert report["untranslated"] == [
        {"row": 3, "account": "9999", "cost_centre": None, "period": "2025-12",
         "amount": -40.0, "reason": "no rule", "code": "M001"},
        {"row": 4, "account": "2000", "cost_centre": None, "period": "2025-12",
         "amount": -50.0, "reason": "rule on row 5 targets 299999, which is not in chart "
                                    "raindance", "code": "M002"},
        {"row": 5, "account": "4500", "cost_centre": "1100", "period": "2025-12",
         "amount": -10.0, "reason": "ambiguous: rules on rows 15, 16 all apply in full",
         "code": "M006"}]
    assert report["periods"] == [{"period": "2025-12", "before": 0.0, "after": 100.0,
                                  "difference": -100.0}]
    assert report["untranslated_total"] == {"lines": 3, "amount": -100.0}
    assert report["coverage"] == {"lines_pct": 25.0, "amount_pct": 50.0}
    assert [line["source_row"] for line in lines] == ["2"]
    status = cli.json("status")["sections"]["mapping"]
    translation = status["sets"][0]["translation"]
    assert translation["reconciled"] is False and translation["untranslated_lines"] == 3
    assert translation["input_file"] == "tb.csv"
    assert any(s["level"] == "amber" and "does not reconcile" in s["reason"]
               for s in status["signals"])
    events = cli.json("log", "--entity", "mapping_set:m@1")
    assert events[0]["action"] == "translate" and "NOT reconciled" in events[0]["summary"]


@pytest.mark.parametrize(("body", "message"), [
    ("1000;;2025-12;abc\n", "tb.csv:3:summa: 'abc' is not a number"),
    ("1000;;2025-12;1,005\n", "tb.csv:3:summa: '1,005' has more than two decimals"),
    ("1000;;2025-13;1\n", "tb.csv:3:kausi: '2025-13' is not a period"),
    (";;2025-12;1\n", "tb.csv:3:tili: is empty"),
    ("1000;;2025-12;\n", "tb.csv:3:summa: is empty"),
])
def test_bad_lines_exit_2_write_nothing_and_record_nothing(cli: Cli, tmp_path: Path, body: str,
                                                          message: str) -> None:
    _setup(cli, tmp_path)
    before = snapshot(cli.db_url)
    source = write_csv(tmp_path / "tb.csv", "tili;kustannuspaikka;kausi;summa\n"
                                            "1000;;2025-12;1,00\n" + body)
    out = tmp_path / "out.csv"
    result = cli("mapping", "translate", source, "--set", "m", "-o", out, code=2)
    assert result.stderr.startswith(f"error: {message}"), result.stderr
    assert not out.exists() and list(tmp_path.glob(".out.csv.tmp*")) == []
    assert snapshot(cli.db_url) == before


def test_usage_refusals(cli: Cli, tmp_path: Path) -> None:
    _setup(cli, tmp_path)
    source = write_csv(tmp_path / "tb.csv", "tili;summa;debet\n1000;1;2\n")
    assert "both 'amount' and 'debit'/'credit'" in cli("mapping", "translate", source,
                                                       code=2).stderr
    source = write_csv(tmp_path / "tb2.csv", "tili;kausi\n1000;2025-12\n")
    assert "neither 'amount'" in cli("mapping", "translate", source, code=2).stderr
    assert "give --output FILE" in cli("mapping", "translate", source, "-f", "xlsx",
                                       code=2).stderr
    assert "--on: '2025-02-30' is not a valid date" in cli(
        "mapping", "translate", source, "--on", "2025-02-30", code=2).stderr


def test_validate_with_balances_reports_money_without_rules(cli: Cli, tmp_path: Path) -> None:
    rules = RULES.replace("4000..4099;;409000;100;;;;;\n", "").replace(
        "4020;1100;402000;200;;;;;", "4020;1100;402000;200;;;;;\n4020;1200;402000;200;;;;;")
    rules = "".join(line + "\n" for line in rules.splitlines() if not line.startswith("2000;"))
    _setup(cli, tmp_path, rules)
    balances = write_csv(tmp_path / "tb.csv", "tili;kustannuspaikka;kausi;summa\n"
                                              "2000;;2025-12;-10,00\n"
                                              "4020;1300;2025-12;4,00\n"
                                              "4020;1300;2025-11;6,00\n"
                                              "4020;1100;2025-12;0,00\n"
                                              "4020;1400;2025-12;0,00\n"
                                              "1000;;2025-12;-10,00\n"
                                              "4000;1100;2025-12;10,00\n")
    document = cli.json("mapping", "validate", "--balances", balances, code=1)
    m001 = [f for f in document["findings"] if f["code"] == "M001"]
    assert [(f["file"], f["row"], f["source_account"]) for f in m001] == [
        ("tb.csv", 2, "2000"), ("tb.csv", 3, "4020")]
    assert m001[0]["message"] == ("2000 has a balance of -10.00 (1 line) but no rule applies "
                                  "on 2025-12-31")
    assert "4020 / cost centre 1300 has a balance of 10.00 (2 lines)" in m001[1]["message"]
    assert document["summary"]["coverage_amount"] == 50.0  # 20 of 40 euros have a rule
    # without balances the chart says 2000 has no rule; 4020 has rules (for other centres)
    plain = cli.json("mapping", "validate", code=1)
    assert [(f["file"], f["source_account"]) for f in plain["findings"]] == [
        ("legacy.csv", "2000")]
    assert "coverage_amount" not in plain["summary"]


def test_a_rule_for_another_date_is_named_not_called_missing(cli: Cli, tmp_path: Path) -> None:
    """Issue 17: a line whose key has a rule, but not for its date, says the rule's validity."""
    _setup(cli, tmp_path, RULES.replace("1010;;100000;;;;2025-07-01;;\n", ""))
    report, _ = _translate(cli, tmp_path, "1010;;2025-12;10,00\n9999;;2025-12;5,00\n", code=1)
    assert [(u["account"], u["reason"], u["code"]) for u in report["untranslated"]] == [
        ("1010", "rule at row 3 is valid from … to 2025-06-30", "M001"),
        ("9999", "no rule", "M001")]
    table = cli("mapping", "translate", tmp_path / "tb.csv", "--set", "m", code=1).stdout
    assert "rule at row 3 is valid from … to 2025-06-30" in table
