"""Events and quotes with their evidence spans."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, update

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


def quote_values(quote: Quote, *, article_id: str, published: datetime | None
                 ) -> dict[str, Any]:
    """The column values of a quote's row."""
    return {**flat(quote), "article_id": article_id, "published": published}


def replace_analysis(store: Store, article_id: str, analysis: Analysis) -> tuple[int, int]:
    """Store the analysis of an article, replacing any earlier one, in one transaction.

    Returns the number of events and quotes stored.
    """
    return replace_analyses(store, [(article_id, analysis)])[0]


#: Article ids per ``IN (...)`` list, within every backend's limit on parameters.
_IDS_PER_QUERY = 500


def replace_analyses(store: Store, analyses: list[tuple[str, Analysis]]) -> list[tuple[int, int]]:
    """Store the analyses of many articles in one transaction, each replacing any earlier
    one; all or none are stored. Returns (events, quotes) stored for each, in order.

    The rows go in as one bulk ``INSERT`` (executemany) per table, in the order of
    ``analyses``; where an article comes twice, its last analysis is the one stored.
    """
    latest = dict(analyses)
    ids = list(latest)
    with store.write() as session:
        lock_keys(session, *ids)  # two analyses of one article never both insert
        connection = session.connection()
        found: dict[str, tuple[datetime | None, str | None]] = {}
        for chunk in batched(ids, _IDS_PER_QUERY):
            found.update((row.id, (row.published, row.outlet)) for row in connection.execute(
                select(ArticleRow.id, ArticleRow.published, ArticleRow.outlet)
                .where(ArticleRow.id.in_(chunk))))
        missing = next((article_id for article_id in ids if article_id not in found), None)
        if missing is not None:
            raise NotFoundError(f"no article {missing!r} in {store.url}")
        for chunk in batched(ids, _IDS_PER_QUERY):
            for table in (EventRow, QuoteRow, SentenceRow):
                connection.execute(delete(table).where(table.article_id.in_(chunk)))
        sentences: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        quotes: list[dict[str, Any]] = []
        for article_id, analysis in latest.items():
            published, outlet = found[article_id]
            sentences.extend({"article_id": article_id, "idx": i, "start": start, "end": end}
                             for i, (start, end) in enumerate(analysis.sentences))
            events.extend(event_values(e, article_id=article_id, published=published,
                                       outlet=outlet) for e in analysis.events)
            quotes.extend(quote_values(q, article_id=article_id, published=published)
                          for q in analysis.quotes)
        for table, rows in ((SentenceRow, sentences), (EventRow, events), (QuoteRow, quotes)):
            if rows:
                connection.execute(insert(table), rows)
        now = datetime.now(UTC)
        for chunk in batched(ids, _IDS_PER_QUERY):
            connection.execute(update(ArticleRow).where(ArticleRow.id.in_(chunk))
                               .values(analyzed=now, analysis_error=None))
    return [(len(a.events), len(a.quotes)) for a in (latest[i] for i, _ in analyses)]


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
