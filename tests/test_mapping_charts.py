"""Charts of accounts and dimensions: import (all or nothing), re-import, list, show, tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from migctl.services.mapping.fields import normalize_type, parse_source
from tests.conftest import Cli, snapshot, write_csv, write_xlsx
from tests.mapping_data import LEGACY_CHART, UNITS


def test_chart_import_list_show_and_tree(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "legacy.csv", LEGACY_CHART)
    summary = cli.json("chart", "import", path, "--chart", "Populus", "--role", "vanha")
    assert summary["key"] == "populus" and summary["created"] is True
    assert (summary["accounts"], summary["postable"], summary["inactive"]) == (12, 8, 1)

    listed = cli.json("chart", "list")
    assert [(c["key"], c["role"], c["account_count"], c["postable"]) for c in listed] == [
        ("populus", "legacy", 12, 8)]
    assert listed[0]["file"] == "legacy.csv" and len(listed[0]["sha256"]) == 64
    assert "populus" in cli("chart", "list").stdout

    shown = cli.json("chart", "show", "populus")
    by_code = {a["code"]: a for a in shown["accounts"]}
    assert by_code["1000"] == {"code": "1000", "name": "Aineettomat oikeudet", "type": "asset",
                               "parent": "10", "active": True, "summary": False, "row": 3}
    assert by_code["10"]["summary"] is True
    assert by_code["3000"]["type"] == "income" and by_code["4000"]["type"] == "expense"
    assert by_code["2000"]["type"] == "liability" and by_code["1020"]["active"] is False

    tree = cli.json("chart", "show", "populus", "--tree")["accounts"]
    assert [n["code"] for n in tree] == ["10", "20", "30", "40"]
    assert [c["code"] for c in tree[3]["children"]] == ["4000", "4010", "4020"]
    text = cli("chart", "show", "populus", "--tree").stdout
    assert "4010 Henkilösivukulut" in text and "(inactive)" in text


def test_parents_after_children_and_inherited_types(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", "tili;nimi;tyyppi;ylätili;aktiivinen\n"
                     "4000;Palkat;;40;kyllä\n"
                     "40;Kulut;kulu;;1\n"
                     "2100;Oma pääoma;Oma Pääoma;;\n")
    cli("chart", "import", path, "--chart", "c", "--role", "legacy")
    accounts = {a["code"]: a for a in cli.json("chart", "show", "c")["accounts"]}
    assert accounts["4000"]["type"] == "expense" and accounts["4000"]["parent"] == "40"
    assert accounts["2100"]["type"] == "equity" and accounts["2100"]["active"] is True


def test_reimport_replaces_accounts_and_same_file_is_a_noop(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "legacy.csv", LEGACY_CHART)
    cli("chart", "import", path, "--chart", "populus", "--role", "legacy")
    before = snapshot(cli.db_url)
    again = cli.json("chart", "import", path, "--chart", "populus", "--role", "legacy")
    assert again["unchanged"] is True
    assert snapshot(cli.db_url) == before

    shorter = write_csv(tmp_path / "legacy2.csv", LEGACY_CHART.replace("4020;Vuokrat;kulu;40;1\n",
                                                                       ""))
    cli("chart", "import", shorter, "--chart", "populus", "--role", "legacy")
    codes = [a["code"] for a in cli.json("chart", "show", "populus")["accounts"]]
    assert "4020" not in codes and len(codes) == 11
    events = cli.json("log", "--entity", "chart:populus")
    assert [e["action"] for e in events] == ["import", "create"]


@pytest.mark.parametrize(("body", "message"), [
    ("1000;A;asset;;1\n1000;B;asset;;1\n", "t.csv:3:code: duplicate code '1000' (first on row 2)"),
    ("1000;A;asset;99;1\n", "t.csv:2:parent: '99' is not a code in this file"),
    ("1;A;asset;2;1\n2;B;asset;1;1\n", "t.csv:2:parent: parents form a loop: 1 → 2 → 1"),
    ("1000;A;stuff;;1\n", "t.csv:2:type: 'stuff' is not an account type"),
    ("1000;A;;;1\n", "t.csv:2:type: is empty and no parent account has a type"),
    ("1000;A;asset;;maybe\n", "t.csv:2:active: 'maybe' is not yes/no"),
    ("10 00;A;asset;;1\n", "t.csv:2:code: '10 00' is not a code (it contains a space)"),
])
def test_bad_chart_rows_are_refused_and_nothing_is_stored(cli: Cli, tmp_path: Path, body: str,
                                                          message: str) -> None:
    cli("chart", "import", write_csv(tmp_path / "ok.csv", LEGACY_CHART), "--chart", "populus",
        "--role", "legacy")
    before = snapshot(cli.db_url)
    path = write_csv(tmp_path / "t.csv", "code;name;type;parent;active\n" + body)
    result = cli("chart", "import", path, "--chart", "populus", "--role", "legacy", code=2)
    assert result.stderr.startswith(f"error: {message}")
    assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_role_change_is_a_conflict(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "legacy.csv", LEGACY_CHART)
    cli("chart", "import", path, "--chart", "populus", "--role", "legacy")
    other = write_csv(tmp_path / "other.csv", LEGACY_CHART + "4030;Uusi;kulu;40;1\n")
    result = cli("chart", "import", other, "--chart", "populus", "--role", "target", code=2)
    assert "chart populus is legacy, not target" in result.stderr
    assert "is not a role" in cli("chart", "import", other, "--chart", "x", "--role", "old",
                                  code=2).stderr


def test_chart_from_xlsx_with_numeric_codes(cli: Cli, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "chart.xlsx", {"Ohjeet": [["Tilikartta"]], "Tilit": [
        ["Populus-tilikartta"], [],
        ["Tili", "Nimi", "Tyyppi", "Ylätili", "Aktiivinen"],
        [40, "Kulut", "kulu", None, 1],
        [4000, "Palkat", "kulu", 40, 1],
        ["0400", "Etunolla", "kulu", 40, 0],
    ]})
    summary = cli.json("chart", "import", path, "--chart", "x", "--role", "legacy")
    assert summary["accounts"] == 3
    codes = {a["code"]: a for a in cli.json("chart", "show", "x")["accounts"]}
    assert set(codes) == {"40", "4000", "0400"}
    assert codes["0400"]["active"] is False and codes["4000"]["parent"] == "40"


def test_dimension_import_list_show(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "units.csv", UNITS)
    summary = cli.json("dimension", "import", path, "--dimension", "vastuuyksikko",
                       "--role", "target", "--required-for", "kulu, income")
    assert (summary["values"], summary["inactive"]) == (3, 1)
    listed = cli.json("dimension", "list")
    assert listed[0]["key"] == "vastuuyksikko"
    assert listed[0]["required_for"] == ["expense", "income"]
    # a re-import without --required-for keeps the list; '' clears it
    cli("dimension", "import", path, "--dimension", "vastuuyksikko", "--role", "target")
    assert cli.json("dimension", "list")[0]["required_for"] == ["expense", "income"]
    cli("dimension", "import", path, "--dimension", "vastuuyksikko", "--role", "target",
        "--required-for", "")
    assert cli.json("dimension", "list")[0]["required_for"] == []
    values = cli.json("dimension", "show", "vastuuyksikko")["values"]
    assert [(v["code"], v["active"]) for v in values] == [("100", True), ("200", True),
                                                         ("300", False)]
    assert "Lakkautettu" in cli("dimension", "show", "vastuuyksikko").stdout
    assert "vastuuyksikko" in cli("dimension", "list").stdout
    bad = cli("dimension", "import", path, "--dimension", "v2", "--role", "target",
              "--required-for", "stuff", code=2)
    assert "--required-for: 'stuff' is not an account type" in bad.stderr
    assert "no dimension 'nope'" in cli("dimension", "show", "nope", code=2).stderr


def test_account_types_and_ranges() -> None:
    assert [normalize_type(t) for t in ("Vastaavaa", "vastattavaa", "oma  pääoma", "Tuotto",
                                        "KULU", "revenue")] == [
        "asset", "liability", "equity", "income", "expense", "income"]
    spec = parse_source(" 4300 .. 4349 ")
    assert str(spec) == "4300..4349" and spec.is_range
    assert spec.contains("4300") and spec.contains("4349") and spec.contains("4310")
    assert not spec.contains("4350") and not spec.contains("43") and not spec.contains("431")
    assert not spec.contains("43100")
    zeros = parse_source("0100..0199")
    assert zeros.contains("0150") and not zeros.contains("150") and not zeros.contains("1500")
    assert not parse_source("4010").is_range
    for bad, message in (("4099..4000", "runs backwards"), ("400..4099", "same number"),
                         ("40 10", "contains a space"), ("..4000", "empty range start")):
        with pytest.raises(ValueError, match=message):
            parse_source(bad)
