"""The columnar path with a cost-objects set: account splits combined with cost-object rules.

SQL has decided each line's account split (``m``, ``out``, ``parts`` of :mod:`columnar`).
What a line becomes with the cost-objects set depends only on that split, the line's source
value (its cost centre) and the cost-object match on its day. The common case — one
cost-object rule at 100 % — is a fill of the split's blank cells, done in SQL per distinct
(split, rule); everything else is decided once per distinct (split, cost centre, match) by
the pure loop's own functions (:meth:`translate._Actions.cost_objects`,
:class:`combine.Combiner`), and SQL carries the answers to the million lines:

* each account split is rebuilt as the pure path's :class:`index.Plan` from its ``parts``
  rows, so :func:`layout.build` lays it out exactly as the pure loop does;
* a combination is either untranslated (M006, M007 — a new outcome with the combiner's
  reason) or a list of output parts: the cost-object rule's cells filling the account's
  blanks (:data:`combine.Single`), or the merged parts of :meth:`Combiner.combine`, each
  with the weights the pure loop divides the amount by (``fullw``: 100 %, or 100 % × 100 %
  for a split by a split);
* ``m``'s outcomes, ``out`` and ``parts`` are replaced by the combined ones; the allocation,
  reconciliation and writing then run unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from migctl.services.mapping.index import Match, Part, Plan
from migctl.services.mapping.layout import Layout

if TYPE_CHECKING:
    import duckdb

#: outcome numbers of combinations Python decides start here (SQL's own are split numbers and
#: negatives), and of those SQL fills here; plan numbers of SQL's fills start at _SQL too
_FIRST = 1 << 30
_SQL = 1 << 40
_DAYS = "(SELECT DISTINCT period, day FROM per)"


def combine(con: duckdb.DuckDBPyConnection, actions: Any, workdir: Path, *, width: int,
            rows_table: Any) -> None:
    """Replace ``m``'s account outcomes, ``out`` and ``parts`` by the combined ones.

    Where a line's cost centre has one cost-object rule at 100 % on its day (most lines),
    the combination is a fill — each blank cell of the account's parts takes the rule's
    cell, and the part names the rule's row when one did — which SQL does per distinct
    (account split, rule). What a fill leaves lacking a required dimension (M007, worded by
    Python), cost-object splits, ambiguous values and values without a rule are decided in
    Python per distinct (account split, cost centre, day)."""
    _values(con, actions, workdir, width=width, rows_table=rows_table)
    con.execute(  # per (outcome, centre, period): the lines are joined back on these
        "CREATE TABLE cmb AS SELECT c.*, pd.day FROM (SELECT DISTINCT m.outcome, o.plan, "
        "m.centre, m.period FROM m JOIN out o ON o.outcome = m.outcome AND o.plan >= 0) c "
        f"JOIN {_DAYS} pd ON pd.period = c.period")
    _fills(con, actions.combiner, width)
    decided = _python(con, actions, workdir, width=width, rows_table=rows_table)
    rows_table(con, "pyk", [("plan", "BIGINT"), ("centre", "VARCHAR"), ("cid", "BIGINT"),
                            ("nout", "BIGINT")], decided.mapped, workdir)
    rows_table(con, "pyo", [("outcome", "BIGINT"), ("plan", "BIGINT"), ("reason", "VARCHAR"),
                            ("code", "VARCHAR")], decided.outs, workdir)
    heads = ", ".join(f"h{i}" for i in range(width))
    rows_table(con, "pyp", [("plan", "BIGINT"), ("part", "INTEGER"), ("weight", "BIGINT"),
                            ("rule_row", "BIGINT"), ("co_row", "VARCHAR"), ("kind", "VARCHAR"),
                            ("total", "HUGEINT"), ("fullw", "HUGEINT"), ("whole", "BOOLEAN"),
                            *((f"h{i}", "VARCHAR") for i in range(width))],
               decided.parts, workdir)
    columns = f"plan, part, weight, rule_row, {heads}, kind, total, whole, fullw, co_row"
    con.execute(
        "CREATE TABLE cm AS SELECT c.outcome, c.centre, c.period, pyk.nout FROM cmb c JOIN cv "
        "ON cv.centre = c.centre AND cv.day = c.day JOIN pyk ON pyk.plan = c.plan AND "
        "pyk.centre = c.centre AND pyk.cid = cv.cid UNION ALL SELECT c.outcome, c.centre, "
        "c.period, "
        f"{_SQL} + f.np FROM cmb c JOIN cv ON cv.centre = c.centre AND cv.day = c.day JOIN "
        "fp f ON f.plan = c.plan AND f.vid = cv.vid WHERE NOT f.lacking")
    con.execute(
        "CREATE TABLE m2 AS SELECT m.* REPLACE (coalesce(cm.nout, m.outcome) AS outcome) FROM m "
        "LEFT JOIN cm ON cm.outcome = m.outcome AND cm.centre = m.centre AND cm.period = "
        "m.period")
    con.execute(
        "CREATE TABLE out2 AS SELECT * FROM out WHERE plan < 0 UNION ALL SELECT * FROM pyo "
        f"UNION ALL SELECT {_SQL} + np, {_SQL} + np, '', '' FROM fp WHERE NOT lacking")
    con.execute(
        f"CREATE TABLE parts2 AS SELECT {columns} FROM pyp UNION ALL SELECT {_SQL} + fp.np "
        f"AS plan, ff.part, ff.weight, ff.rule_row, {heads}, ff.kind, ff.total, ff.whole, "
        "ff.fullw, ff.co_row FROM ff JOIN fp ON fp.plan = ff.plan AND fp.vid = ff.vid AND NOT "
        "fp.lacking")
    for table in ("m", "out", "parts", "cm", "pyk", "pyo", "pyp", "cmb", "cv", "fp", "ff"):
        con.execute(f"DROP TABLE {table}")
    for table in ("m", "out", "parts"):
        con.execute(f"ALTER TABLE {table}2 RENAME TO {table}")


def _values(con: duckdb.DuckDBPyConnection, actions: Any, workdir: Path, *, width: int,
            rows_table: Any) -> None:
    """``cv``: per cost centre and day, the cost-object rule when it is one rule at 100 %
    (its cells and row; ``vid`` numbers the distinct rules), else not ``single``; ``cid``
    numbers the distinct cost-object matches (what a day changes)."""
    combiner = actions.combiner
    days = [day for (day,) in con.execute(f"SELECT DISTINCT day FROM {_DAYS}").fetchall()]
    rows = []
    numbers: dict[int, int] = {}
    matches: dict[int, int] = {}
    kept: list[Any] = []
    for (centre,) in con.execute("SELECT DISTINCT centre FROM m").fetchall():
        static, chain, _ = combiner.value_entry(centre) if centre else (None, None, None)
        for day in days:
            co = static if static is not None or chain is None else \
                combiner.index.evaluate(chain, day)
            kept.append(co)  # alive until the numbering is done: ids are not reused
            cid = matches.setdefault(id(co), len(matches))
            single = combiner.single(co)
            if single is None:
                rows.append((centre, day.isoformat(), False, -1, cid, "", *[""] * (width - 1)))
                continue
            cells, row = single
            vid = numbers.setdefault(id(single[0]), len(numbers))
            rows.append((centre, day.isoformat(), True, vid, cid, str(row), *cells[1:]))
    rows_table(con, "cv", [("centre", "VARCHAR"), ("day", "DATE"), ("single", "BOOLEAN"),
                           ("vid", "BIGINT"), ("cid", "BIGINT"), ("co_row", "VARCHAR"),
                           *((f"c{i}", "VARCHAR") for i in range(1, width))], rows, workdir)


def _fills(con: duckdb.DuckDBPyConnection, combiner: Any, width: int) -> None:
    """``ff``: each account split's parts filled by each single rule it meets (per ``vid``),
    whether the part names the rule's row, whether it lacks a dimension its type requires;
    ``fp``: per (split, rule) a new plan number and whether any part lacks."""
    cells = ["parts.h0 AS h0", *(f"CASE WHEN parts.h{i} <> '' THEN parts.h{i} ELSE cv.c{i} "
                                   f"END AS h{i}" for i in range(1, width))]
    filled = " OR ".join(f"(parts.h{i} = '' AND cv.c{i} <> '')" for i in range(1, width)) \
        or "false"
    con.execute(
        f"CREATE TABLE ff AS SELECT pv.plan, pv.vid, parts.part, parts.weight, parts.rule_row, "
        f"parts.kind, parts.total, parts.whole, parts.fullw, {', '.join(cells)}, CASE WHEN "
        f"{filled} THEN cv.co_row ELSE '' END AS co_row FROM (SELECT DISTINCT c.plan, cv.vid "
        "FROM cmb c JOIN cv ON cv.centre = c.centre AND cv.day = c.day AND cv.single) pv JOIN "
        "(SELECT DISTINCT vid, co_row, "
        f"{', '.join(f'c{i}' for i in range(1, width)) or '0 AS c0'} FROM cv WHERE single) cv "
        "ON cv.vid = pv.vid JOIN parts ON parts.plan = pv.plan")
    con.execute(
        f"CREATE TABLE fp AS SELECT plan, vid, row_number() OVER (ORDER BY plan, vid) AS np, "
        f"bool_or({_lacking(combiner)}) AS lacking FROM ff GROUP BY plan, vid")


def _lacking(combiner: Any) -> str:
    """SQL: whether a filled part lacks a dimension its account type requires (M007)."""
    cases = []
    for kind, positions in combiner.required_at.items():
        test = "true" if positions is None else \
            " OR ".join(f"h{at} = ''" for at in positions) or "false"
        cases.append(f"WHEN {_quote(kind)} THEN {test}")
    return f"CASE kind {' '.join(cases)} ELSE false END" if cases else "false"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _python(con: duckdb.DuckDBPyConnection, actions: Any, workdir: Path, *, width: int,
            rows_table: Any) -> _Decided:
    """The combinations SQL does not fill, decided by the pure loop's own functions."""
    keys = actions.dims
    heads = ", ".join(f"parts.h{i}" for i in range(width))
    todo = con.execute(  # one day per cost-object match: the day only chooses the match
        "SELECT c.plan, c.centre, cv.cid, any_value(c.day) FROM cmb c JOIN cv ON cv.centre = "
        "c.centre AND cv.day = c.day LEFT JOIN fp ON fp.plan = c.plan AND fp.vid = cv.vid "
        "WHERE NOT cv.single OR fp.lacking GROUP BY ALL").fetchall()
    grouped: dict[int, list[Part]] = {}
    totals: dict[int, int] = {}
    if todo:
        rows_table(con, "need", [("plan", "BIGINT")],
                   [(plan,) for plan in {row[0] for row in todo}], workdir)
        for plan, weight, rule_row, kind, total, target, *cells in con.execute(
                f"SELECT parts.plan, weight, rule_row, kind, total, {heads} FROM parts JOIN need "
                "ON need.plan = parts.plan ORDER BY parts.plan, part").fetchall():
            dims = tuple((key, cell) for key, cell in zip(keys, cells, strict=True) if cell)
            grouped.setdefault(plan, []).append(Part(target, dims, int(weight), int(rule_row),
                                                     kind))
            totals[plan] = int(total)
        con.execute("DROP TABLE need")
    matches = {plan: Match(Plan(tuple(parts), totals[plan]), None, None)
               for plan, parts in grouped.items()}
    decided = _Decided()
    for plan, centre, cid, day in todo:
        match = matches[plan]
        found, combined, single = actions.cost_objects(match, actions.layout_for(match),
                                                       centre or None, day)
        decided.mapped.append((plan, centre, cid, decided.outcome(found, combined, single)))
    return decided


