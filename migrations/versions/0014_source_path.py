"""source_path: a mapping set keeps the path its file was imported from

Revision ID: 0014_source_path
Revises: 0009_register
Create Date: 2026-12-08 10:00:00

Issue 17: GitHub annotations of `mapping validate -f github` must name the file as the pull
request has it (the path given at import, relative to the working directory), not its base
name. One nullable column; sets imported before keep NULL and are annotated by base name.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0014_source_path'
down_revision = '0013_sla'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not a batch: on SQLite a batch copies mapping_set and drops the old one,
# and the drop would cascade to every mapping rule (ondelete CASCADE with foreign keys on).
def upgrade() -> None:
    op.add_column('mapping_set', sa.Column('source_path',
                                           sqlmodel.sql.sqltypes.AutoString(length=1000),
                                           nullable=True))


def downgrade() -> None:
    op.drop_column('mapping_set', 'source_path')
