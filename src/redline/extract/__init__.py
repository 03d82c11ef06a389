"""Extraction: one spaCy parse per text (per block of a long text), then events, factuality
and quotes on the same Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from redline.errors import InputError
from redline.records import Analysis, Event, Quote, as_utc

__all__ = ["analyze", "analyze_many", "credit_speakers", "factuality_of", "parse_published"]


def __getattr__(name: str) -> Any:
    # spaCy is imported with the components, on first use: a module of this package
    # that needs no parse (the gazetteer, the actor dictionary for dataset imports)
    # is imported without it.
    if name == "credit_speakers":
        from redline.extract.components import credit_speakers

        return credit_speakers
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_published(published: str | date | datetime | None) -> datetime | None:
    """A publication time as an aware UTC datetime; ISO strings and dates are accepted."""
    if published is None:
        return None
    if isinstance(published, str):
        try:
            published = datetime.fromisoformat(published.strip())
        except ValueError as exc:
            raise InputError(f"published {published!r}",
                             "not an ISO date or time (e.g. 2024-10-20 or 2024-10-20T09:00+09:00)"
                             ) from exc
    if not isinstance(published, datetime):
        published = datetime(published.year, published.month, published.day, tzinfo=UTC)
    return as_utc(published)


def local_date(published: str | date | datetime | None) -> date | None:
    """The calendar day of ``published`` where it was published.

    A time given with an offset keeps its own day: 2024-10-20T08:00+09:00 is
    20 October, though 19 October in UTC. Relative dates ("yesterday", "Friday")
    count from this day.
    """
    if isinstance(published, str):
        try:
            published = datetime.fromisoformat(published.strip())
        except ValueError:
            return None  # parse_published names the problem
    if isinstance(published, datetime):
        return published.date()
    return published


def analyze(text: str, *, published: str | date | datetime | None = None) -> Analysis:
    """Events (with factuality and attribution) and quotes of ``text``.

    ``published`` anchors relative dates ("Friday", "earlier this month") on its own
    calendar day (in its own offset where it has one); without it only absolute dates
    are resolved. A text longer than the pipeline's ``max_length`` is analysed in blocks
    cut at paragraph breaks, with the offsets of each block shifted into ``text``.
    """
    return next(analyze_many([(text, published)]))


Published = str | date | datetime | None


def analyze_many(items: Iterable[tuple[str, Published]], *, batch_size: int = 32
                 ) -> Iterator[Analysis]:
    """``analyze(text, published=published)`` for each ``(text, published)`` pair, in order.

    The blocks of all texts go through the pipeline's ``nlp.pipe`` in batches of
    ``batch_size``, so many short articles cost about one batched parse. Each block's
    Doc carries its publication day (``doc._.published_day``) for relative dates.
    """
    from redline.extract.nlp import load_nlp, load_pipeline

    nlp = load_pipeline()
    limit = int(load_nlp().max_length)
    pending = [(text, published, text_blocks(text, limit)) for text, published in items]
    docs = nlp.pipe((_dated_doc(nlp, block, local_date(published))
                     for _, published, blocks in pending for _, block in blocks),
                    batch_size=batch_size)
    for text, published, blocks in pending:
        events: list[Event] = []
        quotes: list[Quote] = []
        sentences: list[tuple[int, int]] = []
        for offset, _ in blocks:
            doc = next(docs)
            events.extend(shift_event(e, offset) for e in doc._.events)
            quotes.extend(shift_quote(q, offset) for q in doc._.quotes)
            sentences.extend((s.start_char + offset, s.end_char + offset) for s in doc.sents)
        yield Analysis(text=text, published=parse_published(published), events=events,
                       quotes=quotes, sentences=sentences)


def _dated_doc(nlp: Any, text: str, day: date | None) -> Any:
    doc = nlp.make_doc(text)
    doc._.published_day = day
    return doc


#: Where a block may end, best first: a paragraph break, a line break, a sentence end, a space.
BREAKS = ("\n\n", "\n", ". ", " ")


def text_blocks(text: str, limit: int) -> list[tuple[int, str]]:
    """``text`` as (offset, block) pairs, each block at most ``limit`` chars.

    Each block ends at the last paragraph break that fits, else at the last line
    break, sentence end or space, else at ``limit``.
    """
    blocks: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next((window.rfind(mark) + len(mark) for mark in BREAKS
                    if window.rfind(mark) > 0), limit)
        blocks.append((start, window[:cut]))
        start += cut
    if start < len(text) or not blocks:
        blocks.append((start, text[start:]))
    return blocks


def _shifted(span: tuple[int, int] | None, offset: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] + offset, span[1] + offset)


def shift_event(event: Event, offset: int) -> Event:
    """``event`` with its char offsets moved ``offset`` chars on."""
    if not offset:
        return event
    return replace(event, span=(event.span[0] + offset, event.span[1] + offset),
                   trigger_span=_shifted(event.trigger_span, offset))


def shift_quote(quote: Quote, offset: int) -> Quote:
    """``quote`` with its char offsets moved ``offset`` chars on."""
    if not offset:
        return quote
    start, end = quote.content_span
    return replace(quote, content_span=(start + offset, end + offset),
                   speaker_span=_shifted(quote.speaker_span, offset),
                   cue_span=_shifted(quote.cue_span, offset))




def factuality_of(text: str, start: int, end: int) -> float:
    """Commitment (-3..+3) to the predicate at char span ``start:end`` of ``text``.

    Certainty × polarity on the MEANTIME/FactBank scale: a future asserted with
    certainty ("will send") is +3 here, while the event's own ``factuality`` treats
    it as not (yet) happened.
    """
    from redline.extract.factuality import factuality_of as _factuality_of

    return float(_factuality_of(text, start, end))
