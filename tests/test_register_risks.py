"""The risk register through the CLI: add, list, show, set, close, review, import, heat map."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, snapshot, write_csv, write_xlsx

HEADER = "\ufefftunnus;riski;vastuuhenkilö;todennäköisyys;vaikutus;lieventävä toimenpide\n"


def _action(cli: Cli) -> None:
    cli("action", "add", "--title", "Extra payroll rehearsal", "--category", "development",
        "--due", "2026-11-01", "--owner", "Timo")


def test_add_review_reassess_trend_and_close(cli: Cli) -> None:
    _action(cli)
    risk = cli.json("risk", "add", "--title", "Payroll parallel run slips", "--owner", "Timo",
                    "--likelihood", "4", "--impact", "suuri", "--mitigation", "act-001")
    assert risk["key"] == "RISK-001" and risk["score"] == 16 and risk["impact"] == 4
    assert risk["trend"] == "new" and risk["mitigation"] == "ACT-001"
    assert risk["mitigation_status"] == "open"

    reviewed = cli.json("risk", "review", "RISK-001", "--by", "Steering group",
                        "--at", "2026-11-01 10:00")
    assert reviewed["last_reviewed_by"] == "Steering group" and reviewed["trend"] == "flat"
    rose = cli.json("risk", "set", "RISK-001", "--impact", "5")
    assert rose["score"] == 20 and rose["trend"] == "up" and rose["previous_score"] == 16
    # the review that sees the rise keeps it visible: compared with the review before it
    seen = cli.json("risk", "review", "RISK-001", "--by", "Steering group", "--note", "rising")
    assert seen["trend"] == "up" and seen["previous_score"] == 16
    fell = cli.json("risk", "review", "RISK-001", "--by", "SG", "--likelihood", "2")
    assert fell["score"] == 10 and fell["trend"] == "down" and fell["previous_score"] == 20
    assert "reviewed risk RISK-001 (score 10, → steady)" in cli(
        "risk", "review", "RISK-001", "--by", "SG").stdout

    shown = cli.json("risk", "show", "RISK-001")
    assert [r["score"] for r in shown["reviews"]] == [16, 20, 10, 10]
    assert [h["action"] for h in shown["history"]][:3] == ["create", "review", "update"]
    assert "reassess" in [h["action"] for h in shown["history"]]
    assert "Payroll parallel run slips" in cli("risk", "show", "RISK-001", "--lang", "fi").stdout

    closed = cli.json("risk", "close", "RISK-001", "--note", "parallel run passed")
    assert closed["status"] == "closed" and closed["closed_at"] is not None
    assert cli.json("risk", "set", "RISK-001", "--status", "avoin")["closed_at"] is None


def test_list_json_heat_map_and_review_due(cli: Cli) -> None:
    _action(cli)
    cli("risk", "add", "--title", "Low", "--likelihood", "1", "--impact", "2")
    cli("risk", "add", "--title", "High", "--likelihood", "5", "--impact", "4",
        "--mitigation", "ACT-001")
    cli("risk", "add", "--title", "Also 4x4", "--likelihood", "4", "--impact", "4")
    cli("risk", "add", "--title", "Closed", "--likelihood", "5", "--impact", "5")
    cli("risk", "close", "RISK-004")
    rows = cli.json("risk", "list", "--today", "2026-11-22")
    assert [r["key"] for r in rows] == ["RISK-002", "RISK-003", "RISK-001", "RISK-004"]
    high = rows[0]
    assert set(high) >= {"key", "title", "owner", "likelihood", "impact", "mitigation", "score"}
    assert high["score"] == 20 and high["mitigation_overdue"] is True
    at_least_16 = cli.json("risk", "list", "--min-score", "16", "--status", "open")
    assert [r["key"] for r in at_least_16] == ["RISK-002", "RISK-003"]
    assert [r["key"] for r in cli.json("risk", "list", "--status", "suljettu")] == ["RISK-004"]
    cells = cli.json("risk", "list", "--heat-map", "--status", "open")
    assert cells[4][3] == 1 and cells[3][3] == 1 and cells[0][1] == 1 and cells[4][4] == 0
    table = cli("risk", "list", "--heat-map").stdout
    assert "Risk heat map" in table and "Likelihood" in table
    assert "Riskikartta" in cli("risk", "list", "--heat-map", "--lang", "fi").stdout
    later = cli.json("risk", "list", "--today", "2027-03-01")
    assert all(r["review_due"] for r in later if r["status"] == "open")
    assert "↑" not in cli("risk", "list").stdout


def test_refusals_are_one_line_and_write_nothing(cli: Cli) -> None:
    _action(cli)
    cli("risk", "add", "--title", "One", "--likelihood", "3", "--impact", "3")
    cli("risk", "add", "--title", "Two", "--likelihood", "3", "--impact", "3")
    cli("risk", "close", "RISK-002")
    before = snapshot(cli.db_url)
    for args, message in [
        (("risk", "add", "--likelihood", "3", "--impact", "3"), "a risk needs --title"),
        (("risk", "add", "--title", "x", "--impact", "3"), "a risk needs --likelihood (1–5)"),
        (("risk", "add", "--title", "x", "--likelihood", "6", "--impact", "3"),
         "--likelihood: '6' is not a level from 1 to 5"),
        (("risk", "add", "--title", "x", "--likelihood", "3", "--impact", "3",
          "--mitigation", "ACT-404"), "--mitigation: no action 'ACT-404'"),
        (("risk", "add", "--title", "x", "--likelihood", "3", "--impact", "3",
          "--key", "RISK-001"), "risk RISK-001 already exists"),
        (("risk", "set", "RISK-001", "--impact", "0"), "--impact: '0' is not a level"),
        (("risk", "set", "RISK-404", "--impact", "2"), "no risk 'RISK-404'"),
        (("risk", "close", "RISK-002"), "risk RISK-002 is already closed"),
        (("risk", "review", "RISK-002", "--by", "SG"), "risk RISK-002 is closed"),
        (("risk", "review", "RISK-001", "--by", " "), "--by: names who reviewed"),
        (("risk", "review", "RISK-001", "--by", "SG", "--at", "2099-01-01 10:00"),
         "--at: is in the future"),
        (("risk", "list", "--min-score", "30"), "--min-score: '30' is not a score"),
        (("risk", "list", "--status", "maybe"), "--status: 'maybe' is not a risk status"),
        (("risk", "show", "RISK-404"), "no risk 'RISK-404'"),
    ]:
        result = cli(*args, code=2)
        assert message in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
    assert snapshot(cli.db_url) == before


def test_import_csv_and_xlsx(cli: Cli, tmp_path: Path) -> None:
    _action(cli)
    path = write_csv(tmp_path / "riskit.csv", HEADER + (
        "R-1;Palkka-ajo viivästyy;Timo;4;5;ACT-001\n"
        "R-2;Avainhenkilö lähtee;Riikka;2;4;\n"))
    summary = cli.json("risk", "import", path)
    assert summary["created"] == ["R-1", "R-2"]
    rows = {r["key"]: r for r in cli.json("risk", "list")}
    assert rows["R-1"]["score"] == 20 and rows["R-1"]["mitigation"] == "ACT-001"
    assert rows["R-2"]["mitigation"] is None
    assert cli.json("risk", "import", path)["unchanged"] == ["R-1", "R-2"]
    assert cli("risk", "import", path).stdout.startswith("imported 2 risks from riskit.csv")

    book = write_xlsx(tmp_path / "riskit.xlsx", {"Riskit": [
        ["Tunnus", "Riski", "Vastuuhenkilö", "Todennäköisyys", "Vaikutus"],
        ["R-1", "Palkka-ajo viivästyy", "Timo", 3, 5],
        ["R-3", "Uusi", "Satu", 1.0, 1],
    ]})
    summary = cli.json("risk", "import", book)
    assert summary["updated"] == ["R-1"] and summary["created"] == ["R-3"]
    assert cli.json("risk", "show", "R-1")["likelihood"] == 3


def test_bad_import_is_file_row_column_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    _action(cli)
    cli("risk", "add", "--title", "Existing", "--likelihood", "2", "--impact", "2")
    before = snapshot(cli.db_url)
    good = "R-1;Hyvä;Timo;3;3;ACT-001\n"
    for name, body, message in [
        ("level.csv", good + "R-2;Huono;Timo;7;3;\n",
         "level.csv:3:todennäköisyys: '7' is not a level from 1 to 5"),
        ("impact.csv", good + "R-2;Huono;Timo;3;;\n", "impact.csv:3:vaikutus: is empty"),
        ("mitigation.csv", good + "R-2;Huono;Timo;3;3;ACT-404\n",
         "mitigation.csv:3:lieventävä toimenpide: no action 'ACT-404'"),
        ("duplicate.csv", good + good, "duplicate.csv:3:tunnus: duplicate key R-1"),
    ]:
        result = cli("risk", "import", write_csv(tmp_path / name, HEADER + body), code=2)
        assert message in result.stderr, (name, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
    missing = write_csv(tmp_path / "missing.csv", "\ufefftunnus;riski\nR-1;x\n")
    result = cli("risk", "import", missing, code=2)
    assert "missing.csv" in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before
