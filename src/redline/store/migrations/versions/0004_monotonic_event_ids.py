"""never reuse event and quote ids on SQLite

Re-analysing an article deletes its events and quotes and inserts new ones. Without
AUTOINCREMENT, SQLite hands the deleted highest ids out again, so "ids above the last
verdict's high-water mark" would miss new rows. PostgreSQL sequences never reuse ids.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"

TABLES = ("events", "quotes")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always",
                                  table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(table, recreate="always"):
            pass
