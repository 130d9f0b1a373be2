"""The columnar path of the payroll comparison: DuckDB sums and joins, the shared reader's
rules decide (see :mod:`columnar`, whose dialect detection this reuses).

The header, delimiter and encoding come from the shared reader; DuckDB reads the rows below
the header as text. Amounts are converted in SQL only where they match the plain pattern
(``-?[0-9]+([.,][0-9]{1,2})?``, where the SQL cast and :func:`ledger.parse_cents` agree); an
empty required cell or any other amount sends the whole run to the pure-Python path, which
names the cell (file:row:column). SQL returns only the keys whose amounts differ; they are
classified in Python exactly as the pure path's are (:func:`payroll.classify`).
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from migctl.services.recon.columnar import FAST_NUMBER, Fallback, source
from migctl.services.recon.payroll import Compared, read_key_map
from migctl.services.recon.payroll_fields import PAYROLL_TABLE
from migctl.services.recon.payroll_wagemap import WageMap

if TYPE_CHECKING:
    import duckdb

__all__ = ["Fallback", "read_compared"]

NAMES = ["employee_id", "period", "wage_type", "amount", "org_unit"]


def _load(con: duckdb.DuckDBPyConnection, side: str, path: Path, workdir: Path,
          mapped: str, key_map: bool) -> None:
    """``{side}``: the file's lines (employee translated, cents), checked."""
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        raise Fallback("not CSV")
    file, encoding, delimiter, skip, positions = source(path, NAMES, workdir, PAYROLL_TABLE)
    width = max(positions) + 1
    columns = ", ".join(f"'x{i}': 'VARCHAR'" for i in range(width))
    cells = [f"trim(coalesce(x{at}, ''))" if at >= 0 else "''" for at in positions]
    inner = ", ".join(f"{cell} AS {alias}" for cell, alias in zip(cells, "epwao", strict=True))
    employee = "coalesce(km.old, r.e)" if key_map else "r.e"
    join = " LEFT JOIN km ON km.new = r.e" if key_map else ""
    con.execute(
        f"CREATE TEMP TABLE raw_{side} AS SELECT * FROM (SELECT {inner} FROM read_csv(?, "
        "delim=?, quote='\"', escape='\"', header=false, skip=?, auto_detect=false, "
        f"null_padding=true, encoding=?, columns={{{columns}}})) "
        "WHERE e <> '' OR p <> '' OR w <> '' OR a <> '' OR o <> ''",
        [file, delimiter, skip, encoding])
    found = con.execute(
        f"SELECT count(*), count_if(e = '' OR p = '' OR w = '' OR NOT "
        f"regexp_full_match(a, '{FAST_NUMBER}')) FROM raw_{side}").fetchone()
    if found is None or not found[0] or found[1]:
        raise Fallback("an empty side, an empty cell or an amount for Python")
    con.execute(
        f"CREATE TEMP TABLE {side} AS SELECT {employee} AS e, r.p, r.w, r.o, "
        "CAST(round(CAST(replace(r.a, ',', '.') AS DECIMAL(18,2)) * 100) AS BIGINT) AS c, "
        f"{mapped}.i AS i FROM raw_{side} r LEFT JOIN {mapped} ON {mapped}.w = r.w{join}")
    con.execute(f"DROP TABLE raw_{side}")
    con.execute(f"CREATE TEMP TABLE k_{side} AS SELECT e, i, p, sum(c) AS c FROM {side} "
                "WHERE i IS NOT NULL GROUP BY e, i, p")


def _table(con: duckdb.DuckDBPyConnection, name: str, columns: tuple[str, str],
           pairs: dict[str, str], workdir: Path) -> None:
    """A two-column text table from Python pairs (through a CSV file: DuckDB inserts row by
    row from Python at a few thousand rows a second)."""
    path = workdir / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(pairs.items())
    types = ", ".join(f"'{c}': 'VARCHAR'" for c in columns)
    con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM read_csv(?, delim=',', "
                "quote='\"', escape='\"', header=false, auto_detect=false, "
                f"columns={{{types}}})", [str(path)])


