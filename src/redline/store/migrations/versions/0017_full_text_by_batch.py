"""full-text indexing one statement per write instead of one trigger run per row

On SQLite, migration 0014's insert triggers indexed each new event and quote with text
as it was inserted: about three times the cost of the insert itself (40,000 events with
25-word sentences: 0.8 s of CPU time without the index, 3.3 s with the trigger, 1.0 s
with one ``INSERT ... SELECT`` for all of them). The insert triggers go; each write now
indexes the rows above its table's mark in ``full_text_marks`` as it commits
(``store.full_text_index``). The delete and update triggers stay, for rows at or below
the mark only: a row above it is not in the index yet. Every row stored now is indexed,
so the marks start at the highest ids. PostgreSQL's generated search vectors are
unchanged.

A later SQLite migration that rebuilds ``events`` or ``quotes`` (batch mode) drops their
triggers with the old table: it must create them again
(``store.full_text_index.sqlite_triggers``).

Revision ID: 0017
Revises: 0014
"""

from __future__ import annotations

from alembic import op

from redline.store.full_text_index import FULL_TEXT, MARKS, index_new_rows, sqlite_triggers

revision = "0017"
down_revision = "0014"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"CREATE TABLE {MARKS} (name VARCHAR(32) PRIMARY KEY, upto INTEGER NOT NULL)")
    for table, (fts, _first, _second) in FULL_TEXT.items():
        op.execute(f"INSERT INTO {MARKS} (name, upto) "
                   f"SELECT '{table}', coalesce(max(id), 0) FROM {table}")
        for suffix in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER {fts}_{suffix}")
        for trigger in sqlite_triggers(table):
            op.execute(trigger)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    from importlib import import_module

    earlier = import_module("redline.store.migrations.versions.0014_page_columns_full_text")
    index_new_rows(op.get_bind())  # what was stored since the last write, first
    for table, (fts, _first, _second) in FULL_TEXT.items():
        for suffix in ("delete", "update"):
            op.execute(f"DROP TRIGGER {fts}_{suffix}")
        for trigger in earlier.sqlite_triggers(table):
            op.execute(trigger)
    op.execute(f"DROP TABLE {MARKS}")
