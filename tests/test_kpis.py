"""KPIs: definitions, records, snapshots of the built-ins, trends, history import."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from migctl.render.sparkline import sparkline
from migctl.services.kpis.builtins import builtin, builtin_names, extract_all
from tests.conftest import SAMPLE_DATA, Cli, snapshot, write_csv


def test_define_record_list_and_trend(cli: Cli) -> None:
    defined = cli.json("kpi", "define", "ostolaskut_5pv", "--unit", "%", "--target", "90",
                       "--direction", "up", "--description", "Invoices within 5 days")
    assert defined == {"name": "ostolaskut_5pv", "unit": "%", "target": 90.0, "direction": "up",
                       "builtin": False, "description": "Invoices within 5 days"}
    cli("kpi", "record", "ostolaskut_5pv", "81,5", "--at", "2026-11-02 08:00")
    cli("kpi", "record", "ostolaskut_5pv", "88.25", "--at", "2026-11-09 08:00")
    cli("kpi", "record", "ostolaskut_5pv", "86", "--at", "2026-11-16 08:00")

    listed = {k["name"]: k for k in cli.json("kpi", "list")}
    assert listed["ostolaskut_5pv"]["latest"] == {
        "at": "2026-11-16T06:00:00Z", "value": 86.0, "source": "record"}
    assert listed["ostolaskut_5pv"]["values"] == 3

    trend = cli.json("kpi", "trend", "ostolaskut_5pv")
    assert [p["value"] for p in trend["points"]] == [81.5, 88.25, 86.0]
    assert trend["sparkline"] == "▁█▆"
    since = cli.json("kpi", "trend", "ostolaskut_5pv", "--since", "2026-11-09")
    assert [p["value"] for p in since["points"]] == [88.25, 86.0]
    assert "▁█▆" in cli("kpi", "trend").stdout
    assert "88.25 %" in cli("kpi", "trend", "ostolaskut_5pv").stdout

    cli("kpi", "define", "ostolaskut_5pv", "--target", "")
    assert cli.json("kpi", "trend", "ostolaskut_5pv")["target"] is None
    events = cli.json("log", "--entity", "kpi:ostolaskut_5pv")
    assert [e["action"] for e in events] == ["update", "record", "record", "record", "create"]


def test_refusals_write_nothing(cli: Cli) -> None:
    cli("kpi", "define", "palkka_virheet", "--unit", "kpl", "--target", "5", "--direction", "down")
    cli("kpi", "record", "palkka_virheet", "6", "--at", "2026-11-16 08:00")
    before = snapshot(cli.db_url)
    for args, message in [
        (("kpi", "define", "new_one", "--unit", "%"), "needs a --direction"),
        (("kpi", "define", "Bad Name", "--direction", "up"), "is not a KPI name"),
        (("kpi", "define", "x", "--direction", "up", "--unit", "u" * 17), "at most 16"),
        (("kpi", "define", "x", "--direction", "sideways"), "--direction: 'sideways'"),
        (("kpi", "define", "x", "--direction", "up", "--target", "lots"), "--target: 'lots'"),
        (("kpi", "define", "open_incidents", "--direction", "up"), "its direction is down"),
        (("kpi", "record", "nope", "1"), "no KPI 'nope'"),
        (("kpi", "record", "palkka_virheet", "six"), "VALUE: 'six' is not a number"),
        (("kpi", "record", "palkka_virheet", "7", "--at", "2026-11-16 08:00"),
         "already has a value at 2026-11-16T06:00:00Z"),
        (("kpi", "record", "open_incidents", "3"), "is built-in"),
        (("kpi", "trend", "nope"), "no KPI 'nope'"),
    ]:
        result = cli(*args, code=2)
        assert message in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_builtin_target_can_be_overridden(cli: Cli) -> None:
    assert cli.json("kpi", "define", "open_incidents_high", "--target", "2")["target"] == 2.0
    definition = cli.json("kpi", "define", "open_incidents_high", "--description", "Highs")
    assert definition["builtin"] is True and definition["target"] == 2.0
    assert definition["description"] == "Highs"


def test_snapshot_stores_builtins_and_status_shows_the_change(cli: Cli) -> None:
    cli("system", "add", "raindance", "--name", "R", "--role", "target", "--status", "live")
    cli("system", "add", "basware", "--name", "B", "--role", "target")
    cli("incident", "add", "--severity", "high", "--title", "a", "--opened", "2026-11-01 08:00")
    cli("incident", "add", "--severity", "low", "--title", "b", "--opened", "2026-11-01 08:00")
    taken = cli.json("kpi", "snapshot")
    assert taken["values"]["open_incidents"] == 2.0
    assert taken["values"]["open_incidents_high"] == 1.0
    assert taken["values"]["targets_live_pct"] == 50.0
    assert "tasks_done_pct" not in taken["values"]  # no cutover section yet: simply absent

    cli("incident", "close", "INC-002")
    kpis = {k["name"]: k for k in cli.json("status")["sections"]["kpis"]["kpis"]}
    assert kpis["open_incidents"]["value"] == 1.0
    assert kpis["open_incidents"]["source"] == "live"
    assert kpis["open_incidents"]["previous"] == 2.0
    assert kpis["open_incidents"]["change"] == -1.0
    assert (kpis["open_incidents"]["trend"], kpis["open_incidents"]["arrow"]) == ("down", "↓")
    assert kpis["open_incidents"]["improving"] is True  # fewer is better
    assert kpis["open_incidents_high"]["on_target"] is False  # target 0
    assert kpis["mean_time_to_close_hours"]["value"] is not None
    assert "tasks_done_pct" not in kpis


def test_sample_history_import_is_all_or_nothing_and_idempotent(cli: Cli, tmp_path: Path
                                                                ) -> None:
    defs = cli.json("kpi", "import-definitions", SAMPLE_DATA / "kpi_definitions.csv")
    assert len(defs["created"]) == 5
    summary = cli.json("kpi", "import", SAMPLE_DATA / "kpi_history.csv")
    assert summary["rows"] == 88 and summary["stored"] == 88
    again = cli.json("kpi", "import", SAMPLE_DATA / "kpi_history.csv")
    assert again["stored"] == 0 and again["unchanged"] == 88
    coverage = cli.json("kpi", "trend", "mapping_coverage_pct")
    assert len(coverage["points"]) == 8 and coverage["points"][-1]["value"] == 99.5
    assert {p["source"] for p in coverage["points"]} == {"snapshot"}
    assert {p["source"] for p in cli.json("kpi", "trend", "palkka_virheet")["points"]} == {
        "record"}
    assert cli.json("kpi", "import-definitions",
                    SAMPLE_DATA / "kpi_definitions.csv")["unchanged"] == [
        "ostolaskut_5pv", "palkka_virheet", "avoimet_ostolaskut", "tasmaytysero_eur",
        "basware_hyvaksyjat_pct"]

    before = snapshot(cli.db_url)
    header = "metric;value;at\n"
    cases = {
        "unknown.csv": ("open_incidents;3;2026-11-01 08:00\nmystery;1;2026-11-01 08:00\n",
                        "unknown.csv:3:metric: unknown KPI 'mystery'"),
        "value.csv": ("palkka_virheet;kuusi;2026-11-01 08:00\n", "value.csv:2:value: 'kuusi'"),
        "future.csv": ("palkka_virheet;1;2999-01-01 08:00\n", "future.csv:2:at: is in the future"),
        "clash.csv": ("palkka_virheet;99;2026-11-16T08:00:00+02:00\n",
                      "clash.csv:2:value: palkka_virheet already has 6 at 2026-11-16T06:00:00Z"),
        "twice.csv": ("palkka_virheet;1;2026-11-01 08:00\npalkka_virheet;2;1.11.2026 08:00\n",
                      "twice.csv:3:at: palkka_virheet has two values"),
    }
    for name, (body, message) in cases.items():
        result = cli("kpi", "import", write_csv(tmp_path / name, header + body), code=2)
        assert message in result.stderr, (name, result.stderr)
    assert snapshot(cli.db_url) == before


# --- extractors over the status document's sections ---------------------------------------

def test_extractors_read_future_sections_and_are_absent_without_them() -> None:
    assert extract_all({}) == {}
    sections = {
        "cutover": {"planned_end": "2027-01-03T18:00:00Z",
                    "forecast_end": datetime(2027, 1, 3, 19, 30, tzinfo=UTC),
                    "progress": {"done": 60, "total": 71, "pct": 84.5}, "on_time_pct": 72.0},
        "mapping": {"sets": [
            {"name": "tilimappaus", "coverage_pct": 99.5, "errors": 8, "warnings": 2,
             "coverage_eur_pct": 98.1},
            {"name": "kustannuspaikat", "coverage_pct": 98.3, "errors": 1, "warnings": 0},
        ]},
        "sso": {"pass_rate": {"admin": 100.0, "education": 70, "test": 50}},
        "incidents": {"counts": {"open": 4}, "open_by_severity": {"critical": 0, "high": 1},
                      "mean_time_to_close_hours": 213.2},
        "systems": {"counts": {"targets": 10, "live": 3}},
    }
    values = extract_all(sections)
    assert values["tasks_done_pct"] == Decimal("84.5")
    assert values["on_time_pct"] == Decimal("72.0")
    assert values["forecast_slip_minutes"] == Decimal(90)
    assert values["mapping_coverage_pct"] == Decimal("98.3")  # the weakest set
    assert values["mapping_coverage_eur_pct"] == Decimal("98.1")
    assert values["validation_errors"] == Decimal(9)
    assert values["sso_pass_rate_admin"] == Decimal("100.0")
    assert values["sso_pass_rate_education"] == Decimal(70)
    assert values["sso_pass_rate_test"] == Decimal(50)  # any environment the section reports
    assert values["open_incidents"] == 4 and values["open_incidents_high"] == 1
    assert values["mean_time_to_close_hours"] == Decimal("213.2")
    assert values["targets_live_pct"] == Decimal("30.0")
    assert "open_incidents_medium" not in values  # not in the section: absent, not zero
    pct_only = extract_all({"cutover": {"progress": {"done": 1, "total": 3}}})
    assert pct_only == {"tasks_done_pct": Decimal("33.3")}
    assert "sso_pass_rate_test" in builtin_names(sections)
    test_kpi = builtin("sso_pass_rate_test")
    assert test_kpi is not None and test_kpi.direction == "up"
    assert builtin("no_such_metric") is None


@pytest.mark.parametrize(("values", "expected"), [
    ([], ""),
    ([5, 5, 5], "▄▄▄"),
    ([0, 7], "▁█"),
    ([Decimal("88.2"), Decimal("91.0"), Decimal("99.5")], "▁▃█"),
    ([3, 2, 1, 0], "█▆▃▁"),
])
def test_sparkline(values: list[Decimal | int], expected: str) -> None:
    assert sparkline(values) == expected
