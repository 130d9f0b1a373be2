"""The register's pure functions over the store: overdue actions, high risks, the status section,
the gate criteria ``actions-done``/``risks-below``, readiness signals, KPIs, trend, heat map."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection

from migctl.render.register import (
    band,
    heat_map_rows,
    heat_map_svg,
    overdue_columns,
    top_risk_columns,
)
from migctl.render.tables import cell
from migctl.services.register.criteria import (
    evaluate_actions_done,
    evaluate_risks_below,
    parse_actions_selector,
)
from migctl.services.register.fields import DEFAULT_CATEGORIES, parse_categories, trend
from migctl.services.register.read import (
    action_signals,
    count_actions_overdue,
    count_risks_high,
    open_risks_at_or_above,
    overdue_actions,
)
from migctl.services.register.status import register_section
from migctl.store.engine import make_engine
from tests.conftest import Cli
from tests.gates_data import city

TODAY = date(2026, 11, 22)


def _programme(cli: Cli) -> None:
    cli("action", "add", "--title", "Train payroll clerks", "--category", "training",
        "--owner", "Timo", "--due", "2026-11-10", "--systems", "personec_palkka")
    cli("action", "add", "--title", "Train ledger users", "--category", "training",
        "--owner", "Satu", "--due", "2026-12-10")
    cli("action", "add", "--title", "Rehearse payroll", "--category", "development",
        "--owner", "Timo", "--due", "2026-11-20", "--systems", "personec_palkka,raindance",
        "--tasks", "G1")
    cli("action", "add", "--title", "Licences", "--category", "investment", "--owner", "Satu",
        "--due", "2026-10-01", "--status", "done")
    cli("action", "add", "--title", "New ways of working", "--category", "wider change",
        "--status", "dropped", "--due", "2026-09-01")
    cli("risk", "add", "--title", "Payroll slips", "--likelihood", "4", "--impact", "5",
        "--mitigation", "ACT-003", "--owner", "Timo")
    cli("risk", "add", "--title", "Key person leaves", "--likelihood", "3", "--impact", "5",
        "--owner", "Riikka")
    cli("risk", "add", "--title", "Minor", "--likelihood", "1", "--impact", "2")
    cli("risk", "add", "--title", "Gone", "--likelihood", "5", "--impact", "5")
    cli("risk", "close", "RISK-004")


@pytest.fixture
def db(cli: Cli, tmp_path: Path) -> Iterator[Connection]:
    city(cli, tmp_path)
    _programme(cli)
    with make_engine(cli.db_url).connect() as connection:
        yield connection


def test_overdue_actions_most_overdue_first(db: Connection) -> None:
    rows = overdue_actions(db, TODAY)
    assert [(r["key"], r["days_overdue"]) for r in rows] == [("ACT-001", 12), ("ACT-003", 2)]
    assert rows[0]["owner"] == "Timo" and rows[0]["systems"] == ["personec_palkka"]
    assert count_actions_overdue(db, TODAY) == 2
    assert count_actions_overdue(db, date(2026, 11, 10)) == 0  # due today is not overdue
    assert count_actions_overdue(db, date(2026, 12, 11)) == 3


def test_open_risks_at_or_above_and_the_high_kpi(db: Connection, cli: Cli) -> None:
    assert [r["key"] for r in open_risks_at_or_above(db, 15, today=TODAY)] == [
        "RISK-001", "RISK-002"]
    assert [r["key"] for r in open_risks_at_or_above(db, 16, today=TODAY)] == ["RISK-001"]
    assert count_risks_high(db) == 2
    cli("settings", "set", "register.high_score", "20")
    db.rollback()  # end the read transaction: see what the command wrote
    assert count_risks_high(db) == 1


def test_register_section_counts_overdue_top_risks_heat_map(db: Connection) -> None:
    section = register_section(db, TODAY)
    actions = section["actions"]
    assert actions["total"] == 5 and actions["open"] == 3 and actions["overdue"] == 2
    assert actions["done"] == 1
    assert actions["by_category"]["training"] == {"open": 2, "in_progress": 0, "done": 0,
                                                  "dropped": 0}
    assert actions["by_category"]["wider_change"]["dropped"] == 1
    assert actions["by_owner"]["Timo"] == {"open": 2, "overdue": 2, "done": 0}
    assert actions["by_owner"]["Satu"] == {"open": 1, "overdue": 0, "done": 1}
    assert [(o["key"], o["title"], o["owner"], o["days_overdue"]) for o in section["overdue"]] == [
        ("ACT-001", "Train payroll clerks", "Timo", 12),
        ("ACT-003", "Rehearse payroll", "Timo", 2)]
    assert section["risks"] == {"open": 3, "high": 2, "high_score": 15, "review_due": 0}
    top = section["top_risks"][0]
    assert top["key"] == "RISK-001" and top["score"] == 20
    assert top["mitigation"] == "ACT-003" and top["mitigation_overdue"] is True
    assert section["heat_map"][3][4] == 1 and section["heat_map"][2][4] == 1
    assert section["heat_map"][4][4] == 0  # closed risks are not on the map
    assert sum(map(sum, section["heat_map"])) == 3
    assert section["categories"] == list(DEFAULT_CATEGORIES)
    overdue = [c.fmt(section["overdue"][0][c.key]) if c.fmt else cell(section["overdue"][0][c.key])
               for c in overdue_columns("fi")]
    assert overdue == ["ACT-001", "Train payroll clerks", "Timo", "10.11.2026", "12 pv myöhässä"]
    risk = {c.key: c.fmt(section["top_risks"][0][c.key]) if c.fmt else "" for c in
            top_risk_columns("fi")}
    assert risk["trend"] == "• uusi" and risk["mitigation_status"] == "avoin"


def test_actions_done_by_category_and_by_keys(db: Connection, cli: Cli) -> None:
    verdict = evaluate_actions_done(db, "category=koulutus", today=TODAY)
    assert verdict["passed"] is False
    assert verdict["evidence"]["not_done"] == ["ACT-001", "ACT-002"]
    assert verdict["message"].startswith("2 of 2 action(s) not done: ACT-001 (open, Timo)")
    settled = evaluate_actions_done(db, "actions-done:ACT-004,act-005")
    assert settled["passed"] is True and settled["message"] == "all 2 action(s) done"
    missing = evaluate_actions_done(db, "ACT-004,ACT-404")
    assert missing["passed"] is False and missing["evidence"]["missing"] == ["ACT-404"]
    cli("action", "done", "ACT-001")
    cli("action", "done", "ACT-002")
    db.rollback()
    assert evaluate_actions_done(db, "category=training")["passed"] is True
    with pytest.raises(ValueError, match="not an action category"):
        parse_actions_selector("category=golf", DEFAULT_CATEGORIES)
    with pytest.raises(ValueError, match="names no actions"):
        parse_actions_selector(" ", DEFAULT_CATEGORIES)
    with pytest.raises(ValueError, match="use category=NAME"):
        parse_actions_selector("owner=Timo", DEFAULT_CATEGORIES)


def test_risks_below(db: Connection, cli: Cli) -> None:
    verdict = evaluate_risks_below(db, "risks-below:15")
    assert verdict["passed"] is False and verdict["evidence"] == {
        "score": 15, "too_high": ["RISK-001", "RISK-002"]}
    assert verdict["message"] == "2 open risk(s) at 15 or above: RISK-001 (20), RISK-002 (15)"
    assert evaluate_risks_below(db, 21) == {
        "passed": True, "message": "no open risk at 21 or above",
        "evidence": {"score": 21, "too_high": []}}
    with pytest.raises(ValueError, match="not a score"):
        evaluate_risks_below(db, "26")


def test_action_signals_amber_or_red_by_failing_gates(db: Connection) -> None:
    amber = action_signals(db, TODAY, {})
    assert [(s["level"], s["system"], s["action"]) for s in amber] == [
        ("amber", "personec_palkka", "ACT-001"), ("amber", "personec_palkka", "ACT-003"),
        ("amber", "raindance", "ACT-003")]
    # G1 fails: ACT-003 is linked to it and turns red; ACT-001 (linked to no gate) stays amber
    red = action_signals(db, TODAY, {"G1": date(2026, 12, 31)})
    assert {(s["action"], s["level"], s["gate"]) for s in red} == {
        ("ACT-001", "amber", None), ("ACT-003", "red", "G1")}
    # a linked gate planned before the action was due does not make it red
    early = action_signals(db, TODAY, {"G1": date(2026, 11, 1)})
    assert {s["level"] for s in early if s["action"] == "ACT-003"} == {"amber"}


def test_trend_rule() -> None:
    assert trend(16, []) == ("new", None)
    assert trend(16, [16]) == ("flat", 16)
    assert trend(20, [16]) == ("up", 16)
    assert trend(20, [16, 20]) == ("up", 16)
    assert trend(12, [16, 20]) == ("down", 20)
    assert trend(20, [20, 20]) == ("flat", 20)


def test_categories_setting_words() -> None:
    assert parse_categories("koulutus, IT hanke ,training") == ("training", "it_hanke")
    with pytest.raises(ValueError, match="at least one"):
        parse_categories(" , ")
    with pytest.raises(ValueError, match="not a category word"):
        parse_categories("a/b")


def test_heat_map_svg_and_its_table() -> None:
    cells = [[0] * 5 for _ in range(5)]
    cells[3][4] = 2  # likelihood 4, impact 5
    cells[0][0] = 1
    svg = heat_map_svg(cells, high_score=15)
    assert svg.startswith("<svg viewBox=") and svg.endswith("</svg>")
    assert 'aria-label="Risk heat map"' in svg and "<script" not in svg
    assert svg.count("<rect") == 25 and ">2</text>" in svg
    assert "#ef9a9a" in svg and "#c8e6c9" in svg
    assert "Riskikartta" in heat_map_svg(cells, high_score=15, lang="fi")
    rows = heat_map_rows(cells)
    assert rows[0]["likelihood"] == 5 and rows[1] == {
        "likelihood": 4, "impact_1": 0, "impact_2": 0, "impact_3": 0, "impact_4": 0,
        "impact_5": 2}
    assert rows[4]["impact_1"] == 1
    assert [band(s, 15) for s in (4, 8, 14, 15, 25)] == [0, 1, 1, 2, 2]
