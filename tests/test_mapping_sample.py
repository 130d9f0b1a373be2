"""The sample city's mapping workbooks: each documented defect fires exactly its code at its
Excel row, the fixed workbook validates clean, and the demo and status show the findings."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLE_DATA, Cli

#: sample_data/README.md, "Deliberate defects in account_mapping.xlsx (v0.7)".
DOCUMENTED_DEFECTS = {
    ("M001", "legacy_chart.csv", "3204"),
    ("M002", "account_mapping.xlsx", 311),
    ("M003", "account_mapping.xlsx", 384),
    ("M004", "account_mapping.xlsx", 408),
    ("M005", "account_mapping.xlsx", 385),
    ("M006", "account_mapping.xlsx", 48),
    ("M007", "account_mapping.xlsx", 273),
    ("M008", "account_mapping.xlsx", 335),
}


def _account_signals(bare_cli: Cli) -> list[dict]:
    """The status signals about the account set (the demo's cost-objects set has its own)."""
    return [s for s in bare_cli.json("status")["sections"]["mapping"]["signals"]
            if "tilimappaus" in s["reason"]]


def _account_set(bare_cli: Cli) -> dict:
    sets = bare_cli.json("status")["sections"]["mapping"]["sets"]
    return next(s for s in sets if s["set"] == "tilimappaus")


def test_demo_shows_the_defects_then_the_fixed_workbook_validates_clean(bare_cli: Cli) -> None:
    bare_cli("demo")
    sets = bare_cli.json("mapping", "sets")
    assert [(s["ref"], s["system"], s["rules"]) for s in sets] == [
        ("kustannuspaikat@1", "raindance", 58), ("tilimappaus@1", "raindance", 436)]

    document = bare_cli.json("mapping", "validate", code=1)
    found = {(f["code"], f["file"], f["source_account"] if f["code"] == "M001" else f["row"])
             for f in document["findings"]}
    assert found == DOCUMENTED_DEFECTS
    assert document["summary"]["errors"] == 8 and document["summary"]["warnings"] == 0

    status = bare_cli.json("status")["sections"]["mapping"]
    assert _account_set(bare_cli)["validation"]["errors"] == 8
    assert status["signals"] == [
        {"level": "red", "system": "raindance",
         "reason": "1 validation error in kustannuspaikat@1", "code": "mapping-errors",
         "params": {"set": "kustannuspaikat@1", "errors": 1}},
        {"level": "red", "system": "raindance",
         "reason": "8 validation errors in tilimappaus@1", "code": "mapping-errors",
         "params": {"set": "tilimappaus@1", "errors": 8}},
        {"level": "amber", "system": "raindance",
         "reason": "translation of trial_balance_2025.csv with tilimappaus@1 does not "
                   "reconcile (3 lines untranslated)", "code": "translation-unreconciled",
         "params": {"file": "trial_balance_2025.csv", "sets": "tilimappaus@1",
                    "untranslated": 3}}]
    assert "tilimappaus" in bare_cli("status").stdout

    bare_cli("mapping", "import", SAMPLE_DATA / "account_mapping_fixed.xlsx", "--set",
             "tilimappaus")
    signals = _account_signals(bare_cli)
    assert [s["level"] for s in signals] == ["amber"]
    assert "tilimappaus@2 has not been validated" in signals[0]["reason"]

    clean = bare_cli.json("mapping", "validate", "--strict")
    assert clean["version"] == 2 and clean["findings"] == []
    assert clean["summary"] == {"errors": 0, "warnings": 0, "rules": 438, "coverage": 100.0}
    assert _account_signals(bare_cli) == []

    diff = bare_cli.json("mapping", "diff", "tilimappaus@1", "tilimappaus@2")
    assert diff["summary"] == {"added": 3, "removed": 1, "changed": 6, "unchanged": 398}
    assert {c["source_account"] for c in diff["changed"]} == {
        "4110", "4124", "4202", "4308", "4400", "4415"}


def test_status_without_mappings_and_never_validated(cli: Cli) -> None:
    section = cli.json("status")["sections"]["mapping"]
    assert section == {"sets": [], "signals": []}
    assert "no mapping sets imported" in cli("status").stdout
    cli("mapping", "import", SAMPLE_DATA / "account_mapping_fixed.xlsx", "--set", "t")
    section = cli.json("status")["sections"]["mapping"]
    assert section["sets"][0]["validation"] is None
    assert section["signals"] == [{"level": "amber", "system": None,
                                   "reason": "t@1 has never been validated",
                                   "code": "mapping-not-validated",
                                   "params": {"set": "t@1", "validated_version": None}}]


def test_trial_balance_translates_cleanly_with_the_fixed_workbook(bare_cli: Cli,
                                                                   tmp_path: Path) -> None:
    bare_cli("demo")
    trial_balance = SAMPLE_DATA / "trial_balance_2025.csv"
    # the demo's trial translation with v0.7: 3204 has no rule, 4124's target does not exist
    runs = _account_set(bare_cli)["translation"]
    assert runs["reconciled"] is False and runs["untranslated_lines"] == 3
    report = bare_cli.json("mapping", "translate", trial_balance, code=1)
    assert [(u["account"], u["cost_centre"]) for u in report["untranslated"]] == [
        ("3204", "1112"), ("3204", "5300"), ("4124", "1120")]
    assert report["periods"][0]["difference"] != 0

    bare_cli("mapping", "import", SAMPLE_DATA / "account_mapping_fixed.xlsx", "--set",
             "tilimappaus")
    out = tmp_path / "opening.csv"
    for extra in ((), ("--on", "2027-01-04")):
        report = bare_cli.json("mapping", "translate", trial_balance, "-o", out, *extra)
        assert report["reconciled"] is True and report["version"] == 2
        assert report["lines"] == 413 and report["untranslated"] == []
        assert report["periods"] == [{"period": "2025-12", "before": 0.0, "after": 0.0,
                                      "difference": 0.0}]
        assert report["coverage"] == {"lines_pct": 100.0, "amount_pct": 100.0}
        by_type = {t["type"]: (t["before"], t["after"]) for t in report["by_type"]}
        assert all(before == after for before, after in by_type.values())
    assert _account_signals(bare_cli) == [
        {"level": "amber", "system": "raindance",
         "reason": "tilimappaus@2 has not been validated (latest validation: version 1)",
         "code": "mapping-not-validated",
         "params": {"set": "tilimappaus@2", "validated_version": 1}}]
    balances = bare_cli.json("mapping", "validate", "--balances", trial_balance)
    assert balances["summary"]["coverage_amount"] == 100.0 and balances["findings"] == []
    assert _account_signals(bare_cli) == []
