"""sla: the provider's reference and first response on incidents

Revision ID: 0013_sla
Revises: 0009_register
Create Date: 2026-12-07 16:00:00

The provider's service levels (issue 21): an incident gets the provider's reference (its
ticket number, unique when given: `incident import` upserts by it) and the time of the
provider's first response. Two nullable columns; existing incidents keep theirs empty.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import migctl.store.types

revision = '0013_sla'
down_revision = '0012_payroll'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=True))
        batch_op.add_column(sa.Column('responded_at', migctl.store.types.UTCDateTime(),
                                      nullable=True))
        batch_op.create_index(batch_op.f('ix_incident_reference'), ['reference'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_reference'))
        batch_op.drop_column('responded_at')
        batch_op.drop_column('reference')
