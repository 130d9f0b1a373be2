"""Status JSON shape and the readiness (RAG) rules, on stores built through the CLI."""

from __future__ import annotations

from datetime import UTC, date, datetime

from migctl.services.status.header import build_header
from migctl.services.status.readiness import compute, worst
from migctl.values import zone
from tests.conftest import Cli

AS_OF = "2026-11-22 12:00"


def _store(cli: Cli) -> None:
    cli("system", "add", "populus", "--name", "Populus", "--role", "legacy")
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target",
        "--go-live", "2027-01-04", "--replaces", "populus")
    cli("system", "add", "opiferus", "--name", "Opiferus", "--role", "target",
        "--go-live", "2026-09-01", "--status", "in_progress")  # go-live passed, not live
    cli("system", "add", "basware", "--name", "Basware", "--role", "target",
        "--go-live", "2027-01-04")


def _status(cli: Cli, as_of: str = AS_OF) -> dict:
    return cli.json("status", "--as-of", as_of)  # type: ignore[no-any-return]


def test_empty_store_is_green_with_the_documented_shape(cli: Cli) -> None:
    status = _status(cli)
    assert list(status) == ["programme", "as_of", "today", "header", "readiness", "sections"]
    from migctl.services.status.sections import SECTIONS

    assert list(status["sections"]) == list(SECTIONS)
    assert {"systems", "incidents", "kpis"} <= set(SECTIONS)
    assert status["header"] == {"next_go_live": None, "cutover_start": None, "run": None,
                                "window": None}
    assert status["readiness"] == {"overall": "green", "counts": {"red": 0, "amber": 0},
                                   "systems": [], "programme": [], "signals": []}
    incidents = status["sections"]["incidents"]
    assert list(incidents) == ["counts", "open_by_severity", "open_by_age", "oldest_open",
                               "mean_time_to_close_hours", "open", "sla", "signals"]
    assert incidents["open_by_severity"] == {"critical": 0, "high": 0, "medium": 0, "low": 0}
    kpis = status["sections"]["kpis"]
    assert kpis["last_snapshot_at"] is None and kpis["signals"] == []
    # Only the built-ins whose section has a value: open incidents, the loads and the register.
    assert [k["name"] for k in kpis["kpis"]] == [
        "open_incidents", "open_incidents_critical", "open_incidents_high",
        "open_incidents_medium", "open_incidents_low", "recon_difference_eur",
        "recon_open_differences", "actions_overdue", "risks_high"]
    assert list(kpis["kpis"][0]) == [
        "name", "unit", "target", "direction", "builtin", "description", "value", "at",
        "source", "previous", "previous_at", "change", "trend", "arrow", "improving",
        "on_target", "age_minutes", "stale", "stale_reason"]


