"""The sample city's register: a dozen actions, eight risks, decisions, as the demo loads them."""

from __future__ import annotations

from datetime import date

from migctl.services.register.criteria import evaluate_actions_done, evaluate_risks_below
from migctl.services.register.status import register_section
from migctl.store.engine import make_engine
from tests.conftest import SAMPLE_DATA, Cli

TODAY = "2026-11-22"  # the story's "today"


def test_the_sample_files_are_the_citys_spreadsheets() -> None:
    for name in ("actions.csv", "risks.csv"):
        raw = (SAMPLE_DATA / name).read_bytes()
        assert raw.startswith("\ufeff".encode()), name  # UTF-8 with a BOM, as Excel saves it
        header = raw.decode("utf-8-sig").splitlines()[0]
        assert header.startswith("tunnus;"), header


def test_the_demo_loads_the_register(bare_cli: Cli) -> None:
    result = bare_cli("demo")
    assert "actions.csv" in result.stderr and "risks.csv" in result.stderr
    actions = bare_cli.json("action", "list", "--today", TODAY)
    assert len(actions) == 12
    assert {a["category"] for a in actions} == {"development", "training", "investment",
                                                "wider_change"}
    overdue = [a["key"] for a in actions if a["overdue"]]
    assert overdue == ["TP-04", "TP-02"]
    gate_wait = [a for a in actions if "GATE-2" in a["tasks"]]
    assert [(a["key"], a["category"], a["status"]) for a in gate_wait] == [
        ("TP-03", "training", "open")]

    risks = bare_cli.json("risk", "list", "--today", TODAY)
    assert len(risks) == 8
    high = [r for r in risks if r["score"] >= 15]
    assert [(r["key"], r["trend"], r["mitigation"], r["mitigation_overdue"]) for r in high] == [
        ("R-01", "up", "TP-04", True)]
    assert {r["key"] for r in risks if r["review_due"]} == {"R-04", "R-06"}
    assert {r["key"] for r in risks if r["trend"] == "down"} == {"R-05"}

    decisions = bare_cli.json("decision", "list")
    assert [d["key"] for d in decisions] == ["DEC-002", "DEC-001"]

    # GATE-0 keeps today's criteria: the register adds none
    criteria = [r["spec"] for r in bare_cli.json("task", "criteria", "list")
                if r["gate"] == "GATE-0"]
    assert not any(c.startswith(("actions-done", "risks-below")) for c in criteria)


def test_the_register_section_and_criteria_of_the_demo(bare_cli: Cli) -> None:
    bare_cli("demo")
    with make_engine(bare_cli.db_url).connect() as db:
        section = register_section(db, date(2026, 11, 22))
        assert section["actions"]["total"] == 12 and section["actions"]["overdue"] == 2
        assert [o["key"] for o in section["overdue"]] == ["TP-04", "TP-02"]
        assert section["actions"]["by_category"]["training"]["done"] == 1
        assert section["risks"]["high"] == 1 and section["top_risks"][0]["key"] == "R-01"
        assert section["heat_map"][3][4] == 1
        waiting = evaluate_actions_done(db, "TP-03", today=date(2026, 11, 22))
        assert waiting["passed"] is False and waiting["evidence"]["not_done"] == ["TP-03"]
        assert evaluate_risks_below(db, 15)["evidence"]["too_high"] == ["R-01"]
