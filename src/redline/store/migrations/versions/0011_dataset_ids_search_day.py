"""dataset events unique by (dataset, original id); a stored day for search to sort by

Imports insert with ``ON CONFLICT DO NOTHING`` instead of looking up each id, so the
index on (dataset, dataset_id) becomes unique. Extracted events have no dataset id
(NULL), and NULLs never conflict. Any copies an older import left are removed first,
keeping the first stored.

Search lists events newest first by their own date, else the UTC day they were
published. Sorting by that expression defeats every index, so it is stored as
``sort_day`` (filled here for existing rows) and indexed with the id.

Revision ID: 0011
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0008"  # 0005 as assigned; chained after the head of main


def upgrade() -> None:
    op.execute(
        "DELETE FROM events WHERE dataset_id IS NOT NULL AND id NOT IN "
        "(SELECT min(id) FROM events WHERE dataset_id IS NOT NULL "
        "GROUP BY dataset, dataset_id)")
    op.drop_index("ix_events_dataset_id", table_name="events")
    op.create_index("ix_events_dataset_id", "events", ["dataset", "dataset_id"], unique=True)
    op.add_column("events", sa.Column("sort_day", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        day = "CAST(published AT TIME ZONE 'UTC' AS DATE)"
    else:
        day = "date(published)"  # SQLite keeps UTC without a zone
    op.execute(f"UPDATE events SET sort_day = COALESCE(date_start, {day})")
    op.create_index("ix_events_sort_day", "events", ["sort_day", "id"])


def downgrade() -> None:
    op.drop_index("ix_events_sort_day", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("sort_day")
    op.drop_index("ix_events_dataset_id", table_name="events")
    op.create_index("ix_events_dataset_id", "events", ["dataset", "dataset_id"])
