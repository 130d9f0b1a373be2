"""Hypercare incidents through the CLI: add, list, show, update, close, import."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLE_DATA, Cli, snapshot, write_csv, write_xlsx

HEADER = "key;system;severity;title;owner;status;opened;closed;resolution\n"


def _systems(cli: Cli) -> None:
    cli("system", "add", "raindance", "--name", "Raindance", "--role", "target",
        "--go-live", "2027-01-04")
    cli("system", "add", "basware", "--name", "Basware", "--role", "target")


def test_add_update_close_with_history(cli: Cli) -> None:
    _systems(cli)
    first = cli.json("incident", "add", "--severity", "high", "--title", "Ledger will not open",
                     "--system", "raindance", "--owner", "Antti", "--opened", "2026-11-20 08:30")
    assert first["key"] == "INC-001"
    assert first["status"] == "open" and first["closed_at"] is None
    assert first["opened_at"] == "2026-11-20T06:30:00Z"  # Helsinki is UTC+2 in November
    second = cli.json("incident", "add", "--severity", "kriittinen", "--title", "Payroll down")
    assert second["key"] == "INC-002" and second["severity"] == "critical"
    assert second["system"] is None

    cli("incident", "update", "inc-001", "--status", "in progress", "--owner", "Satu")
    closed = cli.json("incident", "close", "INC-001", "--resolution", "Index rebuilt")
    assert closed["status"] == "closed" and closed["closed_at"] is not None
    assert closed["resolution"] == "Index rebuilt"

    shown = cli.json("incident", "show", "INC-001")
    assert [h["action"] for h in shown["history"]] == ["create", "update", "close"]
    assert "owner: Antti → Satu" in shown["history"][1]["summary"]
    assert "status: in_progress → closed" in shown["history"][2]["summary"]
    assert "INC-001" in cli("incident", "show", "INC-001").stdout

    reopened = cli.json("incident", "update", "INC-001", "--status", "open")
    assert reopened["closed_at"] is None
    assert cli.json("log", "--entity", "incident:INC-001")[0]["action"] == "update"


def test_list_orders_open_first_and_filters(cli: Cli) -> None:
    _systems(cli)
    cli("incident", "add", "--severity", "low", "--title", "Typo", "--system", "basware")
    cli("incident", "add", "--severity", "critical", "--title", "Down", "--system", "raindance")
    cli("incident", "add", "--severity", "high", "--title", "Slow", "--system", "raindance")
    cli("incident", "close", "INC-003")
    keys = [i["key"] for i in cli.json("incident", "list")]
    assert keys == ["INC-002", "INC-001", "INC-003"]
    assert [i["key"] for i in cli.json("incident", "list", "--open")] == ["INC-002", "INC-001"]
    assert [i["key"] for i in cli.json("incident", "list", "--system", "raindance")] == [
        "INC-002", "INC-003"]
    assert [i["key"] for i in cli.json("incident", "list", "--severity", "low")] == ["INC-001"]
    assert "Down" in cli("incident", "list").stdout


def test_refusals_are_one_line_and_write_nothing(cli: Cli) -> None:
    _systems(cli)
    cli("incident", "add", "--severity", "high", "--title", "Slow")
    cli("incident", "close", "INC-001")
    cli("incident", "add", "--severity", "low", "--title", "Still open")
    before = snapshot(cli.db_url)
    for args, message in [
        (("incident", "add", "--severity", "urgent", "--title", "x"),
         "--severity: 'urgent' is not a severity"),
        (("incident", "add", "--title", "x"), "needs a --severity"),
        (("incident", "add", "--severity", "low"), "needs a --title"),
        (("incident", "add", "--severity", "low", "--title", "x" * 301),
         "title is longer than 300 characters"),
        (("incident", "add", "--severity", "low", "--title", "x", "--system", "ghost"),
         "no system 'ghost'"),
        (("incident", "add", "--severity", "low", "--title", "x", "--key", "INC-001"),
         "incident INC-001 already exists"),
        (("incident", "add", "--severity", "low", "--title", "x", "--opened", "tomorrow"),
         "--opened: 'tomorrow' is not a date and time"),
        (("incident", "close", "INC-001"), "already closed"),
        (("incident", "show", "INC-404"), "no incident 'INC-404'"),
        (("incident", "update", "INC-001", "--status", "done"), "is not an incident status"),
        (("incident", "update", "INC-002", "--opened", "2999-01-01"), "opened in the future"),
        (("incident", "close", "INC-002", "--at", "2000-01-01"), "closed before it was opened"),
        (("incident", "update", "INC-404", "--owner", "x"), "no incident 'INC-404'"),
    ]:
        result = cli(*args, code=2)
        assert result.stderr.startswith("error: ") and message in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_import_sample_file_then_reimport_is_a_noop(cli: Cli) -> None:
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    summary = cli.json("incident", "import", SAMPLE_DATA / "incidents.csv")
    assert len(summary["created"]) == 13 and summary["updated"] == []
    eleven = cli.json("incident", "show", "INC-011")
    assert eleven["severity"] == "high" and eleven["status"] == "open"
    assert eleven["opened_at"] == "2026-10-18T08:20:00Z"
    nine = cli.json("incident", "show", "INC-009")
    assert nine["status"] == "resolved" and nine["closed_at"] == "2026-11-03T13:20:00Z"
    assert ";" in cli.json("incident", "show", "INC-001")["resolution"]  # quoted cell

    events = len(cli.json("log", "--limit", "0"))
    again = cli.json("incident", "import", SAMPLE_DATA / "incidents.csv")
    assert again["created"] == [] and again["updated"] == [] and len(again["unchanged"]) == 13
    assert len(cli.json("log", "--limit", "0")) == events + 1  # only the import event itself
    assert cli.json("incident", "add", "--severity", "low", "--title", "x")["key"] == "INC-014"


def test_import_updates_by_key_and_numbers_new_rows(cli: Cli, tmp_path: Path) -> None:
    _systems(cli)
    cli("incident", "add", "--severity", "low", "--title", "Old title", "--system", "raindance")
    path = write_xlsx(tmp_path / "hairiot.xlsx", {"Häiriöt": [
        ["Hypercare-häiriöt"],
        ["Tunnus", "Järjestelmä", "Vakavuus", "Otsikko", "Tila", "Avattu", "Suljettu"],
        ["INC-001", "raindance", "korkea", "New title", "ratkaistu", "20.11.2026 08:00",
         "21.11.2026 10:00"],
        [None, "basware", "matala", "Fresh one", None, "2026-11-21T09:00", None],
    ]})
    summary = cli.json("incident", "import", path)
    assert summary["updated"] == ["INC-001"] and summary["created"] == ["INC-002"]
    one = cli.json("incident", "show", "INC-001")
    assert (one["severity"], one["title"], one["status"]) == ("high", "New title", "resolved")
    assert one["closed_at"] == "2026-11-21T08:00:00Z"
    assert cli.json("incident", "show", "INC-002")["status"] == "open"


def test_import_errors_name_row_and_column(cli: Cli, tmp_path: Path) -> None:
    _systems(cli)
    good = "INC-001;raindance;high;Slow;Anna;open;2026-11-20 08:00;;\n"
    cases = {
        "sev.csv": (good.replace(";high;", ";urgent;"), "sev.csv:2:severity: 'urgent' is not"),
        "sys.csv": (good.replace("raindance", "ghost"), "sys.csv:2:system: unknown system"),
        "dup.csv": (good + good, "dup.csv:3:key: duplicate key INC-001 (first on row 2)"),
        "when.csv": (good.replace("2026-11-20 08:00", "eilen"), "when.csv:2:opened: 'eilen'"),
        "open.csv": (good.replace("open;2026-11-20 08:00;", "open;2026-11-20 08:00;2026-11-21"),
                     "open.csv:2:closed: an incident that is open has no closing time"),
        "order.csv": (good.replace(";open;2026-11-20 08:00;;", ";closed;2026-11-20;2026-11-19;"),
                      "order.csv:2:closed: is before the opening time"),
        "title.csv": (good.replace(";Slow;", ";;"), "title.csv:2:title: is empty"),
    }
    before = snapshot(cli.db_url)
    for name, (body, message) in cases.items():
        path = write_csv(tmp_path / name, HEADER + body)
        result = cli("incident", "import", path, code=2)
        assert message in result.stderr, (name, result.stderr)
        assert result.stderr.count("\n") == 1
    assert snapshot(cli.db_url) == before


def test_removing_a_system_keeps_its_incidents(cli: Cli) -> None:
    _systems(cli)
    cli("incident", "add", "--severity", "low", "--title", "x", "--system", "basware")
    cli("system", "remove", "basware")
    assert cli.json("incident", "show", "INC-001")["system"] is None


def test_what_people_typed_is_shown_as_written_not_as_rich_markup(cli: Cli) -> None:
    """A title like "[TBD] [red]x[/red]" is text: tables, the card and status show it whole."""
    _systems(cli)
    title = "[TBD] Palkka [red]rikki[/red] ja [bold]"
    cli("incident", "add", "--severity", "high", "--title", title, "--system", "basware")
    assert title in cli("incident", "list").stdout
    assert title in cli("incident", "show", "INC-001").stdout
    assert title in cli("status").stdout.replace("\n", " ")
