"""articles and sentences

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("url", sa.String(2048), unique=True),
        sa.Column("outlet", sa.String(256)),
        sa.Column("headline", sa.Text),
        sa.Column("subheadline", sa.Text),
        sa.Column("byline", sa.String(512)),
        sa.Column("published", sa.DateTime(timezone=True)),
        sa.Column("retrieved", sa.DateTime(timezone=True)),
        sa.Column("ingested", sa.DateTime(timezone=True), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("section_headings", sa.JSON, nullable=False),
        sa.Column("boilerplate", sa.JSON, nullable=False),
        sa.Column("source_path", sa.String(2048)),
        sa.Column("analyzed", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_table(
        "sentences",
        sa.Column("article_id", sa.String(64),
                  sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sentences")
    op.drop_table("articles")
