"""The columnar path with a cost-objects set: account splits combined with cost-object rules.

SQL has decided each line's account split (``m``, ``out``, ``parts`` of :mod:`columnar`).
What a line becomes with the cost-objects set depends only on that split, the line's source
value (its cost centre) and its day — so Python decides it once per *distinct* (split,
value, day), with the pure loop's own functions (:meth:`translate._Actions.cost_objects`,
:class:`combine.Combiner`), and SQL carries the answer to the million lines:

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

#: outcome numbers of combinations start here (SQL's own are split numbers and negatives)
_FIRST = 1 << 30


def combine(con: duckdb.DuckDBPyConnection, actions: Any, workdir: Path, *, width: int,
            rows_table: Any) -> None:
    """Replace ``m``'s account outcomes, ``out`` and ``parts`` by the combined ones."""
    keys = actions.dims
    heads = ", ".join(f"h{i}" for i in range(width))
    matches: dict[int, Match] = {}
    grouped: dict[int, list[Part]] = {}
    totals: dict[int, int] = {}
    for plan, weight, rule_row, kind, total, target, *cells in con.execute(
            f"SELECT plan, weight, rule_row, kind, total, {heads} FROM parts ORDER BY plan, "
            "part").fetchall():
        dims = tuple((key, cell) for key, cell in zip(keys, cells, strict=True) if cell)
        grouped.setdefault(plan, []).append(Part(target, dims, int(weight), int(rule_row),
                                                 kind))
        totals[plan] = int(total)
    for plan, parts in grouped.items():
        matches[plan] = Match(Plan(tuple(parts), totals[plan]), None, None)
    decided = _Decided()
    mapped = []
    for outcome, plan, centre, day in con.execute(
            "SELECT DISTINCT m.outcome, out.plan, m.centre, pd.day FROM m JOIN out ON "
            "out.outcome = m.outcome AND out.plan >= 0 JOIN (SELECT DISTINCT period, day FROM "
            "per) pd ON pd.period = m.period").fetchall():
        match = matches[plan]
        layout = actions.layout_for(match)
        found, combined, single = actions.cost_objects(match, layout, centre or None, day)
        mapped.append((outcome, centre, day.isoformat(),
                       decided.outcome(found, combined, single)))
    rows_table(con, "cm", [("outcome", "BIGINT"), ("centre", "VARCHAR"), ("day", "DATE"),
                           ("nout", "BIGINT")], mapped, workdir)
    rows_table(con, "cout", [("outcome", "BIGINT"), ("plan", "BIGINT"), ("reason", "VARCHAR"),
                             ("code", "VARCHAR")], decided.outs, workdir)
    rows_table(con, "cparts", [("plan", "BIGINT"), ("part", "INTEGER"), ("weight", "BIGINT"),
                               ("rule_row", "BIGINT"), ("co_row", "VARCHAR"), ("kind", "VARCHAR"),
                               ("total", "HUGEINT"), ("fullw", "HUGEINT"), ("whole", "BOOLEAN"),
                               *((f"h{i}", "VARCHAR") for i in range(width))],
               decided.parts, workdir)
    con.execute(
        "CREATE TABLE m2 AS SELECT m.* REPLACE (coalesce(cm.nout, m.outcome) AS outcome) FROM m "
        "LEFT JOIN (SELECT DISTINCT period, day FROM per) pd ON pd.period = m.period "
        "LEFT JOIN cm ON cm.outcome = m.outcome AND cm.centre = m.centre AND cm.day = pd.day")
    con.execute("CREATE TABLE out2 AS SELECT * FROM out WHERE plan < 0 UNION ALL "
                "SELECT * FROM cout")
    con.execute(f"CREATE TABLE parts2 AS SELECT plan, part, weight, rule_row, {heads}, kind, "
                "total, whole, fullw, co_row FROM cparts")
    for table in ("m", "out", "parts", "cm", "cout", "cparts"):
        con.execute(f"DROP TABLE {table}")
    for table in ("m", "out", "parts"):
        con.execute(f"ALTER TABLE {table}2 RENAME TO {table}")


class _Decided:
    """Combinations numbered once each: outcomes (``out`` rows) and their output parts."""

    def __init__(self) -> None:
        self.outs: list[tuple[int, int, str, str]] = []
        self.parts: list[tuple[Any, ...]] = []
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
