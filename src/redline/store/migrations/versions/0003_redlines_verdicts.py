"""red lines and verdicts

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "redlines",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("declared_by", sa.String(64), nullable=False),
        sa.Column("declared", sa.String(32)),
        sa.Column("source", sa.Text),
        sa.Column("spec", sa.JSON, nullable=False),
        sa.Column("added", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "verdicts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("line_id", sa.String(128),
                  sa.ForeignKey("redlines.id", ondelete="CASCADE"), nullable=False),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        sa.Column("computed", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("speculated", sa.JSON, nullable=False),
        sa.Column("assessments", sa.JSON, nullable=False),
        sa.Column("changed", sa.JSON, nullable=False),
        sa.Column("moved_by_article", sa.String(64)),
        sa.Column("last_event_id", sa.Integer),
        sa.Column("last_quote_id", sa.Integer),
    )
    op.create_index("ix_verdicts_line_asof", "verdicts", ["line_id", "as_of"])


def downgrade() -> None:
    op.drop_table("verdicts")
    op.drop_table("redlines")
