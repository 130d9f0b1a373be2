"""cost objects: rules without a target account, validations run with a cost-objects set

Revision ID: 0007_cost_objects
Revises: 0006_gates
Create Date: 2026-11-22 07:15:36.010019

A cost-objects set's rules map a legacy dimension value to target dimension values only, so
``mapping_rule.target_account`` becomes nullable. ``validation_run.cost_object_set_id`` records
the cost-objects set an account set was validated with (``--cost-objects``), as
``translation_run.cost_object_set_id`` already does for translations.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_cost_objects'
down_revision = '0006_gates'
branch_labels = None
depends_on = None

FK_NAME = 'fk_validation_run_cost_object_set_id'


def upgrade() -> None:
    with op.batch_alter_table('mapping_rule', schema=None) as batch_op:
        batch_op.alter_column('target_account',
               existing_type=sa.VARCHAR(length=32),
               nullable=True)

    with op.batch_alter_table('validation_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cost_object_set_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(FK_NAME, 'mapping_set', ['cost_object_set_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade() -> None:
    # the older schema cannot hold cost-objects sets: they and their runs go first
    co_sets = "SELECT id FROM mapping_set WHERE kind = 'cost-objects'"
    op.execute(f"UPDATE translation_run SET cost_object_set_id = NULL "
               f"WHERE cost_object_set_id IN ({co_sets})")
    op.execute(f"DELETE FROM validation_run WHERE set_id IN ({co_sets})")
    op.execute(f"DELETE FROM translation_run WHERE set_id IN ({co_sets})")
    op.execute(f"DELETE FROM mapping_rule WHERE set_id IN ({co_sets})")
    op.execute("DELETE FROM mapping_rule WHERE target_account IS NULL")
    op.execute("DELETE FROM mapping_set WHERE kind = 'cost-objects'")
    with op.batch_alter_table('validation_run', schema=None) as batch_op:
        batch_op.drop_constraint(FK_NAME, type_='foreignkey')
        batch_op.drop_column('cost_object_set_id')

    with op.batch_alter_table('mapping_rule', schema=None) as batch_op:
        batch_op.alter_column('target_account',
               existing_type=sa.VARCHAR(length=32),
               nullable=False)
