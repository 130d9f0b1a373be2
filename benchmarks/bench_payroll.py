"""`migctl recon run` for a payroll parallel run: 20,000 employees × 40 wage types × 2 months
(1.6M rows per side), the whole process, with the floor measured in the same run (DuckDB's bare
sum by key and full outer join of the two files)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from benchmarks import stores
from benchmarks.harness import Case, migctl

GROUP = "payroll"
EMPLOYEES, WAGE_TYPES = 20_000, 40
KEY = {"MIGCTL_PSEUDONYM_KEY": "benchmark-pseudonym-key-0123456789"}
GENERATOR = Path(__file__).resolve().parent.parent / "sample_data" / "generators" / "payroll.py"


def _files(workdir: Path) -> Path:  # also a Case setup (its result is ignored)
    out = workdir / f"payroll_{EMPLOYEES}"
    if not (out / "new.csv").exists():
        spec = importlib.util.spec_from_file_location("payroll_generator", GENERATOR)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.write(out, employees=EMPLOYEES, wage_types=WAGE_TYPES, split=False)
    return out


def _store(workdir: Path) -> None:
    from migctl.store.migrate import HEAD

    files = _files(workdir)

    def make(db: str) -> None:
        for args in (["init"], ["recon", "add", "pay", "--kind", "payroll", "--legacy",
                                files / "legacy.csv", "--target", files / "new.csv",
                                "--wage-types", files / "wage_types.csv", "--key-map",
                                files / "key_map.csv"]):
            done = subprocess.run([migctl(), "--db", db, *map(str, args)], capture_output=True,
                                  check=False)
            if done.returncode:
                raise RuntimeError(done.stderr.decode())

    stores.build(workdir, "payroll", make, stamp=HEAD)


FLOOR = """
import duckdb, sys
con = duckdb.connect(config={"threads": 2})
l, t = sys.argv[1], sys.argv[2]
print(con.execute(
    f"WITH a AS (SELECT x0 e, x2 p, x3 w, sum(CAST(replace(x4, ',', '.') AS DECIMAL(18,2))) c "
    f"FROM read_csv('{l}', delim=';', header=true, encoding='latin-1', all_varchar=true, "
    f"columns={{'x0':'VARCHAR','x1':'VARCHAR','x2':'VARCHAR','x3':'VARCHAR','x4':'VARCHAR',"
    f"'x5':'VARCHAR'}}) GROUP BY ALL), b AS (SELECT x0 e, x1 p, x2 w, "
    f"sum(CAST(x3 AS DECIMAL(18,2))) c FROM read_csv('{t}', delim=',', header=true, "
    f"columns={{'x0':'VARCHAR','x1':'VARCHAR','x2':'VARCHAR','x3':'VARCHAR','x4':'VARCHAR'}}) "
    f"GROUP BY ALL) SELECT count(*) FROM a FULL OUTER JOIN b ON a.e = b.e AND a.p = b.p "
    f"AND a.w = b.w WHERE a.c IS DISTINCT FROM b.c").fetchone())
"""


CASES = [
    Case("recon run payroll -f json, 20k employees × 40 wage types × 2 months (1.6M rows/side)",
         GROUP, setup=_store, repeat=3, target_s=6.0, peak_memory=True, env=KEY,
         command=lambda w: [migctl(), "--db", stores.store(w, "payroll"), "recon", "run",
                            "pay", "-f", "json"],
         note="legacy cp1252 ';' decimal commas, new UTF-8 ',' with new ids via the key map; "
              "holiday-bonus pattern, 2 missing employees, rounding cents"),
    Case("floor: DuckDB bare sum by key + full outer join of the two payroll files", GROUP,
         setup=_files, repeat=3, peak_memory=True,
         engine_free=True,
         command=lambda w: [sys.executable, "-c", FLOOR, str(_files(w) / "legacy.csv"),
                            str(_files(w) / "new.csv")],
         note="reference: no key map, no wage-type mapping, no classification"),
]