def _tables(con: duckdb.DuckDBPyConnection, wage_map: WageMap, key_map: Path | None,
            workdir: Path) -> None:
    _table(con, "wm", ("w", "i"), wage_map.legacy, workdir)
    _table(con, "wn", ("w", "i"), wage_map.new, workdir)
    if key_map is not None:
        _table(con, "km", ("new", "old"), read_key_map(key_map), workdir)


def _fill(con: duckdb.DuckDBPyConnection, result: Compared) -> None:
    rows = con.execute(
        "SELECT coalesce(a.e, b.e), coalesce(a.i, b.i), coalesce(a.p, b.p), a.c, b.c "
        "FROM k_legacy a FULL OUTER JOIN k_target b ON a.e = b.e AND a.i = b.i AND a.p = b.p "
        "WHERE a.c IS DISTINCT FROM b.c").fetchall()
    result.candidates = [((str(e), str(i), str(p)), None if lc is None else int(lc),
                          None if tc is None else int(tc)) for e, i, p, lc, tc in rows]
    keys = con.execute("SELECT count(*) FROM k_legacy").fetchone()
    with_legacy = sum(1 for _, before, _ in result.candidates if before is not None)
    result.matched = (int(keys[0]) if keys else 0) - with_legacy
    employees: list[dict[str, int]] = []
    orgs: list[dict[str, str]] = []
    for side in ("legacy", "target"):
        cents: dict[str, int] = {}
        org: dict[str, str] = {}
        for e, c, o in con.execute(f"SELECT e, sum(c), min(o) FILTER (WHERE o <> '') FROM "
                                   f"{side} GROUP BY e").fetchall():
            cents[e] = int(c)
            if o:
                org[e] = o
        employees.append(cents)
        orgs.append(org)
    result.legacy_employees, result.target_employees = set(employees[0]), set(employees[1])
    result.org = {**orgs[1], **orgs[0]}
    by_org: dict[str, list[int]] = {}
    for at, cents in enumerate(employees):
        for employee, amount in cents.items():
            by_org.setdefault(result.org.get(employee, ""), [0, 0])[at] += amount
    result.by_org = dict(sorted(by_org.items()))
    result.unmapped = [(side, e, w, p, int(c)) for side in ("legacy", "target")
                       for e, w, p, c in con.execute(
                           f"SELECT e, w, p, c FROM {side} WHERE i IS NULL").fetchall()]
    for attr, column in (("by_income", "coalesce(i, '')"), ("by_period", "p")):
        sums: dict[str, list[int]] = {}
        for at, side in enumerate(("legacy", "target")):
            for name, c in con.execute(f"SELECT {column}, sum(c) FROM {side} GROUP BY 1"
                                       ).fetchall():
                sums.setdefault(name, [0, 0])[at] = int(c)
        setattr(result, attr, dict(sorted(sums.items())))
    counts = con.execute("SELECT (SELECT count(*) FROM legacy), (SELECT count(*) FROM target)"
                         ).fetchone()
    assert counts is not None
    result.legacy_rows, result.target_rows = int(counts[0]), int(counts[1])


def read_compared(legacy: Path, target: Path, wage_map: WageMap,
                  key_map: Path | None = None) -> Compared:
    """The columnar engine; raises :class:`Fallback` when it cannot decide."""
    import duckdb

    result = Compared()
    with tempfile.TemporaryDirectory(prefix="migctl-payroll-") as work:
        con = duckdb.connect(config={"threads": 2, "preserve_insertion_order": False,
                                     "temp_directory": work})
        try:
            con.execute("SET enable_progress_bar = false")
            _tables(con, wage_map, key_map, Path(work))
            _load(con, "legacy", legacy, Path(work), "wm", False)
            _load(con, "target", target, Path(work), "wn", key_map is not None)
            _fill(con, result)
        except duckdb.Error as exc:
            raise Fallback(str(exc)) from None
        finally:
            con.close()
    return result


