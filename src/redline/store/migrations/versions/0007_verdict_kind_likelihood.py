"""verdicts: live or look-back, cut-offs, likelihood and confidence; dataset events' URL

A verdict states an ICD 203 likelihood (word and probability) and a confidence level,
whether it is a live run or a look-back (an as-of time in the past), and the store
cut-off it read (``known_by``; null: everything stored when it was computed). Verdicts
stored before this revision are live when their as-of time is their computation time,
look-backs otherwise. Machine-coded events keep the URL of the source they were coded
from.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    with op.batch_alter_table("verdicts") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False,
                                   server_default="live"))
        batch.add_column(sa.Column("known_by", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("likelihood", sa.String(32)))
        batch.add_column(sa.Column("probability", sa.Float))
        batch.add_column(sa.Column("confidence", sa.String(16)))
        batch.add_column(sa.Column("reasons", sa.JSON))
    op.execute("UPDATE verdicts SET kind = 'look-back' WHERE as_of < computed")
    op.create_index("ix_verdicts_line_kind_asof", "verdicts", ["line_id", "kind", "as_of"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("source_url", sa.String(2048)))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("source_url")
    op.drop_index("ix_verdicts_line_kind_asof", table_name="verdicts")
    with op.batch_alter_table("verdicts") as batch:
        for column in ("reasons", "confidence", "probability", "likelihood", "known_by",
                       "kind"):
            batch.drop_column(column)
