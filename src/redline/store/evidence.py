"""Events and quotes with their evidence spans."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, select

from redline.datasets import DatasetEvent
from redline.errors import NotFoundError
from redline.records import Analysis, Event, Quote
from redline.store.db import Store, lock_keys
from redline.store.models import ArticleRow, EventRow, QuoteRow, SentenceRow


def event_row(event: Event, *, article_id: str | None, published: datetime | None,
              outlet: str | None, dataset: str = "redline",
              dataset_id: str | None = None, source_url: str | None = None) -> EventRow:
    size, date = event.size, event.date
    return EventRow(
        article_id=article_id, dataset=dataset, dataset_id=dataset_id,
        event_type=event.event, cameo=event.cameo,
        actor=event.actor, actor_text=event.actor_text,
        recipient=event.recipient, recipient_text=event.recipient_text,
        mode=event.mode, context=list(event.context),
        size=int(size) if size is not None else None,
        size_unit=size.unit if size is not None else None,
        size_qualifier=size.qualifier if size is not None else None,
        location=event.location, location_country=event.location_country,
        location_region=event.location_region,
        date_start=date.start if date is not None else None,
        date_end=date.end if date is not None else None,
        date_granularity=date.granularity if date is not None else None,
        date_text=date.text if date is not None else None,
        factuality=event.factuality, factuality_label=event.factuality_label,
        attributed_to=event.attributed_to, attributed_text=event.attributed_text,
        assertion=event.assertion, trigger=event.trigger, objects=list(event.objects),
        span_start=event.span[0], span_end=event.span[1], sentence=event.sentence,
        published=published, outlet=outlet, source_url=source_url,
    )


def quote_row(quote: Quote, *, article_id: str, published: datetime | None) -> QuoteRow:
    speaker, cue = quote.speaker_span, quote.cue_span
    return QuoteRow(
        article_id=article_id, speaker=quote.speaker, speaker_actor=quote.speaker_actor,
        role=quote.role, kind=quote.kind,
        speaker_start=speaker[0] if speaker else None, speaker_end=speaker[1] if speaker else None,
        cue_start=cue[0] if cue else None, cue_end=cue[1] if cue else None,
        content_start=quote.content_span[0], content_end=quote.content_span[1],
        cue=quote.cue, content=quote.content, published=published,
    )


def replace_analysis(store: Store, article_id: str, analysis: Analysis) -> tuple[int, int]:
    """Store the analysis of an article, replacing any earlier one, in one transaction.

    Returns the number of events and quotes stored.
    """
    with store.write() as session:
        lock_keys(session, article_id)  # two analyses of one article never both insert
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
            event_row(e, article_id=article_id, published=article.published, outlet=article.outlet)
            for e in analysis.events)
        session.add_all(
            quote_row(q, article_id=article_id, published=article.published)
            for q in analysis.quotes)
        article.analyzed = datetime.now(UTC)
        article.analysis_error = None
    return len(analysis.events), len(analysis.quotes)


def unanalyzed_article_ids(store: Store, *, all_articles: bool = False) -> list[str]:
    query = select(ArticleRow.id).order_by(ArticleRow.published, ArticleRow.id)
    if not all_articles:
        query = query.where(ArticleRow.analyzed.is_(None))
    with store.read() as session:
        return list(session.scalars(query))


def add_dataset_events(store: Store, events: Iterable[DatasetEvent]) -> tuple[int, int]:
    """Store dataset events once each, keyed by (dataset, original id), in one transaction.

    Returns (new, unchanged). Re-importing the same export stores nothing new.
    """
    new = unchanged = 0
    with store.write() as session:
        batch: dict[tuple[str, str], DatasetEvent] = {}
        for item in events:
            batch.setdefault((item.dataset, item.dataset_id), item)
        # Two imports of one dataset at once check and insert one after the other.
        lock_keys(session, *{f"dataset:{dataset}" for dataset, _ in batch})
        by_dataset: dict[str, list[str]] = {}
        for dataset, dataset_id in batch:
            by_dataset.setdefault(dataset, []).append(dataset_id)
        seen: set[tuple[str, str]] = set()
        for dataset, ids in by_dataset.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                query = select(EventRow.dataset_id).where(
                    EventRow.dataset == dataset, EventRow.dataset_id.in_(chunk))
                seen.update((dataset, str(i)) for i in session.scalars(query))
        for key, item in batch.items():
            if key in seen:
                unchanged += 1
                continue
            session.add(event_row(item.event, article_id=None, published=item.published,
                                  outlet=item.outlet, dataset=item.dataset,
                                  dataset_id=item.dataset_id, source_url=item.url))
            new += 1
    return new, unchanged
