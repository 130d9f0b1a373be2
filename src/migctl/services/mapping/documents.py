"""The JSON documents of the mapping domain, as the services build them and render/ reads them.

Charts and dimensions (``chart list/show``, ``dimension list/show``, their imports), mapping
sets (``mapping sets/show/import/export/diff``), validation (the head before ``summary`` in
``mapping validate -f json``) and translation (``mapping translate -f json``, the stored run).
Key order at run time is the order the builders write, which is the order declared here.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import NotRequired, TypedDict

# --- charts and dimensions ----------------------------------------------------------------


class HierarchyRow(TypedDict):
    """An account of a chart or a value of a dimension (``chart show``, ``dimension show``)."""

    code: str
    name: str
    parent: str | None
    active: bool
    row: int
    children: NotRequired[list[HierarchyRow]]  # with --tree


class AccountRow(HierarchyRow):
    type: str
    summary: bool  # some account names it as its parent


class ChartDocument(TypedDict):
    """A row of ``chart list``; the head of ``chart show``."""

    key: str
    name: str
    role: str
    account_count: int
    postable: int
    inactive: int
    file: str
    sha256: str
    imported_at: datetime
    actor: str


class ChartShowDocument(ChartDocument):
    accounts: list[AccountRow]


class DimensionDocument(TypedDict):
    """A row of ``dimension list``; the head of ``dimension show``."""

    key: str
    name: str
    role: str
    required_for: list[str]
    value_count: int
    inactive: int
    file: str
    sha256: str
    imported_at: datetime
    actor: str


class DimensionShowDocument(DimensionDocument):
    values: list[HierarchyRow]


class TableCounts(TypedDict, total=False):
    """What a chart (accounts, postable, inactive) or dimension (values, inactive) import
    read."""

    accounts: int
    postable: int
    values: int
    inactive: int


class TableImportDocument(TableCounts):
    """``chart import -f json`` / ``dimension import -f json``: these keys, then the counts."""

    kind: str  # chart | dimension
    key: str
    file: str
    source: str
    rows: int
    created: bool
    unchanged: bool


# --- mapping sets -------------------------------------------------------------------------


class ValidationBrief(TypedDict):
    """A set's latest validation run, as ``mapping sets`` shows it."""

    ran_at: datetime
    errors: int
    warnings: int
    coverage: Decimal | None


class SetDocument(TypedDict):
    """A row of ``mapping sets``; the head of ``mapping show``."""

    set: str
    version: int
    ref: str
    latest: bool
    kind: str
    source_dimension: str | None
    system: str | None
    rules: int
    file: str
    sha256: str
    actor: str
    imported_at: datetime
    validation: ValidationBrief | None


class RuleDocument(TypedDict):
    """A rule of an account set (``mapping show``)."""

    row: int
    source_account: str
    source_cost_centre: str | None
    target_account: str
    dimensions: dict[str, str]
    share: Decimal
    valid_from: date | None
    valid_to: date | None
    note: str


class CostObjectRuleDocument(TypedDict):
    """A rule of a cost-objects set: a source value (or range) → target dimension values."""

    row: int
    source: str
    dimensions: dict[str, str]
    share: Decimal
    valid_from: date | None
    valid_to: date | None
    note: str


class SetShowDocument(TypedDict):
    """``mapping show -f json``."""

    set: SetDocument
    rules: list[RuleDocument] | list[CostObjectRuleDocument]


class MappingImportDocument(TypedDict):
    """``mapping import -f json``."""

    set: str
    version: int
    file: str
    source: str
    rules: int
    created: bool
    unchanged: bool
    dimensions: list[str]
    ignored_columns: list[str]
    kind: str
    source_dimension: str | None


class ExportSummary(TypedDict):
    """What ``mapping export`` wrote."""

    set: str
    version: int
    kind: str
    format: str
    output: str
    rules: int
    dimensions: list[str]


# --- diff ---------------------------------------------------------------------------------


class RuleBrief(TypedDict):
    """A rule as ``mapping diff`` compares it (no source, no note)."""

    row: int
    target_account: NotRequired[str]  # account sets only
    dimensions: dict[str, str]
    share: Decimal
    valid_from: date | None
    valid_to: date | None


class DiffEntry(TypedDict):
    """One source that gained (``rules``), lost (``rules``) or changed (``before``/``after``)
    its rules; keyed by account and cost centre, or (cost-objects) by the source value."""

    source_account: NotRequired[str]
    source_cost_centre: NotRequired[str | None]
    source: NotRequired[str]
    rules: NotRequired[list[RuleBrief]]
    before: NotRequired[list[RuleBrief]]
    after: NotRequired[list[RuleBrief]]


class DiffCounts(TypedDict):
    added: int
    removed: int
    changed: int
    unchanged: int


class DiffDocument(TypedDict):
    """``mapping diff -f json``."""

    a: str
    b: str
    kind: NotRequired[str]  # cost-objects sets only
    summary: DiffCounts
    added: list[DiffEntry]
    removed: list[DiffEntry]
    changed: list[DiffEntry]


# --- validation ---------------------------------------------------------------------------


class ValidationHead(TypedDict):
    """The keys before ``summary`` in ``mapping validate -f json``."""

    set: str
    version: int
    kind: NotRequired[str]  # a cost-objects set
    source_dimension: NotRequired[str | None]  # a cost-objects set
    cost_objects: NotRequired[str]  # an account set validated with a cost-objects set
    file: NotRequired[str]  # a spreadsheet validated without importing it, as given


# --- translation --------------------------------------------------------------------------


class CostObjectsRef(TypedDict):
    set: str
    version: int
    source_dimension: str


class InputRef(TypedDict):
    file: str
    sha256: str
    source: str


class OutputRef(TypedDict):
    file: str
    format: str | None
    lines: int


class Totals(TypedDict):
    before: Decimal
    after: Decimal
    difference: Decimal


class PeriodTotal(TypedDict):
    period: str | None
    before: Decimal
    after: Decimal
    difference: Decimal


class TypeTotal(TypedDict):
    type: str
    before: Decimal
    after: Decimal


class UntranslatedLine(TypedDict):
    """A ledger line that could not be translated, with the check code of the reason."""

    row: int
    account: str
    cost_centre: str | None
    period: str | None
    amount: Decimal
    reason: str | None
    code: str | None


class UntranslatedTotal(TypedDict):
    lines: int
    amount: Decimal


class Coverage(TypedDict):
    lines_pct: Decimal
    amount_pct: Decimal


class TranslationDocument(TypedDict):
    """``mapping translate -f json``; stored with the run (untranslated lines capped)."""

    set: str
    version: int
    cost_objects: CostObjectsRef | None
    input: InputRef
    on: date | None
    aggregate: bool
    output: OutputRef | None
    lines: int
    reconciled: bool
    totals: Totals
    periods: list[PeriodTotal]
    by_type: list[TypeTotal]
    untranslated: list[UntranslatedLine]
    untranslated_total: UntranslatedTotal
    coverage: Coverage
    engine: str  # "columnar" (DuckDB) or "python"
    engine_fallback: str | None  # why the columnar path handed over to Python, if it did
