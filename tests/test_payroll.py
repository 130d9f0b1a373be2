"""`migctl recon --kind payroll`: the payroll parallel run, hand-computed to the cent — every
cause fired (and a key that must not fire), control totals, patterns, decisions per employee ×
income type and per pattern, pseudonyms only in the store, reveal, the key rules, bad input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from migctl.services.pseudonym import Pseudonymiser
from tests.conftest import Cli, snapshot, write_csv
from tests.gates_data import check, city, only

KEY = "test-key-0123456789abcdef"
P = Pseudonymiser(KEY.encode())

WAGE_TYPES = """legacy_wage_type;new_wage_type;income_type;name
1100;KK01;201;Kuukausipalkka
1520;LR01;213;Lomaraha
1204;IL01;206;Iltatyökorvaus
1312;SU01;221;Sunnuntaityökorvaus
9999;;;Vanha erikoislisä
"""
# E1..E6 each get holiday bonus exactly 0.8 % less in the new system (a pattern of 6);
# E7 is missing from the new system; N8 is new; E2's evening pay is missing in the new system;
# E3 gets Sunday pay only in the new system; E4's salary differs by 0.01 (rounding);
# E5's salary differs by 50.00 (amount_differs); E6 has a legacy line of wage type 9999
# (unmapped: its new-side amount stays as it is) and 7777 (not in the mapping at all).
LEGACY = """employee_id;name;period;wage_type;amount;org_unit
E1;Aino A;2026-01;1100;3000,00;SOTE
E1;Aino A;2026-01;1520;1000,00;SOTE
E2;Bertta B;2026-01;1100;2500,00;SOTE
E2;Bertta B;2026-01;1520;500,00;SOTE
E2;Bertta B;2026-01;1204;120,50;SOTE
E3;Cecilia C;2026-01;1100;2800,00;KASVO
E3;Cecilia C;2026-01;1520;750,00;KASVO
E4;Daniel D;2026-01;1100;3100,00;KASVO
E4;Daniel D;2026-01;1520;1250,00;KASVO
E5;Eero E;2026-01;1100;2000,00;TEKN
E5;Eero E;2026-01;1520;100,00;TEKN
E6;Fanni F;2026-01;1100;2200,00;TEKN
E6;Fanni F;2026-01;1520;2000,00;TEKN
E6;Fanni F;2026-01;9999;10,00;TEKN
E6;Fanni F;2026-01;7777;5,00;TEKN
E7;Gustav G;2026-01;1100;1900,00;SOTE
"""
TARGET = """employee_id;period;wage_type;amount;org_unit
E1;2026-01;KK01;3000.00;SOTE
E1;2026-01;LR01;992.00;SOTE
E2;2026-01;KK01;2500.00;SOTE
E2;2026-01;LR01;496.00;SOTE
E3;2026-01;KK01;2800.00;KASVO
E3;2026-01;LR01;744.00;KASVO
E3;2026-01;SU01;80.00;KASVO
E4;2026-01;KK01;3100.01;KASVO
E4;2026-01;LR01;1240.00;KASVO
E5;2026-01;KK01;2050.00;TEKN
E5;2026-01;LR01;99.20;TEKN
E6;2026-01;KK01;2200.00;TEKN
E6;2026-01;LR01;1984.00;TEKN
N8;2026-01;KK01;1500.00;SOTE
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {"wage": write_csv(tmp_path / "wage_types.csv", WAGE_TYPES, encoding="cp1252"),
            "legacy": write_csv(tmp_path / "legacy.csv", LEGACY, encoding="cp1252"),
            "target": write_csv(tmp_path / "target.csv", TARGET)}


@pytest.fixture
def payroll(cli: Cli, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
            ) -> dict[str, Path]:
    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", KEY)
    cli("recon", "add", "pay", "--kind", "payroll", "--legacy", files["legacy"], "--target",
        files["target"], "--wage-types", files["wage"])
    return files


def run_json(cli: Cli, *args: str | Path, code: int = 1) -> dict:
    return json.loads(cli("recon", "run", "pay", *args, "-f", "json", code=code).stdout)


