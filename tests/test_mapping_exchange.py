"""`mapping export` round-trips through `mapping import`; `mapping diff` keys rules by source."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import Cli
from tests.mapping_data import CLEAN_RULES, mapping_csv, setup_reference

TRICKY = CLEAN_RULES.replace(
    "1000;;100000;;;;;;", "1000;;100000;;;;;2025-12-31;=HYPERLINK(\"http://x\")\n"
    "1000;;101000;;;;2026-01-01;;-korjaus").replace(
    "4010;;401000;100;;60;;;", "4010;;401000;100;;33,33;;;+1 nimi\n"
    "4010;;401000;100;2000;26,67;;;@SUM(A1)")


def _contents(rules: list[dict]) -> list[tuple]:
    return [(r["source_account"], r["source_cost_centre"], r["target_account"],
             r["dimensions"], r["share"], r["valid_from"], r["valid_to"], r["note"])
            for r in rules]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_round_trips_and_neutralises_formulas(cli: Cli, tmp_path: Path,
                                                     suffix: str) -> None:
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path, TRICKY), "--set", "m")
    out = tmp_path / f"export.{suffix}"
    result = cli("mapping", "export", "--set", "m@1", "--format", suffix, "--output", out)
    assert "exported 10 rules of m@1" in result.stdout

    if suffix == "csv":
        raw = out.read_text(encoding="utf-8-sig")
        assert "'=HYPERLINK(" in raw
        assert ";'-korjaus" in raw and ";'+1 nimi" in raw and ";'@SUM(A1)" in raw
        assert ";33,33;" in raw
    else:
        sheet = load_workbook(out).active
        assert sheet is not None
        assert [c.value for c in sheet[1]][-1] == "note"
        notes = [c for c in sheet["I"] if isinstance(c.value, str) and c.value[:1] in "=+-@"]
        assert len(notes) == 4
        assert all(c.data_type == "s" and c.quotePrefix for c in notes)

    cli("mapping", "import", out, "--set", "m")
    original = cli.json("mapping", "show", "m@1")["rules"]
    again = cli.json("mapping", "show", "m@2")["rules"]
    assert _contents(again) == _contents(original)
    assert {r["note"] for r in again} >= {'=HYPERLINK("http://x")', "-korjaus", "+1 nimi",
                                         "@SUM(A1)"}
    diff = cli.json("mapping", "diff", "m@1", "m@2")
    assert diff["summary"]["added"] == diff["summary"]["removed"] == 0
    assert diff["summary"]["changed"] == 0


def test_export_format_from_suffix_and_refusals(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    cli("mapping", "export", "--set", "m", "--output", tmp_path / "x.xlsx")
    assert (tmp_path / "x.xlsx").stat().st_size > 0
    result = cli("mapping", "export", "--set", "m", "--output", tmp_path / "x.txt", code=2)
    assert "--format csv or xlsx" in result.stderr
    assert "no mapping set 'zz'" in cli("mapping", "export", "--set", "zz", "--output",
                                        tmp_path / "z.csv", code=2).stderr
    assert not (tmp_path / "z.csv").exists()


def test_diff_added_removed_changed(cli: Cli, tmp_path: Path) -> None:
    setup_reference(cli, tmp_path)
    cli("mapping", "import", mapping_csv(tmp_path), "--set", "m")
    newer = (CLEAN_RULES.replace("4010;;401000;100;;60;;;", "4010;;401000;100;;50;;;")
             .replace("4010;;401000;200;;40;;;", "4010;;401000;200;;50;;;")
             .replace("2000;;200000;;;;;;\n", "") + "4030..4039;1100;402000;100;;;;;\n")
    # the same rules in another order, with other notes, are not changes
    moved = newer.replace("1000;;100000;;;;;;\n", "") + "1000;;100000;;;;;;uusi huomautus\n"
    cli("mapping", "import", mapping_csv(tmp_path, moved, name="v2.csv"), "--set", "m")
    diff = cli.json("mapping", "diff", "m@1", "m")
    assert (diff["a"], diff["b"]) == ("m@1", "m@2")
    assert diff["summary"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 5}
    assert diff["added"][0]["source_account"] == "4030..4039"
    assert diff["added"][0]["source_cost_centre"] == "1100"
    assert diff["removed"][0]["source_account"] == "2000"
    changed = diff["changed"][0]
    assert changed["source_account"] == "4010"
    assert [r["share"] for r in changed["before"]] == [60.0, 40.0]
    assert [r["share"] for r in changed["after"]] == [50.0, 50.0]
    table = cli("mapping", "diff", "m@1", "m@2").stdout
    assert "1 added, 1 removed, 1 changed, 5 unchanged" in table and "4030..4039" in table
