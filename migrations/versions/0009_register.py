"""register: actions, risks, risk reviews and decisions

Revision ID: 0009_register
Revises: 0008_recon
Create Date: 2026-12-07 12:41:24.802147

The programme register (issue 23): the steering group's actions, risks (with their reviews)
and decisions. New tables only; nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import migctl.store.types

revision = '0009_register'
down_revision = '0008_recon'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('register_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('systems', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('tasks', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('incidents', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('risks', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('done_at', migctl.store.types.UTCDateTime(), nullable=True),
    sa.Column('created_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('register_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_action_key'), ['key'], unique=True)
        batch_op.create_index(batch_op.f('ix_register_action_status'), ['status'], unique=False)

    op.create_table('register_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('decided_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('rationale', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('systems', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('tasks', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('gates', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('register_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_decision_key'), ['key'], unique=True)

    op.create_table('register_risk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('mitigation_id', sa.Integer(), nullable=True),
    sa.Column('systems', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('closed_at', migctl.store.types.UTCDateTime(), nullable=True),
    sa.Column('created_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['mitigation_id'], ['register_action.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('register_risk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_risk_key'), ['key'], unique=True)
        batch_op.create_index(batch_op.f('ix_register_risk_status'), ['status'], unique=False)

    op.create_table('register_risk_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('reviewed_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['risk_id'], ['register_risk.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('register_risk_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_register_risk_review_risk_id'), ['risk_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('register_risk_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_risk_review_risk_id'))

    op.drop_table('register_risk_review')
    with op.batch_alter_table('register_risk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_risk_status'))
        batch_op.drop_index(batch_op.f('ix_register_risk_key'))

    op.drop_table('register_risk')
    with op.batch_alter_table('register_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_decision_key'))

    op.drop_table('register_decision')
    with op.batch_alter_table('register_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_register_action_status'))
        batch_op.drop_index(batch_op.f('ix_register_action_key'))

    op.drop_table('register_action')