def test_hand_computed(cli: Cli, payroll: dict[str, Path]) -> None:
    doc = run_json(cli)
    counts = {c: n for c, n in doc["counts"].items() if n}
    # keys: E1 201 =, E1 213 pattern; E2 201 =, 213 pattern, 206 missing_pay; E3 201 =,
    # 213 pattern, 221 extra_pay; E4 201 rounding, 213 pattern; E5 201 differs, 213 pattern;
    # E6 201 =, 213 pattern; E7 201 missing_employee; N8 201 extra_employee; 2 unmapped lines
    assert counts == {"missing_employee": 1, "extra_employee": 1, "missing_pay": 1,
                      "extra_pay": 1, "amount_differs": 7, "unmapped_wage_type": 2,
                      "rounding": 1, "matched": 4}
    legacy = Decimal("23235.50")
    target = Decimal("22785.21")
    assert doc["totals"] == {"legacy": float(legacy), "target": float(target),
                             "difference": float(target - legacy)}
    assert doc["explained"] is True and doc["clean"] is False
    assert sum(Decimal(str(v)) for v in doc["by_cause"].values()) == target - legacy
    assert doc["by_cause"]["unmapped_wage_type"] == -15.0
    assert doc["by_cause"]["rounding"] == 0.01
    assert doc["by_cause"]["missing_employee"] == -1900.0
    assert doc["employees"] == {"legacy": 7, "target": 7, "compared": 8}
    [pattern] = doc["patterns"]
    assert pattern["id"] == "P213-0.80" and pattern["income_type"] == "213"
    assert pattern["relative_pct"] == -0.8 and pattern["members"] == 6 and pattern["keys"] == 6
    assert pattern["org_units"] == ["KASVO", "SOTE", "TEKN"]
    assert pattern["difference"] == -44.8 and pattern["accepted"] is False
    incomes = {row["income_type"]: row for row in doc["by_income_type"]}
    assert incomes["213"]["difference"] == -44.8 and incomes["213"]["name"] == "Lomaraha"
    assert incomes[""]["legacy"] == 15.0  # the unmapped lines
    orgs = {row["org_unit"]: row["difference"] for row in doc["by_org_unit"]}
    assert sum(Decimal(str(v)) for v in orgs.values()) == target - legacy
    assert {d["cause"] for d in doc["differences"]} >= {"missing_employee", "amount_differs"}
    e5 = next(d for d in doc["differences"] if d["key"] == {
        "employee": P("E5"), "income_type": "201", "period": "2026-01"})
    assert e5["cause"] == "amount_differs" and e5["difference"] == 50.0 and "pattern" not in e5
    unmapped = sorted(d["wage_type"] for d in doc["differences"]
                      if d["cause"] == "unmapped_wage_type")
    assert unmapped == ["7777", "9999"]
    assert doc["wage_types"]["version"] == 1
    assert [f["code"] for f in doc["wage_types"]["findings"]] == ["W001"]


def test_no_raw_id_or_name_in_store_or_output(cli: Cli, payroll: dict[str, Path],
                                              db_url: str, tmp_path: Path) -> None:
    out = cli("recon", "run", "pay", "--export", tmp_path / "all.csv", code=1).stdout
    stored = json.dumps(snapshot(db_url), default=str)
    exported = (tmp_path / "all.csv").read_text()
    for text in (out, stored, exported):
        for raw in ("E1", "E7", "N8", "Aino", "Gustav"):
            assert f"{raw};" not in text and f'"{raw}"' not in text and f" {raw} " not in text
        assert "Aino" not in text and "Gustav" not in text
    assert P("E7") in stored and P("E7") in exported
    # per-employee amounts only for open differences: the rounding one is not stored
    assert P("E4") + '", "201"' not in stored.replace("'", '"')


