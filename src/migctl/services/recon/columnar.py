"""The columnar path for big item files: DuckDB joins, the shared reader's rules decide.

DuckDB is not a second CSV parser with rules of its own here:

* the **header, delimiter and encoding** come from the shared reader (:func:`read_table`
  finds the header row and the columns by name, Finnish aliases included; the encoding is
  :func:`detect_encoding`'s), and DuckDB reads the rows below it with exactly that dialect,
  every cell as text; a file that is not UTF-8 (cp1252 with its €) is transcoded by Python's
  codec first;
* **numbers**: only cells matching ``-?[0-9]+([.,][0-9]{1,2})?`` are converted in SQL (where
  the shared rule and the SQL cast cannot disagree); every other distinct text goes through
  :func:`ledger.parse_cents` in Python. **Dates** and folded **text** are always Python's
  (:func:`values.parse_date`, :func:`fields.fold_text`), per distinct value;
* SQL only *filters*: keys whose cells are identical on both sides are matched; every other
  key is classified in Python by the same :class:`items.Comparer` as the pure path;
* **errors**: anything DuckDB or a rule refuses sends the whole run to the pure-Python path,
  which reports it as ``file:row:column`` exactly as it always does.

The pure-Python path (:func:`items.reconcile_items`) is the oracle the tests compare with.
"""

from __future__ import annotations

import codecs
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migctl.importers import Column, TableSpec, read_table
from migctl.importers.csv_source import SNIFF_BYTES, detect_encoding
from migctl.services.mapping.columnar import (
    DELIMITERS,
    Fallback,
    available,
    refuse_odd_whitespace,
)
from migctl.services.mapping.ledger import parse_cents
from migctl.services.recon.causes import Decision, Found, apply_decisions
from migctl.services.recon.fields import (
    DATE,
    DUPLICATE,
    ITEMS,
    MISSING,
    TEXT,
    UNEXPECTED,
    CompareRule,
    fold_text,
)
from migctl.services.recon.items import Comparer, amount_rules
from migctl.services.recon.items import reconcile_items as pure_items
from migctl.services.recon.outcome import Outcome
from migctl.services.recon.totals import ControlTotals
from migctl.values import parse_date

if TYPE_CHECKING:
    import duckdb

#: Files smaller than this (both together) are compared in Python: DuckDB's start-up would
#: cost more than it saves.
THRESHOLD_BYTES = 8 * 1024 * 1024

FAST_NUMBER = r"-?[0-9]+([.,][0-9]{1,2})?"


def worth_it(legacy: Path, target: Path) -> bool:
    csvs = all(p.suffix.lower() in (".csv", ".txt", ".tsv") for p in (legacy, target))
    return csvs and legacy.stat().st_size + target.stat().st_size >= THRESHOLD_BYTES \
        and available()


def _source(path: Path, names: list[str], workdir: Path, spec: TableSpec | None = None
            ) -> tuple[str, str, str, int, list[int]]:
    """(file, DuckDB's encoding, delimiter, lines to skip, positions of ``names``) by the
    shared reader's header, delimiter and encoding. A cp1252 file without bytes 0x80–0x9F
    is latin-1 byte for byte (DuckDB reads it as such); one with them (€, typographic
    quotes) is transcoded by Python's cp1252 codec first."""
    if spec is None:
        spec = TableSpec(what="items", columns=tuple(Column(n) for n in dict.fromkeys(names)))
    table = read_table(path, spec)  # header errors are raised here, as on the pure path
    delimiter = next((d for label, d in DELIMITERS.items() if f" {label} " in table.source),
                     None)
    if delimiter is None:
        raise Fallback(table.source)
    with path.open("rb") as handle:
        encoding = detect_encoding(handle.read(SNIFF_BYTES))
    data = path.read_bytes()
    utf8 = codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    if encoding != "cp1252" and not utf8:
        raise Fallback(encoding)
    refuse_odd_whitespace(data, delimiter, utf8=utf8)
    positions = [table.positions.get(name, -1) for name in dict.fromkeys(names)]
    if utf8:
        return str(path), "utf-8", delimiter, table.header_row, positions
    if not any(bytes([byte]) in data for byte in range(0x80, 0xA0)):
        return str(path), "latin-1", delimiter, table.header_row, positions  # = cp1252 here
    readable = workdir / f"{path.stem}.utf8.csv"  # €, typographic quotes…: Python's codec
    try:
        readable.write_bytes(data.decode("cp1252").encode("utf-8"))
    except UnicodeDecodeError:
        raise Fallback("bytes cp1252 does not define") from None  # the pure path names the row
    return str(readable), "utf-8", delimiter, table.header_row, positions


