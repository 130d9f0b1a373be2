"""Spreadsheet input: CSV and XLSX into rows that remember their file, row and column."""

from migctl.importers.registry import read_table
from migctl.importers.tabular import Column, Row, Table, TableSpec

__all__ = ["Column", "Row", "Table", "TableSpec", "read_table"]
