"""`--dry-run` on every import: read and check everything, show the summary, write nothing."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLE_DATA, Cli, snapshot, write_csv


def test_a_dry_run_import_reports_and_writes_nothing(cli: Cli) -> None:
    before = snapshot(cli.db_url)
    result = cli("system", "import", SAMPLE_DATA / "systems.csv", "--dry-run")
    assert result.stdout.startswith("imported 18 systems from systems.csv")
    assert "dry run: nothing was written" in result.stderr
    assert snapshot(cli.db_url) == before
    # the next command in the same process writes again
    cli("system", "import", SAMPLE_DATA / "systems.csv")
    assert snapshot(cli.db_url) != before


def test_a_dry_run_still_refuses_bad_input(cli: Cli, tmp_path: Path) -> None:
    bad = write_csv(tmp_path / "systems.csv", "key;name;role\nraindance;Raindance;king\n")
    result = cli("system", "import", bad, "--dry-run", code=2)
    assert "systems.csv:2:role" in result.stderr


def test_every_import_command_offers_it(cli: Cli) -> None:
    for command in (("system", "import"), ("incident", "import"), ("chart", "import"),
                    ("mapping", "import"), ("task", "import"), ("action", "import")):
        assert "--dry-run" in cli(*command, "--help").stdout, command
