"""Spreadsheet input: CSV and XLSX into rows that remember their file, row and column.

An importer declares one :class:`TableSpec` (its columns: English name, Finnish aliases,
required or not, cell type), reads the file with :func:`read_table` (the reader is chosen by
suffix in :mod:`.registry`; :class:`ReadOptions` are the options every import command takes)
and returns an :class:`ImportSummary` or another :class:`ImportOutcome`.
"""

from migctl.importers.registry import read_table
from migctl.importers.summary import (
    ImportOutcome,
    ImportSummary,
    ImportSummaryDocument,
    start_import,
)
from migctl.importers.tabular import Column, ReadOptions, Row, Table, TableSpec

__all__ = ["Column", "ImportOutcome", "ImportSummary", "ImportSummaryDocument", "ReadOptions",
           "Row", "Table", "TableSpec", "read_table", "start_import"]
