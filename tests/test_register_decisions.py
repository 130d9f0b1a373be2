"""The decision log: register decisions, and gate decisions (`task decide`) beside them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, snapshot
from tests.gates_data import city


def test_add_list_show(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    first = cli.json("decision", "add", "--title", "Payroll goes live with the ledger",
                     "--by", "Steering group", "--why", "One cutover weekend is cheaper",
                     "--at", "2026-10-15 14:00", "--systems", "personec_palkka,raindance",
                     "--gates", "g1", "--tasks", "T1")
    assert first["key"] == "DEC-001" and first["source"] == "register"
    assert first["decided_at"] == "2026-10-15T11:00:00Z"
    assert first["systems"] == ["personec_palkka", "raindance"] and first["gates"] == ["G1"]
    assert cli("decision", "add", "--title", "Freeze changes", "--by", "Riikka").stdout == (
        "recorded decision DEC-002\n")
    rows = cli.json("decision", "list")
    assert [r["key"] for r in rows] == ["DEC-002", "DEC-001"]
    assert cli.json("decision", "show", "dec-001")["rationale"] == (
        "One cutover weekend is cheaper")
    assert "Steering group" in cli("decision", "show", "DEC-001").stdout
    assert "Päättäjä" in cli("decision", "list", "--lang", "fi").stdout
    assert cli.json("log", "--entity", "decision:DEC-001")[0]["action"] == "create"


def test_gate_decisions_appear_in_the_log(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("decision", "add", "--title", "Cutover on New Year's Eve", "--by", "Steering group",
        "--at", "2026-10-01 12:00")
    cli("cutover", "run", "start", "production", "--at", "31.12.2026 15:55")
    cli("task", "decide", "G1", "no-go", "--by", "Riikka", "--at", "2026-12-31 19:00",
        "--note", "balances do not reconcile")
    rows = cli.json("decision", "list")
    gate = rows[0]
    assert gate["source"] == "gate" and gate["gates"] == ["G1"]
    assert gate["decided_by"] == "Riikka" and gate["decision"] == "no-go"
    assert gate["rationale"] == "balances do not reconcile" and gate["run"] == "production"
    assert rows[1]["key"] == "DEC-001"
    assert cli.json("decision", "show", gate["key"])["title"].startswith("no-go")
    assert [r["key"] for r in cli.json("decision", "list", "--source", "gate")] == [gate["key"]]
    assert [r["key"] for r in cli.json("decision", "list", "--gate", "g1")] == [gate["key"]]
    assert "gate decision (production)" in cli("decision", "show", gate["key"]).stdout


def test_refusals_are_one_line_and_write_nothing(cli: Cli, tmp_path: Path) -> None:
    city(cli, tmp_path)
    cli("decision", "add", "--title", "x", "--by", "y")
    before = snapshot(cli.db_url)
    for args, message in [
        (("decision", "add", "--title", " ", "--by", "SG"), "a decision needs --title"),
        (("decision", "add", "--title", "x", "--by", " "), "a decision needs --by"),
        (("decision", "add", "--title", "x", "--by", "SG", "--gates", "T1"),
         "--gates: no gate 'T1'"),
        (("decision", "add", "--title", "x", "--by", "SG", "--systems", "ghost"),
         "--systems: no system 'ghost'"),
        (("decision", "add", "--title", "x", "--by", "SG", "--at", "2099-01-01"),
         "--at: is in the future"),
        (("decision", "add", "--title", "x", "--by", "SG", "--at", "whenever"), "--at: "),
        (("decision", "add", "--title", "x", "--by", "SG", "--key", "DEC-001"),
         "decision DEC-001 already exists"),
        (("decision", "show", "DEC-404"), "no decision 'DEC-404'"),
        (("decision", "list", "--source", "email"), "--source 'email': must be register or gate"),
    ]:
        result = cli(*args, code=2)
        assert message in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1, result.stderr
    assert snapshot(cli.db_url) == before
