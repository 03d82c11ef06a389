"""Cut an article's text into segments marked with the events and quotes that cover them.

Spans may overlap and cross, so the text is split at every span boundary; each
segment knows which events and quotes cover it and which labels start there.
The template escapes every piece of text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from redline.records import FACTUALITY_LABELS
from redline.web.schemas import Event, Quote


@dataclass(frozen=True)
class Tag:
    """A label shown where a span starts: an event's type and factuality, or a speaker."""

    kind: str  # "event" or "speaker"
    text: str
    anchor: str  # element id, e.g. "ev-12"
    label: str  # factuality label (events) or "" (quotes)


@dataclass(frozen=True)
class Segment:
    text: str
    label: str | None = None  # factuality label colouring the segment, if an event covers it
    quote: bool = False
    speaker: bool = False
    title: str = ""
    tags: tuple[Tag, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str  # "event", "quote" or "speaker"
    label: str
    factuality: float
    title: str
    tag: Tag | None


def _label(event: Event) -> str:
    return event.factuality_label if event.factuality_label in FACTUALITY_LABELS else "unknown"


def _event_title(event: Event) -> str:
    who = event.actor_text or event.actor or "?"
    whom = event.recipient_text or event.recipient
    text = f"{event.event_type}: {who}" + (f" → {whom}" if whom else "")
    text += f" · {event.factuality_label} ({event.factuality:+.1f})"
    if event.intended_text or event.intended_by:
        text += f" · aim of {event.intended_text or event.intended_by}"
    if event.attributed_text or event.attributed_to:
        text += f" · according to {event.attributed_text or event.attributed_to}"
    return text


def _marks(events: list[Event], quotes: list[Quote], length: int) -> list[_Mark]:
    marks: list[_Mark] = []
    for event in events:
        if event.span_start is None or event.span_end is None:
            continue
        label = _label(event)
        tag = Tag("event", f"{event.event_type} · {event.factuality_label}", f"ev-{event.id}",
                  label)
        marks.append(_Mark(event.span_start, event.span_end, "event", label, event.factuality,
                           _event_title(event), tag))
    for quote in quotes:
        speaker = quote.speaker or "unknown speaker"
        title = f"Quote ({quote.kind}) by {speaker}" + (f", {quote.role}" if quote.role else "")
        tag = Tag("speaker", speaker, f"q-{quote.id}", "")
        marks.append(_Mark(quote.content_start, quote.content_end, "quote", "", 0.0, title, tag))
        if quote.speaker_start is not None and quote.speaker_end is not None:
            marks.append(_Mark(quote.speaker_start, quote.speaker_end, "speaker", "", 0.0,
                               f"Speaker: {speaker}", None))
    return [m for m in marks if 0 <= m.start < m.end <= length]


def _segment(text: str, start: int, end: int, covering: list[_Mark],
             starting: list[_Mark]) -> Segment:
    events = [m for m in covering if m.kind == "event"]
    # Overlapping events colour the text by the least certain one: never overstate.
    label = min(events, key=lambda m: m.factuality).label if events else None
    return Segment(text=text[start:end], label=label,
                   quote=any(m.kind == "quote" for m in covering),
                   speaker=any(m.kind == "speaker" for m in covering),
                   title="\n".join(dict.fromkeys(m.title for m in covering)),
                   tags=tuple(m.tag for m in starting if m.tag is not None))


def segments(text: str, events: list[Event], quotes: list[Quote]) -> list[Segment]:
    """The text in order, cut where any event or quote span starts or ends."""
    marks = _marks(events, quotes, len(text))
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    result = []
    for start, end in itertools.pairwise(cuts):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        starting = sorted((m for m in covering if m.start == start),
                          key=lambda m: (m.kind != "speaker", m.kind != "quote", -m.end))
        result.append(_segment(text, start, end, covering, starting))
    return result
