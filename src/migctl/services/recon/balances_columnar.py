"""Balances through DuckDB: the translation's sums and the target extract meet in SQL.

The pure path (:func:`balances.reconcile_balances`) carries the legacy lines into a dictionary
of a few hundred thousand keys, reads the target extract into another and compares them key by
key in Python. Here both sides stay in the translate engine's DuckDB connection
(:func:`translate.carry_columnar`): the output parts are summed by key, the target extract is
read under the shared reader's rules (header, delimiter and encoding from
:func:`recon.columnar.source`; every distinct account, dimension and period text through
:func:`fields.normalize_code` and :func:`ledger.parse_period`, amounts SQL cannot convert
exactly through :func:`ledger.parse_cents`), and a full join hands Python only the keys whose
sides differ, with each side's sums by period and account. Classification, pairing,
decisions and totals are the pure path's own functions (:func:`causes.classify_differences`,
:func:`balances.balances_outcome`).

Anything this path cannot decide — a value a rule refuses, an empty account or amount, a
cost-objects set, XLSX — raises :class:`Fallback` and the pure path runs, naming
``file:row:column`` as always.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migctl.importers import read_table
from migctl.services.mapping.columnar import FAST_NUMBER, Fallback, part_sums, rows_table
from migctl.services.mapping.fields import normalize_code
from migctl.services.mapping.ledger import parse_cents, parse_period
from migctl.services.mapping.translate import Prepared, carry_columnar
from migctl.services.recon.balances import (
    balances_outcome,
    check_dimensions,
    target_spec,
    untranslated_found,
)
from migctl.services.recon.causes import Decision, classify_differences
from migctl.services.recon.columnar import source
from migctl.services.recon.outcome import Outcome

if TYPE_CHECKING:
    import duckdb


def worth_it(legacy: Path, target: Path, prepared: Prepared) -> bool:
    from migctl.services.mapping import columnar

    return target.suffix.lower() in (".csv", ".txt") and columnar.worth_it(legacy)


class _Compared:
    """What the SQL comparison hands back to Python."""

    def __init__(self) -> None:
        self.differing: list[tuple[tuple[str, ...], int | None, int | None]] = []
        self.matched = 0
        self.target_rows = 0
        self.sides: dict[str, tuple[dict[str, int], dict[str, int]]] = {}


def reconcile_balances_columnar(name: str, prepared: Prepared, *, legacy: Path, target: Path,
                                today: date, tolerance: int,
                                decisions: Iterable[Decision] = (), on: date | None = None
                                ) -> Outcome:
    """:func:`balances.reconcile_balances` in DuckDB; :class:`Fallback` where it cannot
    decide (nothing is written either way)."""
    dimensions = prepared.dimension_keys
    check_dimensions(read_table(target, target_spec(dimensions)), dimensions)
    compared = _Compared()

    def then(con: duckdb.DuckDBPyConnection, workdir: Path) -> None:
        _target(con, target, dimensions, workdir)
        _compare(con, 1 + len(dimensions), compared)

    totals, reader = carry_columnar(prepared, legacy, today=today, on=on, then=then)
    if not reader.rows:
        raise Fallback("an empty legacy side")  # the pure path says so, naming the file
    outcome = balances_outcome(
        name, found=classify_differences(compared.differing, tolerance=tolerance),
        matched=compared.matched, untranslated=untranslated_found(totals.untranslated),
        legacy_sums=dict(totals.before), translated=compared.sides["translated"],
        target=compared.sides["target"], dimensions=dimensions, decisions=decisions)
    outcome.legacy_rows, outcome.target_rows = reader.rows, compared.target_rows
    return outcome


def _header_width(file: str, encoding: str, delimiter: str, skip: int) -> int:
    with open(file, encoding=encoding, newline="") as handle:
        for _ in range(skip - 1):
            handle.readline()
        return len(next(csv.reader([handle.readline().rstrip("\r\n")], delimiter=delimiter)))


def _target(con: duckdb.DuckDBPyConnection, path: Path, dimensions: list[str],
            workdir: Path) -> None:
    """``ts``: the target extract summed by (account, dimensions…, period) as
    :func:`balances.read_target` sums it; ``ts_rows``: its number of rows."""
    names = ["target_account", *dimensions, "period", "amount"]
    file, encoding, delimiter, skip, positions = source(path, names, workdir,
                                                        spec=target_spec(dimensions))
    width = _header_width(file, encoding, delimiter, skip)
    columns = ", ".join(f"'x{i}': 'VARCHAR'" for i in range(width))
    cells = [f"trim(coalesce(x{at}, ''))" if at >= 0 else "''" for at in positions]
    blank = " AND ".join(f"coalesce(x{i}, '') = ''" for i in range(width))
    con.execute(
        f"CREATE TABLE tr AS SELECT {', '.join(f'{c} AS c{i}' for i, c in enumerate(cells))} "
        f"FROM read_csv(?, delim=?, quote='\"', escape='\"', header=false, skip=?, "
        f"auto_detect=false, null_padding=true, encoding=?, columns={{{columns}}}) "
        f"WHERE NOT ({blank})", [file, delimiter, skip, encoding])
    decoded = []
    for at, name in enumerate(names[:-1]):  # each distinct text once, by the shared rules
        texts = [row[0] for row in con.execute(f"SELECT DISTINCT c{at} FROM tr").fetchall()]
        decoded.append([(text, _decode(name, text, first=at == 0)) for text in texts])
    amounts = [(text, _cents(text)) for (text,) in con.execute(
        "SELECT DISTINCT c{0} FROM tr WHERE NOT regexp_full_match(c{0}, ?)".format(
            len(names) - 1), [FAST_NUMBER]).fetchall()]
    rows_table(con, "odd_t", [("t", "VARCHAR"), ("v", "BIGINT")], amounts, workdir)
    for at, rows in enumerate(decoded):
        rows_table(con, f"v{at}", [("t", "VARCHAR"), ("v", "VARCHAR")], rows, workdir)
    last = len(names) - 1
    heads = ", ".join(f"v{at}.v AS h{at}" for at in range(last - 1))
    joins = " ".join(f"JOIN v{at} ON v{at}.t = tr.c{at}" for at in range(last))
    con.execute(
        f"CREATE TABLE ts AS SELECT {heads}, v{last - 1}.v AS period, sum(CASE WHEN "
        f"regexp_full_match(tr.c{last}, ?) THEN CAST(CAST(replace(tr.c{last}, ',', '.') AS "
        f"DECIMAL(18,2)) * 100 AS BIGINT) ELSE odd_t.v END) AS cents FROM tr {joins} "
        f"LEFT JOIN odd_t ON odd_t.t = tr.c{last} GROUP BY ALL", [FAST_NUMBER])


def _decode(name: str, text: str, *, first: bool) -> str:
    try:
        if name == "period":
            return parse_period(text)[0] if text else ""
        if not text:
            if first:
                raise ValueError("is empty")
            return ""
        return normalize_code(text, what=name)
    except ValueError:
        raise Fallback(f"a {name} the shared rules refuse") from None  # the pure path names it


def _cents(text: str) -> int:
    try:
        if not text:
            raise ValueError("is empty")
        return parse_cents(text)
    except ValueError:
        raise Fallback("an amount the shared rules refuse") from None


def _compare(con: duckdb.DuckDBPyConnection, width: int, compared: _Compared) -> None:
    """The keys whose sides differ, the number that match, each side's sums."""
    keys = ", ".join([*(f"h{i}" for i in range(width)), "period"])
    con.execute(f"CREATE TABLE ls AS SELECT {keys}, sum(cents) AS cents FROM "
                f"{part_sums(width)} GROUP BY ALL")
    con.execute(f"CREATE TABLE j AS SELECT {keys}, ls.cents AS l, ts.cents AS t, coalesce("
                f"ls.cents, 0) = coalesce(ts.cents, 0) AS same FROM ls FULL OUTER JOIN ts "
                f"USING ({keys})")
    compared.differing = [(tuple(row[:-2]), _int(row[-2]), _int(row[-1])) for row in con.execute(
        f"SELECT {keys}, l, t FROM j WHERE NOT same").fetchall()]
    found = con.execute("SELECT count(*) FROM j WHERE same").fetchone()
    compared.matched = int(found[0]) if found else 0
    rows = con.execute("SELECT count(*) FROM tr").fetchone()
    compared.target_rows = int(rows[0]) if rows else 0
    if not compared.target_rows:
        raise Fallback("an empty target")  # the pure path says so, naming the file
    for side, table in (("translated", "ls"), ("target", "ts")):
        periods = {period: int(cents) for period, cents in con.execute(
            f"SELECT period, sum(cents) FROM {table} GROUP BY ALL").fetchall()}
        accounts = {account: int(cents) for account, cents in con.execute(
            f"SELECT h0, sum(cents) FROM {table} GROUP BY ALL").fetchall()}
        compared.sides[side] = (periods, accounts)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)
