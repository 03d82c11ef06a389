"""Event records: the context an event reader works in and how it writes an event.

``EventRecords`` holds what every part of the reader consults (the parse, the patterns,
the actors, factuality and times) and turns a trigger with its arguments into an
``Event``; ``redline.extract.events`` finds the triggers and their arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from redline.extract.actors import ActorIndex, resolve_actor
from redline.extract.arguments import (
    Party,
    PartyResolver,
    attach_times,
    context_words,
    load_arguments,
    trigger_text,
)
from redline.extract.patterns import EventLexicon, Reading, load_patterns
from redline.extract.phrases import np_text
from redline.extract.places import locate
from redline.extract.size import first_size
from redline.records import Event, TimeRef

Token = Any


class FactualityLike(Protocol):
    """What ``redline.extract.factuality.factuality_of_token`` returns."""

    @property
    def value(self) -> float: ...
    @property
    def label(self) -> str: ...
    @property
    def source(self) -> Any: ...


FactualityFn = Callable[[Token], FactualityLike]


@dataclass(frozen=True)
class Trigger:
    """Where an event is anchored: the acting word, the event noun it governs, the reading."""

    token: Token
    reading: Reading
    noun: Token | None = None
    carried_by: str | None = None  # the light or reporting verb that carries an event noun

    @property
    def depth(self) -> int:
        return sum(1 for _ in self.token.ancestors)


class EventRecords:
    """The context of one parsed document's events, and the writing of each record."""

    def __init__(self, doc: Any, *, times: dict[int, TimeRef], factuality: FactualityFn,
                 index: ActorIndex | None = None, patterns: EventLexicon | None = None) -> None:
        self.doc = doc
        self.patterns = patterns or load_patterns()
        self.index = index or ActorIndex(doc)
        self.resolver = PartyResolver(doc, self.index)
        self.factuality = factuality
        self.time_at = attach_times(doc, times)
        self.roles = self.patterns.roles
        self.words = load_arguments()


    def _self_reference(self, token: Token) -> bool:
        """A pronoun subject standing for someone already named (it, they, he, we, I)."""
        return self.resolver.kind(token) in {"things", "persons", "speakers"}

    def _coded(self, head: Token) -> list[Party]:
        return [p for p in self.resolver.parties(head) if p.code]

    # -- the record ---------------------------------------------------------------

    def _event(self, trigger: Trigger, actor: Party, recipient: Party,
               objects: list[Token]) -> Event:
        token, reading, noun = trigger.token, trigger.reading, trigger.noun
        sentence = token.sent
        fact = self._factuality(trigger)
        source = fact.source
        attributed_text = str(source.text) if source is not None else None
        attributed_to = self._source_code(source) if source is not None else None
        words = context_words(token, noun, objects)
        contexts = list(dict.fromkeys([*self.patterns.contexts_of(words), *reading.context]))
        last = noun if noun is not None and noun.i > token.i else token
        first = noun if noun is not None and noun.i < token.i else token
        sentence_text = str(sentence.text).rstrip()
        place = locate(token, noun, reading.event)
        return Event(
            event=str(reading.event),
            span=(sentence.start_char, sentence.start_char + len(sentence_text)),
            factuality=float(fact.value), factuality_label=str(fact.label),
            actor=actor.code, actor_text=actor.text or None,
            recipient=recipient.code, recipient_text=recipient.text or None,
            cameo=reading.cameo, mode=contexts[0] if contexts else reading.mode,
            context=tuple(contexts), size=first_size(objects),
            location=place.text, location_country=place.country, location_region=place.region,
            date=self._date(trigger, source),
            attributed_to=attributed_to, attributed_text=attributed_text,
            assertion=getattr(fact, "assertion", None),
            trigger=trigger_text(self.doc, first, last),
            trigger_span=(first.idx, last.idx + len(last.text)),
            objects=tuple(dict.fromkeys(np_text(o) for o in objects)),
            sentence=sentence_text,
        )

    def _factuality(self, trigger: Trigger) -> FactualityLike:
        """A reporting verb that carries an event noun reports on it: "the transfer has not
        been confirmed" leaves the transfer unconfirmed, not denied."""
        fact = self.factuality(trigger.token)
        if trigger.carried_by in self.patterns.reporting and fact.value < 0:
            return FixedReading(0.0, "unconfirmed", fact.source)
        return fact

    def _source_code(self, source: Any) -> str | None:
        mentions = self.index.within(source.start, source.end)
        root = source.root
        if self.resolver.kind(root) == "things":
            return self.resolver.resolve(root).code
        own = self.index.by_token.get(root.i)
        if own is not None:
            return own.code
        if mentions:
            return mentions[-1].code
        return resolve_actor(str(source.text), self.index.codes)

    def _date(self, trigger: Trigger, source: Any) -> TimeRef | None:
        anchors = [trigger.token]
        if trigger.noun is not None:
            anchors.append(trigger.noun)
            anchors += [c for c in trigger.noun.children if c.dep_ == "acl"]
        anchors += list(trigger.token.ancestors)
        if source is not None and source.root.head.i != source.root.i:
            anchors.append(source.root.head)
        reporting = self.patterns.reporting
        for anchor in anchors:
            if anchor.i in self.time_at:
                return self.time_at[anchor.i]
            for child in anchor.children:
                if child.lemma_.lower() in reporting and child.i in self.time_at:
                    return self.time_at[child.i]
        return None


@dataclass(frozen=True)
class FixedReading:
    """A factuality fixed by the reader rather than read off the parse."""

    value: float
    label: str
    source: Any = None
