"""identity: identity-coverage runs

Revision ID: 0011_identity
Revises: 0009_register
Create Date: 2026-12-07 15:45:00.000000

Identity and training coverage (issue 19): one table of runs, pseudonymised (no employee id,
login or name is stored). New table only; nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import migctl.store.types

revision = '0011_identity'
down_revision = '0010_sso_certs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('identity_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('key_check', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('files', sa.JSON(), nullable=True),
    sa.Column('active', sa.Integer(), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('active_by_env', sa.JSON(), nullable=True),
    sa.Column('coverage', sa.JSON(), nullable=True),
    sa.Column('systems', sa.JSON(), nullable=True),
    sa.Column('trained', sa.JSON(), nullable=True),
    sa.Column('report', sa.JSON(), nullable=True),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('started_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('finished_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('identity_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_identity_run_on_date'), ['on_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('identity_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_identity_run_on_date'))

    op.drop_table('identity_run')
