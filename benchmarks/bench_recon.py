"""`migctl recon run`: items 1M × 1M and balances 1M GL lines through 200,000 rules against
a 300,000-row target extract, whole process, with the floors measured in the same run (DuckDB's
bare full outer join of the two item files, Python dicts doing the same)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks import stores
from benchmarks.gen_recon import plant, write_balances_gl, write_items
from benchmarks.harness import Case, migctl

GROUP = "recon"


def _run(*args: str | Path, ok: tuple[int, ...] = (0,)) -> None:
    done = subprocess.run([migctl(), *map(str, args)], capture_output=True, check=False)
    if done.returncode not in ok:
        raise RuntimeError(done.stderr.decode())


def _items_store(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    legacy, target = write_items(workdir)

    def make(db: str) -> None:
        _run("--db", db, "init")
        _run("--db", db, "recon", "add", "ap", "--kind", "items", "--legacy", legacy,
             "--target", target, "--key", "laskunro", "--compare", "summa=0.01",
             "--compare", "eräpäivä=date")

    stores.build(workdir, "recon-items", make, stamp=HEAD)


def _balances_store(workdir: Path) -> None:
    from benchmarks.bench_mapping import _with_charts
    from benchmarks.gen_mapping import write_validation_mapping
    from migctl.store.migrate import HEAD

    gl = write_balances_gl(workdir)
    _with_charts(workdir, "validate", write_validation_mapping(workdir))
    aggregate = workdir / "recon_aggregate.csv"
    if not aggregate.exists():
        _run("--db", stores.store(workdir, "validate"), "mapping", "translate", gl,
             "--set", "bench", "--aggregate", "-o", aggregate, ok=(0, 1))
    target = plant(aggregate, workdir / "recon_target_tb.csv")

    def make(db: str) -> None:
        _run("--db", db, "recon", "add", "tb", "--kind", "balances", "--legacy", gl,
             "--target", target, "--set", "bench", "--tolerance", "0.05")

    stores.build(workdir, "recon-balances", make, stamp=HEAD, base="validate")


FLOOR_DUCKDB = """
import duckdb, sys
con = duckdb.connect(config={"threads": 2})
l, t = sys.argv[1], sys.argv[2]
print(con.execute(f"SELECT count(*) FROM read_csv('{l}', delim=';', header=true, "
                  f"all_varchar=true) l FULL OUTER JOIN read_csv('{t}', "
                  f"delim=',', header=true, all_varchar=true) t ON l.laskunro = t.laskunro "
                  f"WHERE l.summa IS DISTINCT FROM t.summa").fetchone())
"""

FLOOR_DICTS = """
import csv, sys
def side(path, encoding, delimiter):
    with open(path, encoding=encoding, newline="") as handle:
        rows = csv.reader(handle, delimiter=delimiter)
        next(rows)
        return {row[0]: (row[2], row[3]) for row in rows}
l = side(sys.argv[1], "cp1252", ";")
t = side(sys.argv[2], "utf-8", ",")
print(sum(1 for k in l.keys() | t.keys() if l.get(k) != t.get(k)))
"""




def _floor(script: str, legacy: str = "items_legacy_1000000.csv") -> object:
    return lambda w: [sys.executable, "-c", script, str(w / legacy),
                      str(w / "items_target_1000000.csv")]


def _utf8_copy(workdir: Path) -> None:
    """The floor's DuckDB cannot read cp1252 (its latin-1 refuses the €): a UTF-8 copy,
    made before the clock starts — the floor is the join, not the transcoding."""
    _items_store(workdir)
    copy = workdir / "items_legacy_utf8.csv"
    if not copy.exists():
        source = workdir / "items_legacy_1000000.csv"
        copy.write_bytes(source.read_bytes().decode("cp1252").encode("utf-8"))


CASES = [
    Case("recon run items -f json, 1M × 1M rows (DuckDB path)", GROUP, setup=_items_store,
         repeat=3, target_s=4.0, peak_memory=True,
         command=lambda w: [migctl(), "--db", stores.store(w, "recon-items"), "recon", "run",
                            "ap", "-f", "json"],
         note="legacy cp1252 ';' decimal commas dd.mm.yyyy, target UTF-8; 1 % differences"),
    Case("recon run items -f json, 1M × 1M rows (pure Python, the oracle)", GROUP,
         setup=_items_store, repeat=1, peak_memory=True,
         command=lambda w: [migctl(), "--db", stores.store(w, "recon-items"), "recon", "run",
                            "ap", "-f", "json", "--engine", "python"], note="reference"),
    Case("floor: DuckDB bare full outer join of the two item files", GROUP,
         setup=_utf8_copy, repeat=3, peak_memory=True, engine_free=True,
         command=_floor(FLOOR_DUCKDB, "items_legacy_utf8.csv"),  # type: ignore[arg-type]
         note="reference: read both (a UTF-8 copy of the cp1252 file), join, count"),
    Case("floor: Python dicts, the same comparison", GROUP, setup=_items_store, repeat=1,
         peak_memory=True, engine_free=True, command=_floor(FLOOR_DICTS),  # type: ignore[arg-type]
         note="reference: csv module, two dicts, no parsing of amounts or dates"),
    Case("recon run balances -f json, 1M GL lines / 200k rules / ~300k target rows", GROUP,
         setup=_balances_store, repeat=3, target_s=6.0, peak_memory=True,
         command=lambda w: [migctl(), "--db", stores.store(w, "recon-balances"), "recon",
                            "run", "tb", "-f", "json"],
         note="mapping translate's own loop (--aggregate buckets), then the key comparison"),
    Case("reference: mapping translate --aggregate, the same 1M lines / 200k rules", GROUP,
         setup=_balances_store, repeat=1, peak_memory=True,
         command=lambda w: [migctl(), "--db", stores.store(w, "recon-balances"), "mapping",
                            "translate", str(w / "recon_gl_1m.csv"), "--set", "bench",
                            "--aggregate", "-o", str(w / "recon_aggregate_again.csv")],
         note="reference: the engine recon reuses, alone (writes the aggregate)"),
]