#: Whitespace that Python's ``str.strip`` removes and SQL's ``trim`` keeps: single bytes
#: (ASCII controls; cp1252's no-break space) and the UTF-8 of U+0085, U+00A0, U+1680,
#: U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
def _load(con: duckdb.DuckDBPyConnection, side: str, path: Path, keys: list[str],
          rules: list[CompareRule], amount_at: int, workdir: Path) -> None:
    """One scan of the file into ``g_{side}``: per key the row count, the amount (numbers
    SQL converts), how many cells SQL left to Python, one row's cells — and, by grouping
    sets in the same scan, the distinct texts of the date columns and the distinct numbers
    SQL does not convert (for the shared rules to parse)."""
    names = [*keys, *(r.column for r in rules)]
    file, encoding, delimiter, skip, positions = _source(path, names, workdir)
    unique = list(dict.fromkeys(names))
    width = max(positions) + 1
    columns = ", ".join(f"'x{i}': 'VARCHAR'" for i in range(width))
    cells = [f"trim(coalesce(x{positions[unique.index(n)]}, ''))" for n in names]
    aliases = [f"k{i}" for i in range(len(keys))] + [f"c{i}" for i in range(len(rules))]
    inner = ", ".join(f"{cell} AS {alias}" for cell, alias in zip(cells, aliases, strict=True))
    extra: list[str] = []
    checked: list[str] = []
    sets = ["(" + ", ".join(aliases[:len(keys)]) + ")"]
    aggregates = ["count(*) AS n"]
    for at, rule in enumerate(rules):
        aggregates.append(f"any_value(c{at}) AS a{at}")
        if rule.numeric:
            extra.append(f"CASE WHEN ok{at} THEN CAST(CAST(replace(c{at}, ',', '.') AS "
                         f"DECIMAL(18,2)) * 100 AS BIGINT) END AS f{at}")
            extra.append(f"CASE WHEN NOT ok{at} AND c{at} <> '' THEN c{at} END AS t{at}")
            checked.append(f"regexp_full_match(c{at}, '{FAST_NUMBER}') AS ok{at}")
            aggregates.append(f"any_value(f{at}) AS fv{at}")
            aggregates.append(f"count(t{at}) AS odd{at}")
            sets.append(f"(t{at})")
        elif rule.kind == DATE:
            extra.append(f"c{at} AS t{at}")
            sets.append(f"(t{at})")
    if amount_at >= 0:
        aggregates.append(f"sum(f{amount_at}) AS cents")
    else:
        aggregates.append("0 AS cents")
    texts = [f"t{at}" for at, r in enumerate(rules) if r.numeric or r.kind == DATE]
    any_cell = " OR ".join(f"{alias} <> ''" for alias in aliases)
    con.execute(
        f"CREATE TEMP TABLE g_{side} AS SELECT {', '.join(aliases[:len(keys)])}, "
        f"{', '.join([*texts, *aggregates])}, GROUPING({aliases[0]}) AS by_text "
        f"FROM (SELECT *, {', '.join(['0 AS z', *extra])} FROM (SELECT *, "
        f"{', '.join(['0 AS y', *checked])} FROM (SELECT {inner} FROM read_csv("
        f"?, delim=?, quote='\"', escape='\"', header=false, skip=?, auto_detect=false, "
        f"null_padding=true, encoding=?, columns={{{columns}}})) WHERE {any_cell})) "
        f"GROUP BY GROUPING SETS ({', '.join(sets)})",
        [file, delimiter, skip, encoding])


def _parsed(con: duckdb.DuckDBPyConnection, rules: list[CompareRule]) -> None:
    """Lookup tables ``p{column}``: the distinct texts SQL does not convert, parsed by the
    shared rules (every date; numbers outside the plain pattern)."""
    for at, rule in enumerate(rules):
        if not (rule.numeric or rule.kind == DATE):
            continue
        texts = [row[0] for row in con.execute(
            f"SELECT DISTINCT t{at} FROM (SELECT t{at} FROM g_legacy UNION ALL SELECT t{at} "
            f"FROM g_target) WHERE t{at} IS NOT NULL AND t{at} <> ''").fetchall()]
        try:
            pairs = [(t, parse_cents(t) if rule.numeric else parse_date(t).isoformat())
                     for t in texts]
        except ValueError:
            raise Fallback(rule.column) from None
        kind = "BIGINT" if rule.numeric else "VARCHAR"
        con.execute(f"CREATE TEMP TABLE p{at} (t VARCHAR, v {kind})")
        if pairs:
            con.executemany(f"INSERT INTO p{at} VALUES (?, ?)", pairs)