def test_tolerances(cli: Cli, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", KEY)
    cli("recon", "add", "pay", "--kind", "payroll", "--legacy", files["legacy"], "--target",
        files["target"], "--wage-types", files["wage"], "--tolerance", "0",
        "--tolerance-pct", "2.5%")
    doc = run_json(cli)
    # 0 € absolute: E4's cent differs; 2.5 %: E5's +50 on 2000 (2.5 %) and the -0.8 % are
    # rounding now, so no pattern is left
    assert doc["counts"]["amount_differs"] == 0 and doc["counts"]["rounding"] == 8
    assert doc["patterns"] == []
    assert doc["explained"] is True


@pytest.mark.parametrize(("option", "value"), [("--tolerance", "abc"),
                                              ("--tolerance-pct", "abc"),
                                              ("--tolerance-pct", "-1")])
def test_a_bad_tolerance_names_its_own_option(cli: Cli, files: dict[str, Path], db_url: str,
                                              option: str, value: str) -> None:
    before = snapshot(db_url)
    result = cli("recon", "add", "pay", "--kind", "payroll", "--legacy", files["legacy"],
                 "--target", files["target"], "--wage-types", files["wage"], option, value,
                 code=2)
    assert f"{option}:" in result.stderr or f"{option} " in result.stderr
    assert f"{option}-pct" not in result.stderr  # not the other tolerance
    assert snapshot(db_url) == before


def test_pattern_and_key_decisions(cli: Cli, payroll: dict[str, Path], tmp_path: Path) -> None:
    run_json(cli)
    cli("recon", "accept", "pay", "--pattern", "P213-0.80", "--reason", "KVTES tables",
        "--by", "HR")
    e5 = f"{P('E5')},201"
    cli("recon", "accept", "pay", "--key", e5, "--reason", "raise", "--by", "HR")
    doc = run_json(cli)
    assert doc["counts"]["accepted"] == 7 and doc["counts"]["amount_differs"] == 0
    assert doc["patterns"][0]["accepted"] is True
    assert doc["patterns"][0]["accepted_by"] == "HR"
    # a member more changes the pattern: the decision no longer holds
    target = payroll["target"].read_text().replace("E1;2026-01;KK01;3000.00",
                                                    "E1;2026-01;KK01;3010.00")
    target += "N8;2026-01;LR01;0.00;SOTE\n"
    legacy = payroll["legacy"].read_text(encoding="cp1252") + \
        "N8;Uusi U;2026-01;1520;100,00;SOTE\n"
    changed_t = write_csv(tmp_path / "t2.csv", target.replace("N8;2026-01;LR01;0.00",
                                                              "N8;2026-01;LR01;99.20"))
    changed_l = write_csv(tmp_path / "l2.csv", legacy)
    doc = run_json(cli, "--legacy", changed_l, "--target", changed_t)
    assert doc["patterns"][0]["members"] == 7 and doc["patterns"][0]["accepted"] is False
    assert doc["counts"]["amount_differs"] == 8  # 7 pattern keys + E1's salary
    assert doc["counts"]["accepted"] == 1  # E5's salary: same difference, still accepted
    decisions = json.loads(cli("recon", "decisions", "pay", "-f", "json").stdout)
    assert {tuple(d["key"]) for d in decisions} == {("pattern:P213-0.80",), (P("E5"), "201")}


def test_reveal_is_audited_without_the_id(cli: Cli, payroll: dict[str, Path],
                                          db_url: str) -> None:
    run_json(cli)
    out = cli("recon", "reveal", "pay", P("E7"), "--legacy", payroll["legacy"]).stdout
    assert out.strip() == "E7"
    audit = json.dumps(snapshot(db_url)["audit_event"], default=str)
    assert "reveal" in audit and P("E7") in audit and '"E7"' not in audit
    cli("recon", "reveal", "pay", "p-000000000000", "--legacy", payroll["legacy"], code=2)


def test_missing_key_refuses(cli: Cli, payroll: dict[str, Path], db_url: str,
                             monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("MIGCTL_PSEUDONYM_KEY")
    before = snapshot(db_url)
    result = cli("recon", "run", "pay", code=2)
    assert "MIGCTL_PSEUDONYM_KEY" in result.output and "--key-file" in result.output
    assert snapshot(db_url) == before
    key_file = tmp_path / "key"
    key_file.write_text(KEY)
    doc = json.loads(cli("recon", "run", "pay", "--key-file", key_file, "-f", "json",
                         code=1).stdout)
    assert doc["differences"][0]["key"]["employee"].startswith("p-")


@pytest.mark.parametrize(("where", "bad", "expected"), [
    ("legacy", "E2;Bertta B;2026-01;1100;25x0,00;SOTE", "legacy.csv:4:amount"),
    ("legacy", "E2;Bertta B;2026-01;;2500,00;SOTE", "legacy.csv:4:wage_type"),
    ("target", "E2;2026-01;KK01;12a4;SOTE", "target.csv:4:amount"),
])
def test_bad_input_names_the_cell(cli: Cli, payroll: dict[str, Path], db_url: str,
                                  where: str, bad: str, expected: str) -> None:
    path = payroll[where]
    encoding = "cp1252" if where == "legacy" else "utf-8"
    lines = path.read_text(encoding=encoding).splitlines()
    lines[3] = bad
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    before = snapshot(db_url)
    result = cli("recon", "run", "pay", code=2)
    assert expected in result.output.replace(" ", "")
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(db_url) == before


def test_wage_type_mapping_versions_and_findings(cli: Cli, payroll: dict[str, Path]) -> None:
    wage = payroll["wage"]
    wage.write_bytes((WAGE_TYPES + "1520;LR02;213;Lomaraha 2\n1312;SU01;2211;Sunnuntai\n"
                      "1204;IL01;207;Ilta\n").encode("cp1252"))
    out = json.loads(cli("recon", "add", "pay", "--kind", "payroll", "--legacy",
                         payroll["legacy"], "--target", payroll["target"], "--wage-types",
                         wage, "-f", "json").stdout)
    mapping = out["wage_type_mapping"]
    assert mapping["version"] == 2 and mapping["changed"] is True
    codes = sorted(f["code"] for f in mapping["findings"])
    # 9999 unmapped; 2211 unknown; 1520 and 1204 mapped twice differently, IL01 under 206
    # and 207
    assert codes == ["W001", "W002", "W003", "W003", "W003"]
    doc = run_json(cli)
    # 1520 and 1204 conflict: their lines are unmapped now (6 + 1) besides 9999 and 7777
    assert doc["counts"]["unmapped_wage_type"] == 9 and doc["wage_types"]["version"] == 2
    assert doc["explained"] is True
    same = json.loads(cli("recon", "add", "pay", "--kind", "payroll", "--legacy",
                          payroll["legacy"], "--target", payroll["target"], "--wage-types",
                          wage, "-f", "json").stdout)
    assert same["wage_type_mapping"]["changed"] is False


def test_bad_wage_type_mapping_leaves_store_unchanged(cli: Cli, payroll: dict[str, Path],
                                                      db_url: str) -> None:
    payroll["wage"].write_bytes((WAGE_TYPES + ";KK09;201;tyhjä\n").encode("cp1252"))
    before = snapshot(db_url)
    result = cli("recon", "add", "pay", "--kind", "payroll", "--legacy", payroll["legacy"],
                 "--target", payroll["target"], "--wage-types", payroll["wage"], code=2)
    assert "wage_types.csv:7:legacy_wage_type" in result.output.replace(" ", "")
    assert snapshot(db_url) == before


def test_key_map_translates_new_ids(cli: Cli, files: dict[str, Path], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIGCTL_PSEUDONYM_KEY", KEY)
    target = write_csv(tmp_path / "t.csv", files["target"].read_text().replace("E1;", "900001;"))
    key_map = write_csv(tmp_path / "km.csv", "legacy_employee_id;new_employee_id\nE1;900001\n")
    cli("recon", "add", "pay", "--kind", "payroll", "--legacy", files["legacy"], "--target",
        target, "--wage-types", files["wage"], "--key-map", key_map)
    doc = run_json(cli)
    assert doc["employees"]["compared"] == 8 and doc["patterns"][0]["members"] == 6


def test_recon_clean_criterion_for_payroll(cli: Cli, payroll: dict[str, Path],
                                           tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "recon-clean:pay")
    run_json(cli)
    dirty = only(check(cli, code=1))
    assert dirty["passed"] is False and "is not clean" in dirty["message"]
    assert dirty["evidence"]["counts"]["missing_employee"] == 1
    legacy = write_csv(tmp_path / "l.csv", "employee_id;period;wage_type;amount\n"
                       "E1;2026-02;1100;100,00\nE1;2026-02;1520;10,00\n")
    target = write_csv(tmp_path / "t.csv", "employee_id;period;wage_type;amount\n"
                       "E1;2026-02;KK01;100.00\nE1;2026-02;LR01;10.01\n")
    doc = run_json(cli, "--legacy", legacy, "--target", target, code=0)
    assert doc["clean"] is True and doc["counts"]["rounding"] == 1
    assert only(check(cli, code=0))["passed"] is True


def test_people_section_shows_runs_patterns_and_trend(cli: Cli, payroll: dict[str, Path],
                                                      tmp_path: Path) -> None:
    status = cli.json("status")
    people = status["sections"]["people"]
    assert [s["code"] for s in people["signals"]] == ["payroll-not-run"]
    assert "pay" not in [r["recon"] for r in status["sections"]["load"]["recons"]]
    run_json(cli)
    month2 = write_csv(tmp_path / "l2.csv", payroll["legacy"].read_text(encoding="cp1252")
                       .replace("2026-01", "2026-02"))
    target2 = write_csv(tmp_path / "t2.csv", payroll["target"].read_text()
                        .replace("2026-01", "2026-02"))
    run_json(cli, "--legacy", month2, "--target", target2)
    people = cli.json("status")["sections"]["people"]
    [row] = people["payroll"]
    assert row["employees"] == 8 and row["counts"]["amount_differs"] == 7
    assert row["open_by_income_type"]["213"] == 6
    assert row["patterns"][0]["id"] == "P213-0.80" and row["patterns"][0]["members"] == 6
    assert [p["periods"] for p in row["trend"]] == [["2026-01"], ["2026-02"]]
    assert people["signals"][0]["code"] == "payroll-not-clean"
    report = cli("status", "--lang", "fi", "-f", "markdown").stdout
    assert "Henkilöstö — palkat" in report and "P213-0.80" in report
    assert P("E7") not in report


def test_people_section_as_of_sees_only_the_runs_finished_by_then(cli: Cli,
                                                                  payroll: dict[str, Path]
                                                                  ) -> None:
    run_json(cli)
    now = cli.json("status")["sections"]["people"]
    assert now["payroll"][0]["run_id"] is not None and len(now["payroll"][0]["trend"]) == 1
    before = cli.json("status", "--as-of", "2020-01-01 12:00")["sections"]["people"]
    assert before["payroll"][0]["run_id"] is None and before["payroll"][0]["trend"] == []
    assert [s["code"] for s in before["signals"]] == ["payroll-not-run"]


def test_unmapped_wage_type_counted_per_legacy_line(cli: Cli, payroll: dict[str, Path],
                                                    tmp_path: Path) -> None:
    # E6's 9999 is paid as KL100 in the new system, which the mapping does not know either:
    # its euros are explained under unmapped_wage_type, but only the legacy lines count
    target = write_csv(tmp_path / "t.csv", payroll["target"].read_text()
                       + "E6;2026-01;KL100;10.00;TEKN\n")
    doc = run_json(cli, "--target", target)
    assert doc["counts"]["unmapped_wage_type"] == 2  # 9999 and 7777, legacy lines
    assert doc["by_cause"]["unmapped_wage_type"] == -5.0  # -10 - 5 + 10
    assert doc["explained"] is True
    assert sorted(d["wage_type"] for d in doc["differences"]
                  if d["cause"] == "unmapped_wage_type") == ["7777", "9999", "KL100"]
    incomes = {row["income_type"]: row for row in doc["by_income_type"]}
    assert incomes[""]["open"] == 2 and incomes[""]["difference"] == -5.0
    people = cli.json("status")["sections"]["people"]
    assert people["payroll"][0]["counts"]["unmapped_wage_type"] == 2


def test_an_accepted_difference_keeps_no_amount(cli: Cli, payroll: dict[str, Path],
                                                db_url: str, tmp_path: Path) -> None:
    import re

    # E5's salary differs by a distinctive 123.45 (12345 cents)
    target = write_csv(tmp_path / "t.csv", payroll["target"].read_text().replace(
        "E5;2026-01;KK01;2050.00", "E5;2026-01;KK01;2123.45"))
    first = run_json(cli, "--target", target)
    key = {"employee": P("E5"), "income_type": "201", "period": "2026-01"}
    assert next(d for d in first["differences"] if d["key"] == key)["difference"] == 123.45
    accepted = cli.json("recon", "accept", "pay", "--key", f"{P('E5')},201", "--reason",
                        "raise", "--by", "HR", "-f", "json")
    assert accepted["difference"] == 123.45  # shown to the reviewer, not stored
    # the pattern too: by_cause's "accepted" is a control total over all accepted differences
    # (the causes add up to the total difference), not one employee's amount
    cli("recon", "accept", "pay", "--pattern", "P213-0.80", "--reason", "KVTES", "--by", "HR")
    for _ in range(2):  # carried across runs while the differences stay the same
        doc = run_json(cli, "--target", target)
        assert doc["counts"]["accepted"] == 7 and doc["counts"]["amount_differs"] == 0
        assert doc["by_cause"]["accepted"] == 78.65  # 123.45 - 44.80
        assert key not in [d["key"] for d in doc["differences"]]
        assert doc["patterns"][0]["accepted"] is True
    decisions = cli.json("recon", "decisions", "pay")
    assert [(d["key"], d["difference"], d["active"]) for d in decisions] == [
        ([P("E5"), "201"], None, True), (["pattern:P213-0.80"], None, True)]
    amount = re.compile(r"(?<![\w.])(123\.45|12345)(?![\w.])")
    dump = snapshot(db_url)
    # only the first run, where the difference was still open, holds the amount
    [open_run] = [row for row in dump["recon_run"] if row[0] == first["run_id"]]
    assert amount.search(repr(open_run))
    rest = [row for table, rows in dump.items() for row in rows
            if not (table == "recon_run" and row[0] == first["run_id"])]
    assert [row for row in rest if amount.search(repr(row))] == []
    stored = next(row for row in dump["recon_decision"])
    assert "hmac-sha256:" in repr(stored) and "amount_differs|" not in repr(stored)
    # a changed amount reopens it (the pattern stays accepted)
    changed = write_csv(tmp_path / "t2.csv", target.read_text().replace("2123.45", "2123.46"))
    doc = run_json(cli, "--target", changed)
    assert doc["counts"]["accepted"] == 6 and key in [d["key"] for d in doc["differences"]]



def test_recon_clean_criterion_as_of_judges_the_runs_finished_by_then(
        cli: Cli, payroll: dict[str, Path], tmp_path: Path) -> None:
    from tests.test_recon_cli import backdate

    city(cli, tmp_path)
    cli("task", "criteria", "add", "G1", "-r", "recon-clean:pay")
    dirty = run_json(cli)
    backdate(cli.db_url, dirty["run_id"], "2020-06-01T06:00:00+00:00")
    legacy = write_csv(tmp_path / "l.csv", "employee_id;period;wage_type;amount\n"
                       "E1;2026-02;1100;100,00\n")
    target = write_csv(tmp_path / "t.csv", "employee_id;period;wage_type;amount\n"
                       "E1;2026-02;KK01;100.00\n")
    clean = run_json(cli, "--legacy", legacy, "--target", target, code=0)
    now = only(check(cli, code=0))
    assert now["passed"] is True and now["evidence"]["run_id"] == clean["run_id"]
    then = only(check(cli, "--as-of", "2020-06-01 12:00", code=1))
    assert then["passed"] is False and "is not clean" in then["message"]
    assert then["evidence"]["run_id"] == dirty["run_id"]
    before = only(check(cli, "--as-of", "2020-01-01 12:00", code=1))
    assert before["passed"] is False and "has never run" in before["message"]


def test_junit_names_a_missing_side_instead_of_a_gap(cli: Cli, payroll: dict[str, Path]
                                                     ) -> None:
    junit = cli("recon", "run", "pay", "-f", "junit", code=1).stdout
    assert f"{P('E7')} 201 2026-01: legacy 1 900.00, new missing, difference -1 900.00" in junit
    assert f"{P('N8')} 201 2026-01: legacy missing, new 1 500.00, difference 1 500.00" in junit
    assert "wage type 7777 2026-01: legacy 5.00, new missing" in junit
    assert "new ," not in junit and "legacy ," not in junit
    github = cli("recon", "run", "pay", "-f", "github", code=1).stdout
    assert "new missing" in github and "new ," not in github
