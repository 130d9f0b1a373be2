"""The provider's service levels: references, first responses, targets, breaches as readiness
signals, the SLA KPIs and the provider's ticket export — against hand-computed small cases."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from migctl.services.hypercare.sla import judge, summarise
from tests.conftest import Cli, snapshot, write_csv, write_xlsx

TARGETS = {s: {"response": 60, "resolution": 480} for s in ("critical", "high", "medium",
                                                                "low")}


def _at(hour: int, minute: int = 0, day: int = 20) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


def _row(key: str, opened: datetime, responded: datetime | None = None,
         closed: datetime | None = None, severity: str = "high") -> dict[str, object]:
    return {"key": key, "reference": None, "system": None, "severity": severity, "title": key,
            "opened_at": opened, "responded_at": responded, "closed_at": closed}


def test_response_and_resolution_are_judged_against_the_targets_by_hand() -> None:
    now = _at(12)
    rows = [
        _row("A", _at(8), _at(8, 30), _at(10)),  # response 30 min, resolved in 2 h: both met
        _row("B", _at(8), _at(9, 30)),  # answered after 90 min: response breached
        _row("C", _at(11, 30)),  # waited 30 min so far: not judged yet
        _row("D", _at(10, 30)),  # waited 90 min, no answer: response breached (pending)
        _row("E", _at(1), None, _at(2)),  # resolved in 1 h with no response: counts as one
        _row("F", _at(1), _at(1, 10)),  # open 11 h: resolution (8 h) breached
    ]
    cases = {c["key"]: c for c in (judge(r, TARGETS, now) for r in rows)}  # type: ignore[arg-type]
    assert (cases["A"]["response_minutes"], cases["A"]["resolution_minutes"]) == (30, 120)
    assert cases["B"]["response_breached"] and not cases["B"]["resolution_breached"]
    assert not cases["C"]["response_breached"] and cases["C"]["response_minutes"] is None
    assert cases["D"]["response_breached"] and cases["D"]["response_minutes"] is None
    assert cases["E"]["response_minutes"] == 60 and not cases["E"]["response_breached"]
    assert cases["F"]["resolution_breached"] and not cases["F"]["response_breached"]

    summary = summarise(rows, TARGETS, now)  # type: ignore[arg-type]
    # response judged: A B D E F (C waits within target); met A E F → 3/5
    assert summary["response"] == {"judged": 5, "met": 3, "met_pct": 60.0,
                                   "median_minutes": 30}  # of 10 30 60 90: the lower middle
    # resolution judged: A E (closed, met) and F (open past 8 h) → 2/3
    assert summary["resolution"] == {"judged": 3, "met": 2, "met_pct": 66.7,
                                     "median_minutes": 60}
    assert [c["key"] for c in summary["breaches"]] == ["F", "B", "D"]  # by opening time
    # an answer recorded after the status time does not count yet (as of the past)
    later = judge(_row("G", _at(8), _at(13)), TARGETS, now)  # type: ignore[arg-type]
    assert later["responded_at"] is None and later["response_breached"]


def _systems(cli: Cli) -> None:
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target",
        "--go-live", "2027-01-04")
    cli("system", "add", "basware", "--name", "Basware", "--role", "target")


def test_responded_at_and_reference_on_update_with_refusals(cli: Cli) -> None:
    _systems(cli)
    cli("incident", "add", "--severity", "high", "--title", "Slow", "--opened",
        "2026-11-20 08:00", "--reference", "SR-1")
    updated = cli.json("incident", "update", "INC-001", "--responded-at", "2026-11-20 09:15")
    assert updated["responded_at"] == "2026-11-20T07:15:00Z"  # Helsinki, UTC+2
    assert updated["reference"] == "SR-1"
    shown = cli.json("incident", "show", "INC-001")
    assert "responded_at" in shown["history"][-1]["summary"]
    cli("incident", "add", "--severity", "low", "--title", "Other")
    before = snapshot(cli.db_url)
    early = cli("incident", "update", "INC-001", "--responded-at", "2026-11-20 07:00", code=2)
    assert "--responded-at" in early.stderr and "before" in early.stderr
    future = cli("incident", "update", "INC-001", "--responded-at", "2099-01-01 07:00", code=2)
    assert "future" in future.stderr
    taken = cli("incident", "update", "INC-002", "--reference", "SR-1", code=2)
    assert "already on INC-001" in taken.stderr
    assert snapshot(cli.db_url) == before


def test_status_shows_times_against_targets_signals_breaches_and_kpis(cli: Cli) -> None:
    _systems(cli)
    cli("settings", "set", "sla.response.high", "1h")
    cli("settings", "set", "sla.resolution.high", "1d")
    cli("incident", "add", "--severity", "high", "--title", "Ledger", "--system", "raindance",
        "--opened", "2026-11-20 08:00", "--responded-at", "2026-11-20 08:20",
        "--reference", "SR-100")
    cli("incident", "add", "--severity", "high", "--title", "Invoices", "--system", "basware",
        "--opened", "2026-11-20 08:00", "--responded-at", "2026-11-20 11:00")
    cli("incident", "close", "INC-002", "--at", "2026-11-20 12:00")
    status = cli.json("status", "--as-of", "2026-11-20 14:00")
    sla = status["sections"]["incidents"]["sla"]
    high = next(row for row in sla["by_severity"] if row["severity"] == "high")
    assert (high["response_target_minutes"], high["resolution_target_minutes"]) == (60, 1440)
    assert high["response"] == {"judged": 2, "met": 1, "met_pct": 50.0, "median_minutes": 20}
    assert high["resolution"] == {"judged": 1, "met": 1, "met_pct": 100.0,
                                  "median_minutes": 240}
    signals = {s["code"]: s for s in status["sections"]["incidents"]["signals"]}
    breach = signals["sla-response-breached"]
    assert (breach["level"], breach["system"]) == ("amber", "basware")
    assert breach["params"] == {"incident": "INC-002", "severity": "high", "target": "1h",
                                "took": "3h"}
    basware = next(s for s in status["readiness"]["systems"] if s["key"] == "basware")
    assert basware["rag"] == "amber"
    kpis = {k["name"]: k["value"] for k in status["sections"]["kpis"]["kpis"]}
    assert (kpis["sla_response_pct"], kpis["sla_resolution_pct"]) == (50.0, 100.0)

    # a day later INC-001 has been open past its resolution target of one day
    later = cli.json("status", "--as-of", "2026-11-21 09:00")
    codes = [(s["code"], s["params"]["incident"])
             for s in later["sections"]["incidents"]["signals"] if s["code"].startswith("sla")]
    assert codes == [("sla-resolution-breached", "INC-001"), ("sla-response-breached", "INC-002")]

    screen = cli("status", "--as-of", "2026-11-20 14:00").stdout
    assert "Provider's service levels" in screen and "SR-100" not in screen.split("SLA")[-1]
    fi = cli("status", "--as-of", "2026-11-20 14:00", "--format", "markdown", "--lang",
             "fi").stdout
    assert "Toimittajan palvelutasot" in fi
    assert "INC-002: toimittajan vaste ylitti tavoitteen 1 h (kesto 3 h)" in fi
    report = cli("report", "--as-of", "2026-11-20 14:00").stdout
    assert "Responses in time" in report and "1/2 (50 %)" in report


EXPORT = ("Tapausnumero;Vakavuus;Otsikko;Järjestelmä;Avattu;Ensivaste;Ratkaistu\n"
          "SR-7;korkea;Lasku jumissa;basware;20.11.2026 08:00;20.11.2026 08:40;\n"
          "SR-8;matala;Raportin otsikko;raindance;20.11.2026 09:00;;\n")


def test_provider_export_imports_and_upserts_by_reference(cli: Cli, tmp_path: Path) -> None:
    _systems(cli)
    first = cli.json("incident", "import", write_csv(tmp_path / "export.csv", EXPORT))
    assert first["created"] == ["INC-001", "INC-002"]
    one = cli.json("incident", "show", "INC-001")
    assert (one["reference"], one["severity"], one["responded_at"]) == (
        "SR-7", "high", "2026-11-20T06:40:00Z")
    resolved = EXPORT.replace("08:40;\n", "08:40;21.11.2026 10:00\n")
    again = cli.json("incident", "import", write_csv(tmp_path / "export2.csv", resolved))
    assert again["updated"] == ["INC-001"] and again["unchanged"] == ["INC-002"]
    one = cli.json("incident", "show", "INC-001")
    assert (one["status"], one["closed_at"]) == ("resolved", "2026-11-21T08:00:00Z")
    assert len(cli.json("incident", "list")) == 2  # matched by reference, not added again

    xlsx = write_xlsx(tmp_path / "export.xlsx", {"Tickets": [
        ["Ticket", "Priority", "Summary", "Opened", "First response", "Resolved"],
        ["SR-9", "critical", "Payroll down", "2026-11-20 10:00", "2026-11-20 10:05",
         "2026-11-20 12:00"]]})
    third = cli.json("incident", "import", xlsx)
    assert third["created"] == ["INC-003"]
    assert cli.json("incident", "show", "INC-003")["reference"] == "SR-9"


def test_export_errors_name_row_and_column_and_write_nothing(cli: Cli, tmp_path: Path) -> None:
    _systems(cli)
    cli("incident", "add", "--key", "INC-050", "--severity", "low", "--title", "Held",
        "--reference", "SR-50")
    head = "key;reference;severity;title;opened;responded\n"
    good = ";SR-1;high;Slow;2026-11-20 08:00;2026-11-20 09:00\n"
    cases = {
        "early.csv": (good.replace("09:00", "07:00"), "early.csv:2:responded: is before"),
        "future.csv": (good.replace("2026-11-20 09:00", "2099-11-20 09:00"),
                       "future.csv:2:responded: is in the future"),
        "twice.csv": (good + good, "twice.csv:3:reference: duplicate reference 'SR-1'"),
        "held.csv": ("INC-001" + good.replace("SR-1", "SR-50"),
                     "held.csv:2:reference: the provider's reference 'SR-50' is already on "
                     "INC-050"),
        "long.csv": (good.replace("SR-1", "S" * 65), "long.csv:2:reference: "),
    }
    before = snapshot(cli.db_url)
    for name, (body, message) in cases.items():
        result = cli("incident", "import", write_csv(tmp_path / name, head + body), code=2)
        assert message in result.stderr, (name, result.stderr)
        assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before