def _sides(con: duckdb.DuckDBPyConnection, keys: list[str], rules: list[CompareRule],
           amount_at: int) -> None:
    """Views ``s_{side}``: per key n, cents, and per column the text and parsed value."""
    _parsed(con, rules)
    key_list = ", ".join(f"g.k{i}" for i in range(len(keys)))
    for side in ("legacy", "target"):
        checks = con.execute(
            f"SELECT count_if({' OR '.join(f'k{i} = ' + chr(39) * 2 for i in range(len(keys)))})"
            + "".join(f", count_if(odd{at} > 0 AND n > 1)" for at, r in enumerate(rules)
                      if r.numeric)
            + f" FROM g_{side} WHERE by_text = 0").fetchone()
        if checks is None or any(checks):
            raise Fallback("an empty key, or a duplicate key with numbers for Python")
        joins, values = [], []
        for at, rule in enumerate(rules):
            if rule.numeric:
                joins.append(f" LEFT JOIN p{at} ON p{at}.t = g.a{at}")
                values.append(f"CASE WHEN g.a{at} = '' THEN NULL WHEN g.odd{at} > 0 THEN "
                              f"p{at}.v ELSE g.fv{at} END AS v{at}")
            elif rule.kind == DATE:
                joins.append(f" LEFT JOIN p{at} ON p{at}.t = g.a{at}")
                values.append(f"p{at}.v AS v{at}")
            else:
                values.append(f"NULL AS v{at}")
        cents = "g.cents" if amount_at < 0 or not rules[amount_at].numeric else \
            f"CASE WHEN g.odd{amount_at} > 0 THEN p{amount_at}.v ELSE g.cents END"
        con.execute(
            f"CREATE TEMP VIEW s_{side} AS SELECT {key_list}, g.n, {cents} AS cents, "
            + ", ".join(f"g.a{at} AS c{at}, {value}"
                        for at, value in enumerate(values))
            + f" FROM g_{side} g{''.join(joins)} WHERE g.by_text = 0")


def _candidates(con: duckdb.DuckDBPyConnection, keys: list[str], rules: list[CompareRule]
                ) -> tuple[list[tuple[Any, ...]], int]:
    """Keys that are not plainly equal on both sides, and how many keys there are."""
    joined = " AND ".join(f"l.k{i} = t.k{i}" for i in range(len(keys)))
    differs = " OR ".join(
        f"l.v{at} IS DISTINCT FROM t.v{at}" if rule.numeric or rule.kind == DATE
        else f"l.c{at} IS DISTINCT FROM t.c{at}" for at, rule in enumerate(rules))
    key_cols = ", ".join(f"coalesce(l.k{i}, t.k{i})" for i in range(len(keys)))
    side_cols = ", ".join(f"{s}.n, {s}.cents, " + ", ".join(
        f"{s}.c{at}, {s}.v{at}" for at in range(len(rules))) for s in ("l", "t"))
    rows = con.execute(
        f"SELECT {key_cols}, {side_cols} FROM s_legacy l FULL OUTER JOIN s_target t ON "
        f"{joined} WHERE l.n IS NULL OR t.n IS NULL OR l.n > 1 OR t.n > 1 OR {differs}"
    ).fetchall()
    # keys = candidates + the plainly equal (present on both sides): every legacy key is in
    # both or in the legacy only, so the equal ones are the legacy keys less the candidates
    # that have a legacy side
    found = con.execute("SELECT count(*) FROM g_legacy WHERE by_text = 0").fetchone()
    legacy_keys = int(found[0]) if found else 0
    width = len(keys)
    with_legacy = sum(1 for row in rows if row[width] is not None)
    return rows, len(rows) + legacy_keys - with_legacy


