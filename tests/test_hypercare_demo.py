"""The demo city's hypercare data: incidents, KPI history, and what status and report show."""

from __future__ import annotations

from tests.conftest import Cli


def test_demo_loads_incidents_and_kpi_history(bare_cli: Cli) -> None:
    bare_cli("demo")
    status = bare_cli.json("status", "--as-of", "2026-11-22 12:00")
    incidents = status["sections"]["incidents"]
    assert incidents["counts"]["total"] == 13
    assert [i["key"] for i in incidents["open"]] == ["INC-011", "INC-008", "INC-012", "INC-013"]
    readiness = status["readiness"]
    assert readiness["overall"] == "red"  # the deliberately defective account mapping
    # INC-011 (the open high incident), the register's overdue actions TP-02 and TP-04, the
    # rehearsal-1 loads of Raindance and Basware that are not clean, and INC-012 on Entra open
    # past the provider's resolution target (10 days for medium)
    assert [(s["key"], s["rag"]) for s in readiness["systems"] if s["rag"] != "green"] == [
        ("entra", "amber"), ("basware", "red"), ("personec_palkka", "amber"),
        ("raindance", "red"), ("palkkahallinto", "amber")]
    sla = incidents["sla"]
    assert [(b["key"], b["reference"]) for b in sla["breaches"]] == [
        ("INC-011", "SR-2026-05288"), ("INC-008", "SR-2026-05230"),
        ("INC-012", "SR-2026-05279")]
    # INC-007 (the weekend certificate, 12 h 35 min) and INC-009 (30 h) answered late
    assert (sla["response"]["met"], sla["response"]["judged"]) == (11, 13)

    kpis = {k["name"]: k for k in status["sections"]["kpis"]["kpis"]}
    # live from the demo's validations: the weakest set is now the cost-object mapping, whose
    # gap (cost centre 1116) the last weekly snapshot did not know about yet
    coverage = kpis["mapping_coverage_pct"]
    assert (coverage["value"], coverage["previous"], coverage["source"]) == (98.31, 99.5,
                                                                             "live")
    assert coverage["arrow"] == "↓" and coverage["improving"] is False
    assert kpis["validation_errors"]["value"] == 9  # the eight documented defects + the gap
    done = kpis["tasks_done_pct"]  # no cutover run in progress: the last snapshot stands
    assert (done["value"], done["source"]) == (84.5, "snapshot")
    sso = kpis["sso_pass_rate_admin"]  # the demo records its SSO runs (stand-in servers)
    assert (sso["value"], sso["source"]) == (100.0, "live")
    assert kpis["open_incidents"]["source"] == "live" and kpis["open_incidents"]["value"] == 4
    assert kpis["open_incidents"]["change"] == 0  # the 16 Nov snapshot also had four
    assert kpis["palkka_virheet"]["on_target"] is False  # 6 against a target of 5

    screen = bare_cli("status").stdout
    for text in ("RED", "Readiness", "Incidents", "KPIs", "INC-011", "mapping_coverage_pct"):
        assert text in screen, text
    assert bare_cli("kpi", "snapshot").stdout.startswith("stored ")
