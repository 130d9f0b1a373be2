"""The store's tables as plain SQLAlchemy Core: GENERATED from the SQLModel classes, do not edit.

Regenerate after a model change with
``python -m migctl.store.tablegen > src/migctl/store/tables.py`` (a test compares the two).
Reads that must start fast (``migctl status``) use these instead of the models: importing them
costs SQLAlchemy Core alone, not SQLModel, pydantic and the ORM. Foreign keys, indexes and
defaults are left out: the models and the Alembic migrations own the schema.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Float,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
)

from migctl.store.types import UTCDateTime

METADATA = MetaData()

ACCOUNT = Table(
    "account",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("chart_id", Integer(), nullable=False),
    Column("code", String(32), nullable=False),
    Column("name", String(300), nullable=False),
    Column("type", String(16), nullable=False),
    Column("parent_code", String(32)),
    Column("active", Boolean(), nullable=False),
    Column("source_row", Integer(), nullable=False),
)

AUDIT_EVENT = Table(
    "audit_event",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("command", String(200), nullable=False),
    Column("entity_type", String(64), nullable=False),
    Column("entity_key", String(200), nullable=False),
    Column("action", String(32), nullable=False),
    Column("summary", String(), nullable=False),
    Column("before", JSON()),
    Column("after", JSON()),
)

CHART = Table(
    "chart",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("imported_at", UTCDateTime(), nullable=False),
    Column("account_count", Integer(), nullable=False),
)

CUTOVER_RUN = Table(
    "cutover_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime()),
    Column("created_at", UTCDateTime(), nullable=False),
)

DIMENSION = Table(
    "dimension",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("required_for", String(100), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("imported_at", UTCDateTime(), nullable=False),
    Column("value_count", Integer(), nullable=False),
)

DIMENSION_VALUE = Table(
    "dimension_value",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("dimension_id", Integer(), nullable=False),
    Column("code", String(32), nullable=False),
    Column("name", String(300), nullable=False),
    Column("parent_code", String(32)),
    Column("active", Boolean(), nullable=False),
    Column("source_row", Integer(), nullable=False),
)

GATE_CRITERION = Table(
    "gate_criterion",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("task_id", Integer(), nullable=False),
    Column("spec", String(500), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("source_row", Integer()),
)

GATE_DECISION = Table(
    "gate_decision",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("run_id", Integer(), nullable=False),
    Column("task_id", Integer(), nullable=False),
    Column("decision", String(8), nullable=False),
    Column("decided_by", String(200), nullable=False),
    Column("note", String(), nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
    Column("override", Boolean()),
    Column("reason", String()),
    Column("evidence", JSON()),
)

INCIDENT = Table(
    "incident",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(32), nullable=False),
    Column("system_id", Integer()),
    Column("severity", String(16), nullable=False),
    Column("title", String(300), nullable=False),
    Column("owner", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("opened_at", UTCDateTime(), nullable=False),
    Column("closed_at", UTCDateTime()),
    Column("resolution", String(), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

KPI_DEFINITION = Table(
    "kpi_definition",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("unit", String(16), nullable=False),
    Column("target", Numeric(18, 4)),
    Column("direction", String(8), nullable=False),
    Column("builtin", Boolean(), nullable=False),
    Column("description", String(), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

KPI_VALUE = Table(
    "kpi_value",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("metric", String(64), nullable=False),
    Column("value", Numeric(18, 4), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("source", String(16), nullable=False),
)

MAPPING_RULE = Table(
    "mapping_rule",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("set_id", Integer(), nullable=False),
    Column("source_from", String(32), nullable=False),
    Column("source_to", String(32), nullable=False),
    Column("is_range", Boolean(), nullable=False),
    Column("source_cost_centre", String(32)),
    Column("target_account", String(32)),
    Column("target_dimensions", JSON()),
    Column("share", Numeric(9, 4), nullable=False),
    Column("valid_from", Date()),
    Column("valid_to", Date()),
    Column("note", String(), nullable=False),
    Column("source_row", Integer(), nullable=False),
)

MAPPING_SET = Table(
    "mapping_set",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("version", Integer(), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("source_dimension", String(64)),
    Column("system", String(64)),
    Column("file_name", String(255), nullable=False),
    Column("sheet", String(100)),
    Column("sha256", String(64), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("imported_at", UTCDateTime(), nullable=False),
    Column("rule_count", Integer(), nullable=False),
    Column("dimensions", String(500), nullable=False),
)

RECON_DECISION = Table(
    "recon_decision",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("recon_id", Integer(), nullable=False),
    Column("key", String(1000), nullable=False),
    Column("cause", String(32), nullable=False),
    Column("fingerprint", String(2000), nullable=False),
    Column("difference", Numeric(18, 2), nullable=False),
    Column("reason", String(), nullable=False),
    Column("decided_by", String(200), nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
    Column("run_id", Integer()),
)

RECON_RUN = Table(
    "recon_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("recon_id", Integer(), nullable=False),
    Column("version", Integer(), nullable=False),
    Column("cutover_run_id", Integer()),
    Column("legacy_file", String(500), nullable=False),
    Column("legacy_sha256", String(64), nullable=False),
    Column("target_file", String(500), nullable=False),
    Column("target_sha256", String(64), nullable=False),
    Column("mapping", String(200)),
    Column("engine", String(16), nullable=False),
    Column("clean", Boolean(), nullable=False),
    Column("explained", Boolean(), nullable=False),
    Column("legacy_rows", Integer(), nullable=False),
    Column("target_rows", Integer(), nullable=False),
    Column("counts", JSON()),
    Column("legacy_total", Numeric(18, 2), nullable=False),
    Column("translated_total", Numeric(18, 2), nullable=False),
    Column("target_total", Numeric(18, 2), nullable=False),
    Column("difference", Numeric(18, 2), nullable=False),
    Column("unexplained", Numeric(18, 2), nullable=False),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("report", JSON()),
    Column("findings", JSON()),
)

RECONCILIATION = Table(
    "reconciliation",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("version", Integer(), nullable=False),
    Column("legacy_file", String(500), nullable=False),
    Column("target_file", String(500), nullable=False),
    Column("system_id", Integer()),
    Column("mapping_set", String(100)),
    Column("cost_objects", String(100)),
    Column("tolerance", Numeric(18, 2), nullable=False),
    Column("keys", String(500), nullable=False),
    Column("compare", String(), nullable=False),
    Column("description", String(), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

SETTING = Table(
    "setting",
    METADATA,
    Column("key", String(100), primary_key=True),
    Column("value", String(), nullable=False),
)

SSO_CHECK = Table(
    "sso_check",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("system_id", Integer(), nullable=False),
    Column("environment", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("url", String(2000), nullable=False),
    Column("expect_entity_id", String(500)),
    Column("expect_issuer", String(500)),
    Column("expect_idp_host", String(255)),
    Column("expect_tenant", String(200)),
    Column("max_hops", Integer()),
    Column("timeout_s", Float()),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

SSO_RESULT = Table(
    "sso_result",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("run_id", Integer(), nullable=False),
    Column("check_id", Integer(), nullable=False),
    Column("status", String(8), nullable=False),
    Column("code", String(8)),
    Column("severity", String(8)),
    Column("message", String(), nullable=False),
    Column("checked_at", UTCDateTime(), nullable=False),
    Column("duration_ms", Integer(), nullable=False),
)

SSO_RUN = Table(
    "sso_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("options", JSON(), nullable=False),
    Column("counts", JSON(), nullable=False),
)

SYSTEM = Table(
    "system",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("domain", String(32), nullable=False),
    Column("vendor", String(200), nullable=False),
    Column("owner", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("planned_go_live", Date()),
    Column("actual_go_live", Date()),
    Column("retire_date", Date()),
    Column("environments", String(200), nullable=False),
    Column("notes", String(), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

SYSTEM_REPLACEMENT = Table(
    "system_replacement",
    METADATA,
    Column("legacy_id", Integer(), primary_key=True),
    Column("target_id", Integer(), primary_key=True),
)

TASK = Table(
    "task",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("title", String(500), nullable=False),
    Column("workstream", String(100), nullable=False),
    Column("system_id", Integer()),
    Column("owner", String(200), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("duration_minutes", Integer(), nullable=False),
    Column("planned_start", UTCDateTime()),
    Column("rollback_note", String(), nullable=False),
    Column("criteria", String()),
    Column("source_file", String(300)),
    Column("source_row", Integer()),
    Column("version", Integer(), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

TASK_DEPENDENCY = Table(
    "task_dependency",
    METADATA,
    Column("task_id", Integer(), primary_key=True),
    Column("depends_on_id", Integer(), primary_key=True),
)

TASK_RUN_STATE = Table(
    "task_run_state",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("run_id", Integer(), nullable=False),
    Column("task_id", Integer(), nullable=False),
    Column("status", String(16), nullable=False),
    Column("actual_start", UTCDateTime()),
    Column("actual_end", UTCDateTime()),
    Column("block_reason", String()),
    Column("blocked_by_id", Integer()),
    Column("note", String()),
    Column("version", Integer(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

TRANSLATION_RUN = Table(
    "translation_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("set_id", Integer(), nullable=False),
    Column("set_version", Integer(), nullable=False),
    Column("cost_object_set_id", Integer()),
    Column("input_file", String(255), nullable=False),
    Column("input_sha256", String(64), nullable=False),
    Column("output_file", String(255)),
    Column("ran_at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("on_date", Date()),
    Column("lines", Integer(), nullable=False),
    Column("total_before", Numeric(18, 2), nullable=False),
    Column("total_after", Numeric(18, 2), nullable=False),
    Column("untranslated_lines", Integer(), nullable=False),
    Column("untranslated_amount", Numeric(18, 2), nullable=False),
    Column("coverage_lines_pct", Numeric(7, 2), nullable=False),
    Column("coverage_amount_pct", Numeric(7, 2), nullable=False),
    Column("reconciled", Boolean(), nullable=False),
    Column("report", JSON()),
)

VALIDATION_RUN = Table(
    "validation_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("set_id", Integer(), nullable=False),
    Column("set_version", Integer(), nullable=False),
    Column("cost_object_set_id", Integer()),
    Column("ran_at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("legacy_chart", String(64), nullable=False),
    Column("target_chart", String(64), nullable=False),
    Column("errors", Integer(), nullable=False),
    Column("warnings", Integer(), nullable=False),
    Column("rules", Integer(), nullable=False),
    Column("coverage", Numeric(7, 2)),
    Column("coverage_amount", Numeric(7, 2)),
    Column("strict", Boolean(), nullable=False),
    Column("balances_file", String(255)),
    Column("balances_sha256", String(64)),
    Column("findings", JSON()),
)
