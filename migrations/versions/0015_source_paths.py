"""source_path: charts, dimensions and runbook tasks keep the path their file was imported from

Revision ID: 0015_source_paths
Revises: 0014_source_path
Create Date: 2026-12-08 12:00:00

Issue 17: GitHub annotations (`mapping validate -f github` on a chart or dimension finding,
`task lint -f github`) must name the file as the pull request has it (the path given at import,
relative to the working directory), not its base name — as 0014 did for mapping sets. Nullable
columns; rows imported before keep NULL and are annotated by base name.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0015_source_paths'
down_revision = '0014_source_path'
branch_labels = None
depends_on = None

TABLES = ('chart', 'dimension', 'task')


# Plain ALTER TABLE, not a batch: on SQLite a batch copies the table and drops the old one,
# and the drop would cascade to the accounts, values and task states (ondelete CASCADE).
def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('source_path',
                                       sqlmodel.sql.sqltypes.AutoString(length=1000),
                                       nullable=True))


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_column(table, 'source_path')
