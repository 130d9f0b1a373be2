"""`migctl recon`: a balances reconciliation through a real mapping (with a 60/40 split),
hand-computed to the cent; decisions carried forward and reopened; items with export and
JUnit; TOML definitions; history across cutover runs; bad input leaves the store unchanged."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from migctl.services.recon.read import latest_run
from migctl.store.engine import make_engine
from tests.conftest import Cli, snapshot, write_csv
from tests.mapping_data import mapping_csv, setup_reference

LEGACY_TB = """tili;kustannuspaikka;kausi;summa
1000;;2025-12;1000,00
4010;;2025-12;100,01
4000;;2025-12;500,00
2000;;2025-12;-1600,01
3000;;2025-12;99,99
1020;;2025-12;10,00
"""
# 4010 splits 60/40 by largest remainder: 60.01 under unit 100, 40.00 under unit 200
TARGET_TB = """target_account;vastuuyksikko;palveluluokka;period;amount
100000;;;2025-12;1000.00
401000;100;;2025-12;60.00
401000;200;;2025-12;40.00
400000;100;1000;2025-12;300.00
402000;100;;2025-12;200.00
200000;;;2025-12;-1600.01
"""


@pytest.fixture
def balances(cli: Cli, tmp_path: Path) -> tuple[Path, Path]:
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    legacy = write_csv(tmp_path / "tb.csv", LEGACY_TB, encoding="cp1252")
    target = write_csv(tmp_path / "target.csv", TARGET_TB)
    cli("recon", "add", "tb", "--kind", "balances", "--legacy", legacy, "--target", target,
        "--set", "m", "--tolerance", "0,01")
    return legacy, target


def run_json(cli: Cli, *args: str | Path, code: int = 1) -> dict:
    return json.loads(cli("recon", "run", *args, "-f", "json", code=code).stdout)


def test_balances_hand_computed(cli: Cli, balances: tuple[Path, Path]) -> None:
    doc = run_json(cli, "tb")
    nonzero = {c: n for c, n in doc["counts"].items() if n}
    assert nonzero == {"missing_in_target": 1, "untranslated": 1, "misposted": 1,
                       "rounding": 1, "matched": 3}
    assert doc["totals"] == {"legacy": 109.99, "translated": 99.99, "target": -0.01,
                             "difference": -110.0}
    assert doc["explained"] is True and doc["clean"] is False and doc["truncated"] is False
    assert sum(Decimal(str(d["difference"])) for d in doc["differences"]) == Decimal("-110.00")
    by_cause = {d["cause"]: d for d in doc["differences"]}
    assert by_cause["misposted"]["key"] == {"target_account": "400000", "vastuuyksikko": "100",
                                            "palveluluokka": "1000", "period": "2025-12"}
    assert by_cause["misposted"]["other_key"]["target_account"] == "402000"
    assert by_cause["misposted"]["moved"] == 200.0
    assert by_cause["rounding"]["key"]["vastuuyksikko"] == "100"
    assert by_cause["rounding"]["difference"] == -0.01
    assert by_cause["untranslated"]["key"] == {"account": "1020", "cost_centre": "",
                                               "period": "2025-12"}
    assert by_cause["missing_in_target"]["difference"] == -99.99
    classes = {c["account_class"]: c for c in doc["by_account_class"]}
    assert classes["1"]["difference"] == -10.0  # the untranslated 1020
    assert classes["3"]["difference"] == -99.99
    assert classes["4"]["difference"] == -0.01  # the misposting stays inside class 4
    assert doc["run_id"] == 1 and doc["kind"] == "balances"


def test_decisions_carry_forward_and_reopen(cli: Cli, balances: tuple[Path, Path],
                                            tmp_path: Path) -> None:
    run_json(cli, "tb")
    for key in ("300000,200,2000,2025-12", "1020,,2025-12", "400000,100,1000,2025-12"):
        cli("recon", "accept", "tb", "--key", key, "--reason", "agreed", "--by", "Liisa")
    doc = run_json(cli, "tb", code=0)
    assert doc["clean"] and doc["counts"]["accepted"] == 3
    decisions = cli.json("recon", "decisions", "tb")
    assert all(d["active"] for d in decisions) and len(decisions) == 3
    # the next rehearsal's legacy file: 3000 moved by a cent, so that decision reopens
    legacy = write_csv(tmp_path / "tb2.csv", LEGACY_TB.replace("99,99", "100,00"))
    doc = run_json(cli, "tb", "--legacy", legacy)
    assert doc["counts"]["accepted"] == 2 and doc["counts"]["missing_in_target"] == 1
    assert not next(d for d in cli.json("recon", "decisions", "tb")
                    if d["key"][0] == "300000")["active"]
    log = cli("log").stdout
    assert "accept" in log


def test_accept_unknown_key_refused(cli: Cli, balances: tuple[Path, Path]) -> None:
    first = cli("recon", "accept", "tb", "--key", "x", "--reason", "r", "--by", "b", code=2)
    assert "has not run yet" in first.stderr
    run_json(cli, "tb")
    result = cli("recon", "accept", "tb", "--key", "999,,,2025-12", "--reason", "r", "--by",
                 "b", code=2)
    assert "no difference under key" in result.stderr


@pytest.mark.parametrize(("target", "message"), [
    (TARGET_TB.replace("1000.00", "10x0"), "target.csv:2:amount: "),
    (TARGET_TB.replace("palveluluokka;", "palveluluokka;projekti;")
     .replace(";2025-12", ";;2025-12"),
     "do not match the target dimensions (vastuuyksikko, palveluluokka): 'projekti'"),
    (TARGET_TB.replace("palveluluokka;", ""), "missing palveluluokka"),
    ("target_account;vastuuyksikko;palveluluokka;period;amount\n", "has no rows"),
])
def test_bad_target_input(cli: Cli, balances: tuple[Path, Path], tmp_path: Path, target: str,
                          message: str) -> None:
    bad = write_csv(tmp_path / "target.csv", target)
    before = snapshot(cli.db_url)
    result = cli("recon", "run", "tb", "--target", bad, code=2)
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


ITEMS_LEGACY = "laskunro;summa;eräpäivä\nA1;100,00;15.01.2026\nA2;50,00;20.01.2026\n" \
               "A3;€ 7,00;01.02.2026\n"
ITEMS_TARGET = "laskunro,summa,eräpäivä\nA1,100.00,2026-01-15\nA2,50.00,2026-01-30\n"


def test_items_run_export_junit(cli: Cli, tmp_path: Path) -> None:
    legacy = write_csv(tmp_path / "ap.csv", ITEMS_LEGACY.replace("€ ", ""), encoding="cp1252")
    target = write_csv(tmp_path / "bw.csv", ITEMS_TARGET)
    cli("recon", "add", "ap", "--kind", "items", "--legacy", legacy, "--target", target,
        "--key", "laskunro", "--compare", "summa=0.01", "--compare", "eräpäivä=date")
    export = tmp_path / "diff.csv"
    doc = run_json(cli, "ap", "--export", export)
    assert {c: n for c, n in doc["counts"].items() if n} == {
        "missing_in_target": 1, "field_differs": 1, "matched": 1}
    assert doc["totals"]["difference"] == -7.0 and doc["explained"]
    with export.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert {r["cause"] for r in rows} == {"missing_in_target", "field_differs"}
    junit = cli("recon", "run", "ap", "-f", "junit", code=1).stdout
    assert "<failure" in junit and "field_differs" in junit
    assert "A3: legacy 7.00, target missing, difference -7.00" in junit
    assert "target ," not in junit
    unknown = cli("recon", "add", "ap2", "--kind", "items", "--legacy", legacy, "--target",
                  target, "--key", "puuttuu", "--compare", "summa")
    assert unknown.exit_code == 0
    before = snapshot(cli.db_url)
    result = cli("recon", "run", "ap2", code=2)
    assert "missing column 'puuttuu'" in result.stderr
    assert snapshot(cli.db_url) == before


def test_toml_definitions_versioned(cli: Cli, tmp_path: Path) -> None:
    write_csv(tmp_path / "ap.csv", ITEMS_LEGACY.replace("€ ", ""))
    write_csv(tmp_path / "bw.csv", ITEMS_TARGET)
    toml = tmp_path / "recon.toml"
    toml.write_text('[[recon]]\nname = "ap"\nkind = "items"\nlegacy = "ap.csv"\n'
                    'target = "bw.csv"\nkey = ["laskunro"]\ncompare = ["summa=0.01"]\n',
                    encoding="utf-8")
    assert cli.json("recon", "import", toml)["added"] == ["ap"]
    assert cli.json("recon", "import", toml)["unchanged"] == ["ap"]
    toml.write_text(toml.read_text(encoding="utf-8").replace('"summa=0.01"',
                                                             '"summa=0.01", "eräpäivä=date"'),
                    encoding="utf-8")
    assert cli.json("recon", "import", toml)["changed"] == ["ap"]
    shown = cli.json("recon", "show", "ap")
    assert shown["version"] == 2 and shown["compare"] == ["summa=0.01", "eräpäivä=date"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[recon]]\nname = "x"\nkind = "items"\nlegacy = "a"\ntarget = "b"\n',
                   encoding="utf-8")
    before = snapshot(cli.db_url)
    assert "--key" in cli("recon", "import", bad, code=2).stderr
    assert snapshot(cli.db_url) == before
    cli("recon", "remove", "ap")
    assert cli.json("recon", "list") == []


def test_history_and_latest_run_by_cutover_run(cli: Cli, balances: tuple[Path, Path]) -> None:
    cli("cutover", "run", "start", "rehearsal-1")
    run_json(cli, "tb")
    cli("cutover", "run", "finish", "rehearsal-1")
    run_json(cli, "tb")  # no active cutover run
    history = cli.json("recon", "history", "tb")
    assert [h["cutover_run"] for h in history] == ["rehearsal-1", None]
    engine = make_engine(cli.db_url)
    with engine.connect() as db:
        latest = latest_run(db, "tb")
        named = latest_run(db, "tb", "rehearsal-1")
        assert latest is not None and latest["run_id"] == 2 and not latest["clean"]
        assert named is not None and named["run_id"] == 1
        assert latest["difference"] == Decimal("-110.00")
        assert latest["counts"]["misposted"] == 1


def test_missing_file_and_listings(cli: Cli, balances: tuple[Path, Path], tmp_path: Path
                                   ) -> None:
    before = snapshot(cli.db_url)
    result = cli("recon", "run", "tb", "--target", tmp_path / "nope.csv", code=2)
    assert "nope.csv: no such file" in result.stderr
    assert snapshot(cli.db_url) == before
    assert "tb" in cli("recon", "list").stdout
    assert "balances" in cli("recon", "show", "tb").stdout
    assert "has not run yet" in cli("recon", "history", "tb").stdout
    table = cli("recon", "run", "tb", code=1).stdout
    assert "NOT clean" in table and "every cent explained" in table and "misposted" in table
    assert "::error title=missing_in_target::" in cli("recon", "run", "tb", "-f", "github",
                                                      code=1).stdout


def test_items_compare_a_code_through_a_mapping_set(cli: Cli, tmp_path: Path) -> None:
    """`--compare tili=set:m`: the legacy account is carried through the mapping set's
    one-to-one rules before it is compared (issue 18); a code with two targets, or none, is
    `untranslated`, never guessed; a set that does not exist is refused at `recon add`."""
    setup_reference(cli, tmp_path)
    rules = "1000;;100000;;;;;;\n4010;;401000;100;;60;;;\n4010;;401000;200;;40;;;\n" \
            "4020;;402000;;;;;;\n4020;;403000;;;;;;\n5000..5099;;500000;;;;;;\n"
    cli("mapping", "import", mapping_csv(tmp_path, rules), "--set", "m")
    legacy = write_csv(tmp_path / "ap.csv", "lasku;tili;summa\nA;1000;1,00\nB;4010;2,00\n"
                       "C;4020;3,00\nD;5050;4,00\nE;1000;5,00\nF;9999;6,00\n",
                       encoding="cp1252")
    target = write_csv(tmp_path / "bw.csv", "lasku,tili,summa\nA,100000,1.00\nB,401000,2.00\n"
                       "C,402000,3.00\nD,500000,4.00\nE,101000,5.00\nF,999999,6.00\n")
    cli("recon", "add", "ap", "--kind", "items", "--legacy", legacy, "--target", target,
        "--key", "lasku", "--compare", "tili=set:m", "--compare", "summa")
    doc = run_json(cli, "ap")
    causes = {d["key"]["lasku"]: d["cause"] for d in doc["differences"]}
    # A, B (a 60/40 split onto one account) and D (a range) translate and match; E maps to
    # another account than the target holds; C has two targets and F none: untranslated
    assert causes == {"C": "untranslated", "E": "field_differs", "F": "untranslated"}
    assert doc["counts"]["matched"] == 3
    before = snapshot(cli.db_url)
    missing = cli("recon", "add", "ap2", "--kind", "items", "--legacy", legacy, "--target",
                  target, "--key", "lasku", "--compare", "tili=set:puuttuu", code=2)
    assert "puuttuu" in missing.stderr
    assert snapshot(cli.db_url) == before


def backdate(db_url: str, run_id: int, when: str) -> None:
    """Move a recorded run into the past (``when``: ISO, UTC), as if it had run then."""
    from datetime import datetime

    from sqlalchemy import update

    from migctl.store.tables import RECON_RUN

    moment = datetime.fromisoformat(when)
    with make_engine(db_url).begin() as connection:
        connection.execute(update(RECON_RUN).where(RECON_RUN.c.id == run_id).values(
            started_at=moment, finished_at=moment))


def test_load_section_as_of_sees_only_the_runs_finished_by_then(
        cli: Cli, balances: tuple[Path, Path]) -> None:
    first = run_json(cli, "tb")
    backdate(cli.db_url, first["run_id"], "2020-06-01T06:00:00+00:00")
    for key in ("300000,200,2000,2025-12", "1020,,2025-12", "400000,100,1000,2025-12"):
        cli("recon", "accept", "tb", "--key", key, "--reason", "agreed", "--by", "Liisa")
    second = run_json(cli, "tb", code=0)
    [now] = cli.json("status")["sections"]["load"]["recons"]
    assert now["run"]["run_id"] == second["run_id"] and now["run"]["clean"] is True
    then = cli.json("status", "--as-of", "2020-06-01 12:00")["sections"]["load"]
    [row] = then["recons"]
    assert row["run"]["run_id"] == first["run_id"] and row["run"]["clean"] is False
    assert [s["code"] for s in then["signals"]] == ["recon-not-clean"]
    assert then["totals"]["not_clean"] == 1 and then["totals"]["open_differences"] == 3
    before = cli.json("status", "--as-of", "2020-01-01 12:00")["sections"]["load"]
    assert before["recons"][0]["run"] is None
    assert [s["code"] for s in before["signals"]] == ["recon-not-run"]