class _Decided:
    """Combinations numbered once each: outcomes (``out`` rows) and their output parts."""

    def __init__(self) -> None:
        self.outs: list[tuple[int, int, str, str]] = []
        self.parts: list[tuple[Any, ...]] = []
        self.mapped: list[tuple[Any, ...]] = []
        self._outcomes: dict[Any, int] = {}

    def outcome(self, found: Match, layout: Layout | None, single: Any) -> int:
        if layout is None:
            key: Any = ("no", found.reason, found.code)
        elif single is None:
            key = ("layout", id(layout))
        else:
            key = ("single", id(layout), id(single))
        number = self._outcomes.get(key)
        if number is not None:
            return number
        number = self._outcomes[key] = _FIRST + len(self._outcomes)
        if layout is None:
            self.outs.append((number, -1, found.reason or "", found.code or ""))
            return number
        plan = len(self.outs)
        self.outs.append((number, plan, "", ""))
        self.parts.extend(_parts(plan, layout, single))
        return number


def _parts(plan: int, layout: Layout, single: Any) -> list[tuple[Any, ...]]:
    """The output parts of one combination, as the pure loop writes them."""
    weights = layout.weights
    rows = []
    for part, (head, kind, tail) in enumerate(layout.prefixes):
        cells, co_row = list(head), tail[1] if len(tail) > 1 else ""
        if single is not None:  # the account's cells win; a filled blank names the co row
            co_head, single_row = single
            for at in layout.blanks or ():
                if co_head[at]:
                    cells[at] = co_head[at]
                    co_row = single_row
        weight = layout.full if weights is None else weights[part]
        rows.append((plan, part, weight, tail[0], "" if co_row == "" else str(co_row), kind,
                     layout.total, layout.full, weights is None, *cells))
    return rows
