"""events keep whose aim they are, apart from who reports them

"Russia aims to seize Kharkiv", "Pyongyang's plan to send troops", "... in order to
help": the seizing, the sending and the helping are the aim of Russia, Pyongyang and
the doer of the clause. ``intended_by`` (its code) and ``intended_text`` (as written)
say so; ``attributed_to`` and ``attributed_text`` stay who reports or asserts it. Rows
stored before have none.

Columns are added and dropped in place (SQLite's ``ALTER TABLE ... DROP COLUMN``, no
batch rebuild), so the full-text triggers of migration 0017 on ``events`` stay.

Revision ID: 0018
Revises: 0017
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"


def upgrade() -> None:
    op.add_column("events", sa.Column("intended_by", sa.String(64), nullable=True))
    op.add_column("events", sa.Column("intended_text", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("events", "intended_text")
    op.drop_column("events", "intended_by")
