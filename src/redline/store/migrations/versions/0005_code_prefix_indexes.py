"""actor and recipient indexes that serve code prefixes on PostgreSQL

A red line naming ``RUS`` also watches its sectors (``RUS-MIL``). On SQLite the sectors
are a range of the BINARY-collated index. On PostgreSQL the column collation may ignore
punctuation (glibc locales such as en_US.UTF-8 do), so the sectors are read with
``LIKE 'RUS-%'``, which a B-tree index serves only with the ``text_pattern_ops``
operator class. Those indexes also serve equality, so they replace the plain ones.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"

#: name: (columns, columns compared by prefix)
INDEXES = {
    "ix_events_type_actor": (["event_type", "actor"], ["actor"]),
    "ix_events_actor_recipient": (["actor", "recipient"], ["actor", "recipient"]),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (columns, prefixed) in INDEXES.items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns,
                        postgresql_ops={column: "text_pattern_ops" for column in prefixed})


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (columns, _prefixed) in INDEXES.items():
        op.drop_index(name, table_name="events")
        op.create_index(name, "events", columns)
