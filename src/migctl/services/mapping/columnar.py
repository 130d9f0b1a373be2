"""The columnar path of `mapping translate` (and of `recon run --kind balances`): DuckDB.

The semantics stay Python's. DuckDB only moves the million lines; every decision is taken per
*distinct* value by the same code the pure path runs:

* **reading**: the shared reader (:class:`ledger.LedgerReader`) finds the header row, the
  columns (Finnish aliases included), the delimiter and the encoding; DuckDB reads the rows
  below the header with exactly that dialect, every cell as text (a cp1252 file is
  transcoded by Python's codec first, as in :mod:`migctl.services.recon.columnar`);
* **values**: each distinct account, cost centre and period text goes through the pure
  path's own functions (:func:`fields.normalize_code`, :func:`ledger.parse_period`); amounts
  matching ``-?[0-9]{1,13}([.,][0-9]{1,2})?`` are converted in SQL (where the SQL cast and
  :func:`ledger.parse_cents` cannot disagree), every other distinct amount by
  ``parse_cents``;
* **rules**, in SQL: the set's rows go to DuckDB as the store's driver returned them
  (:func:`rules.fetch_rule_rows`; no :class:`Rule` tuple is made), Python decodes only each
  distinct dimensions text, share and target through the pure path's own functions, and SQL
  forms :class:`RuleIndex`'s splits — identical rows once, one split per source, cost centre
  and validity, parts in file order;
* **matching**, in SQL: per distinct (account, cost centre, day) a join finds the candidates
  (exact by code, ranges by ranked bounds), the first tier with a split applying on the day,
  and takes it when it is the only one there; a split's own verdict (several rules at 100 %,
  a target the chart lacks) is an aggregate over its rules. Only the few keys SQL leaves —
  two splits applying in one tier, rules none of which applies on the day — are worded by
  :meth:`_Actions.dated`, the pure loop's own function; the index (chains, plans) is built
  only then;
* **cost objects**: with a cost-objects set, each distinct (account split, cost centre, day)
  is combined by the pure loop's own functions (:mod:`columnar_combine`) and SQL carries
  the combined parts to the lines;
* **rounding**: the largest-remainder division of :func:`index.allocate`, in SQL with exact
  integers (HUGEINT): floor every part, give the leftover cents to the largest remainders,
  the earlier part on ties;
* **errors**: anything the shared rules or DuckDB refuse, and anything this path does not
  cover (XLSX input, debit/credit columns, a cost-objects set whose source value has a
  column of its own, blank lines or line breaks
  inside quotes, whitespace other than spaces), raises :class:`Fallback`: the pure path then
  runs and reports ``file:row:column`` exactly as it always does — before any output exists.

The pure-Python loop (:func:`translate._run`) is the oracle the tests compare with, line by
line and byte by byte.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migctl.services.mapping.fields import normalize_code
from migctl.services.mapping.index import FULL, NO_RULE, WEIGHT_SCALE, Match, RuleIndex
from migctl.services.mapping.layout import UNKNOWN
from migctl.services.mapping.ledger import COST_CENTRE, LedgerReader, parse_cents, parse_period

if TYPE_CHECKING:
    import duckdb

#: :class:`translate._Actions` (not imported: translate imports this module): ``index`` (its
#: ``rules`` and ``target``), ``dims``, ``legacy_types``, ``dated``.
Actions = Any

#: Inputs smaller than this take the pure path: below it DuckDB's import and set-up cost
#: more than they save (measured in benchmarks/RESULTS.md, "mapping translate: the engine").
THRESHOLD_BYTES = 4 * 1024 * 1024
#: DuckDB's own memory ceiling; beyond it, it spills to a temporary directory.
MEMORY_LIMIT = "200MB"

_SLICE = 1 << 22  # bytes decoded at a time when checking UTF-8
FAST_NUMBER = r"-?[0-9]{1,15}([.,][0-9]{1,2})?"
#: The amounts translate converts in SQL (:func:`_cents`): 13 digits at most before the
#: decimals, so that the DECIMAL(18,2) times 100 cannot overflow (with 15, such a line made
#: the whole run fall back). Every other text goes through ``parse_cents``, once per text.
SQL_AMOUNT = r"-?[0-9]{1,13}([.,][0-9]{1,2})?"
DELIMITERS = {"';'": ";", "','": ",", "tab": "\t", "'|'": "|"}
_ODD_BYTES = (b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\x1f")
_ODD_UTF8 = re.compile(rb"\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2(?:\x80[\x80-\x8a\xa8\xa9\xaf]|\x81\x9f)"
                       rb"|\xe3\x80\x80")


class Fallback(Exception):
    """The columnar path cannot decide; the pure-Python path will (and name any error)."""


def available() -> bool:
    try:
        import duckdb  # noqa: F401
    except ImportError:
        return False
    return True


def worth_it(path: Path, *, engine: str = "auto") -> bool:
    """Whether to try the columnar path: ``engine`` "columnar" always, "python" never,
    "auto" for a CSV file of at least :data:`THRESHOLD_BYTES` (the environment's
    ``MIGCTL_TRANSLATE_ENGINE`` overrides "auto": the benchmarks time the pure path through
    it)."""
    if engine == "auto":
        engine = os.environ.get("MIGCTL_TRANSLATE_ENGINE", "auto")
    if engine == "python":
        return False
    if path.suffix.lower() not in (".csv", ".txt", ".tsv") or not available():
        return False
    return engine == "columnar" or path.stat().st_size >= THRESHOLD_BYTES


# --- reading ------------------------------------------------------------------------------

@dataclass
class _Source:
    file: str  # what DuckDB reads (the input, or its UTF-8 transcoding)
    encoding: str
    delimiter: str
    skip: int  # lines above the first data line
    width: int  # cells in the header line
    lines: int  # physical lines in the file


def refuse_odd_whitespace(data: bytes, delimiter: str, *, utf8: bool) -> None:
    """SQL sees cells as written (trimmed of spaces only), the shared reader strips any
    whitespace: a file holding other whitespace (a tab, a no-break space, a lone CR…) or a NUL
    takes the pure path, so the two can never disagree. Shared by every columnar path."""
    odd = (delimiter != "\t" and b"\t" in data) \
        or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")) \
        or any(marker in data for marker in _ODD_BYTES) or b"\x00" in data
    if not odd and not utf8:
        odd = b"\xa0" in data
    elif not odd and any(lead in data for lead in (b"\xc2", b"\xe1", b"\xe2", b"\xe3")):
        odd = _ODD_UTF8.search(data) is not None
    if odd:
        raise Fallback("whitespace other than spaces")


def _source(path: Path, reader: LedgerReader, workdir: Path) -> _Source:
    table = reader.table
    delimiter = next((d for label, d in DELIMITERS.items() if f" {label} " in table.source),
                     None)
    if delimiter is None or reader.sides or reader.value_column != COST_CENTRE:
        raise Fallback(table.source)
    data = path.read_bytes()
    encoding = table.source.rsplit(", ", 1)[-1]  # the encoding the shared reader used
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise Fallback(encoding) from None
    utf8 = name in ("utf-8", "utf-8-sig")
    if not utf8 and name != "cp1252":
        raise Fallback(encoding)
    refuse_odd_whitespace(data, delimiter, utf8=utf8)
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    start = 0
    for _ in range(table.header_row - 1):
        start = data.index(b"\n", start) + 1
    end = data.find(b"\n", start)
    head = data[start:end if end >= 0 else len(data)]  # the header line only: no copy of the rest
    width = len(next(csv.reader([head.decode(encoding, "replace").rstrip("\r")],
                                delimiter=delimiter)))
    if utf8:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:  # undecodable bytes go to the pure path, which names the line; in slices, so
            for at in range(0, len(data), _SLICE):  # no decoded copy of the file is made
                decoder.decode(data[at:at + _SLICE], final=at + _SLICE >= len(data))
        except UnicodeDecodeError:
            raise Fallback("undecodable bytes") from None
        return _Source(str(path), "utf-8", delimiter, table.header_row, width, lines)
    readable = workdir / "input.utf8.csv"
    readable.write_text(data.decode(encoding), encoding="utf-8")  # cp1252 cannot fail
    return _Source(str(readable), "utf-8", delimiter, table.header_row, width, lines)


def _load(con: duckdb.DuckDBPyConnection, reader: LedgerReader, source: _Source) -> int:
    """The file's lines into ``raw`` (account, centre, period, amount texts; rowid = file
    order); the number of lines. Line numbers are the header's plus the rowid, which holds
    only when every record is one physical line: anything else falls back."""
    positions = reader.table.positions
    columns = ", ".join(f"'x{i}': 'VARCHAR'" for i in range(source.width))

    def cell(name: str) -> str:
        at = positions.get(name, -1)
        return f"coalesce(x{at}, '')" if at >= 0 else "''"

    con.execute(
        f"CREATE TABLE raw AS SELECT {cell('account')} AS a, {cell(COST_CENTRE)} AS c, "
        f"{cell('period')} AS p, {cell('amount')} AS m FROM read_csv(?, delim=?, quote='\"', "
        f"escape='\"', header=false, skip=?, auto_detect=false, null_padding=true, "
        f"encoding=?, columns={{{columns}}})",
        [source.file, source.delimiter, source.skip, source.encoding])
    found = con.execute("SELECT count(*) FROM raw").fetchone()
    count = int(found[0]) if found else 0
    if count + source.skip != source.lines:
        raise Fallback("blank lines or line breaks inside quotes")
    return count


def rows_table(con: duckdb.DuckDBPyConnection, name: str, columns: list[tuple[str, str]],
           rows: list[tuple[Any, ...]], workdir: Path) -> None:
    """A small lookup table from Python values, through a CSV file (DuckDB's
    ``executemany`` inserts a few thousand rows a second). Text is never NULL here."""
    path = workdir / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=",", quoting=csv.QUOTE_ALL,
                   lineterminator="\n").writerows(rows)
    spec = ", ".join(f"'{column}': '{kind}'" for column, kind in columns)
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv(?, delim=',', quote='\"', "
                f"escape='\"', header=false, auto_detect=false, allow_quoted_nulls=false, "
                f"columns={{{spec}}})",
                [str(path)])


# --- values, per distinct text ---------------------------------------------------------------

def _distinct(con: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    return [row[0] for row in con.execute(sql).fetchall()]


def _values(con: duckdb.DuckDBPyConnection, actions: Actions, *, on: date | None,
            today: date, workdir: Path) -> None:
    """Lookup tables for the distinct texts of ``raw``, each text numbered (``ai``, ``ci``,
    ``pi``) and each decoded value too (``cid`` code, ``eid`` centre, ``did`` day): ``acc``
    (account → code, legacy type), ``cc``, ``per`` (period, the day rules apply on), ``odd``
    (amounts SQL does not convert). A text the shared rules refuse falls back (the pure path
    names its line). Blank accounts get no row: only blank lines have one (anything else
    falls back), and joining ``acc`` leaves those out."""
    accounts: list[tuple[str, int, str, int, str]] = []
    codes: dict[str, int] = {}
    try:
        for text in _distinct(con, "SELECT DISTINCT a FROM raw"):
            if not text.strip():
                if con.execute("SELECT 1 FROM raw WHERE a = ? AND trim(a || c || p || m) <> "
                               "'' LIMIT 1", [text]).fetchone():
                    raise Fallback("an empty account")
                continue
            code = normalize_code(text, what="account")
            accounts.append((text, len(accounts), code, codes.setdefault(code, len(codes)),
                             actions.legacy_types.get(code, UNKNOWN)))
        centres: list[tuple[str, int, str, int]] = []
        numbers: dict[str, int] = {}
        for text in _distinct(con, "SELECT DISTINCT c FROM raw"):
            centre = normalize_code(text, what="cost centre") if text.strip() else ""
            centres.append((text, len(centres), centre, numbers.setdefault(centre, len(numbers))))
        periods: list[tuple[str, int, str, str, int]] = []
        days: dict[str, int] = {}
        for text in _distinct(con, "SELECT DISTINCT p FROM raw"):
            period, day = parse_period(text) if text.strip() else ("", None)
            applies = (on or day or today).isoformat()
            periods.append((text, len(periods), period, applies,
                            days.setdefault(applies, len(days))))
        odd = [(text, parse_cents(text) if text else _empty()) for text in _distinct(
            con, f"SELECT DISTINCT m FROM raw WHERE NOT regexp_full_match(m, '{SQL_AMOUNT}') "
                 f"AND trim(a || c || p || m) <> ''")]
    except ValueError:
        raise Fallback("a value the shared rules refuse") from None
    rows_table(con, "acc", [("a", "VARCHAR"), ("ai", "BIGINT"), ("code", "VARCHAR"),
                            ("cid", "BIGINT"), ("kind", "VARCHAR")], accounts, workdir)
    rows_table(con, "cc", [("c", "VARCHAR"), ("ci", "BIGINT"), ("centre", "VARCHAR"),
                           ("eid", "BIGINT")], centres, workdir)
    rows_table(con, "per", [("p", "VARCHAR"), ("pi", "BIGINT"), ("period", "VARCHAR"),
                            ("day", "DATE"), ("did", "BIGINT")], periods, workdir)
    rows_table(con, "odd", [("m", "VARCHAR"), ("cents", "BIGINT")], odd, workdir)


def _cents(column: str) -> str:
    """SQL: the cents of an amount text matching :data:`SQL_AMOUNT` (exactly what
    :func:`ledger.parse_cents` gives it), NULL for any other text."""
    return (f"CASE WHEN regexp_full_match({column}, '{SQL_AMOUNT}') THEN CAST(CAST(replace("
            f"{column}, ',', '.') AS DECIMAL(18,2)) * 100 AS BIGINT) END")


def _sizes(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int, int]:
    """The number of distinct centre texts and period texts, centres and days: the radixes
    of the line keys (``(ai × centres + ci) × periods + pi``) and of the (code, centre, day)
    keys (``(cid × centres + eid) × days + did``)."""
    found = con.execute("SELECT (SELECT count(*) FROM cc), (SELECT count(*) FROM per), "
                        "(SELECT count(DISTINCT eid) FROM cc), (SELECT count(DISTINCT did) "
                        "FROM per), (SELECT count(*) FROM acc)").fetchone()
    assert found is not None
    texts, periods, centres, days, accounts = (max(int(v), 1) for v in found)
    if accounts * texts * periods >= 1 << 62:
        raise Fallback("too many distinct keys for one integer")
    return texts, periods, centres, days


def _lines(con: duckdb.DuckDBPyConnection, first: int) -> None:
    """``lines``: every line (its file row) with one integer for its (account, centre,
    period) texts and its amount in cents; ``raw`` goes. Joined on the small lookup tables,
    so the million lines meet the decoded values once per distinct triple, on an integer."""
    texts, periods, _, _ = _sizes(con)
    con.execute(
        f"CREATE TABLE lines AS SELECT raw.rowid + {first} AS row, (acc.ai * {texts} + cc.ci) "
        f"* {periods} + per.pi AS key, coalesce({_cents('raw.m')}, odd.cents) AS cents FROM "
        f"raw JOIN acc ON acc.a = raw.a "
        f"JOIN cc ON cc.c = raw.c JOIN per ON per.p = raw.p LEFT JOIN odd ON odd.m = raw.m")
    con.execute("DROP TABLE raw")


def _empty() -> int:
    raise ValueError("is empty")


# --- the rules, resolved in SQL --------------------------------------------------------------

def _rules(con: duckdb.DuckDBPyConnection, actions: Actions, workdir: Path) -> None:
    """``sp`` (one row per split, as :class:`RuleIndex` forms them — identical rows once,
    rules of one source, cost centre and validity together: its cost centre, exact or range
    bounds, validity) and ``rl`` (one row per rule of a split, in file order: weight, row,
    target, its type, whether it is 100 %, whether the target chart lacks it, the dimension
    cells). The first two come from the set version's cache entry
    (:mod:`rule_cache`) when there is one, else from the stored rows (and are then
    remembered); the target chart is joined afresh on every run."""
    from migctl.services.mapping import rule_cache

    entry: Path | None = actions.rule_cache
    if entry is None or not rule_cache.load(con, entry):
        _rule_tables(con, actions, workdir)
        if entry is not None:
            rule_cache.save(con, entry, actions.dims)
    _targets(con, actions, workdir)


def _rule_tables(con: duckdb.DuckDBPyConnection, actions: Actions, workdir: Path) -> None:
    """``sp`` and ``rl0`` (``rl`` without what the target chart says) from the stored rows:
    they go to DuckDB as the store returned them; Python decodes only each distinct
    dimensions text and share (the pure path's own functions)."""
    from migctl.services.mapping.rules import RawValues, dims_from_json, stored_rows

    index: RuleIndex = actions.index
    stored = index.stored_rows()
    if stored is None:
        stored = stored_rows(index.rules)
    keys = actions.dims
    path = workdir / "rr.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(
            row[:9] for row in stored)
    con.execute(
        "CREATE TABLE rr AS SELECT * FROM read_csv(?, delim=',', quote='\"', escape='\"', "
        "header=false, auto_detect=false, allow_quoted_nulls=false, columns={'rule_row': "
        "'BIGINT', 'first': 'VARCHAR', 'last': 'VARCHAR', 'centre': 'VARCHAR', 'target': "
        "'VARCHAR', 'dims': 'VARCHAR', 'share': 'VARCHAR', 'vf': 'VARCHAR', 'vt': 'VARCHAR'})",
        [str(path)])
    raw = RawValues()
    canonical: dict[Any, int] = {}
    dims_rows = []
    for text in dict.fromkeys(row[5] for row in stored):
        given = dims_from_json(json.loads(text)) if text else ()
        cells = dict(given)
        dims_rows.append((text or "", canonical.setdefault(given, len(canonical)),
                          *(cells.get(key, "") for key in keys)))
    shares = []
    for value in dict.fromkeys(row[6] for row in stored):
        share = raw.share(value)
        shares.append((_csv_text(value), int(share * WEIGHT_SCALE),
                       share == FULL // WEIGHT_SCALE))
    rows_table(con, "dm", [("t", "VARCHAR"), ("did", "INTEGER"),
                       *((f"h{i + 1}", "VARCHAR") for i in range(len(keys)))], dims_rows,
           workdir)
    rows_table(con, "sh", [("t", "VARCHAR"), ("weight", "BIGINT"), ("hundred", "BOOLEAN")],
           shares, workdir)
    heads = "".join(f", dm.h{i + 1}" for i in range(len(keys)))
    # identical content once (the first), a split per source, cost centre and validity
    # (no date and an explicit date stay apart, as None and a date do in Python)
    con.execute(
        "CREATE TABLE ru AS SELECT rr.rowid AS ord, rr.rule_row, rr.first, rr.last, rr.centre, "
        "rr.target AS h0, sh.weight, sh.hundred, rr.vf = '' AS openf, "
        "rr.vt = '' AS opent, CASE WHEN rr.vf = '' THEN DATE '0001-01-01' ELSE "
        "CAST(left(rr.vf, 10) AS DATE) END AS vfrom, CASE WHEN rr.vt = '' THEN DATE "
        f"'9999-12-31' ELSE CAST(left(rr.vt, 10) AS DATE) END AS vto{heads} FROM rr "
        "JOIN dm ON dm.t = rr.dims JOIN sh ON sh.t = rr.share "
        "QUALIFY row_number() OVER (PARTITION BY rr.first, rr.last, rr.centre, rr.target, "
        "dm.did, sh.weight, openf, opent, vfrom, vto ORDER BY rr.rowid) = 1")
    split = "first, last, centre, openf, opent, vfrom, vto"
    con.execute(
        f"CREATE TABLE sp AS SELECT CAST(row_number() OVER (ORDER BY o) - 1 AS INTEGER) AS sid, "
        f"{split}, first = last AS exact, CASE WHEN first = last THEN first ELSE "
        f"lpad(CAST(length(first) AS VARCHAR), 3, '0') || first END AS lo, CASE WHEN first = "
        f"last THEN last ELSE lpad(CAST(length(first) AS VARCHAR), 3, '0') || last END AS hi "
        f"FROM (SELECT {split}, min(ord) AS o FROM ru GROUP BY ALL)")
    dims = "".join(f", ru.h{i + 1}" for i in range(len(keys)))
    con.execute(
        "CREATE TABLE rl0 AS SELECT sp.sid, CAST(row_number() OVER (PARTITION BY sp.sid ORDER "
        "BY ru.ord) - 1 AS INTEGER) AS part, ru.weight, ru.rule_row, ru.h0, "
        f"ru.hundred{dims} FROM ru JOIN sp USING ({split})")
    for table in ("rr", "ru", "dm", "sh"):
        con.execute(f"DROP TABLE {table}")


def _targets(con: duckdb.DuckDBPyConnection, actions: Actions, workdir: Path) -> None:
    """``rl``: ``rl0`` with each distinct target's type and whether the target chart lacks it
    (decided in Python, as :func:`layout.build` and :meth:`RuleIndex._plan` decide)."""
    chart = actions.index.target
    targets = []
    for (target,) in con.execute("SELECT DISTINCT h0 FROM rl0").fetchall():
        found = chart.accounts.get(target) if chart is not None else None
        targets.append((target, (found.type if found is not None else None) or UNKNOWN,
                        chart is not None and found is None))
    rows_table(con, "tg", [("t", "VARCHAR"), ("kind", "VARCHAR"), ("missing", "BOOLEAN")],
           targets, workdir)
    width = len(actions.dims)
    dims = "".join(f", rl0.h{i + 1}" for i in range(width))
    con.execute(
        "CREATE TABLE rl AS SELECT rl0.sid, rl0.part, rl0.weight, rl0.rule_row, rl0.h0, "
        f"tg.kind, rl0.hundred, tg.missing{dims} FROM rl0 JOIN tg ON tg.t = rl0.h0")
    for table in ("rl0", "tg"):
        con.execute(f"DROP TABLE {table}")


def _csv_text(value: Any) -> str:
    """A value as :mod:`csv` writes it (the key DuckDB reads back)."""
    return "" if value is None else repr(value) if isinstance(value, float) else str(value)


def _tiers(con: duckdb.DuckDBPyConnection) -> None:
    """``res``: per key (account, centre, day) the split SQL decides (its number), -1 for no
    candidate at all, -2 for what Python must word (two splits in the first tier applying,
    or candidates none of which applies on the day). Candidates are found per (account,
    centre); the day is looked at only where one of them is dated."""
    con.execute(
        "CREATE TABLE res AS WITH c AS (SELECT kc.kc, cand.sid, CASE WHEN cand.exact THEN 0 "
        "ELSE 2 END + CASE WHEN cand.centre <> '' THEN 0 ELSE 1 END AS tier, cand.vfrom, "
        "cand.vto FROM kc JOIN cand ON cand.code = kc.code AND (cand.centre = '' OR "
        "cand.centre = kc.centre)), "
        "dated AS (SELECT DISTINCT kc FROM c WHERE vfrom > DATE '0001-01-01' OR vto < DATE "
        "'9999-12-31'), "
        "u AS (SELECT c.kc, min(c.tier) AS best FROM c ANTI JOIN dated ON dated.kc = c.kc "
        "GROUP BY c.kc), "
        "ug AS (SELECT c.kc, count(*) AS hits, min(c.sid) AS sid FROM c JOIN u ON u.kc = c.kc "
        "AND c.tier = u.best GROUP BY c.kc), "
        "dc AS (SELECT k.kid, c.sid, c.tier, c.vfrom <= k.day AND k.day <= c.vto AS applies "
        "FROM k JOIN dated ON dated.kc = k.kc JOIN c ON c.kc = k.kc), "
        "db AS (SELECT kid, min(tier) FILTER (applies) AS best FROM dc GROUP BY kid), "
        "dg AS (SELECT dc.kid, count(*) FILTER (dc.applies AND dc.tier = db.best) AS hits, "
        "min(dc.sid) FILTER (dc.applies AND dc.tier = db.best) AS sid FROM dc JOIN db ON "
        "db.kid = dc.kid GROUP BY dc.kid) "
        # no candidate: no rule (-1); one split in the first tier applying: it; two there, or
        # candidates none of which applies on the day: Python words it (-2)
        "SELECT k.kid, k.code, k.centre, k.day, CASE WHEN dg.kid IS NOT NULL THEN CASE WHEN "
        "dg.hits = 1 THEN dg.sid ELSE -2 END WHEN ug.kc IS NOT NULL THEN CASE WHEN ug.hits = 1 "
        "THEN ug.sid ELSE -2 END ELSE -1 END AS sid FROM k LEFT JOIN ug ON ug.kc = k.kc LEFT "
        "JOIN dg ON dg.kid = k.kid")


def _resolve(con: duckdb.DuckDBPyConnection, actions: Actions, workdir: Path) -> None:
    """``m``: every line with its outcome. Per distinct (account, cost centre, day) SQL finds
    the candidate splits (exact by code, ranges by the length-prefixed code; the line's cost
    centre or none), the first tier with a split applying on the day, and takes it when it is
    the only one there. The rest — two splits applying in one tier (the ambiguity's wording),
    rules none of which applies that day (their validities) — are few, and Python words them
    with :meth:`_Actions.dated`, as the pure loop does."""
    texts, periods, centres, days = _sizes(con)
    pair = f"acc.cid * {centres} + cc.eid"  # numbers per (account, centre) and per key:
    con.execute(  # each distinct text triple decoded once; the tiers work on integers
        f"CREATE TABLE t AS SELECT r.key, acc.code, cc.centre, per.period, acc.kind, per.day, "
        f"{pair} AS kc, ({pair}) * {days} + per.did AS kid FROM (SELECT DISTINCT key FROM "
        f"lines) r JOIN acc ON acc.ai = r.key // {texts * periods} JOIN cc ON cc.ci = r.key "
        f"// {periods} % {texts} JOIN per ON per.pi = r.key % {periods}")
    con.execute("CREATE TABLE kc AS SELECT DISTINCT kc, code, centre FROM t")
    con.execute("CREATE TABLE k AS SELECT DISTINCT kid, kc, code, centre, day FROM t")
    con.execute(
        "CREATE TABLE cand AS WITH a AS (SELECT code, lpad(CAST(length(code) AS VARCHAR), 3, "
        "'0') || code AS key FROM (SELECT DISTINCT code FROM k)), "
        "r AS (SELECT * FROM sp WHERE NOT exact), "
        "rk AS (SELECT s, row_number() OVER (ORDER BY s) AS n FROM (SELECT key AS s FROM a "
        "UNION SELECT lo FROM r UNION SELECT hi FROM r)) "
        "SELECT a.code, sp.sid, sp.centre, sp.exact, sp.vfrom, sp.vto FROM a JOIN sp "
        "ON sp.lo = a.code WHERE sp.exact UNION ALL "
        "SELECT a.code, r.sid, r.centre, r.exact, r.vfrom, r.vto FROM (SELECT a.code, rk.n "
        "FROM a JOIN rk ON rk.s = a.key) a JOIN (SELECT r.*, unnest(range(f.n, t.n + 1)) AS n "
        "FROM r JOIN rk f ON f.s = r.lo JOIN rk t ON t.s = r.hi) r ON a.n = r.n")
    _tiers(con)
    con.execute("DROP TABLE cand")
    outcomes: dict[int, tuple[int, Match]] = {id(NO_RULE): (-1, NO_RULE)}
    decided = []
    for kid, code, centre, day in con.execute(
            "SELECT kid, code, centre, day FROM res WHERE sid = -2").fetchall():
        rules = actions.index.account(code)  # the index is built only here, when needed
        chain = rules.by_centre.get(centre, rules.generic) if centre else rules.generic
        match = actions.dated(chain, day)
        if match.plan is not None:
            raise Fallback("SQL and the index disagree")  # cannot happen; the oracle decides
        number = outcomes.setdefault(id(match), (-2 - len(outcomes), match))[0]
        decided.append((kid, number))
    rows_table(con, "py", [("kid", "BIGINT"), ("outcome", "INTEGER")], decided, workdir)
    rows_table(con, "pyout", [("outcome", "INTEGER"), ("reason", "VARCHAR"), ("code", "VARCHAR")],
           [(number, match.reason or "", match.code or "")
            for number, match in outcomes.values()], workdir)
    con.execute(
        "CREATE TABLE tk AS WITH o AS (SELECT res.kid, CASE WHEN res.sid = -2 THEN py.outcome "
        "ELSE res.sid END AS outcome FROM res LEFT JOIN py ON res.sid = -2 AND py.kid = "
        "res.kid) SELECT t.key, t.code, t.centre, t.period, t.kind, o.outcome FROM t JOIN o ON "
        "o.kid = t.kid")
    for table in ("t", "kc", "k", "res", "py"):  # before the big join: less memory at its peak
        con.execute(f"DROP TABLE {table}")
    con.execute("CREATE TABLE m AS SELECT r.row, tk.code, tk.centre, tk.period, tk.kind, "
                "r.cents, tk.outcome FROM lines r JOIN tk ON tk.key = r.key")
    for table in ("lines", "tk"):
        con.execute(f"DROP TABLE {table}")


def _plans(con: duckdb.DuckDBPyConnection, chart: str) -> None:
    """``out`` (outcome → plan, or why not translated: a split's own outcome is its number)
    and ``parts`` (plan → its parts: head cells, target type, rule row, weight, the weights'
    total, whether it goes through whole), as :meth:`RuleIndex._plan` and
    :func:`layout.build` decide: several rules all at 100 % are ambiguous, then the first rule
    whose target the chart lacks."""
    con.execute(
        "CREATE TABLE used AS SELECT DISTINCT outcome AS sid FROM m WHERE outcome >= 0")
    con.execute(  # the flags over every used split, the words only for the few refused
        "CREATE TABLE out AS WITH s AS (SELECT rl.sid, count(*) > 1 AND bool_and(rl.hundred) "
        "AS allfull, bool_or(rl.missing) AS missing FROM rl JOIN used ON used.sid = rl.sid "
        "GROUP BY rl.sid), w AS (SELECT rl.sid, string_agg(CAST(rl.rule_row AS VARCHAR), ', ' "
        "ORDER BY rl.part) AS rowlist, arg_min(rl.rule_row, rl.part) FILTER (rl.missing) AS "
        "mrow, arg_min(rl.h0, rl.part) FILTER (rl.missing) AS mtarget FROM rl JOIN s ON s.sid = "
        "rl.sid AND (s.allfull OR s.missing) GROUP BY rl.sid) "
        "SELECT s.sid AS outcome, CASE WHEN allfull OR missing THEN -1 ELSE s.sid END AS plan, "
        "CASE WHEN allfull THEN 'ambiguous: rules on rows ' || rowlist || ' all apply in full' "
        "WHEN missing THEN 'rule on row ' || CAST(mrow AS VARCHAR) || ' targets ' || mtarget "
        "|| ', which is not in chart ' || ? ELSE '' END AS reason, CASE WHEN allfull THEN "
        "'M006' WHEN missing THEN 'M002' ELSE '' END AS code FROM s LEFT JOIN w ON w.sid = "
        "s.sid UNION ALL SELECT outcome, -1, reason, code FROM pyout", [chart])
    con.execute(
        f"CREATE TABLE parts AS SELECT rl.sid AS plan, rl.* EXCLUDE (sid, hundred, missing), "
        f"sum(rl.weight) OVER w AS total, count(*) OVER w = 1 AND sum(rl.weight) OVER w = "
        f"{FULL} AS whole, CAST({FULL} AS BIGINT) AS fullw FROM rl JOIN out ON out.plan = "
        f"rl.sid WINDOW w AS (PARTITION BY rl.sid)")
    con.execute("DROP TABLE used")


def _allocate(con: duckdb.DuckDBPyConnection) -> None:
    """``p``: every output part (line row, plan, part) with its amount — the line's whole
    amount, or its largest-remainder share (:func:`index.allocate`) in exact integers (BIGINT
    where the largest amount times the largest share cannot overflow it: the windows over
    HUGEINT cost half as much again). Narrow on purpose: the parts' cells are joined only
    where rows are written or summed."""
    columns = "m.row, m.period, m.code, m.centre, o.plan"
    con.execute(
        f"CREATE TABLE p AS SELECT {columns}, 0 AS part, m.cents FROM m JOIN out o ON "
        f"o.outcome = m.outcome JOIN parts ON parts.plan = o.plan AND parts.whole")
    found = con.execute(
        "SELECT (SELECT max(abs(cents)) FROM m), max(abs(total)), max(abs(weight)), max(fullw) "
        "FROM parts WHERE NOT whole").fetchone()
    most = [int(v or 0) for v in found] if found else [0, 0, 0, 0]
    # exact in BIGINT when the largest product fits (most ledgers), HUGEINT otherwise
    kind = "BIGINT" if most[0] * max(most[1] * 2, most[2]) + most[3] < 1 << 62 else "HUGEINT"
    con.execute(  # ``fullw``: the weight of 100 % (× 100 % for a split by a cost-object split)
        f"INSERT INTO p WITH s AS (SELECT {columns}, parts.part, m.cents, CAST(abs(m.cents) "
        f"AS {kind}) * parts.weight AS n, (CAST(abs(m.cents) AS {kind}) * parts.total * 2 + "
        f"parts.fullw) // (2 * parts.fullw) AS wanted, parts.fullw FROM m JOIN out o ON o.outcome "
        f"= m.outcome JOIN parts ON parts.plan = o.plan AND NOT parts.whole), g AS (SELECT *, "
        f"n // fullw AS fl, wanted - sum(n // fullw) OVER (PARTITION BY row) AS leftover, "
        f"row_number() OVER (PARTITION BY row ORDER BY n % fullw DESC, part) AS rank FROM s) "
        f"SELECT row, period, code, centre, plan, part, CAST(CASE WHEN cents < 0 THEN -1 ELSE "
        f"1 END * (fl + CASE WHEN rank <= leftover THEN 1 ELSE 0 END) AS BIGINT) FROM g")


def part_sums(width: int) -> str:
    """``p`` summed by (plan, part, period) first — integers and one short text over every
    output part —, then given its cells and type: what sums by key or by type read."""
    cells = ", ".join(["q.period", "q.cents", *(f"parts.h{i}" for i in range(width)),
                       "parts.kind"])
    return (f"(SELECT {cells} FROM (SELECT plan, part, period, "
            f"sum(cents) AS cents FROM p GROUP BY ALL) q JOIN parts ON parts.plan = q.plan AND "
            f"parts.part = q.part)")


def parts_view(width: int, *, co: bool = False) -> str:
    """``p`` with its parts' cells (target, dimensions), type and rule row (and with ``co``
    the cost-object rule's row)."""
    heads = ", ".join(f"parts.h{i}" for i in range(width))
    return (f"(SELECT p.*, {heads}, parts.kind, parts.rule_row{', parts.co_row' if co else ''} "
            f"FROM p JOIN parts ON parts.plan = p.plan AND parts.part = p.part)")


# --- the run ------------------------------------------------------------------------------

def _amount_text(column: str, digits: int = 18) -> str:
    """SQL for :func:`ledger.format_cents` (``-123456`` → ``-1234.56``): the cents as an exact
    DECIMAL with two decimals, which DuckDB writes as ``format_cents`` does (a product of
    DECIMALs is exact; a quotient would go through a double). 18 digits hold any line's
    cents (``parse_cents`` stays below 10¹⁷), 38 any sum; beyond, DuckDB refuses (the pure
    path runs). A third faster than building the text."""
    return f"CAST({column} AS DECIMAL({digits},0)) * 0.01"


def _reconcile(con: duckdb.DuckDBPyConnection, totals: Any) -> None:
    """The reconciliation's counts, sums and untranslated lines, as the pure loop keeps them."""
    found = con.execute(
        "SELECT count(*), coalesce(sum(abs(m.cents)), 0), count(*) FILTER (out.plan >= 0), "
        "coalesce(sum(abs(m.cents)) FILTER (out.plan >= 0), 0) FROM m JOIN out ON "
        "out.outcome = m.outcome").fetchone()
    assert found is not None
    lines, magnitude, translated, magnitude_translated = (int(v) for v in found)
    before = {(period, kind): int(cents) for period, kind, cents in con.execute(
        "SELECT period, kind, sum(cents) FROM m GROUP BY ALL").fetchall()}
    after = {(period, kind): int(cents) for period, kind, cents in con.execute(
        "SELECT p.period, parts.kind, sum(p.cents) FROM p JOIN parts ON parts.plan = p.plan "
        "AND parts.part = p.part GROUP BY ALL").fetchall()}  # a few groups: join first
    for row, code, centre, period, cents, reason, check in con.execute(
            "SELECT m.row, m.code, m.centre, m.period, m.cents, out.reason, out.code FROM m "
            "JOIN out ON out.outcome = m.outcome WHERE out.plan < 0 ORDER BY m.row").fetchall():
        totals.not_translated(int(row), code, centre or None, period, int(cents),
                              Match(None, reason or None, check or None))
    totals.fold(lines=lines, translated=translated, magnitude=magnitude,
                magnitude_translated=magnitude_translated, output_lines=0, before=before,
                after=after)


def _keys(width: int) -> str:
    return ", ".join([*(f"h{i}" for i in range(width)), "period"])


def _lines_query(width: int, *, co: bool) -> str:
    cells = ", ".join(f"nullif(h{i}, '')" for i in range(width))
    co_row = ", nullif(co_row, '')" if co else ""
    return (f"SELECT {cells}, nullif(period, ''), {_amount_text('cents')}, row, code, "
            f"nullif(centre, ''), rule_row{co_row} FROM {parts_view(width, co=co)} "
            f"ORDER BY row, part")


def _number_buckets(con: duckdb.DuckDBPyConnection, width: int) -> None:
    """``bk`` (bucket number → head cells and period, numbered in ``--aggregate``'s order:
    period, then head) and ``pb`` (each output part with its bucket number): the sums and
    row runs then group by one integer, not by text columns over every part."""
    heads = ", ".join(f"parts.h{i}" for i in range(width))
    order = ", ".join(["x.period", *(f"x.h{i}" for i in range(width))])
    con.execute(
        f"CREATE TABLE bm AS SELECT x.*, dense_rank() OVER (ORDER BY {order}) AS bid FROM "
        f"(SELECT u.plan, u.part, u.period, {heads} FROM (SELECT DISTINCT plan, part, period "
        f"FROM p) u JOIN parts ON parts.plan = u.plan AND parts.part = u.part) x")
    con.execute("CREATE TABLE pb AS SELECT bm.bid, p.row, p.cents FROM p JOIN bm ON "
                "bm.plan = p.plan AND bm.part = p.part AND bm.period = p.period")
    con.execute(f"CREATE TABLE bk AS SELECT DISTINCT bid, {_keys(width)} FROM bm")


def _buckets_query(width: int) -> str:
    """Per bucket (head, period) in ``--aggregate``'s order: the sum, the source rows
    compressed (:func:`outputs.compress_rows`: runs of consecutive rows as ``2-4``), their
    number and the last of them. Needs :func:`_number_buckets`."""
    return (
        "WITH agg AS (SELECT bid, sum(cents) AS cents, count(DISTINCT row) AS n, max(row) AS "
        "last FROM pb GROUP BY bid), dr AS (SELECT DISTINCT bid, row FROM pb), "
        "isl AS (SELECT bid, row, row - row_number() OVER (PARTITION BY bid ORDER BY row) AS g "
        "FROM dr), rng AS (SELECT bid, min(row) AS s, max(row) AS e FROM isl GROUP BY bid, g), "
        f"txt AS (SELECT bid, {_runs_text()} AS rows FROM rng GROUP BY bid) "
        f"SELECT bk.bid, {_keys(width)}, agg.cents, txt.rows, agg.n, agg.last FROM agg "
        "JOIN txt USING (bid) JOIN bk USING (bid)")


def _runs_text() -> str:
    """A bucket's runs ``s``–``e`` as ``2-4,9``, in row order. An ordered ``string_agg``
    sorts inside every group; gathering the runs unordered and sorting each short list is
    about 40 % faster — where DuckDB has the ``lambda`` syntax (1.3 on)."""
    import duckdb

    run = "CASE WHEN {0}s = {0}e THEN CAST({0}s AS VARCHAR) ELSE CAST({0}s AS VARCHAR) || '-' " \
          "|| CAST({0}e AS VARCHAR) END"
    if tuple(int(part) for part in re.findall(r"\d+", duckdb.__version__)[:2]) < (1, 3):
        return f"string_agg({run.format('')}, ',' ORDER BY s)"
    return (f"array_to_string(list_transform(list_sort(list(struct_pack(s := s, e := e))), "
            f"lambda x: {run.format('x.')}), ',')")


def _aggregate_query(width: int) -> str:
    """``--aggregate``'s rows, sorted by period, then head (the bucket numbers' order)."""
    cells = ", ".join(f"nullif(h{i}, '')" for i in range(width))
    return (f"SELECT {cells}, nullif(period, ''), {_amount_text('cents', 38)}, rows, n FROM "
            f"({_buckets_query(width)}) ORDER BY bid")


class SourceRows:
    """A bucket's source rows as ``2-4,9`` (what ``--aggregate`` writes) with their number:
    iterating expands them, so it compares and compresses like the pure loop's list of
    rows, without a million Python ints."""

    __slots__ = ("count", "text")

    def __init__(self, text: str, count: int) -> None:
        self.text, self.count = text, count

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[int]:
        for run in self.text.split(","):
            first, _, last = run.partition("-")
            yield from range(int(first), int(last or first) + 1)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, SourceRows | list) else \
            NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SourceRows({self.text!r})"


def _write(con: duckdb.DuckDBPyConnection, query: str, output: Path, columns: list[str],
           workdir: Path) -> int:
    """DuckDB writes the rows to a scratch file; the output (header by Python's csv writer,
    as the pure path writes it) appears only once all of it is there."""
    from migctl.services.mapping.files import atomic_output

    scratch = workdir / "out.csv"
    found = con.execute(f"COPY ({query}) TO '{scratch}' (HEADER false, DELIMITER ';', "
                        f"QUOTE '\"', ESCAPE '\"')").fetchone()  # the rows written
    with atomic_output(output) as handle, scratch.open(encoding="utf-8", newline="") as rows:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerow(columns)
        shutil.copyfileobj(rows, handle, 1024 * 1024)
    return int(found[0]) if found else 0


def _fill(con: duckdb.DuckDBPyConnection, buckets: dict[tuple[str, ...], list[Any]],
          width: int, *, rows: bool) -> None:
    """``--aggregate``'s buckets for a caller that sums them itself (recon): key →
    [cents, source rows, last row]; without ``rows`` only the sums ([cents, None, None]),
    grouped straight from the parts."""
    if rows:
        _number_buckets(con, width)
        result = con.execute(_buckets_query(width))
        while batch := result.fetchmany(50_000):
            for _, *key, cents, runs, count, last in batch:
                buckets[tuple(key)] = [int(cents), SourceRows(runs, int(count)), int(last)]
        return
    keys = _keys(width)
    result = con.execute(f"SELECT {keys}, sum(cents) FROM {part_sums(width)} GROUP BY {keys}")
    while batch := result.fetchmany(50_000):
        for *key, cents in batch:
            buckets[tuple(key)] = [int(cents), None, None]


@contextmanager
def _connection() -> Iterator[tuple[duckdb.DuckDBPyConnection, Path]]:
    import duckdb

    from migctl.outfiles import temporary_folder, unwind_on_signal

    # SIGTERM/SIGHUP unwind through the folder's removal, then end the process as they would
    with unwind_on_signal(), temporary_folder("migctl-translate-") as work:
        con = duckdb.connect(config={"threads": 2, "memory_limit": MEMORY_LIMIT,
                                     "temp_directory": str(Path(work) / "spill")})
        try:
            yield con, Path(work)
        except duckdb.Error as exc:
            raise Fallback(str(exc)) from None
        finally:
            con.close()


def run(actions: Actions, reader: LedgerReader, totals: Any, *, path: Path, width: int,
        today: date, on: date | None, output: Path | None = None,
        columns: list[str] | None = None, aggregate: bool = False,
        buckets: dict[tuple[str, ...], list[Any]] | None = None, bucket_rows: bool = True,
        then: Callable[[duckdb.DuckDBPyConnection, Path], None] | None = None) -> None:
    """Translate ``path`` into ``totals`` (a :class:`translate.Reconciliation`) and, with
    ``output``, write the lines (or ``aggregate``'s sums) as CSV — or fill ``buckets``.
    ``width``: the output head's cells (target account + dimensions). ``then`` works on in
    the same connection, before it closes: :func:`part_sums` gives the output parts summed
    (recon's balances sum them by key beside the target extract). Raises :class:`Fallback` before
    anything is written or filled when it cannot decide."""
    from concurrent.futures import ThreadPoolExecutor

    with _connection() as (con, workdir):
        # the rules' tables are built on a cursor of their own while the lines are read:
        # DuckDB works without the interpreter's lock, so the two overlap on two cores
        with ThreadPoolExecutor(1) as pool:
            rules = pool.submit(_rules, con.cursor(), actions, workdir)
            source = _source(path, reader, workdir)
            _load(con, reader, source)
            _values(con, actions, on=on, today=today, workdir=workdir)
            _lines(con, source.skip + 1)
            rules.result()
        _resolve(con, actions, workdir)
        target = actions.index.target
        _plans(con, target.key if target is not None else "")
        if actions.combiner is not None:
            from migctl.services.mapping.columnar_combine import combine

            combine(con, actions, workdir, width=width, rows_table=rows_table)
        _allocate(con)
        _reconcile(con, totals)
        found = con.execute("SELECT count(*) FROM m").fetchone()
        reader.rows = int(found[0]) if found else 0
        if buckets is not None:
            _fill(con, buckets, width, rows=bucket_rows)
        if then is not None:
            then(con, workdir)
        if output is not None:
            assert columns is not None
            if aggregate:
                _number_buckets(con, width)
            query = _aggregate_query(width) if aggregate else \
                _lines_query(width, co=actions.combiner is not None)
            totals.output_lines = _write(con, query, output, columns, workdir)
