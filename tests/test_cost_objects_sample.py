"""The sample city's cost-object mapping: the demo validates it (its one gap, M012 for 1116),
and the account mapping v0.9 — no per-cost-centre rules — translates the trial balance with
it to exactly the lines of v0.8 alone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from migctl.store.engine import make_engine
from tests.conftest import SAMPLE_DATA, Cli

TRIAL_BALANCE = SAMPLE_DATA / "trial_balance_2025.csv"


def test_demo_validates_the_cost_object_mapping_and_finds_the_gap(bare_cli: Cli) -> None:
    bare_cli("demo")
    sets = {s["set"]: s for s in bare_cli.json("mapping", "sets")}
    kp = sets["kustannuspaikat"]
    assert (kp["kind"], kp["source_dimension"], kp["system"], kp["rules"]) == (
        "cost-objects", "kustannuspaikka", "raindance", 58)
    assert (kp["validation"]["errors"], kp["validation"]["warnings"]) == (1, 0)
    document = bare_cli.json("mapping", "validate", "--set", "kustannuspaikat", code=1)
    assert [(f["code"], f["file"], f["row"], f["source"]) for f in document["findings"]] == [
        ("M012", "legacy_cost_centres.csv", 10, "1116")]
    assert document["summary"]["coverage"] == 98.31
    # the gap carries no money in the 2025 trial balance
    with_balances = bare_cli.json("mapping", "validate", "--set", "kustannuspaikat",
                                  "--balances", TRIAL_BALANCE, code=1)
    assert with_balances["summary"]["coverage_amount"] == 100.0
    assert [f["file"] for f in with_balances["findings"]] == ["legacy_cost_centres.csv"]


def test_v09_with_the_cost_objects_gives_the_lines_of_v08(bare_cli: Cli, tmp_path: Path
                                                          ) -> None:
    bare_cli("demo")
    bare_cli("mapping", "import", SAMPLE_DATA / "account_mapping_fixed.xlsx", "--set",
             "tilimappaus")
    v09 = bare_cli.json("mapping", "import", SAMPLE_DATA / "account_mapping_v09.xlsx", "--set",
                        "tilimappaus")
    assert (v09["version"], v09["rules"]) == (3, 216)

    alone = bare_cli.json("mapping", "validate", "--set", "tilimappaus", code=1)
    assert {f["code"] for f in alone["findings"]} == {"M007"}
    assert alone["summary"]["errors"] == 124
    both = bare_cli.json("mapping", "validate", "--set", "tilimappaus", "--cost-objects",
                         "kustannuspaikat", "--strict")
    assert both["findings"] == [] and both["summary"]["coverage"] == 100.0

    v08_out, v09_out = tmp_path / "v08.csv", tmp_path / "v09.csv"
    for extra in (("--on", "2027-01-04"), ()):  # at go-live, and at each period's end
        bare_cli("mapping", "translate", TRIAL_BALANCE, "--set", "tilimappaus@2",
                 "--aggregate", "-o", v08_out, *extra)
        report = bare_cli.json("mapping", "translate", TRIAL_BALANCE, "--set", "tilimappaus",
                               "--cost-objects", "kustannuspaikat", "--aggregate", "-o",
                               v09_out, *extra)
        assert report["reconciled"] is True and report["untranslated"] == []
        assert report["coverage"] == {"lines_pct": 100.0, "amount_pct": 100.0}
        assert v09_out.read_bytes() == v08_out.read_bytes()

    section = bare_cli.json("status")["sections"]["mapping"]
    rows = {s["set"]: s for s in section["sets"]}
    translation = rows["tilimappaus"]["translation"]
    assert (translation["version"], translation["reconciled"], translation["cost_objects"]) == (
        3, True, "kustannuspaikat@1")
    assert rows["kustannuspaikat"]["translation"]["set"] == "tilimappaus@3"
    with make_engine(bare_cli.db_url).connect() as connection:
        latest = connection.execute(text(
            "SELECT s.name, t.set_version, t.reconciled, t.coverage_amount_pct, c.name "
            "FROM translation_run t JOIN mapping_set s ON s.id = t.set_id "
            "LEFT JOIN mapping_set c ON c.id = t.cost_object_set_id "
            "ORDER BY t.id DESC LIMIT 1")).one()
    assert (latest[0], latest[1], bool(latest[2]), float(latest[3]), latest[4]) == (
        "tilimappaus", 3, True, 100.0, "kustannuspaikat")
