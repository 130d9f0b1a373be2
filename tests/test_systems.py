"""The systems inventory through the CLI: add, list, show, set, remove, import."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, snapshot, write_csv, write_xlsx

HEADER = "key;name;role;domain;vendor;owner;status;planned_go_live;environments;replaces\n"
GOOD = HEADER + (
    "raindance;Raindance;target;finance;CGI;Anna;in_progress;2027-01-04;admin,education;populus\n"
    "populus;Populus Talous;legacy;finance;Vendor Oy;Pekka;live;;admin;\n"
    "basware;Basware P2P;target;procurement;Basware;Liisa;planned;4.1.2027;admin;laskut,populus\n"
    "laskut;Laskutus;legacy;procurement;;;live;;;\n"
)


def test_add_list_show_set_remove(cli: Cli) -> None:
    cli("system", "add", "populus", "--name", "Populus Talous", "--role", "legacy",
        "--domain", "finance")
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target",
        "--domain", "finance", "--go-live", "2027-01-04", "--env", "admin,education",
        "--replaces", "populus")
    listed = cli.json("system", "list")
    assert [s["key"] for s in listed] == ["raindance", "populus"]
    assert listed[0]["replaces"] == ["populus"]
    assert listed[1]["replaced_by"] == ["raindance"]
    assert listed[0]["environments"] == ["admin", "education"]
    assert listed[0]["planned_go_live"] == "2027-01-04"

    shown = cli.json("system", "show", "RAINDANCE")
    assert shown["status"] == "planned"

    cli("system", "set", "raindance", "--status", "parallel run", "--go-live", "")
    shown = cli.json("system", "show", "raindance")
    assert shown["status"] == "parallel_run"
    assert shown["planned_go_live"] is None

    assert [s["key"] for s in cli.json("system", "list", "--role", "target")] == ["raindance"]
    assert "raindance" in cli("system", "list", "--role", "target").stdout

    cli("system", "remove", "populus")
    assert cli.json("system", "show", "raindance")["replaces"] == []


def test_refusals_are_one_line_with_exit_2(cli: Cli) -> None:
    cli("system", "add", "a", "--name", "A", "--role", "legacy")
    before = snapshot(cli.db_url)
    for args, message in [
        (("system", "add", "a", "--name", "A", "--role", "legacy"), "already exists"),
        (("system", "add", "b", "--name", "B", "--role", "boss"), "--role: 'boss' is not a role"),
        (("system", "add", "b", "--name", "B", "--role", "target", "--go-live", "31.13.2027"),
         "--go-live: '31.13.2027' is not a valid date"),
        (("system", "add", "b", "--name", "B", "--role", "target", "--replaces", "zzz"),
         "--replaces 'zzz': no such system"),
        (("system", "add", "c", "--name", "C", "--role", "legacy", "--replaces", "a"),
         "only target systems replace others"),
        (("system", "show", "nope"), "no system 'nope'"),
        (("system", "set", "a", "--status", "done"), "'done' is not a status"),
    ]:
        result = cli(*args, code=2)
        assert result.stderr.startswith("error: ")
        assert message in result.stderr
        assert result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(cli.db_url) == before


def test_import_csv_then_reimport_is_a_noop(cli: Cli, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "systems.csv", GOOD)
    summary = cli.json("system", "import", path)
    assert summary["created"] == ["raindance", "populus", "basware", "laskut"]
    basware = cli.json("system", "show", "basware")
    assert basware["replaces"] == ["laskut", "populus"]
    assert basware["planned_go_live"] == "2027-01-04"
    again = cli.json("system", "import", path)
    assert again["created"] == [] and again["updated"] == []
    assert len(again["unchanged"]) == 4

    changed = write_csv(tmp_path / "systems2.csv",
                        GOOD.replace("Raindance;target;finance;CGI;Anna;in_progress",
                                     "Raindance;target;finance;CGI;Anna;live"))
    assert cli.json("system", "import", changed)["updated"] == ["raindance"]


def test_import_xlsx_with_title_row_and_finnish_headers(cli: Cli, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "jarjestelmat.xlsx", {
        "Ohje": [["Järjestelmäluettelo"]],
        "Järjestelmät": [
            ["Kuusiniemen järjestelmät"],
            ["Tunnus", "Nimi", "Rooli", "Tila", "Käyttöönotto", "Ympäristöt", "Korvaa"],
            ["populus", "Populus", "legacy", "live", None, "admin", None],
            ["opiferus", "Opiferus", "target", "live", "2026-09-01", "admin", "populus"],
        ],
    })
    cli("system", "import", path)
    assert cli.json("system", "show", "opiferus")["replaces"] == ["populus"]


def _assert_import_refused(cli: Cli, path: Path, message: str, *extra: str) -> None:
    before = snapshot(cli.db_url)
    result = cli("system", "import", path, *extra, code=2)
    assert message in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_import_errors_name_row_and_column_and_write_nothing(cli: Cli, tmp_path: Path) -> None:
    cli("system", "add", "existing", "--name", "E", "--role", "legacy")
    cases = {
        "status.csv": (GOOD.replace("planned;4.1.2027", "soon;4.1.2027"),
                       "status.csv:4:status: 'soon' is not a status"),
        "date.csv": (GOOD.replace("4.1.2027", "32.1.2027"),
                     "date.csv:4:planned_go_live: '32.1.2027' is not a valid date"),
        "replaces.csv": (GOOD.replace("laskut,populus", "laskut,ghost"),
                         "replaces.csv:4:replaces: unknown system 'ghost'"),
        "dup.csv": (GOOD + "populus;Again;legacy;;;;;;;\n",
                    "dup.csv:6:key: duplicate key 'populus' (first on row 3)"),
        "role.csv": (GOOD.replace("Laskutus;legacy", "Laskutus;target"),
                     "role.csv:4:replaces: laskut is not a legacy system"),
        "missing.csv": ("key;name\nx;X\n", "missing.csv:1: missing column 'role'"),
        "empty.csv": ("", "empty.csv: the file is empty"),
        "header_only.csv": (HEADER, "header_only.csv: no systems in the file"),
    }
    for name, (text, message) in cases.items():
        _assert_import_refused(cli, write_csv(tmp_path / name, text), message)
    cp = write_csv(tmp_path / "cp.csv", GOOD.replace("Anna", "Äänekoski"), encoding="cp1252")
    cli("system", "import", cp)
    assert cli.json("system", "show", "raindance")["owner"] == "Äänekoski"


def test_import_refuses_a_file_in_a_wrong_encoding(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_bytes(GOOD.encode("utf-16-le"))  # no BOM: neither UTF-8 nor cp1252 text
    before = snapshot(cli.db_url)
    result = cli("system", "import", path, code=2)
    assert result.stderr.startswith("error: utf16.csv")
    assert snapshot(cli.db_url) == before


def test_header_not_on_row_one_in_a_two_sheet_workbook(cli: Cli, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "two.xlsx", {
        "Instructions": [["Fill in the second sheet"]],
        "Systems": [[], ["Inventory 2026"], ["key", "name", "role"], ["a1", "A", "legacy"]],
    })
    cli("system", "import", path, "--sheet", "Systems")
    cli("system", "import", path)
    assert cli.json("system", "show", "a1")["name"] == "A"
    _assert_import_refused(cli, path, "no sheet 'Nope'", "--sheet", "Nope")
    _assert_import_refused(cli, path, "two.xlsx: no header row found", "--sheet", "Instructions")


def test_json_listing_shape_is_stable(cli: Cli) -> None:
    cli("system", "add", "x", "--name", "X", "--role", "target")
    (system,) = cli.json("system", "list")
    assert list(system) == [
        "key", "name", "role", "domain", "vendor", "owner", "status", "planned_go_live",
        "actual_go_live", "retire_date", "environments", "replaces", "replaced_by", "notes",
    ]
