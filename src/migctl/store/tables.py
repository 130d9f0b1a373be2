"""The store's tables as plain SQLAlchemy Core: GENERATED from the SQLModel classes, do not edit.

Regenerate after a model change with
``python -m migctl.store.tablegen > src/migctl/store/tables.py`` (a test compares the two).
Every Core statement (reads and writes) reaches a table through these, never through a model's
``__table__``: importing them costs SQLAlchemy Core alone, not SQLModel, pydantic and the ORM.
Python-side column defaults are carried (a Core insert fills them as the ORM would); foreign
keys, indexes and server defaults are left out: the models and the Alembic migrations own the
schema.
"""

from __future__ import annotations

from decimal import Decimal

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

from migctl.store.types import UTCDateTime, utcnow

METADATA = MetaData()

ACCOUNT = Table(
    "account",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("chart_id", Integer(), nullable=False),
    Column("code", String(32), nullable=False),
    Column("name", String(300), nullable=False, default=""),
    Column("type", String(16), nullable=False),
    Column("parent_code", String(32)),
    Column("active", Boolean(), nullable=False, default=True),
    Column("source_row", Integer(), nullable=False, default=0),
)

AUDIT_EVENT = Table(
    "audit_event",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("at", UTCDateTime(), nullable=False, default=utcnow),
    Column("actor", String(200), nullable=False),
    Column("command", String(200), nullable=False),
    Column("entity_type", String(64), nullable=False),
    Column("entity_key", String(200), nullable=False, default=""),
    Column("action", String(32), nullable=False),
    Column("summary", String(), nullable=False, default=""),
    Column("before", JSON()),
    Column("after", JSON()),
)

