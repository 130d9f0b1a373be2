"""The one summary shape of an import: what the file was, how many rows, what became of them.

Every importer returns an :class:`ImportSummary` or a summary of its own that satisfies
:class:`ImportOutcome` (``file``, ``source``, ``rows`` and a typed ``document()``), so the command
line reports every import the same way: the document as JSON, or one line of text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypedDict, Unpack

from migctl.importers.registry import read_table
from migctl.importers.tabular import ReadOptions, Table, TableSpec


class ImportSummaryDocument(TypedDict):
    """``… import -f json`` of an importer of keyed records (systems, tasks, incidents…)."""

    file: str
    source: str  # "CSV, ';' delimited, cp1252" or "XLSX sheet 'Tilimappaus'"
    rows: int
    created: list[str]
    updated: list[str]
    unchanged: list[str]


@dataclass
class ImportSummary:
    """Records created, updated and left unchanged by one file (keys in file order)."""

    file: str
    source: str
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def document(self) -> ImportSummaryDocument:
        return {"file": self.file, "source": self.source, "rows": self.rows,
                "created": self.created, "updated": self.updated, "unchanged": self.unchanged}

    def counted(self, what: str) -> str:
        """``systems: 2 created, 1 updated, 0 unchanged (systems.csv)``: the import's event."""
        return (f"{what}: {len(self.created)} created, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged ({self.source})")


def start_import(path: Path, spec: TableSpec, **read: Unpack[ReadOptions]
                 ) -> tuple[Table, ImportSummary]:
    """``path`` read against ``spec``, and the empty summary of importing it."""
    table = read_table(path, spec, **read)
    return table, ImportSummary(file=table.file, source=table.source)


class ImportOutcome(Protocol):
    """What every importer's summary offers the command line."""

    @property
    def file(self) -> str: ...

    @property
    def source(self) -> str: ...

    def document(self) -> Mapping[str, object]: ...
