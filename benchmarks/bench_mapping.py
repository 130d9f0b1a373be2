"""Mapping import and validation at consultant-workbook scale and beyond.

Imports run on a fresh copy of a prepared store (schema + dimensions), made before the clock
starts, so that every run is a real first import, not a no-op re-import.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from benchmarks import stores
from benchmarks.gen_mapping import (
    write_gl,
    write_mapping_xlsx,
    write_reference,
    write_translation_mapping,
    write_validation_mapping,
)
from benchmarks.harness import Case, migctl

GROUP = "mapping"


def _run(*args: str | Path) -> None:
    subprocess.run([migctl(), *map(str, args)], check=True, capture_output=True)


def _init(db: str, workdir: Path) -> None:
    """Schema and the two target dimensions (so the mapping's dimension columns match)."""
    files = write_reference(workdir)
    _run("--db", db, "init")
    _run("--db", db, "dimension", "import", files["units"], "--dimension", "vastuuyksikko",
         "--role", "target", "--required-for", "expense,income")
    _run("--db", db, "dimension", "import", files["services"], "--dimension",
         "palveluluokka", "--role", "target")


def _template(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    stores.build(workdir, "template", lambda db: _init(db, workdir), stamp=HEAD)


def _import_setup(workdir: Path) -> None:
    _template(workdir)
    write_validation_mapping(workdir)
    write_mapping_xlsx(workdir)


def _import_command(source: str) -> Callable[[Path], list[str]]:
    return lambda w: [migctl(), "--db", stores.store(w, "run"), "mapping", "import",
                      str(w / source), "--set", "bench"]


def _with_charts(workdir: Path, name: str, mapping: Path) -> None:
    """A store with the dimensions, both charts and one mapping set ``bench``."""
    from migctl.store.migrate import HEAD

    files = write_reference(workdir)

    def make(db: str) -> None:
        _init(db, workdir)
        _run("--db", db, "chart", "import", files["legacy"], "--chart", "legacy",
             "--role", "legacy")
        _run("--db", db, "chart", "import", files["target"], "--chart", "target",
             "--role", "target")
        _run("--db", db, "mapping", "import", mapping, "--set", "bench")

    stores.build(workdir, name, make, stamp=HEAD)


def _validation_store(workdir: Path) -> None:
    _with_charts(workdir, "validate", write_validation_mapping(workdir))


_FLOOR_ROWS: list[list[object]] = []


def _floor_setup(workdir: Path) -> None:
    """Untimed: a fresh copy of the store and the 200,000 rows read (CSV read excluded)."""
    import csv

    stores.fresh_copy("template", "floor")(workdir)
    with (workdir / "mapping_200k.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        _FLOOR_ROWS[:] = [[number, *row] for number, row in enumerate(reader, start=2)]


def _floor_insert(workdir: Path) -> int:
    """The floor of `mapping import` and `mapping validate` (issue 20): raw sqlite3
    ``executemany`` of the same rows (row number + 9 text columns) into a copy of the store."""
    database = sqlite3.connect(workdir / "floor.db")
    try:
        database.execute("CREATE TABLE floor_rule (source_row INTEGER, a TEXT, b TEXT, c TEXT, "
                         "d TEXT, e TEXT, f TEXT, g TEXT, h TEXT, i TEXT)")
        database.executemany("INSERT INTO floor_rule VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             _FLOOR_ROWS)
        database.commit()
    finally:
        database.close()
    return len(_FLOOR_ROWS)


CASES = [
    Case("floor: raw sqlite3 executemany of the 200,000 mapping rows", GROUP,
         setup=_import_setup, repeat=3, before_each=_floor_setup, call=_floor_insert,
         engine_free=True, note="in-process, into a copy of the store; CSV read excluded"),
    Case("mapping import, 200,000-row CSV", GROUP, setup=_import_setup, repeat=3,
         before_each=stores.fresh_copy("template", "run"),
         command=_import_command("mapping_200k.csv"), target_s=5.0,
         note="a fresh copy of a schema-only store each run"),
    Case("mapping import, 50,000-row XLSX", GROUP, setup=_import_setup, repeat=3,
         before_each=stores.fresh_copy("template", "run"),
         command=_import_command("mapping_50k.xlsx"), target_s=10.0,
         note="title row + instructions sheet, codes as numbers"),
    Case("mapping validate, 200,000 rules vs 20,000 accounts", GROUP, setup=_validation_store,
         repeat=3, target_s=3.0,
         command=lambda w: [migctl(), "--db", stores.store(w, "validate"), "mapping",
                            "validate", "--set", "bench", "-f", "json"],
         note="5 % ranges, 10 % split rows; every run recorded"),
]


# --- translation --------------------------------------------------------------------------

def _translation_store(workdir: Path) -> None:
    write_gl(workdir)
    _with_charts(workdir, "translate", write_translation_mapping(workdir))


def _sqlite_reference(workdir: Path) -> int:
    """The same work in stdlib sqlite3: load the lines, match each to its rule with the same
    precedence (exact + cost centre, exact, range) in one SQL statement, split by share, and
    write the parts as CSV. Integer shares only, no largest-remainder rounding."""
    import csv

    database = sqlite3.connect(":memory:")
    database.executescript("""
        CREATE TABLE lines (rowno INTEGER, account TEXT, cc TEXT, period TEXT, cents INTEGER);
        CREATE TABLE rules (grp INTEGER, first TEXT, last TEXT, cc TEXT, target TEXT,
                            unit TEXT, weight INTEGER);
    """)
    with (workdir / "gl_1m.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        database.executemany(
            "INSERT INTO lines VALUES (?, ?, ?, ?, ?)",
            ((number, account, cc, period, int(amount.replace(",", "")))
             for number, (account, cc, period, amount) in enumerate(reader, start=2)))
    groups: dict[tuple[str, str], int] = {}
    rows = []
    with (workdir / "mapping_20k.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        for source, cc, target, unit, _service, share, *_ in reader:
            first, _, last = source.partition("..")
            group = groups.setdefault((source, cc), len(groups))
            rows.append((group, first, last or first, cc, target, unit, int(share or 100)))
    database.executemany("INSERT INTO rules VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    database.executescript("""
        CREATE INDEX rules_exact ON rules (first, cc);
        CREATE TABLE matched AS
        SELECT l.rowno, l.period, l.cents, COALESCE(
            (SELECT grp FROM rules WHERE first = l.account AND last = l.account
             AND cc = l.cc LIMIT 1),
            (SELECT grp FROM rules WHERE first = l.account AND last = l.account
             AND cc = '' LIMIT 1),
            (SELECT grp FROM rules WHERE first <= l.account AND last >= l.account
             AND first <> last AND cc = '' AND length(first) = length(l.account)
             ORDER BY first DESC LIMIT 1)) AS grp
        FROM lines l;
        CREATE INDEX rules_group ON rules (grp);
    """)
    count = 0
    with (workdir / "reference_out.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        for row in database.execute(
                "SELECT r.target, r.unit, m.period, m.cents * r.weight / 100, m.rowno "
                "FROM matched m JOIN rules r ON r.grp = m.grp ORDER BY m.rowno"):
            writer.writerow(row)
            count += 1
    database.close()
    return count


CASES += [
    Case("mapping translate, 1,000,000 GL lines vs 20,000 rules → CSV", GROUP,
         setup=_translation_store, repeat=3, target_s=10.0, peak_memory=True,
         command=lambda w: [migctl(), "--db", stores.store(w, "translate"), "mapping",
                            "translate", "gl_1m.csv", "--set", "bench", "-o",
                            "translated.csv", "-f", "json"],
         note="10 % split rows, 5 % ranges; streamed in and out; run recorded"),
    Case("reference: the same join in stdlib sqlite3 SQL", GROUP, setup=_translation_store,
         repeat=1, call=_sqlite_reference, engine_free=True,
         note="in-process; CSV load + one SQL match + CSV out, no reconciliation"),
]


# --- issue 20: the translate engine on honest data ----------------------------------------

def _engine_store(workdir: Path) -> None:
    from benchmarks.gen_mapping import write_engine_gl, write_engine_mapping

    write_engine_gl(workdir)
    _with_charts(workdir, "engine", write_engine_mapping(workdir))


def _passthrough(workdir: Path) -> int:
    """The floor: Python's csv module reading the 1M lines and writing them back out."""
    import csv

    count = 0
    with (workdir / "gl_engine_1m.csv").open(encoding="utf-8", newline="") as source, \
            (workdir / "passthrough.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\n")
        for row in csv.reader(source, delimiter=";"):
            writer.writerow(row)
            count += 1
    return count


def _engine_translate(*extra: str) -> Callable[[Path], list[str]]:
    return lambda w: [migctl(), "--db", stores.store(w, "engine"), "mapping", "translate",
                      "gl_engine_1m.csv", "--set", "bench", "-f", "json", *extra]


ENGINE_NOTE = "2 periods, 5 % on ranges, 10 % splits, 10 % dated pairs; run recorded"
CASES += [
    Case("floor: Python csv pass-through of the 1M engine lines", GROUP, setup=_engine_store,
         repeat=3, call=_passthrough, engine_free=True, note="in-process"),
    Case("mapping translate, 1M lines vs 200k rules → CSV (engine)", GROUP,
         setup=_engine_store, repeat=3, peak_memory=True,
         command=_engine_translate("-o", "engine_out.csv"), note=ENGINE_NOTE),
    Case("mapping translate --aggregate, 1M lines vs 200k rules (engine)", GROUP,
         setup=_engine_store, repeat=3, peak_memory=True,
         command=_engine_translate("--aggregate", "-o", "engine_agg.csv"), note=ENGINE_NOTE),
    Case("mapping translate, 1M lines vs 200k rules → CSV (pure Python, the oracle)", GROUP,
         setup=_engine_store, repeat=1, peak_memory=True,
         env={"MIGCTL_TRANSLATE_ENGINE": "python"},
         command=_engine_translate("-o", "engine_out_python.csv"), note=ENGINE_NOTE),
]
