"""Table definitions. Every change here comes with an Alembic migration in ``migrations/``."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from redline.store.verdict_summary import strongest


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC on every backend (SQLite keeps no zone) and reads back aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; redline stores UTC only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of normalised text
    # A unique constraint and a plain index, as migration 0001 creates them.
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    outlet: Mapped[str | None] = mapped_column(String(256), index=True)
    headline: Mapped[str | None] = mapped_column(Text)
    subheadline: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    retrieved: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ingested: Mapped[datetime] = mapped_column(UTCDateTime())
    language: Mapped[str] = mapped_column(String(16), default="en")
    text: Mapped[str] = mapped_column(Text)
    section_headings: Mapped[list[str]] = mapped_column(JSON, default=list)
    boilerplate: Mapped[list[str]] = mapped_column(JSON, default=list)
    source_path: Mapped[str | None] = mapped_column(String(2048))
    analyzed: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Why the last analysis failed; cleared by a successful one (migration 0008). An
    # article is analysed (``analyzed`` set), failed (this set) or pending (neither).
    analysis_error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_articles_url", "url"),)


class SentenceRow(Base):
    __tablename__ = "sentences"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


def search_day(date_start: date | None, published: datetime | None) -> date | None:
    """The day search sorts an event by: its own date, else the UTC day it was published."""
    if date_start is not None:
        return date_start
    return published.astimezone(UTC).date() if published is not None else None


def _published(values: dict[str, Any]) -> datetime | None:
    published = values.get("published")
    if isinstance(published, datetime) and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return published if isinstance(published, datetime) else None


def _search_day_default(context: Any) -> date | None:
    values = context.get_current_parameters()
    return search_day(values.get("date_start"), _published(values))


def end_day(date_start: date | None, date_end: date | None,
            published: datetime | None) -> date | None:
    """The last day of an event's interval: its end, else its start, else the UTC day it
    was published (migration 0014)."""
    return date_end or search_day(date_start, published)


def _end_day_default(context: Any) -> date | None:
    values = context.get_current_parameters()
    return end_day(values.get("date_start"), values.get("date_end"), _published(values))


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    dataset: Mapped[str] = mapped_column(String(32), default="redline")  # redline|gdelt|acled
    dataset_id: Mapped[str | None] = mapped_column(String(128))
    event_type: Mapped[str] = mapped_column(String(32))
    cameo: Mapped[str | None] = mapped_column(String(8))
    actor: Mapped[str | None] = mapped_column(String(64))
    actor_text: Mapped[str | None] = mapped_column(Text)
    recipient: Mapped[str | None] = mapped_column(String(64))
    recipient_text: Mapped[str | None] = mapped_column(Text)
    mode: Mapped[str | None] = mapped_column(String(64))
    context: Mapped[list[str]] = mapped_column(JSON, default=list)
    size: Mapped[int | None] = mapped_column(Integer)
    size_unit: Mapped[str | None] = mapped_column(String(64))
    size_qualifier: Mapped[str | None] = mapped_column(String(16))
    location: Mapped[str | None] = mapped_column(String(256))
    location_country: Mapped[str | None] = mapped_column(String(3), index=True)  # ISO alpha-3
    location_region: Mapped[str | None] = mapped_column(String(16))  # ISO 3166-2, "UA-14"
    date_start: Mapped[date | None] = mapped_column(Date)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_granularity: Mapped[str | None] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(String(256))
    factuality: Mapped[float] = mapped_column(Float)
    factuality_label: Mapped[str] = mapped_column(String(16))
    attributed_to: Mapped[str | None] = mapped_column(String(64))
    attributed_text: Mapped[str | None] = mapped_column(Text)
    intended_by: Mapped[str | None] = mapped_column(String(64))  # migration 0018
    intended_text: Mapped[str | None] = mapped_column(Text)
    assertion: Mapped[str | None] = mapped_column(String(16))  # records.Assertion
    trigger: Mapped[str | None] = mapped_column(String(256))
    trigger_start: Mapped[int | None] = mapped_column(Integer)  # migration 0012
    trigger_end: Mapped[int | None] = mapped_column(Integer)
    objects: Mapped[list[str]] = mapped_column(JSON, default=list)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    sentence: Mapped[str | None] = mapped_column(Text)
    # Denormalised from the article so that as-of queries need no join.
    published: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outlet: Mapped[str | None] = mapped_column(String(256))
    source_url: Mapped[str | None] = mapped_column(String(2048))  # machine-coded rows
    # Stored so that search sorts through an index (migration 0011): see ``search_day``.
    sort_day: Mapped[date | None] = mapped_column(Date, default=_search_day_default)
    # The range search compares: [sort_day, end_day] overlaps the dates asked for.
    end_day: Mapped[date | None] = mapped_column(Date, default=_end_day_default)

    __table_args__ = (
        # A filter and the sort, each served by one index, the end day last so that a
        # date range is checked in the index (migration 0014).
        Index("ix_events_sort_day", "sort_day", "id", "end_day"),
        Index("ix_events_actor_day", "actor", "sort_day", "id", "end_day"),
        Index("ix_events_type_label_day", "event_type", "factuality_label", "sort_day", "id",
              "end_day"),
        Index("ix_events_label_day", "factuality_label", "sort_day", "id", "end_day"),
        # On PostgreSQL these serve code prefixes (LIKE 'RUS-%') too (migration 0005).
        Index("ix_events_type_actor", "event_type", "actor",
              postgresql_ops={"actor": "text_pattern_ops"}),
        Index("ix_events_actor_recipient", "actor", "recipient",
              postgresql_ops={"actor": "text_pattern_ops", "recipient": "text_pattern_ops"}),
        Index("ix_events_published", "published"),
        # Unique (migration 0011): imports skip known ids with ON CONFLICT DO NOTHING.
        Index("ix_events_dataset_id", "dataset", "dataset_id", unique=True),
        # Ids are never reused (migration 0004): assessment reads "ids above the last verdict's".
        {"sqlite_autoincrement": True},
    )


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(512), index=True)
    speaker_actor: Mapped[str | None] = mapped_column(String(64))
    role: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    cue: Mapped[str | None] = mapped_column(String(256))
    content: Mapped[str] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    __table_args__ = (
        Index("ix_quotes_speaker_actor_published", "speaker_actor", "published", "id"),
        {"sqlite_autoincrement": True},  # ids are never reused (migration 0004)
    )


class RedLineRow(Base):
    __tablename__ = "redlines"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    declared_by: Mapped[str] = mapped_column(String(64))
    declared: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(Text)
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)  # the validated definition, as written
    added: Mapped[datetime] = mapped_column(UTCDateTime())
    updated: Mapped[datetime] = mapped_column(UTCDateTime())


class VerdictRow(Base):
    """Verdicts are appended, never updated."""

    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    line_id: Mapped[str] = mapped_column(ForeignKey("redlines.id", ondelete="CASCADE"))
    as_of: Mapped[datetime] = mapped_column(UTCDateTime())
    computed: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(32))
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    speculated: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    assessments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    changed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    moved_by_article: Mapped[str | None] = mapped_column(String(64))
    last_event_id: Mapped[int | None] = mapped_column(Integer)
    last_quote_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="live", server_default="live")
    known_by: Mapped[datetime | None] = mapped_column(UTCDateTime())
    likelihood: Mapped[str | None] = mapped_column(String(32))
    probability: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[str | None] = mapped_column(String(16))
    reasons: Mapped[list[str] | None] = mapped_column(JSON)
    # Written with the verdict, so pages count and rank its evidence without reading it
    # (migration 0014): see ``store.verdict_summary``.
    evidence_count: Mapped[int | None] = mapped_column(
        Integer, default=lambda context: len(_listed(context, "evidence")))
    speculated_count: Mapped[int | None] = mapped_column(
        Integer, default=lambda context: len(_listed(context, "speculated")))
    strongest: Mapped[dict[str, Any] | None] = mapped_column(
        JSON, default=lambda context: strongest(_listed(context, "evidence")))

    __table_args__ = (Index("ix_verdicts_line_asof", "line_id", "as_of"),
                      Index("ix_verdicts_line_kind_asof", "line_id", "kind", "as_of"))


def _listed(context: Any, name: str) -> list[dict[str, Any]]:
    items = context.get_current_parameters().get(name)
    return list(items) if isinstance(items, list) else []


class AlertRow(Base):
    """An alert waiting for (or done with) delivery: written in the verdict's transaction,
    marked delivered once a webhook answered 2xx."""

    __tablename__ = "alert_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # the idempotency key
    verdict_id: Mapped[int] = mapped_column(ForeignKey("verdicts.id", ondelete="CASCADE"))
    line_id: Mapped[str] = mapped_column(String(128))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created: Mapped[datetime] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    delivered: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
