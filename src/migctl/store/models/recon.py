"""Load reconciliation tables: definitions (versioned), runs, reviewer decisions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Column, Numeric, UniqueConstraint
from sqlmodel import Field, SQLModel

import migctl.store.models.runbook  # noqa: F401  (owns task and cutover_run, foreign key targets)
from migctl.store.models.core import owned_by, refers_to, utcnow
from migctl.store.types import UTCDateTime


class Reconciliation(SQLModel, table=True):
    """A named comparison of a legacy source with a target extract (``recon add``).

    Every change bumps ``version``; a run records the version it ran. ``compare`` holds the
    items' compare rules as written (``amount=0.01``), one per line; ``keys`` the key columns,
    comma-separated. ``mapping_set`` and ``cost_objects`` are set references (NAME or NAME@N)
    resolved when the reconciliation runs.
    """

    __tablename__ = "reconciliation"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True, index=True)
    kind: str = Field(max_length=16)  # balances | items
    version: int = 1
    legacy_file: str = Field(default="", max_length=500)
    target_file: str = Field(default="", max_length=500)
    system_id: int | None = refers_to("system.id")
    mapping_set: str | None = Field(default=None, max_length=100)
    cost_objects: str | None = Field(default=None, max_length=100)
    tolerance: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    keys: str = Field(default="", max_length=500)
    compare: str = Field(default="")
    description: str = Field(default="")
    # payroll: the wage-type mapping and employee key map files, the relative tolerance (%)
    wage_types_file: str = Field(default="", max_length=500)
    key_map_file: str = Field(default="", max_length=500)
    tolerance_pct: Decimal = Field(default=Decimal(0), sa_type=Numeric(9, 4))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReconRun(SQLModel, table=True):
    """One comparison: inputs and their sha256, the definition version, the cutover run it
    belongs to, counts by cause and totals; ``report`` is the run document (differences up to
    the run's limit), ``findings`` every non-matched difference as [key, cause, fingerprint,
    difference] so decisions can be taken on any of them."""

    __tablename__ = "recon_run"

    id: int | None = Field(default=None, primary_key=True)
    recon_id: int = owned_by("reconciliation.id", index=True)
    version: int
    cutover_run_id: int | None = refers_to("cutover_run.id", index=True)
    legacy_file: str = Field(default="", max_length=500)
    legacy_sha256: str = Field(default="", max_length=64)
    target_file: str = Field(default="", max_length=500)
    target_sha256: str = Field(default="", max_length=64)
    mapping: str | None = Field(default=None, max_length=200)
    engine: str = Field(default="python", max_length=16)
    clean: bool = False
    explained: bool = True
    legacy_rows: int = 0
    target_rows: int = 0
    counts: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    legacy_total: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    translated_total: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    target_total: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    difference: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    unexplained: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(default="", max_length=200)
    report: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    findings: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))


class ReconDecision(SQLModel, table=True):
    """A reviewer's acceptance of the difference under one key, as it was (``fingerprint``);
    it applies while later runs show the same difference under that key."""

    __tablename__ = "recon_decision"
    __table_args__ = (UniqueConstraint("recon_id", "key", name="uq_recon_decision_key"),)

    id: int | None = Field(default=None, primary_key=True)
    recon_id: int = owned_by("reconciliation.id", index=True)
    key: str = Field(max_length=1000)  # the key's values joined by ","
    cause: str = Field(max_length=32)
    fingerprint: str = Field(max_length=2000)
    difference: Decimal = Field(default=Decimal(0), sa_type=Numeric(18, 2))
    reason: str = Field(default="")
    decided_by: str = Field(max_length=200)
    decided_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    run_id: int | None = refers_to("recon_run.id")


class PayrollWageMap(SQLModel, table=True):
    """One version of a payroll reconciliation's wage-type mapping (legacy wage type → new
    wage type and its Incomes Register income type): the file and its sha256, the entries as
    ``[legacy, new, income_type, name]`` and the validation findings. A changed file becomes
    the next version; a run records the version it compared with (``recon_run.mapping``)."""

    __tablename__ = "payroll_wage_map"
    __table_args__ = (UniqueConstraint("recon_id", "version", name="uq_payroll_wage_map"),)

    id: int | None = Field(default=None, primary_key=True)
    recon_id: int = owned_by("reconciliation.id", index=True)
    version: int = 1
    file: str = Field(default="", max_length=500)
    sha256: str = Field(default="", max_length=64)
    entries: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    findings: list | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    imported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor: str = Field(default="", max_length=200)
