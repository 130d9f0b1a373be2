"""Gaps an audit of issue 16 found: fullwidth digits in codes and periods, the year 0001 in a
ledger period, `db current` on a store from a newer migctl, `db backup` writing its file the
way every other output is written, and the leftover cent on unequal remainders."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from migctl.services.mapping.fields import normalize_code, parse_source
from migctl.services.mapping.index import WEIGHT_SCALE, allocate
from migctl.services.mapping.ledger import parse_period
from migctl.store import engine as store_engine
from tests.conftest import Cli, snapshot, write_csv


@pytest.mark.parametrize("text", ["１000", "10٣0", "４０００..４０９９"])
def test_codes_with_foreign_digits_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not an ASCII digit"):
        parse_source(text, what="account")


def test_ascii_codes_and_letters_still_read() -> None:
    assert normalize_code("4000") == "4000"
    assert normalize_code(" KP-Ä1 ") == "KP-Ä1"  # non-ASCII letters are not digits


@pytest.mark.parametrize("text", ["0001-12", "12/0001", "000112", "１２/２０２５", "２０２５-１２"])
def test_periods_outside_the_era_or_in_foreign_digits_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a period"):
        parse_period(text)


def test_a_chart_with_a_fullwidth_code_is_refused_at_its_cell(cli: Cli, db_url: str,
                                                               tmp_path: Path) -> None:
    source = write_csv(tmp_path / "chart.csv",
                       "code;name;type;parent;active\n1000;Kassa;vastaavaa;;1\n"
                       "１000;Kassa 2;vastaavaa;;1\n")
    before = snapshot(db_url)
    result = cli("chart", "import", source, "--chart", "populus", "--role", "legacy", code=2)
    assert "chart.csv:3:code:" in result.stderr and "not an ASCII digit" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(db_url) == before


def test_db_current_on_a_store_from_a_newer_migctl_is_not_behind(cli: Cli, db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("edits the SQLite file directly")
    store_engine.dispose_all()
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    result = cli("db", "current", code=2)
    assert "written by a newer migctl (schema 0099_future)" in result.stderr
    assert "behind" not in result.stdout + result.stderr
    store_engine.dispose_all()


def test_db_backup_writes_like_every_output(cli: Cli, db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("db backup copies SQLite stores")
    out = tmp_path / "out"
    out.mkdir()
    cli("db", "backup", out / "missing" / "copy.db", code=2)
    assert not (out / "missing").exists()
    existing = out / "copy.db"
    existing.write_text("old")
    existing.chmod(0o600)
    link = out / "link.db"
    link.symlink_to(existing.name)
    cli("db", "backup", link)
    assert link.is_symlink() and (existing.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in out.iterdir()) == ["copy.db", "link.db"]  # no temporary
    with sqlite3.connect(existing) as copy:
        assert copy.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)


def test_the_leftover_cent_goes_to_the_largest_remainder_not_the_smallest() -> None:
    """Kills a largest-remainder allocation sorted the wrong way (smallest remainder first),
    which equal thirds cannot see: 66.67 % + 33.33 % of 1.00 € is 67 + 33 cents."""
    big, small = (int(Decimal(share) * WEIGHT_SCALE) for share in ("66.67", "33.33"))
    assert allocate(100, (big, small), big + small) == [67, 33]
    assert allocate(100, (small, big), big + small) == [33, 67]
    assert allocate(-100, (small, big), big + small) == [-33, -67]