def test_rag_per_system_and_overall(cli: Cli) -> None:
    _store(cli)
    for measure in ("response", "resolution"):  # the provider's SLA is tests/test_sla.py's
        for severity in ("critical", "high", "medium", "low"):
            cli("settings", "set", f"sla.{measure}.{severity}", "90d")
    status = _status(cli)
    readiness = status["readiness"]
    by_key = {s["key"]: s for s in readiness["systems"]}
    assert [s["key"] for s in readiness["systems"]] == ["opiferus", "basware", "raindance"]
    assert by_key["opiferus"]["rag"] == "red"
    assert by_key["opiferus"]["signals"] == [{
        "level": "red", "system": "opiferus", "section": "systems",
        "reason": "go-live 2026-09-01 passed while in_progress", "code": "go-live-passed",
        "params": {"go_live": "2026-09-01", "status": "in_progress"}}]
    assert by_key["raindance"]["rag"] == "green" and by_key["basware"]["rag"] == "green"
    assert readiness["overall"] == "red"
    assert status["header"]["next_go_live"] == {
        "date": "2027-01-04", "days": 43, "systems": ["basware", "raindance"]}

    cli("system", "set", "opiferus", "--status", "live")
    cli("incident", "add", "--severity", "high", "--title", "Slow close", "--system", "raindance",
        "--opened", "2026-11-20 08:00")
    cli("incident", "add", "--severity", "medium", "--title", "Typo", "--system", "basware",
        "--opened", "2026-11-20 08:00")
    status = _status(cli)
    by_key = {s["key"]: s for s in status["readiness"]["systems"]}
    assert by_key["opiferus"]["rag"] == "green"
    assert by_key["raindance"]["rag"] == "amber"
    assert by_key["raindance"]["signals"][0]["reason"] == "open high incident INC-001: Slow close"
    assert by_key["basware"]["rag"] == "green"  # medium incidents raise no signal
    assert status["readiness"]["overall"] == "amber"

    cli("incident", "add", "--severity", "critical", "--title", "Ledger down",
        "--system", "raindance", "--opened", "2026-11-21 08:00")
    cli("incident", "add", "--severity", "critical", "--title", "Legacy down",
        "--system", "populus", "--opened", "2026-11-21 08:00")
    cli("incident", "add", "--severity", "high", "--title", "Everything slow",
        "--opened", "2026-11-21 08:00")
    readiness = _status(cli)["readiness"]
    by_key = {s["key"]: s for s in readiness["systems"]}
    assert by_key["raindance"]["rag"] == "red"
    assert [s["level"] for s in by_key["raindance"]["signals"]] == ["red", "amber"]
    assert by_key["populus"]["role"] == "other" and by_key["populus"]["rag"] == "red"
    assert readiness["programme"] == [{
        "level": "amber", "system": None, "section": "incidents",
        "reason": "open high incident INC-005: Everything slow", "code": "incident-open",
        "params": {"incident": "INC-005", "severity": "high", "title": "Everything slow"}}]
    assert readiness["counts"] == {"red": 2, "amber": 2}
    assert readiness["overall"] == "red"

    # As of before the incidents were opened, the store was all green.
    past = _status(cli, "2026-11-19 12:00")
    assert past["readiness"]["overall"] == "green"
    assert past["sections"]["incidents"]["counts"]["total"] == 0

    # The clock is the test's: closed on 23 Nov, read the next day (before the go-lives pass).
    for key in ("INC-001", "INC-003", "INC-004", "INC-005"):
        cli("incident", "close", key, "--at", "2026-11-23 09:00")
    closed = _status(cli, "2026-11-24 12:00")["readiness"]
    assert [s for s in closed["signals"] if s["section"] == "incidents"] == []
    assert closed["overall"] == "green"


def test_incident_section_ages_and_time_to_close(cli: Cli) -> None:
    _store(cli)
    cli("system", "set", "opiferus", "--status", "live")
    cli("incident", "add", "--severity", "high", "--title", "old", "--opened", "2026-10-01 12:00")
    cli("incident", "add", "--severity", "high", "--title", "mid", "--opened", "2026-11-10 12:00")
    # opened just after midnight, so the test runs at any real time from then on
    cli("incident", "add", "--severity", "low", "--title", "new", "--opened", "2026-11-22 00:30")
    cli("incident", "add", "--severity", "low", "--title", "done", "--opened", "2026-11-01 12:00")
    cli("incident", "close", "INC-004", "--at", "2026-11-03 00:00")
    section = _status(cli)["sections"]["incidents"]
    assert section["counts"] == {"total": 4, "open": 3, "closed": 1,
                                 "by_status": {"closed": 1, "open": 3}}
    assert section["open_by_severity"] == {"critical": 0, "high": 2, "medium": 0, "low": 1}
    assert section["open_by_age"]["high"] == {"under_7_days": 0, "7_to_30_days": 1,
                                              "over_30_days": 1}
    assert section["open_by_age"]["low"]["under_7_days"] == 1
    assert section["oldest_open"]["key"] == "INC-001" and section["oldest_open"]["age_days"] == 52
    assert section["mean_time_to_close_hours"] == 36.0
    assert [r["key"] for r in section["open"]] == ["INC-001", "INC-002", "INC-003"]
    assert section["open"][2]["age_hours"] == 11.5
    # The closed one was still open as of 2 November.
    earlier = _status(cli, "2026-11-02 12:00")["sections"]["incidents"]
    assert earlier["counts"]["open"] == 2 and earlier["mean_time_to_close_hours"] is None


