"""Extraction: one spaCy parse per text (per block of a long text), then events, factuality
and quotes on the same Doc."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from redline.errors import InputError
from redline.extract.quotes_lexicon import load_cues
from redline.records import Analysis, Event, Quote, as_utc

__all__ = ["analyze", "analyze_many", "factuality_of", "parse_published"]


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

    The blocks of all texts are parsed together through ``nlp.pipe`` in batches of
    ``batch_size``, so many short articles cost about one batched parse.
    """
    from redline.extract.nlp import load_nlp

    nlp = load_nlp()
    limit = int(nlp.max_length)
    pending = [(text, published, text_blocks(text, limit)) for text, published in items]
    docs = nlp.pipe((block for _, _, blocks in pending for _, block in blocks),
                    batch_size=batch_size)
    for text, published, blocks in pending:
        day = local_date(published)
        events: list[Event] = []
        quotes: list[Quote] = []
        sentences: list[tuple[int, int]] = []
        for offset, _ in blocks:
            found = _analyse_block(next(docs), day)
            events.extend(shift_event(e, offset) for e in found.events)
            quotes.extend(shift_quote(q, offset) for q in found.quotes)
            sentences.extend((start + offset, end + offset) for start, end in found.sentences)
        yield Analysis(text=text, published=parse_published(published), events=events,
                       quotes=quotes, sentences=sentences)


def _analyse_block(doc: Any, day: date | None) -> Analysis:
    from redline.extract.actors import ActorIndex
    from redline.extract.events import EventFinder
    from redline.extract.factuality import factuality_of_token
    from redline.extract.timex import resolve_times

    index = ActorIndex(doc)
    times = resolve_times(doc, day)
    finder = EventFinder(doc, times=times, factuality=factuality_of_token, index=index)
    quotes = _quotes(doc)
    return Analysis(text=doc.text, events=credit_speakers(finder.events(), quotes),
                    quotes=quotes, sentences=[(s.start_char, s.end_char) for s in doc.sents])


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




def _stands_in(source: str | None) -> bool:
    """True for a source the quote resolver can name better: none, a pronoun, "the professor"."""
    if source is None:
        return True
    words = source.split()
    if len(words) == 1:
        return words[0].lower() in load_cues().pronouns
    return words[0].lower() == "the" and len(words) <= 3 and all(w.islower() for w in words[1:])


def credit_speakers(events: list[Event], quotes: list[Quote]) -> list[Event]:
    """Attribute events said inside a quote to the quote's resolved speaker.

    "He added, '... impose sanctions ...'" asserts the sanctions event on behalf of
    whoever "He" resolves to. A source the text names inside the quote ("the NIS
    confirmed that ...") is kept: only missing sources, pronouns and bare definite
    descriptions ("the professor") are replaced.
    """
    pronouns = load_cues().pronouns
    credited = []
    for event in events:
        where = event.trigger_span or event.span
        quote = next((q for q in quotes if q.speaker and q.speaker.lower() not in pronouns
                      and q.content_span[0] <= where[0] and where[1] <= q.content_span[1]), None)
        if quote is not None and _stands_in(event.attributed_text):
            event = replace(event, attributed_text=quote.speaker,
                            attributed_to=quote.speaker_actor or event.attributed_to)
        credited.append(event)
    return credited


def factuality_of(text: str, start: int, end: int) -> float:
    """Commitment (-3..+3) to the predicate at char span ``start:end`` of ``text``.

    Certainty × polarity on the MEANTIME/FactBank scale: a future asserted with
    certainty ("will send") is +3 here, while the event's own ``factuality`` treats
    it as not (yet) happened.
    """
    from redline.extract.factuality import factuality_of as _factuality_of

    return float(_factuality_of(text, start, end))


def _quotes(doc: Any) -> list[Quote]:
    from redline.extract.quotes import extract_quotes

    return list(extract_quotes(doc))
