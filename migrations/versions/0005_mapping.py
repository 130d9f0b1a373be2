"""mapping: charts, dimensions, mapping sets, validation and translation runs

Revision ID: 0005_mapping
Revises: 0004_runbook
Create Date: 2026-11-22 06:24:31.044752
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import migctl.store.types

revision = '0005_mapping'
down_revision = '0004_runbook'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('chart',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('imported_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('account_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('chart', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chart_key'), ['key'], unique=True)

    op.create_table('dimension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('required_for', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('imported_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('value_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dimension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dimension_key'), ['key'], unique=True)

    op.create_table('mapping_set',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('source_dimension', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('system', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('file_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('sheet', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('imported_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('rule_count', sa.Integer(), nullable=False),
    sa.Column('dimensions', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name', 'version', name='uq_mapping_set_version')
    )
    with op.batch_alter_table('mapping_set', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mapping_set_name'), ['name'], unique=False)

    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chart_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('parent_code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('source_row', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['chart_id'], ['chart.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('chart_id', 'code', name='uq_account_chart_code')
    )
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_chart_id'), ['chart_id'], unique=False)

    op.create_table('dimension_value',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dimension_id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('parent_code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('source_row', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['dimension_id'], ['dimension.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dimension_id', 'code', name='uq_dimension_value_code')
    )
    with op.batch_alter_table('dimension_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dimension_value_dimension_id'), ['dimension_id'], unique=False)

    op.create_table('mapping_rule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('source_from', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('source_to', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('is_range', sa.Boolean(), nullable=False),
    sa.Column('source_cost_centre', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('target_account', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('target_dimensions', sa.JSON(), nullable=True),
    sa.Column('share', sa.Numeric(precision=9, scale=4), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source_row', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['set_id'], ['mapping_set.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mapping_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mapping_rule_set_id'), ['set_id'], unique=False)

    op.create_table('translation_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('set_version', sa.Integer(), nullable=False),
    sa.Column('cost_object_set_id', sa.Integer(), nullable=True),
    sa.Column('input_file', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('input_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('output_file', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('ran_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=True),
    sa.Column('lines', sa.Integer(), nullable=False),
    sa.Column('total_before', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('total_after', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('untranslated_lines', sa.Integer(), nullable=False),
    sa.Column('untranslated_amount', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('coverage_lines_pct', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('coverage_amount_pct', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('reconciled', sa.Boolean(), nullable=False),
    sa.Column('report', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['cost_object_set_id'], ['mapping_set.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['set_id'], ['mapping_set.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('translation_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translation_run_set_id'), ['set_id'], unique=False)

    op.create_table('validation_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('set_version', sa.Integer(), nullable=False),
    sa.Column('ran_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('legacy_chart', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('target_chart', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('rules', sa.Integer(), nullable=False),
    sa.Column('coverage', sa.Numeric(precision=7, scale=2), nullable=True),
    sa.Column('coverage_amount', sa.Numeric(precision=7, scale=2), nullable=True),
    sa.Column('strict', sa.Boolean(), nullable=False),
    sa.Column('balances_file', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True),
    sa.Column('balances_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('findings', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['set_id'], ['mapping_set.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('validation_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_validation_run_set_id'), ['set_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('validation_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_validation_run_set_id'))

    op.drop_table('validation_run')
    with op.batch_alter_table('translation_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translation_run_set_id'))

    op.drop_table('translation_run')
    with op.batch_alter_table('mapping_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mapping_rule_set_id'))

    op.drop_table('mapping_rule')
    with op.batch_alter_table('dimension_value', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dimension_value_dimension_id'))

    op.drop_table('dimension_value')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_chart_id'))

    op.drop_table('account')
    with op.batch_alter_table('mapping_set', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mapping_set_name'))

    op.drop_table('mapping_set')
    with op.batch_alter_table('dimension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dimension_key'))

    op.drop_table('dimension')
    with op.batch_alter_table('chart', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chart_key'))

    op.drop_table('chart')
