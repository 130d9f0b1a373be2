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
down_revision = '0009_register'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('mapping_set', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_path',
                                      sqlmodel.sql.sqltypes.AutoString(length=1000),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('mapping_set', schema=None) as batch_op:
        batch_op.drop_column('source_path')
