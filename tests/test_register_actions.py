"""The action register through the CLI: add, list, show, set, done, import (CSV and XLSX)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.conftest import Cli, snapshot, write_csv, write_xlsx

TODAY = "2026-11-22"
HEADER = "\ufefftunnus;toimenpide;luokka;vastuuhenkilö;aikataulu;tila;järjestelmät\n"


def _systems(cli: Cli) -> None:
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target",
        "--go-live", "2027-01-04")
    cli("system", "add", "basware", "--name", "Basware", "--role", "target")


def test_add_set_done_with_history(cli: Cli) -> None:
    _systems(cli)
    first = cli.json("action", "add", "--title", "Train ledger users", "--category", "koulutus",
                     "--owner", "Satu", "--due", "2026-11-01", "--systems", "Raindance")
    assert first["key"] == "ACT-001" and first["category"] == "training"
    assert first["status"] == "open" and first["systems"] == ["raindance"]
    second = cli.json("action", "add", "--title", "Buy licences", "--category",
                      "wider change", "--key", "inv-7")
    assert second["key"] == "INV-7" and second["category"] == "wider_change"
    assert cli("action", "add", "--title", "x", "--category", "investment").stdout == (
        "added action ACT-002 (investment)\n")

    changed = cli.json("action", "set", "act-001", "--status", "käynnissä", "--owner", "Marko")
    assert changed["status"] == "in_progress" and changed["owner"] == "Marko"
    assert cli("action", "set", "ACT-001", "--owner", "Marko").stdout == (
        "action ACT-001 unchanged\n")
    done = cli.json("action", "done", "ACT-001", "--note", "all 40 trained")
    assert done["status"] == "done" and done["done_at"] is not None
    assert done["notes"] == "all 40 trained" and done["overdue"] is False

    shown = cli.json("action", "show", "ACT-001")
    assert [h["action"] for h in shown["history"]] == ["create", "update", "done"]
    assert "owner: Satu → Marko" in shown["history"][1]["summary"]
    assert cli.json("log", "--entity", "action:ACT-001")[0]["action"] == "done"
    text = cli("action", "show", "ACT-001", "--lang", "fi").stdout
    assert "koulutus" in text and "valmis" in text and "Historia" in text


def test_list_json_has_the_fields_and_overdue(cli: Cli, tmp_path: Path) -> None:
    _systems(cli)
    cli("action", "add", "--title", "Late one", "--category", "training", "--owner", "Satu",
        "--due", "2026-11-01", "--systems", "raindance")
    cli("action", "add", "--title", "Future", "--category", "investment", "--due", "2027-02-01")
    cli("action", "add", "--title", "No date", "--category", "development")
    cli("action", "add", "--title", "Done late", "--category", "development",
        "--due", "2026-10-01", "--status", "done")
    rows = cli.json("action", "list", "--today", TODAY)
    assert [r["key"] for r in rows] == ["ACT-001", "ACT-002", "ACT-003", "ACT-004"]
    assert set(rows[0]) >= {"key", "title", "category", "owner", "due", "status", "overdue"}
    assert rows[0]["overdue"] is True and rows[0]["days_overdue"] == 21
    assert [r["overdue"] for r in rows[1:]] == [False, False, False]
    assert [r["key"] for r in cli.json("action", "list", "--today", TODAY, "--overdue")] == [
        "ACT-001"]
    assert [r["key"] for r in cli.json("action", "list", "--category", "kehittämishanke")] == [
        "ACT-003", "ACT-004"]
    assert [r["key"] for r in cli.json("action", "list", "--status", "done")] == ["ACT-004"]
    assert [r["key"] for r in cli.json("action", "list", "--system", "raindance")] == [
        "ACT-001"]
    assert [r["key"] for r in cli.json("action", "list", "--owner", "satu")] == ["ACT-001"]
    table = cli("action", "list", "--today", TODAY).stdout
    assert "21 d overdue" in table and "Category" in table
    finnish = cli("action", "list", "--today", TODAY, "--lang", "fi").stdout
    assert "21 pv myöhässä" in finnish and "Luokka" in finnish and "koulutus" in finnish
    out = tmp_path / "actions.json"
    cli("action", "list", "-f", "json", "-o", out)
    assert '"ACT-001"' in out.read_text(encoding="utf-8")


def test_refusals_are_one_line_and_write_nothing(cli: Cli) -> None:
    _systems(cli)
    cli("action", "add", "--title", "Train", "--category", "training")
    cli("action", "done", "ACT-001")
    before = snapshot(cli.db_url)
    for args, message in [
        (("action", "add", "--category", "training"), "an action needs --title"),
        (("action", "add", "--title", "x"), "an action needs --category (one of development"),
        (("action", "add", "--title", "x", "--category", "golf"),
         "--category: 'golf' is not an action category"),
        (("action", "add", "--title", "x", "--category", "training", "--due", "someday"),
         "--due: "),
        (("action", "add", "--title", "x", "--category", "training", "--systems", "ghost"),
         "--systems: no system 'ghost'"),
        (("action", "add", "--title", "x", "--category", "training", "--tasks", "T9"),
         "--tasks: no task 'T9'"),
        (("action", "add", "--title", "x", "--category", "training", "--risks", "RISK-9"),
         "--risks: no risk 'RISK-9'"),
        (("action", "add", "--title", "x", "--category", "training", "--key", "ACT-001"),
         "action ACT-001 already exists"),
        (("action", "add", "--title", "x" * 501, "--category", "training"),
         "--title: is longer than 500 characters"),
        (("action", "set", "ACT-001", "--status", "bogus"), "--status: 'bogus' is not"),
        (("action", "set", "ACT-001", "--title", " "), "--title: must not be empty"),
        (("action", "set", "ACT-404", "--owner", "x"), "no action 'ACT-404'"),
        (("action", "done", "ACT-001"), "action ACT-001 is already done"),
        (("action", "show", "ACT-404"), "no action 'ACT-404'"),
        (("action", "list", "--status", "bogus"), "--status: 'bogus' is not an action status"),
        (("action", "list", "--today", "soon"), "--today: "),
    ]:
        result = cli(*args, code=2)
        assert message in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
    assert snapshot(cli.db_url) == before


def test_import_csv_finnish_headers_bom_semicolons(cli: Cli, tmp_path: Path) -> None:
    _systems(cli)
    path = write_csv(tmp_path / "toimenpiteet.csv", HEADER + (
        "T-1;Pääkäyttäjien koulutus;koulutus;Satu Lehtonen;1.11.2026;avoin;raindance\n"
        "T-2;Lisenssit;Investointi;Antti;15.1.2027;;\n"
        "T-3;Prosessien uudistus;laajempi muutos;Riikka;;käynnissä;raindance,basware\n"))
    summary = cli.json("action", "import", path)
    assert summary["created"] == ["T-1", "T-2", "T-3"] and summary["rows"] == 3
    rows = {r["key"]: r for r in cli.json("action", "list", "--today", TODAY)}
    assert rows["T-1"]["category"] == "training" and rows["T-1"]["overdue"] is True
    assert rows["T-2"]["status"] == "open" and rows["T-2"]["due"] == "2027-01-15"
    assert rows["T-3"]["systems"] == ["raindance", "basware"]
    again = cli.json("action", "import", path)
    assert again["unchanged"] == ["T-1", "T-2", "T-3"] and again["created"] == []
    text = cli("action", "import", path).stdout
    assert text.startswith("imported 3 actions from toimenpiteet.csv")

    changed = write_csv(tmp_path / "toimenpiteet2.csv", HEADER + (
        "T-1;Pääkäyttäjien koulutus;koulutus;Satu Lehtonen;1.11.2026;valmis;raindance\n"))
    assert cli.json("action", "import", changed)["updated"] == ["T-1"]
    assert cli.json("action", "show", "T-1")["history"][-1]["action"] == "import"


def test_import_xlsx_with_a_title_row(cli: Cli, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ohjelma.xlsx", {
        "Ohje": [["Täytä toimenpiteet seuraavalle välilehdelle"]],
        "Toimenpiteet": [
            ["Kuusiniemen toimenpideohjelma 2026–2027"],
            ["Tunnus", "Toimenpide", "Luokka", "Vastuuhenkilö", "Aikataulu", "Tila"],
            ["K-1", "Koulutus", "koulutus", "Satu", datetime(2026, 12, 1), "avoin"],
            ["K-2", "Hanke", "kehittämishanke", "Marko", None, "valmis"],
        ],
    })
    summary = cli.json("action", "import", path)
    assert summary["created"] == ["K-1", "K-2"]
    assert "Toimenpiteet" in summary["source"]
    assert cli.json("action", "show", "K-2")["status"] == "done"
    assert cli.json("action", "show", "K-1")["due"] == "2026-12-01"  # an Excel date cell


def test_bad_import_is_file_row_column_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    _systems(cli)
    cli("action", "add", "--title", "Existing", "--category", "training")
    before = snapshot(cli.db_url)
    good = "A-1;Hyvä;koulutus;Satu;1.12.2026;avoin;raindance\n"
    for name, body, message in [
        ("category.csv", good + "A-2;Huono;golf;Satu;;;\n",
         "category.csv:3:luokka: 'golf' is not an action category"),
        ("date.csv", good + "A-2;Huono;koulutus;Satu;ensi viikolla;;\n",
         "date.csv:3:aikataulu: "),
        ("status.csv", good + "A-2;Huono;koulutus;Satu;;kesken;\n",
         "status.csv:3:tila: 'kesken' is not an action status"),
        ("system.csv", good + "A-2;Huono;koulutus;Satu;;;ghost\n",
         "system.csv:3:järjestelmät: no system 'ghost'"),
        ("duplicate.csv", good + good, "duplicate.csv:3:tunnus: duplicate key A-1"),
        ("title.csv", good + "A-2;;koulutus;;;;\n", "title.csv:3:toimenpide: is empty"),
        ("key.csv", good + "?;Huono;koulutus;;;;\n", "key.csv:3:tunnus: '?' is not"),
        ("empty.csv", "", "empty.csv"),
        ("header.csv", "", "no actions in the file"),
    ]:
        text = body if name == "empty.csv" else HEADER + body
        path = write_csv(tmp_path / name, text)
        result = cli("action", "import", path, code=2)
        assert message in result.stderr, (name, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
    assert snapshot(cli.db_url) == before
