"""events and quotes

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE")),
        sa.Column("dataset", sa.String(32), nullable=False),
        sa.Column("dataset_id", sa.String(128)),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("cameo", sa.String(8)),
        sa.Column("actor", sa.String(64)),
        sa.Column("actor_text", sa.Text),
        sa.Column("recipient", sa.String(64)),
        sa.Column("recipient_text", sa.Text),
        sa.Column("mode", sa.String(64)),
        sa.Column("context", sa.JSON, nullable=False),
        sa.Column("size", sa.Integer),
        sa.Column("size_unit", sa.String(64)),
        sa.Column("size_qualifier", sa.String(16)),
        sa.Column("location", sa.String(256)),
        sa.Column("date_start", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_granularity", sa.String(16)),
        sa.Column("date_text", sa.String(256)),
        sa.Column("factuality", sa.Float, nullable=False),
        sa.Column("factuality_label", sa.String(16), nullable=False),
        sa.Column("attributed_to", sa.String(64)),
        sa.Column("attributed_text", sa.Text),
        sa.Column("trigger", sa.String(256)),
        sa.Column("objects", sa.JSON, nullable=False),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        sa.Column("sentence", sa.Text),
        sa.Column("published", sa.DateTime(timezone=True)),
        sa.Column("outlet", sa.String(256)),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_type_actor", "events", ["event_type", "actor"])
    op.create_index("ix_events_actor_recipient", "events", ["actor", "recipient"])
    op.create_index("ix_events_published", "events", ["published"])
    op.create_index("ix_events_dataset_id", "events", ["dataset", "dataset_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("speaker", sa.String(512)),
        sa.Column("speaker_actor", sa.String(64)),
        sa.Column("role", sa.Text),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("speaker_start", sa.Integer),
        sa.Column("speaker_end", sa.Integer),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("content_start", sa.Integer, nullable=False),
        sa.Column("content_end", sa.Integer, nullable=False),
        sa.Column("cue", sa.String(256)),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("published", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])
    op.create_index("ix_quotes_published", "quotes", ["published"])


def downgrade() -> None:
    op.drop_table("quotes")
    op.drop_table("events")