CHART = Table(
    "chart",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("name", String(200), nullable=False, default=""),
    Column("role", String(16), nullable=False),
    Column("file_name", String(255), nullable=False, default=""),
    Column("sha256", String(64), nullable=False, default=""),
    Column("actor", String(200), nullable=False, default=""),
    Column("imported_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("account_count", Integer(), nullable=False, default=0),
    Column("source_path", String(1000)),
)

CUTOVER_RUN = Table(
    "cutover_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("kind", String(16), nullable=False, default="rehearsal"),
    Column("status", String(16), nullable=False, default="active"),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("finished_at", UTCDateTime()),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
)

DIMENSION = Table(
    "dimension",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("name", String(200), nullable=False, default=""),
    Column("role", String(16), nullable=False),
    Column("required_for", String(100), nullable=False, default=""),
    Column("file_name", String(255), nullable=False, default=""),
    Column("sha256", String(64), nullable=False, default=""),
    Column("actor", String(200), nullable=False, default=""),
    Column("imported_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("value_count", Integer(), nullable=False, default=0),
    Column("source_path", String(1000)),
)

DIMENSION_VALUE = Table(
    "dimension_value",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("dimension_id", Integer(), nullable=False),
    Column("code", String(32), nullable=False),
    Column("name", String(300), nullable=False, default=""),
    Column("parent_code", String(32)),
    Column("active", Boolean(), nullable=False, default=True),
    Column("source_row", Integer(), nullable=False, default=0),
)

GATE_CRITERION = Table(
    "gate_criterion",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("task_id", Integer(), nullable=False),
    Column("spec", String(500), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("created_by", String(200), nullable=False, default=""),
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
    Column("note", String(), nullable=False, default=""),
    Column("decided_at", UTCDateTime(), nullable=False),
    Column("override", Boolean()),
    Column("reason", String()),
    Column("evidence", JSON()),
)

IDENTITY_RUN = Table(
    "identity_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("on_date", Date(), nullable=False),
    Column("key_check", String(32), nullable=False, default=""),
    Column("files", JSON()),
    Column("active", Integer(), nullable=False, default=0),
    Column("errors", Integer(), nullable=False, default=0),
    Column("warnings", Integer(), nullable=False, default=0),
    Column("counts", JSON()),
    Column("active_by_env", JSON()),
    Column("coverage", JSON()),
    Column("systems", JSON()),
    Column("trained", JSON()),
    Column("report", JSON()),
    Column("actor", String(200), nullable=False, default=""),
    Column("started_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("finished_at", UTCDateTime(), nullable=False, default=utcnow),
)

INCIDENT = Table(
    "incident",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(32), nullable=False),
    Column("system_id", Integer()),
    Column("severity", String(16), nullable=False),
    Column("title", String(300), nullable=False),
    Column("owner", String(200), nullable=False, default=""),
    Column("status", String(16), nullable=False, default="open"),
    Column("opened_at", UTCDateTime(), nullable=False),
    Column("closed_at", UTCDateTime()),
    Column("resolution", String(), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("reference", String(64)),
    Column("responded_at", UTCDateTime()),
)

KPI_DEFINITION = Table(
    "kpi_definition",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("unit", String(16), nullable=False, default=""),
    Column("target", Numeric(18, 4)),
    Column("direction", String(8), nullable=False, default="up"),
    Column("builtin", Boolean(), nullable=False, default=False),
    Column("description", String(), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
)

KPI_VALUE = Table(
    "kpi_value",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("metric", String(64), nullable=False),
    Column("value", Numeric(18, 4), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Column("source", String(16), nullable=False, default="record"),
)

MAPPING_RULE = Table(
    "mapping_rule",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("set_id", Integer(), nullable=False),
    Column("source_from", String(32), nullable=False),
    Column("source_to", String(32), nullable=False),
    Column("is_range", Boolean(), nullable=False, default=False),
    Column("source_cost_centre", String(32)),
    Column("target_account", String(32)),
    Column("target_dimensions", JSON()),
    Column("share", Numeric(9, 4), nullable=False, default=Decimal("100")),
    Column("valid_from", Date()),
    Column("valid_to", Date()),
    Column("note", String(), nullable=False, default=""),
    Column("source_row", Integer(), nullable=False, default=0),
)

MAPPING_SET = Table(
    "mapping_set",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("version", Integer(), nullable=False),
    Column("kind", String(32), nullable=False, default="accounts"),
    Column("source_dimension", String(64)),
    Column("system", String(64)),
    Column("file_name", String(255), nullable=False, default=""),
    Column("sheet", String(100)),
    Column("sha256", String(64), nullable=False, default=""),
    Column("actor", String(200), nullable=False, default=""),
    Column("imported_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("rule_count", Integer(), nullable=False, default=0),
    Column("dimensions", String(500), nullable=False, default=""),
    Column("source_path", String(1000)),
)

PAYROLL_WAGE_MAP = Table(
    "payroll_wage_map",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("recon_id", Integer(), nullable=False),
    Column("version", Integer(), nullable=False, default=1),
    Column("file", String(500), nullable=False, default=""),
    Column("sha256", String(64), nullable=False, default=""),
    Column("entries", JSON()),
    Column("findings", JSON()),
    Column("imported_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("actor", String(200), nullable=False, default=""),
)

RECON_DECISION = Table(
    "recon_decision",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("recon_id", Integer(), nullable=False),
    Column("key", String(1000), nullable=False),
    Column("cause", String(32), nullable=False),
    Column("fingerprint", String(2000), nullable=False),
    Column("difference", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("reason", String(), nullable=False, default=""),
    Column("decided_by", String(200), nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("run_id", Integer()),
)

RECON_RUN = Table(
    "recon_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("recon_id", Integer(), nullable=False),
    Column("version", Integer(), nullable=False),
    Column("cutover_run_id", Integer()),
    Column("legacy_file", String(500), nullable=False, default=""),
    Column("legacy_sha256", String(64), nullable=False, default=""),
    Column("target_file", String(500), nullable=False, default=""),
    Column("target_sha256", String(64), nullable=False, default=""),
    Column("mapping", String(200)),
    Column("engine", String(16), nullable=False, default="python"),
    Column("clean", Boolean(), nullable=False, default=False),
    Column("explained", Boolean(), nullable=False, default=True),
    Column("legacy_rows", Integer(), nullable=False, default=0),
    Column("target_rows", Integer(), nullable=False, default=0),
    Column("counts", JSON()),
    Column("legacy_total", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("translated_total", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("target_total", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("difference", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("unexplained", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("started_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("finished_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("actor", String(200), nullable=False, default=""),
    Column("report", JSON()),
    Column("findings", JSON()),
)

RECONCILIATION = Table(
    "reconciliation",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("name", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("version", Integer(), nullable=False, default=1),
    Column("legacy_file", String(500), nullable=False, default=""),
    Column("target_file", String(500), nullable=False, default=""),
    Column("system_id", Integer()),
    Column("mapping_set", String(100)),
    Column("cost_objects", String(100)),
    Column("tolerance", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("keys", String(500), nullable=False, default=""),
    Column("compare", String(), nullable=False, default=""),
    Column("description", String(), nullable=False, default=""),
    Column("wage_types_file", String(500), nullable=False, default=""),
    Column("key_map_file", String(500), nullable=False, default=""),
    Column("tolerance_pct", Numeric(9, 4), nullable=False, default=Decimal("0")),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
)

REGISTER_ACTION = Table(
    "register_action",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(32), nullable=False),
    Column("title", String(500), nullable=False),
    Column("category", String(64), nullable=False),
    Column("owner", String(200), nullable=False, default=""),
    Column("due", Date()),
    Column("status", String(16), nullable=False, default="open"),
    Column("systems", String(500), nullable=False, default=""),
    Column("tasks", String(500), nullable=False, default=""),
    Column("incidents", String(500), nullable=False, default=""),
    Column("risks", String(500), nullable=False, default=""),
    Column("notes", String(), nullable=False, default=""),
    Column("done_at", UTCDateTime()),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
)

REGISTER_DECISION = Table(
    "register_decision",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(32), nullable=False),
    Column("title", String(500), nullable=False),
    Column("decided_by", String(200), nullable=False),
    Column("decided_at", UTCDateTime(), nullable=False),
    Column("rationale", String(), nullable=False, default=""),
    Column("systems", String(500), nullable=False, default=""),
    Column("tasks", String(500), nullable=False, default=""),
    Column("gates", String(500), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
)

REGISTER_RISK = Table(
    "register_risk",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(32), nullable=False),
    Column("title", String(500), nullable=False),
    Column("owner", String(200), nullable=False, default=""),
    Column("likelihood", Integer(), nullable=False, default=3),
    Column("impact", Integer(), nullable=False, default=3),
    Column("status", String(16), nullable=False, default="open"),
    Column("mitigation_id", Integer()),
    Column("systems", String(500), nullable=False, default=""),
    Column("notes", String(), nullable=False, default=""),
    Column("closed_at", UTCDateTime()),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
)

REGISTER_RISK_REVIEW = Table(
    "register_risk_review",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("risk_id", Integer(), nullable=False),
    Column("reviewed_by", String(200), nullable=False),
    Column("reviewed_at", UTCDateTime(), nullable=False),
    Column("likelihood", Integer(), nullable=False),
    Column("impact", Integer(), nullable=False),
    Column("note", String(), nullable=False, default=""),
)

SETTING = Table(
    "setting",
    METADATA,
    Column("key", String(100), primary_key=True),
    Column("value", String(), nullable=False, default=""),
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
    Column("expect_acs", String(2000)),
    Column("max_hops", Integer()),
    Column("timeout_s", Float()),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
)

SSO_PIN = Table(
    "sso_pin",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("check_id", Integer(), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("cert_pem", String()),
    Column("subject", String(500)),
    Column("not_after", UTCDateTime()),
    Column("pinned_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("actor", String(200), nullable=False),
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
    Column("message", String(), nullable=False, default=""),
    Column("checked_at", UTCDateTime(), nullable=False),
    Column("duration_ms", Integer(), nullable=False, default=0),
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

SSO_SIGHTING = Table(
    "sso_sighting",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("run_id", Integer(), nullable=False),
    Column("check_id", Integer(), nullable=False),
    Column("document", String(32), nullable=False),
    Column("ident", String(200), nullable=False),
    Column("subject", String(500)),
    Column("issuer", String(500)),
    Column("not_after", UTCDateTime()),
    Column("seen_at", UTCDateTime(), nullable=False),
)

SYSTEM = Table(
    "system",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("domain", String(32), nullable=False, default=""),
    Column("vendor", String(200), nullable=False, default=""),
    Column("owner", String(200), nullable=False, default=""),
    Column("status", String(16), nullable=False, default="planned"),
    Column("planned_go_live", Date()),
    Column("actual_go_live", Date()),
    Column("retire_date", Date()),
    Column("environments", String(200), nullable=False, default=""),
    Column("notes", String(), nullable=False, default=""),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
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
    Column("workstream", String(100), nullable=False, default=""),
    Column("system_id", Integer()),
    Column("owner", String(200), nullable=False, default=""),
    Column("kind", String(16), nullable=False, default="task"),
    Column("duration_minutes", Integer(), nullable=False, default=0),
    Column("planned_start", UTCDateTime()),
    Column("rollback_note", String(), nullable=False, default=""),
    Column("criteria", String()),
    Column("source_file", String(300)),
    Column("source_row", Integer()),
    Column("version", Integer(), nullable=False, default=1),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("source_path", String(1000)),
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
    Column("status", String(16), nullable=False, default="todo"),
    Column("actual_start", UTCDateTime()),
    Column("actual_end", UTCDateTime()),
    Column("block_reason", String()),
    Column("blocked_by_id", Integer()),
    Column("note", String()),
    Column("version", Integer(), nullable=False, default=1),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow),
)

TRANSLATION_RUN = Table(
    "translation_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("set_id", Integer(), nullable=False),
    Column("set_version", Integer(), nullable=False),
    Column("cost_object_set_id", Integer()),
    Column("input_file", String(255), nullable=False, default=""),
    Column("input_sha256", String(64), nullable=False, default=""),
    Column("output_file", String(255)),
    Column("ran_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("actor", String(200), nullable=False, default=""),
    Column("on_date", Date()),
    Column("lines", Integer(), nullable=False, default=0),
    Column("total_before", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("total_after", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("untranslated_lines", Integer(), nullable=False, default=0),
    Column("untranslated_amount", Numeric(18, 2), nullable=False, default=Decimal("0")),
    Column("coverage_lines_pct", Numeric(7, 2), nullable=False, default=Decimal("0")),
    Column("coverage_amount_pct", Numeric(7, 2), nullable=False, default=Decimal("0")),
    Column("reconciled", Boolean(), nullable=False, default=False),
    Column("report", JSON()),
)

VALIDATION_RUN = Table(
    "validation_run",
    METADATA,
    Column("id", Integer(), primary_key=True),
    Column("set_id", Integer(), nullable=False),
    Column("set_version", Integer(), nullable=False),
    Column("cost_object_set_id", Integer()),
    Column("ran_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("actor", String(200), nullable=False, default=""),
    Column("legacy_chart", String(64), nullable=False, default=""),
    Column("target_chart", String(64), nullable=False, default=""),
    Column("errors", Integer(), nullable=False, default=0),
    Column("warnings", Integer(), nullable=False, default=0),
    Column("rules", Integer(), nullable=False, default=0),
    Column("coverage", Numeric(7, 2)),
    Column("coverage_amount", Numeric(7, 2)),
    Column("strict", Boolean(), nullable=False, default=False),
    Column("balances_file", String(255)),
    Column("balances_sha256", String(64)),
    Column("findings", JSON()),
)
