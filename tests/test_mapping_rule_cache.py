"""The translate engine's remembered rule tables (:mod:`migctl.services.mapping.rule_cache`).

A set version's split tables are kept in the user's cache folder after the first columnar
run; later runs read them instead of the store's rows. Every test compares the columnar
run with the pure-Python path (the oracle) on the same store, so a stale entry — one read for
rules that are no longer the set's — shows as a different output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from migctl.services.mapping import translate as translate_module
from tests.conftest import Cli, write_csv
from tests.mapping_data import TARGET_CHART, mapping_csv
from tests.test_mapping_translate import RULES, _setup

HEADER = "tili;kustannuspaikka;kausi;summa\n"
#: an exact rule, a dated pair (and a day neither applies on: Python words it), a split of
#: thirds, a range, a cost-centre rule, an account with no rule
LINES = ["1000;;2025-06;10,00", "1010;;2025-06;1,00", "1010;;2025-07;2,00",
         "4000;;2025-06;100,00", "4010;;2025-06;0,02", "4020;1100;2025-06;5,00",
         "4055;;2025-06;3,00", "9999;;2025-06;1,00"]
OTHER_RULES = """1000;;200000;;;;;;
1010;;200000;;;;;;
4000..4099;;300000;;;;;;
"""


def _run(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str,
         lines: list[str] = LINES) -> tuple[bytes, dict]:
    monkeypatch.setenv("MIGCTL_TRANSLATE_ENGINE", engine)
    source = write_csv(tmp_path / "tb.csv", HEADER + "\n".join(lines) + "\n")
    out = tmp_path / f"{engine}.csv"
    result = cli("mapping", "translate", source, "--set", "m", "-o", out, "-f", "json",
                 code=None)
    assert result.exit_code in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert document["engine"] == engine and document["engine_fallback"] is None
    return out.read_bytes(), {k: v for k, v in document.items()
                              if k not in ("output", "run_id", "engine", "set")}


def _same_as_python(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    columnar = _run(cli, tmp_path, monkeypatch, "columnar")
    python = _run(cli, tmp_path, monkeypatch, "python")
    assert columnar == python
    return columnar[0]


def _entries(cache: Path) -> list[Path]:
    folder = cache / "rules"
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) \
        if folder.is_dir() else []


def test_the_first_run_remembers_the_tables_and_later_runs_do_not_fetch_the_rows(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    _setup(cli, tmp_path)
    first = _same_as_python(cli, tmp_path, monkeypatch)
    [entry] = _entries(_own_cache)
    assert sorted(p.name for p in entry.iterdir()) == ["meta.json", "rl0.parquet",
                                                       "sp.parquet"]

    def refuse(*_: object) -> None:
        raise AssertionError("the rows were fetched although the entry was there")

    monkeypatch.setattr(translate_module, "fetch_rule_rows", refuse)
    # 1010 on 2025-06 and 2025-07 have rules; 4000..4099 in 2024-01 has them all: no Python
    # wording needed, so a hit reads nothing but the entry
    again, _ = _run(cli, tmp_path, monkeypatch, "columnar")
    assert again == first


def test_lines_python_must_word_fetch_the_rows_after_the_store_was_closed(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    """A day no dated rule applies on is worded by the pure index: with the entry there,
    the rows are read then, in a transaction of their own — the same words as Python's."""
    _setup(cli, tmp_path, RULES.replace("1000;;100000;;;;;;", "1000;;100000;;;;2026-01-01;;"))
    _same_as_python(cli, tmp_path, monkeypatch)  # writes the entry
    assert _entries(_own_cache)
    columnar = _run(cli, tmp_path, monkeypatch, "columnar")
    python = _run(cli, tmp_path, monkeypatch, "python")
    assert columnar == python
    reasons = [line["reason"] for line in columnar[1]["untranslated"]]
    assert any("valid from 2026-01-01" in reason for reason in reasons), reasons


