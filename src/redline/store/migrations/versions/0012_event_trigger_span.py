"""events keep the span of their trigger (the predicate as written)

Every field of an extracted event is stored (see ``redline.records.flat``); the
trigger's character offsets were the one the table lacked. Rows stored before have none.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"


def upgrade() -> None:
    op.add_column("events", sa.Column("trigger_start", sa.Integer(), nullable=True))
    op.add_column("events", sa.Column("trigger_end", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("trigger_end")
        batch.drop_column("trigger_start")
