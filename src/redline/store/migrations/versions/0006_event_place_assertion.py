"""events record where they happened and how their source commits to them

``location_country`` (ISO 3166-1 alpha-3) and ``location_region`` (ISO 3166-2 first-level
region) resolve the place phrase already stored in ``location``; ``assertion`` is
asserted, assessed, reported, hearsay or questioned. Existing rows keep NULL in all three
until their article is analysed again.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"

COLUMNS = (
    ("location_country", sa.String(3)),
    ("location_region", sa.String(16)),
    ("assertion", sa.String(16)),
)


def upgrade() -> None:
    for name, type_ in COLUMNS:
        op.add_column("events", sa.Column(name, type_))
    op.create_index("ix_events_location_country", "events", ["location_country"])


def downgrade() -> None:
    op.drop_index("ix_events_location_country", table_name="events")
    sqlite = op.get_bind().dialect.name == "sqlite"
    # SQLite drops columns by copying the table: keep its AUTOINCREMENT (migration 0004).
    with op.batch_alter_table("events", table_kwargs={"sqlite_autoincrement": True}
                              if sqlite else {}) as batch:
        for name, _type in reversed(COLUMNS):
            batch.drop_column(name)
