"""sso certs: pinned signing certificates, certificate and key sightings, expected ACS URLs

Revision ID: 0010_sso_certs
Revises: 0009_register
Create Date: 2026-12-07 15:40:00

Issue 22: `migctl sso trust` pins a signing certificate per check (sso_pin); every run records
the certificates and JWKS key ids it saw (sso_sighting), which drift findings, `sso history
CHECK`, `sso diff CHECK` and `sso certs` read; SP metadata checks may name the assertion
consumer service URLs their environment must publish (sso_check.expect_acs).
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import migctl.store.types

revision = '0010_sso_certs'
down_revision = '0009_register'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sso_pin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('cert_pem', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('not_after', migctl.store.types.UTCDateTime(), nullable=True),
    sa.Column('pinned_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['sso_check.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('check_id')
    )
    op.create_table('sso_sighting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('check_id', sa.Integer(), nullable=False),
    sa.Column('document', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('ident', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('issuer', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('not_after', migctl.store.types.UTCDateTime(), nullable=True),
    sa.Column('seen_at', migctl.store.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['check_id'], ['sso_check.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['sso_run.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sso_sighting', schema=None) as batch_op:
        batch_op.create_index('ix_sso_sighting_check_seen_at', ['check_id', 'seen_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_sso_sighting_run_id'), ['run_id'], unique=False)

    # Not in batch mode: SQLite's batch mode copies sso_check into a new table and drops the
    # old one, and that drop cascades to every sso_result row. Adding (and dropping) a plain
    # nullable column is native ALTER TABLE on SQLite and PostgreSQL alike.
    op.add_column('sso_check', sa.Column('expect_acs',
                                         sqlmodel.sql.sqltypes.AutoString(length=2000),
                                         nullable=True))


def downgrade() -> None:
    op.drop_column('sso_check', 'expect_acs')
    with op.batch_alter_table('sso_sighting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sso_sighting_run_id'))
        batch_op.drop_index('ix_sso_sighting_check_seen_at')
    op.drop_table('sso_sighting')
    op.drop_table('sso_pin')