def test_a_new_version_of_the_set_gets_its_own_entry(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    _setup(cli, tmp_path)
    before = _same_as_python(cli, tmp_path, monkeypatch)
    cli("mapping", "import", mapping_csv(tmp_path, OTHER_RULES), "--set", "m")
    after = _same_as_python(cli, tmp_path, monkeypatch)
    assert after != before
    assert len(_entries(_own_cache)) == 2


def test_a_set_removed_and_created_again_under_the_same_id_never_reads_the_old_entry(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    """As after restoring a backup taken before the import: the same id, name and version,
    other rules — the import time tells the entries apart."""
    _setup(cli, tmp_path)
    before = _same_as_python(cli, tmp_path, monkeypatch)
    engine = create_engine(cli.db_url)
    with engine.begin() as connection:
        old_id = connection.execute(text("SELECT id FROM mapping_set WHERE name = 'm'")).scalar()
        connection.execute(text("DELETE FROM mapping_rule WHERE set_id = :i"), {"i": old_id})
        connection.execute(text("DELETE FROM mapping_set WHERE id = :i"), {"i": old_id})
    cli("mapping", "import", mapping_csv(tmp_path, OTHER_RULES), "--set", "m")
    with engine.connect() as connection:
        new_id, version = connection.execute(
            text("SELECT id, version FROM mapping_set WHERE name = 'm'")).one()
    engine.dispose()
    assert version == 1
    if cli.db_url.startswith("sqlite"):
        assert new_id == old_id  # SQLite hands the freed id out again
    after = _same_as_python(cli, tmp_path, monkeypatch)
    assert after != before


def test_a_changed_target_chart_is_read_afresh_not_from_the_entry(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    """The chart is not part of an entry: a target account the new chart lacks makes its
    lines untranslated (M002) on the very next run, as on the pure path."""
    _setup(cli, tmp_path)
    _same_as_python(cli, tmp_path, monkeypatch)
    chart = tmp_path / "target2.csv"
    kept = [line for line in TARGET_CHART.splitlines(keepends=True)
            if not line.startswith("409000")]
    write_csv(chart, "".join(kept))
    cli("chart", "import", chart, "--chart", "raindance", "--role", "target")
    _, document = _run(cli, tmp_path, monkeypatch, "columnar")
    assert any("409000" in line["reason"] for line in document["untranslated"])
    _same_as_python(cli, tmp_path, monkeypatch)
    assert len(_entries(_own_cache)) == 1


def test_an_unreadable_entry_is_rebuilt(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    _setup(cli, tmp_path)
    first = _same_as_python(cli, tmp_path, monkeypatch)
    [entry] = _entries(_own_cache)
    (entry / "sp.parquet").write_bytes(b"not parquet")
    assert _same_as_python(cli, tmp_path, monkeypatch) == first
    [rebuilt] = _entries(_own_cache)
    assert (rebuilt / "sp.parquet").read_bytes()[:4] == b"PAR1"


def test_a_cache_folder_that_cannot_be_written_only_means_no_entry(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("MIGCTL_CACHE_DIR", str(blocked))
    _setup(cli, tmp_path)
    _same_as_python(cli, tmp_path, monkeypatch)
    assert blocked.read_text() == "a file where the cache folder would be"


def test_reading_marks_an_entry_used_and_writing_removes_what_nobody_used_for_a_month(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _own_cache: Path) -> None:
    import os
    import time

    rules = _own_cache / "rules"
    rules.mkdir(parents=True)
    day = 86400
    now = time.time()
    ages = {"forgotten": 31 * day, "recent": 1 * day, ".new-killed": 2 * day,
            ".new-running": 60}
    for name, age in ages.items():
        (rules / name).mkdir()
        (rules / name / "sp.parquet").write_bytes(b"x")
        os.utime(rules / name, (now - age, now - age))
    _setup(cli, tmp_path)
    _same_as_python(cli, tmp_path, monkeypatch)  # writes this set version's entry
    left = sorted(p.name for p in rules.iterdir())
    [entry] = [name for name in left if name not in ages]
    assert left == sorted([".new-running", entry, "recent"])
    old = now - 40 * day
    os.utime(rules / entry, (old, old))
    _run(cli, tmp_path, monkeypatch, "columnar")  # a hit: the entry is read, and marked
    assert (rules / entry).stat().st_mtime > now - day
