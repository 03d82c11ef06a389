"""analysis state on articles; the alert outbox

``articles.analysis_error`` records why an article's last analysis failed, so that an
article is analysed, failed or pending and the next ingest or ``analyze --all`` retries
the last two. ``alert_outbox`` holds each alert written in its verdict's transaction
until a webhook has taken it.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("analysis_error", sa.Text()))
    op.create_table(
        "alert_outbox",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("verdict_id", sa.Integer(),
                  sa.ForeignKey("verdicts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("line_id", sa.String(128), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text()),
        sa.Column("delivered", sa.DateTime(timezone=True)),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_alert_outbox_delivered", "alert_outbox", ["delivered"])


def downgrade() -> None:
    op.drop_index("ix_alert_outbox_delivered", table_name="alert_outbox")
    op.drop_table("alert_outbox")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("analysis_error")
