"""Reading the cells an importer needs, without a :class:`Row` per line.

Building a ``Row`` (two dicts and a frozen dataclass) costs a few microseconds per line, which
is most of the time of a million-line trial balance. :func:`cell_tuples` picks the wanted
columns out of :attr:`Table.raw` with one ``itemgetter`` and strips them; a ``Row`` is built
only when a line has to be reported (:meth:`Table.make_row`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import itemgetter

from migctl.importers.tabular import Table


def cell_tuples(table: Table, columns: Sequence[str]
                ) -> Iterator[tuple[int, list[str], list[str]]]:
    """(row number, raw cells, stripped texts of ``columns``) for every non-empty row.

    A column is a canonical name or an extra header as written; one the file lacks reads as
    ``""``. Rows whose wanted cells are all empty are skipped, like empty rows everywhere.
    """
    indices = [table.positions.get(name, table.extra_positions.get(name, -1))
               for name in columns]
    present = [i for i in indices if i >= 0]
    if not present:
        return
    width = max(present) + 1
    pick = itemgetter(*present)
    single = len(present) == 1
    missing = [slot for slot, i in enumerate(indices) if i < 0]  # read as ""
    strip = str.strip
    for number, cells in table.raw:
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]
        picked = pick(cells)
        texts = [strip(picked)] if single else list(map(strip, picked))
        for slot in missing:
            texts.insert(slot, "")
        if any(texts):
            yield number, cells, texts