def test_status_table_names_the_reasons(cli: Cli) -> None:
    _store(cli)
    out = cli("status", "--as-of", AS_OF).stdout
    assert "RED" in out and "go-live 2026-09-01 passed while in_progress" in out
    assert "next go-live 2027-01-04 (in 43 d)" in out
    assert "green: basware, raindance" in out


# --- the rules on constructed sections (signals as the other areas will raise them) ------

def test_rules_over_signals_of_future_sections() -> None:
    sections = {
        "systems": {"targets": [{"key": "raindance", "name": "Raindance"},
                                {"key": "basware", "name": "Basware"}], "signals": []},
        "cutover": {"signals": [
            {"level": "red", "system": "raindance", "reason": "critical task FIN-040 late"},
            {"level": "red", "system": None, "reason": "gate GATE-1 no-go"}]},
        "mapping": {"signals": [{"level": "amber", "system": "raindance", "reason": "warnings"}]},
        "sso": {"signals": [{"level": "amber", "system": "basware", "reason": "SSO slow"}]},
        "kpis": {"kpis": [], "signals": []},
    }
    readiness = compute(sections)
    assert readiness["overall"] == "red"
    assert [(s["key"], s["rag"]) for s in readiness["systems"]] == [
        ("raindance", "red"), ("basware", "amber")]
    assert [s["section"] for s in readiness["signals"]] == ["cutover", "cutover", "mapping",
                                                            "sso"]
    assert readiness["programme"][0]["reason"] == "gate GATE-1 no-go"
    assert worst([]) == "green" and worst(["amber", "green"]) == "amber"


def test_header_days_to_cutover_from_the_cutover_section() -> None:
    tz = zone("Europe/Helsinki")
    header = build_header({"cutover": {"planned_start": "2026-12-31T14:00:00Z"}},
                          today=date(2026, 11, 22), tz=tz)
    assert header["cutover_start"]["days"] == 39
    late_evening = build_header(
        {"cutover": {"planned_start": datetime(2026, 12, 31, 22, 30, tzinfo=UTC)}},
        today=date(2026, 12, 31), tz=tz)
    assert late_evening["cutover_start"]["days"] == 1  # already 1 January in Helsinki
    assert build_header({}, today=date(2026, 11, 22), tz=tz) == {
        "next_go_live": None, "cutover_start": None, "run": None,
        "window": None}


def test_a_rehearsal_does_not_move_the_production_cutover() -> None:
    """The header keeps the window start while rehearsal-2 runs and names the run."""
    tz = zone("Europe/Helsinki")
    rehearsal = {"run": {"name": "rehearsal-2", "kind": "rehearsal",
                         "started_at": "2026-11-22T08:00:00Z"},
                 "planned_start": "2026-11-22T08:00:00Z",  # re-planned from the run's actuals
                 "window": {"start": "2026-12-31T14:00:00Z", "end": None}}
    header = build_header({"cutover": rehearsal}, today=date(2026, 11, 22), tz=tz)
    assert header["cutover_start"] == {"at": datetime(2026, 12, 31, 14, tzinfo=UTC), "days": 39}
    assert header["run"] == {"name": "rehearsal-2", "kind": "rehearsal",
                             "started_at": datetime(2026, 11, 22, 8, tzinfo=UTC)}
    # without a window a rehearsal's re-planned start is no production date at all
    no_window = {**rehearsal, "window": {"start": None, "end": None}}
    assert build_header({"cutover": no_window}, today=date(2026, 11, 22),
                        tz=tz)["cutover_start"] is None
