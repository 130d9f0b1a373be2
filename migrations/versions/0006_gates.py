"""gates: gate criteria (one row per criterion of a go/no-go gate)

Revision ID: 0006_gates
Revises: 0005_mapping
Create Date: 2026-11-22 07:14:08.090471
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import migctl.store.types

revision = '0006_gates'
down_revision = '0005_mapping'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('gate_criterion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('spec', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['task.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('task_id', 'spec', name='uq_gate_criterion_task_spec')
    )
    with op.batch_alter_table('gate_criterion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gate_criterion_task_id'), ['task_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('gate_criterion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gate_criterion_task_id'))

    op.drop_table('gate_criterion')
