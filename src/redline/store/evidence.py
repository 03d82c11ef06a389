"""Events and quotes with their evidence spans."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import delete, select

from redline.errors import NotFoundError
from redline.records import STORED_NAME, Analysis, Event, Quote, flat
from redline.store.db import Store, lock_keys
from redline.store.models import (
    ArticleRow,
    EventRow,
    QuoteRow,
    SentenceRow,
    end_day,
    search_day,
)

T = TypeVar("T")


#: Columns named apart from the record's field (``records.Event.event``).
COLUMN_OF_FIELD = STORED_NAME


def event_values(event: Event, *, article_id: str | None, published: datetime | None,
                 outlet: str | None, dataset: str = "redline",
                 dataset_id: str | None = None, source_url: str | None = None) -> dict[str, Any]:
    """The column values of an event's row: every flat field of the record
    (``records.flat``), then where it was read."""
    values = {COLUMN_OF_FIELD.get(name, name): value for name, value in flat(event).items()}
    return {
        **values, "article_id": article_id, "dataset": dataset, "dataset_id": dataset_id,
        "published": published, "outlet": outlet, "source_url": source_url,
        "sort_day": search_day(event.date.start if event.date is not None else None,
                               published),
        "end_day": end_day(event.date.start if event.date is not None else None,
                           event.date.end if event.date is not None else None, published),
    }


def event_row(event: Event, *, article_id: str | None, published: datetime | None,
              outlet: str | None, dataset: str = "redline",
              dataset_id: str | None = None, source_url: str | None = None) -> EventRow:
    return EventRow(**event_values(event, article_id=article_id, published=published,
                                   outlet=outlet, dataset=dataset, dataset_id=dataset_id,
                                   source_url=source_url))


def quote_row(quote: Quote, *, article_id: str, published: datetime | None) -> QuoteRow:
    return QuoteRow(**flat(quote), article_id=article_id, published=published)


def replace_analysis(store: Store, article_id: str, analysis: Analysis) -> tuple[int, int]:
    """Store the analysis of an article, replacing any earlier one, in one transaction.

    Returns the number of events and quotes stored.
    """
    return replace_analyses(store, [(article_id, analysis)])[0]


def replace_analyses(store: Store, analyses: list[tuple[str, Analysis]]) -> list[tuple[int, int]]:
    """Store the analyses of many articles in one transaction, each replacing any earlier
    one; all or none are stored. Returns (events, quotes) stored for each, in order."""
    counts: list[tuple[int, int]] = []
    with store.write() as session:
        # two analyses of one article never both insert
        lock_keys(session, *(article_id for article_id, _ in analyses))
        for article_id, analysis in analyses:
            article = session.get(ArticleRow, article_id)
            if article is None:
                raise NotFoundError(f"no article {article_id!r} in {store.url}")
            for table in (EventRow, QuoteRow):
                session.execute(delete(table).where(table.article_id == article_id))
            session.execute(delete(SentenceRow).where(SentenceRow.article_id == article_id))
            session.add_all(
                SentenceRow(article_id=article_id, idx=i, start=start, end=end)
                for i, (start, end) in enumerate(analysis.sentences))
            session.add_all(
                event_row(e, article_id=article_id, published=article.published,
                          outlet=article.outlet)
                for e in analysis.events)
            session.add_all(
                quote_row(q, article_id=article_id, published=article.published)
                for q in analysis.quotes)
            article.analyzed = datetime.now(UTC)
            article.analysis_error = None
            counts.append((len(analysis.events), len(analysis.quotes)))
    return counts


def unanalyzed_article_ids(store: Store, *, all_articles: bool = False) -> list[str]:
    query = select(ArticleRow.id).order_by(ArticleRow.published, ArticleRow.id)
    if not all_articles:
        query = query.where(ArticleRow.analyzed.is_(None))
    with store.read() as session:
        return list(session.scalars(query))


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter), read as they come."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
