"""payroll: the payroll parallel run (`migctl recon add --kind payroll`)

Revision ID: 0012_payroll
Revises: 0009_register
Create Date: 2026-12-08 10:00:00.000000

A payroll reconciliation names its wage-type mapping and employee key map files and a
relative tolerance (three new columns on ``reconciliation``, empty for the other kinds); each
imported version of the wage-type mapping is kept with its findings (``payroll_wage_map``).
No employee id or name is stored anywhere: runs hold pseudonyms only.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import migctl.store.types

revision = '0012_payroll'
down_revision = '0011_identity'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reconciliation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wage_types_file',
                                      sqlmodel.sql.sqltypes.AutoString(length=500),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('key_map_file',
                                      sqlmodel.sql.sqltypes.AutoString(length=500),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('tolerance_pct', sa.Numeric(precision=9, scale=4),
                                      nullable=False, server_default='0'))
    op.create_table('payroll_wage_map',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recon_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('file', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('entries', sa.JSON(), nullable=True),
    sa.Column('findings', sa.JSON(), nullable=True),
    sa.Column('imported_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['recon_id'], ['reconciliation.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('recon_id', 'version', name='uq_payroll_wage_map')
    )
    with op.batch_alter_table('payroll_wage_map', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payroll_wage_map_recon_id'), ['recon_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('payroll_wage_map', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payroll_wage_map_recon_id'))
    op.drop_table('payroll_wage_map')
    # not a batch: on SQLite a batch recreates the table, and dropping the old one would
    # cascade to every run and decision (foreign keys are on); SQLite ≥ 3.35 drops columns
    for column in ('tolerance_pct', 'key_map_file', 'wage_types_file'):
        if op.get_context().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE reconciliation DROP COLUMN {column}')
        else:
            op.drop_column('reconciliation', column)
