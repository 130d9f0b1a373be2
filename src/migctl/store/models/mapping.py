"""Charts of accounts, cost-object dimensions, versioned mapping sets and their check runs.

Codes (accounts, cost centres, dimension values) are text everywhere: leading zeros matter and
spreadsheets hand numbers back as floats. Money and shares are ``Numeric`` (``Decimal``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

from migctl.store.models.core import owned_by, refers_to, utcnow
from migctl.store.types import UTCDateTime


class Chart(SQLModel, table=True):
    """A chart of accounts (legacy or target), replaced as a whole on re-import."""

    __tablename__ = "chart"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    role: str = Field(max_length=16)  # legacy | target
    file_name: str = Field(default="", max_length=255)
    sha256: str = Field(default="", max_length=64)
    actor: str = Field(default="", max_length=200)
    imported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    account_count: int = 0
    #: the file as given at import, relative to the working directory when under it (what a
    #: GitHub annotation names); NULL when imported before 0015
    source_path: str | None = Field(default=None, max_length=1000)


class Account(SQLModel, table=True):
    """One account of a chart; ``parent_code`` names another account of the same chart."""

    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("chart_id", "code", name="uq_account_chart_code"),)

    id: int | None = Field(default=None, primary_key=True)
    chart_id: int = owned_by("chart.id", index=True)
    code: str = Field(max_length=32)
    name: str = Field(default="", max_length=300)
    type: str = Field(max_length=16)  # asset | liability | equity | income | expense
    parent_code: str | None = Field(default=None, max_length=32)
    active: bool = True
    source_row: int = 0


class Dimension(SQLModel, table=True):
    """A cost-object dimension (cost centre, responsibility unit, service, project…)."""

    __tablename__ = "dimension"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    role: str = Field(max_length=16)  # legacy | target
    required_for: str = Field(default="", max_length=100)  # account types, comma-separated
    file_name: str = Field(default="", max_length=255)
    sha256: str = Field(default="", max_length=64)
    actor: str = Field(default="", max_length=200)
    imported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    value_count: int = 0
    #: the file as given at import, relative to the working directory when under it (what a
    #: GitHub annotation names); NULL when imported before 0015
    source_path: str | None = Field(default=None, max_length=1000)


class DimensionValue(SQLModel, table=True):
    __tablename__ = "dimension_value"
    __table_args__ = (
        UniqueConstraint("dimension_id", "code", name="uq_dimension_value_code"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dimension_id: int = owned_by("dimension.id", index=True)
    code: str = Field(max_length=32)
    name: str = Field(default="", max_length=300)
    parent_code: str | None = Field(default=None, max_length=32)
    active: bool = True
    source_row: int = 0


class MappingSet(SQLModel, table=True):
    """One imported version of a mapping spreadsheet; ``NAME@VERSION`` names it."""

    __tablename__ = "mapping_set"
    __table_args__ = (UniqueConstraint("name", "version", name="uq_mapping_set_version"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, index=True)
    version: int
    kind: str = Field(default="accounts", max_length=32)  # accounts | cost-objects
    source_dimension: str | None = Field(default=None, max_length=64)  # cost-objects: its key
    system: str | None = Field(default=None, max_length=64)  # the target system it feeds
    file_name: str = Field(default="", max_length=255)
    sheet: str | None = Field(default=None, max_length=100)
    sha256: str = Field(default="", max_length=64)
    actor: str = Field(default="", max_length=200)
    imported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    rule_count: int = 0
    dimensions: str = Field(default="", max_length=500)  # dimension columns, in file order
    #: the file as given at import, relative to the working directory when under it (what a
    #: GitHub annotation names); NULL for sets imported before 0014
    source_path: str | None = Field(default=None, max_length=1000)


class MappingRule(SQLModel, table=True):
    """One row of a mapping: a source (exact code when from == to, else a range) → target.

    In an account set the source is a legacy account and ``target_account`` is set; in a
    cost-objects set the source is a value of the set's legacy dimension, there is no target
    account (NULL) and the target is ``target_dimensions`` alone.
    """

    __tablename__ = "mapping_rule"

    id: int | None = Field(default=None, primary_key=True)
    set_id: int = owned_by("mapping_set.id", index=True)
    source_from: str = Field(max_length=32)
    source_to: str = Field(max_length=32)
    is_range: bool = False
    source_cost_centre: str | None = Field(default=None, max_length=32)
    target_account: str | None = Field(default=None, max_length=32)
    target_dimensions: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    share: Decimal = Field(default=Decimal(100), sa_type=Numeric(9, 4))
    valid_from: date | None = None
    valid_to: date | None = None
    note: str = Field(default="")
    source_row: int = 0


class ValidationRun(SQLModel, table=True):
    """One `mapping validate` run: what gates read ("latest validation has no errors")."""

    __tablename__ = "validation_run"

    id: int | None = Field(default=None, primary_key=True)
    set_id: int = owned_by("mapping_set.id", index=True)
    set_version: int
    #: an account set validated together with a cost-objects set (``--cost-objects``)
    cost_object_set_id: int | None = refers_to("mapping_set.id")
    ran_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(default="", max_length=200)
    legacy_chart: str = Field(default="", max_length=64)
    target_chart: str = Field(default="", max_length=64)
    errors: int = 0
    warnings: int = 0
    rules: int = 0
    coverage: Decimal | None = Field(default=None, sa_type=Numeric(7, 2))
    coverage_amount: Decimal | None = Field(default=None, sa_type=Numeric(7, 2))
    strict: bool = False
    balances_file: str | None = Field(default=None, max_length=255)
    balances_sha256: str | None = Field(default=None, max_length=64)
    findings: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class TranslationRun(SQLModel, table=True):
    """One `mapping translate` run and its reconciliation (to the cent)."""

    __tablename__ = "translation_run"

    id: int | None = Field(default=None, primary_key=True)
    set_id: int = owned_by("mapping_set.id", index=True)
    set_version: int
    cost_object_set_id: int | None = refers_to("mapping_set.id")
    input_file: str = Field(default="", max_length=255)
    input_sha256: str = Field(default="", max_length=64)
    output_file: str | None = Field(default=None, max_length=255)
    ran_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(default="", max_length=200)
    on_date: date | None = None
    lines: int = 0
    total_before: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    total_after: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    untranslated_lines: int = 0
    untranslated_amount: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    coverage_lines_pct: Decimal = Field(default=Decimal(0), sa_type=Numeric(7, 2))
    coverage_amount_pct: Decimal = Field(default=Decimal(0), sa_type=Numeric(7, 2))
    reconciled: bool = False
    report: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
