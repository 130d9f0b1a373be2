"""The sample city's mapping workbooks: each documented defect fires exactly its code at its
Excel row, the fixed workbook validates clean, and the demo and status show the findings."""

from __future__ import annotations

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


def test_demo_shows_the_defects_then_the_fixed_workbook_validates_clean(bare_cli: Cli) -> None:
    bare_cli("demo")
    sets = bare_cli.json("mapping", "sets")
    assert [(s["ref"], s["system"], s["rules"]) for s in sets] == [
        ("tilimappaus@1", "raindance", 436)]

    document = bare_cli.json("mapping", "validate", code=1)
    found = {(f["code"], f["file"], f["source_account"] if f["code"] == "M001" else f["row"])
             for f in document["findings"]}
    assert found == DOCUMENTED_DEFECTS
    assert document["summary"]["errors"] == 8 and document["summary"]["warnings"] == 0

    status = bare_cli.json("status")["sections"]["mapping"]
    assert status["sets"][0]["validation"]["errors"] == 8
    assert status["signals"] == [{"level": "red", "system": "raindance",
                                  "reason": "8 validation errors in tilimappaus@1"}]
    assert "tilimappaus" in bare_cli("status").stdout

    bare_cli("mapping", "import", SAMPLE_DATA / "account_mapping_fixed.xlsx", "--set",
             "tilimappaus")
    status = bare_cli.json("status")["sections"]["mapping"]
    assert status["signals"][0]["level"] == "amber"
    assert "tilimappaus@2 has not been validated" in status["signals"][0]["reason"]

    clean = bare_cli.json("mapping", "validate", "--strict")
    assert clean["version"] == 2 and clean["findings"] == []
    assert clean["summary"] == {"errors": 0, "warnings": 0, "rules": 438, "coverage": 100.0}
    assert bare_cli.json("status")["sections"]["mapping"]["signals"] == []

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
                                   "reason": "t@1 has never been validated"}]
