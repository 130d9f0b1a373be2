"""recon: reconciliations, runs, decisions (`migctl recon`)

Revision ID: 0008_recon
Revises: 0007_cost_objects
Create Date: 2026-12-07 12:43:33.501182
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import migctl.store.types

revision = '0008_recon'
down_revision = '0007_cost_objects'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reconciliation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('legacy_file', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('target_file', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('system_id', sa.Integer(), nullable=True),
    sa.Column('mapping_set', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('cost_objects', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('tolerance', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('keys', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('compare', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['system_id'], ['system.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reconciliation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reconciliation_name'), ['name'], unique=True)

    op.create_table('recon_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recon_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('cutover_run_id', sa.Integer(), nullable=True),
    sa.Column('legacy_file', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('legacy_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('target_file', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('target_sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('mapping', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('engine', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('clean', sa.Boolean(), nullable=False),
    sa.Column('explained', sa.Boolean(), nullable=False),
    sa.Column('legacy_rows', sa.Integer(), nullable=False),
    sa.Column('target_rows', sa.Integer(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('legacy_total', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('translated_total', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('target_total', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('difference', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('unexplained', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('started_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('finished_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('report', sa.JSON(), nullable=True),
    sa.Column('findings', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['cutover_run_id'], ['cutover_run.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recon_id'], ['reconciliation.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('recon_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recon_run_cutover_run_id'), ['cutover_run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recon_run_recon_id'), ['recon_id'], unique=False)

    op.create_table('recon_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recon_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('cause', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('difference', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('decided_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['recon_id'], ['reconciliation.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['recon_run.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('recon_id', 'key', name='uq_recon_decision_key')
    )
    with op.batch_alter_table('recon_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recon_decision_recon_id'), ['recon_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('recon_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recon_decision_recon_id'))

    op.drop_table('recon_decision')
    with op.batch_alter_table('recon_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recon_run_recon_id'))
        batch_op.drop_index(batch_op.f('ix_recon_run_cutover_run_id'))

    op.drop_table('recon_run')
    with op.batch_alter_table('reconciliation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reconciliation_name'))

    op.drop_table('reconciliation')