def _classify(rows: Iterable[tuple[Any, ...]], keys: list[str], rules: list[CompareRule],
              ) -> tuple[list[Found], int]:
    """The candidates through the pure path's :class:`Comparer`: (differences, matched)."""
    comparer = Comparer(rules, {})
    width, size = len(keys), 2 + 2 * len(rules)
    found: list[Found] = []
    matched = 0
    for row in rows:
        key = tuple(row[:width])
        legacy, target = row[width:width + size], row[width + size:]
        l_n, l_cents, t_n, t_cents = legacy[0], legacy[1], target[0], target[1]
        if (l_n or 0) > 1 or (t_n or 0) > 1:
            found.append(Found(DUPLICATE, key, None if l_n is None else int(l_cents or 0),
                               None if t_n is None else int(t_cents or 0),
                               int(t_cents or 0) - int(l_cents or 0)))
            continue
        l_amount = None if l_n is None else int(l_cents or 0)
        t_amount = None if t_n is None else int(t_cents or 0)
        if l_n is None or t_n is None:
            found.append(Found(UNEXPECTED if l_n is None else MISSING, key, l_amount, t_amount,
                               (t_amount or 0) - (l_amount or 0)))
            continue
        verdict = comparer.compare(_values(legacy, rules), _values(target, rules))
        if verdict is None:
            matched += 1
            continue
        cause, at = verdict
        found.append(Found(cause, key, l_amount, t_amount, (t_amount or 0) - (l_amount or 0),
                           column=rules[at].column if at >= 0 else None,
                           legacy_value=legacy[2 + 2 * at] if at >= 0 else None,
                           target_value=target[2 + 2 * at] if at >= 0 else None))
    return found, matched


def _values(side: tuple[Any, ...], rules: list[CompareRule]) -> tuple[object, ...]:
    """One side's parsed values as the pure path parses them."""
    result: list[object] = []
    for at, rule in enumerate(rules):
        raw, parsed = side[2 + 2 * at], side[3 + 2 * at]
        if not raw:
            result.append(None)
        elif rule.numeric:
            result.append(int(parsed))
        elif rule.kind == DATE:
            result.append(parsed)
        elif rule.kind == TEXT:
            result.append(fold_text(raw))
        else:
            result.append(raw)
    return tuple(result)


def compare_columnar(name: str, *, legacy: Path, target: Path, keys: list[str],
                     rules: list[CompareRule], decisions: Iterable[Decision] = ()) -> Outcome:
    """The columnar comparison; raises :class:`Fallback` when it cannot decide."""
    import duckdb

    rules, amount = amount_rules(rules)
    amount_at = [r.column for r in rules].index(amount) if amount is not None else -1
    with tempfile.TemporaryDirectory(prefix="migctl-recon-") as work:
        con = duckdb.connect(config={"threads": 2, "preserve_insertion_order": False,
                                     "temp_directory": work})
        try:
            _load(con, "legacy", legacy, keys, rules, amount_at, Path(work))
            _load(con, "target", target, keys, rules, amount_at, Path(work))
            _sides(con, keys, rules, amount_at)
            rows, total = _candidates(con, keys, rules)
            sums = con.execute("SELECT (SELECT sum(n) FROM s_legacy), (SELECT sum(cents) FROM "
                               "s_legacy), (SELECT sum(n) FROM s_target), (SELECT sum(cents) "
                               "FROM s_target)").fetchone()
            # a duplicated key's amount is the sum over its rows (SQL-converted numbers)
        except duckdb.Error as exc:
            raise Fallback(str(exc)) from None
        finally:
            con.close()
    assert sums is not None
    legacy_rows, legacy_cents, target_rows, target_cents = (int(v or 0) for v in sums)
    if not legacy_rows or not target_rows:
        raise Fallback("empty side")
    found, matched = _classify(rows, keys, rules)
    found = apply_decisions(found, decisions)
    totals = ControlTotals()
    totals.overall.legacy = totals.overall.translated = legacy_cents
    totals.overall.target = target_cents
    outcome = Outcome(name, ITEMS, tuple(keys), found, matched + total - len(rows), totals,
                      amount_column=amount)
    outcome.legacy_rows, outcome.target_rows = legacy_rows, target_rows
    return outcome


def reconcile_items(name: str, *, legacy: Path, target: Path, keys: list[str],
                    rules: list[CompareRule], decisions: Iterable[Decision] = ()) -> Outcome:
    """The columnar comparison, or the pure one where it cannot decide."""
    decisions = list(decisions)
    try:
        return compare_columnar(name, legacy=legacy, target=target, keys=keys, rules=rules,
                                decisions=decisions)
    except Fallback:
        return pure_items(name, legacy=legacy, target=target, keys=keys, rules=rules,
                          decisions=decisions)


#: The dialect of one file as the shared reader reads it (for other columnar engines).
source = _source
