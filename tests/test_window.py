"""Window confidence from the store: `task forecast --simulate`, the status section and header,
the report's sentence and chart, and the ``window-confidence>=PCT`` gate criterion — against
hand-computed small cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Cli, write_csv

RUNBOOK = (
    "key;title;workstream;system;owner;kind;duration;depends_on;planned_start;rollback_note;"
    "criteria\n"
    "A;Load the ledger;Talous;;Olli;task;20m;;;;\n"
    "B;Check the ledger;Talous;;Olli;task;2m;A;;;\n"
    "G;Go/no-go;Yleinen;;Olli;gate;0m;B;;;\n"
    "GL;Go-live;Yleinen;;Olli;milestone;0m;G;;;\n"
)
# A took 10, 20 and 30 minutes in three rehearsals, B 1, 2 and 3: each equally likely, the
# cutover (A then B) ends 11 12 13 21 22 23 31 32 33 minutes after the start, 1/9 each.
REHEARSALS = ((10, 1), (20, 2), (30, 3))


def _store(cli: Cli, tmp_path: Path, *, window_end: str = "2027-01-02T10:22:00Z") -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))
    cli("settings", "set", "cutover.window_start", "2027-01-02T10:00:00Z")
    cli("settings", "set", "cutover.window_end", window_end)
    cli("settings", "set", "cutover.go_live", "GL")
    for number, (a, b) in enumerate(REHEARSALS, start=1):
        day = f"2026-11-{number + 10}"
        actuals = write_csv(tmp_path / f"r{number}.csv", (
            "key;status;actual_start;actual_end\n"
            f"A;done;{day}T10:00:00Z;{day}T10:{a:02d}:00Z\n"
            f"B;done;{day}T11:00:00Z;{day}T11:{b:02d}:00Z\n"
        ))
        cli("cutover", "run", "import", f"rehearsal-{number}", actuals, "--finish")


def test_a_chain_of_two_tasks_gives_the_hand_computed_percentiles(cli: Cli,
                                                                  tmp_path: Path) -> None:
    _store(cli, tmp_path)
    found = cli.json("task", "forecast", "--simulate", "20000", "--seed", "11")
    assert list(found) == ["simulations", "seed", "cutover_end", "go_live", "p_within_window",
                           "criticality"]
    assert found["simulations"] == 20000 and found["seed"] == 11
    # nearest rank over the nine sums: P50 the 5th (22), P80 the 8th (32), P95 the 9th (33)
    assert found["cutover_end"] == {"p50": "2027-01-02T10:22:00Z",
                                    "p80": "2027-01-02T10:32:00Z",
                                    "p95": "2027-01-02T10:33:00Z"}
    assert found["go_live"] == found["cutover_end"]  # the milestone right after B
    assert found["p_within_window"] == pytest.approx(5 / 9, abs=0.015)  # ends ≤ 22 min
    assert found["criticality"] == [{"key": "A", "criticality": 1.0},
                                    {"key": "B", "criticality": 1.0},
                                    {"key": "G", "criticality": 1.0},
                                    {"key": "GL", "criticality": 0.0}]  # after the cutover end


def test_the_same_seed_reproduces_the_forecast(cli: Cli, tmp_path: Path) -> None:
    _store(cli, tmp_path, window_end="2027-01-02T10:25:00Z")
    first = cli.json("task", "forecast", "--simulate", "300", "--seed", "5")
    again = cli.json("task", "forecast", "--simulate", "300", "--seed", "5")
    other = cli.json("task", "forecast", "--simulate", "300", "--seed", "6")
    assert first == again
    assert first["p_within_window"] != other["p_within_window"]
    unseeded = cli.json("task", "forecast", "--simulate", "10")
    assert isinstance(unseeded["seed"], int)  # printed, so the run can be repeated


def test_fewer_than_three_actuals_fit_a_triangle_and_none_take_the_spread(
        cli: Cli, tmp_path: Path) -> None:
    cli("task", "import", write_csv(tmp_path / "runbook.csv", RUNBOOK))
    cli("settings", "set", "cutover.window_start", "2027-01-02T10:00:00Z")
    cli("settings", "set", "cutover.go_live", "GL")
    cli("cutover", "run", "import", "rehearsal-1", write_csv(tmp_path / "r.csv", (
        "key;status;actual_start;actual_end\n"
        "A;done;2026-11-11T10:00:00Z;2026-11-11T10:40:00Z\n")), "--finish")
    # A: triangular 20..40 peaking at 20; B: 2 minutes ± 50 % → 1..3
    found = cli.json("task", "forecast", "--simulate", "5000", "--seed", "2", "--spread", "50")
    assert found["p_within_window"] is None  # no window end set
    ends = found["cutover_end"]
    assert "2027-01-02T10:21:00Z" <= ends["p50"] <= ends["p80"] <= ends["p95"] \
        <= "2027-01-02T10:43:00Z"
    # the median of a triangle (20, 20, 40) is 40 − 20/√2 ≈ 25.9 minutes, plus B's 2
    minute = int(ends["p50"][14:16])
    assert 26 <= minute <= 29


def test_an_active_run_keeps_its_facts_and_nothing_starts_before_now(
        cli: Cli, tmp_path: Path) -> None:
    _store(cli, tmp_path)
    cli("cutover", "run", "start", "production", "--at", "2027-01-02T10:00:00Z")
    cli("task", "start", "A", "--at", "2027-01-02T10:00:00Z")
    cli("task", "done", "A", "--at", "2027-01-02T10:25:00Z")
    found = cli.json("task", "forecast", "--simulate", "6000", "--seed", "1", "--as-of",
                     "2027-01-02T10:25:00Z")
    # A is a fact (25 min); B is 1, 2 or 3 from 10:25
    assert found["cutover_end"] == {"p50": "2027-01-02T10:27:00Z",
                                    "p80": "2027-01-02T10:28:00Z",
                                    "p95": "2027-01-02T10:28:00Z"}
    assert found["p_within_window"] == 0.0


def test_bad_simulation_counts_are_refused(cli: Cli, tmp_path: Path) -> None:
    _store(cli, tmp_path)
    cli("task", "forecast", "--simulate", "0", code=2)
    result = cli("task", "forecast", "--simulate", "2000000", code=2)
    assert "--simulate" in result.stderr


def test_status_section_and_header_say_the_sentence_reproducibly(cli: Cli,
                                                                 tmp_path: Path) -> None:
    _store(cli, tmp_path, window_end="2027-01-02T10:40:00Z")
    first = cli.json("status")
    assert first["sections"]["window"] == cli.json("status")["sections"]["window"]
    window = first["sections"]["window"]["forecast"]
    assert window["simulations"] == 1000 and window["seed"] == 1
    assert window["p_within_window"] == 1.0
    assert first["header"]["window"] == {"p_within_window": 1.0,
                                         "p80_end": "2027-01-02T10:32:00Z"}
    # Europe/Helsinki: 10:32Z on Saturday 2 January 2027 is 12:32
    table = cli("status").stdout
    assert "P(cutover within window) = 100 % (P80 ends Sat 12:32)" in table
    fi = cli("status", "--format", "markdown", "--lang", "fi").stdout
    assert "P(siirto valmis ikkunassa) = 100 % (P80 päättyy la 12.32)" in fi
    assert "Siirtoikkunan todennäköisyys" in fi
    cli("settings", "set", "cutover.simulations", "50")
    cli("settings", "set", "cutover.simulation_seed", "9")
    changed = cli.json("status")["sections"]["window"]["forecast"]
    assert (changed["simulations"], changed["seed"]) == (50, 9)


def test_report_shows_the_sentence_and_a_chart_whose_times_are_in_a_table(
        cli: Cli, tmp_path: Path) -> None:
    _store(cli, tmp_path)
    html = cli("report").stdout
    assert "P(cutover within window) = " in html
    section = html[html.index("<h2>Window confidence"):]
    svg = section[section.index("<svg"):section.index("</svg>")]
    assert "P80 Sat 12:32" in svg and "Window end Sat 12:22" in svg
    table = section[section.index("</svg>"):]
    assert "2027-01-02 12:32" in table and "2027-01-02 12:22" in table  # P80 and window end
    fi = cli("report", "--format", "markdown", "--lang", "fi").stdout
    assert "Siirtoikkunan todennäköisyys" in fi and "P80 päättyy la 12.32" in fi


def test_window_confidence_criterion(cli: Cli, tmp_path: Path) -> None:
    _store(cli, tmp_path)  # P(within) ≈ 5/9
    cli("task", "criteria", "add", "G", "--require", "window-confidence >= 50 %")
    cli("task", "criteria", "add", "G", "--require", "window-confidence>=60")
    listed = cli.json("task", "criteria", "list", "G")
    assert [(c["spec"], c["kind"]) for c in listed] == [
        ("window-confidence>=50", "window-confidence"),
        ("window-confidence>=60", "window-confidence")]
    result = cli("task", "gate-check", "G", code=None)
    text = re.sub(r"\s+", " ", result.stdout)
    assert re.search(r"window-confidence>=50 pass P\(cutover within window\) = 5\d(\.\d)? % "
                     r"\(>= 50 %\)", text), text
    assert re.search(r"window-confidence>=60 FAIL", text), text
    for bad in ("window-confidence>=101", "window-confidence<=50", "window-confidence"):
        cli("task", "criteria", "add", "G", "--require", bad, code=2)
