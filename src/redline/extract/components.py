"""The reading layer as spaCy components, each with its data files as config.

    redline_actors      doc.spans["actors"] (label ACTOR, kb_id the actor code),
                        doc._.actor_index
    redline_times       doc._.times: token index -> resolved time (from doc._.published_day)
    redline_factuality  token._.factuality: the event reading of a predicate, computed
                        on demand and kept per document
    redline_events      doc._.events: Event records, typed by the learned event typer
    redline_quotes      doc._.quotes: Quote records; events said inside a quote are
                        credited to its speaker (not inside "decided to ...": there
                        the speaker is the actor)

``redline.extract.nlp.load_pipeline`` adds them to the base model in this order.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from redline.errors import ConfigError
from redline.extract.actors import ACTORS_FILE, ActorIndex, load_lexicon
from redline.extract.event_aims import credit_aims
from redline.extract.event_typing import WEIGHTS_FILE, load_typer, with_proposals
from redline.extract.factuality_assertion import speaker_vouches
from redline.extract.patterns import PATTERNS_FILE, load_patterns
from redline.extract.quotes_lexicon import load_cues
from redline.records import Event, Quote

PIPES = ("redline_actors", "redline_times", "redline_factuality", "redline_events",
         "redline_quotes")
FACTUALITY_FUNCTION = "redline.extract.factuality:factuality_of_token"

for _name in ("published_day", "actor_index", "times", "events", "quotes",
              "factuality_reader", "factuality_cache"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _token_factuality(token: Token) -> Any:
    doc = token.doc
    reader = doc._.factuality_reader
    if reader is None:
        raise ConfigError("token._.factuality needs the redline_factuality component in "
                          "the pipeline (redline.extract.nlp.load_pipeline adds it)")
    cache = doc._.factuality_cache
    if token.i not in cache:
        cache[token.i] = reader(token)
    return cache[token.i]


if not Token.has_extension("factuality"):
    Token.set_extension("factuality", getter=_token_factuality)


@dataclass(frozen=True)
class _Constant:
    value: float = 3.0
    label: str = "confirmed"
    source: Any = None


def constant_factuality(token: Token) -> _Constant:
    """A reading that ignores the text: for code that needs events but not their factuality."""
    return _Constant()


class ActorsComponent:
    def __init__(self, actors_file: str) -> None:
        self.lexicon = load_lexicon(Path(actors_file))

    def __call__(self, doc: Doc) -> Doc:
        index = ActorIndex(doc, self.lexicon)
        doc._.actor_index = index
        doc.spans["actors"] = [Span(doc, m.start, m.end, label="ACTOR", kb_id=m.code)
                               for m in index.mentions]
        return doc


class TimesComponent:
    def __call__(self, doc: Doc) -> Doc:
        from redline.extract.timex import resolve_times

        doc._.times = resolve_times(doc, doc._.published_day)
        return doc


class FactualityComponent:
    def __init__(self, function: str) -> None:
        module, _, name = function.partition(":")
        try:
            self.function = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError) as exc:
            raise ConfigError(f"redline_factuality function {function!r} not found; "
                              f"expected module:function, e.g. {FACTUALITY_FUNCTION}") from exc

    def __call__(self, doc: Doc) -> Doc:
        doc._.factuality_reader = self.function
        doc._.factuality_cache = {}
        return doc


class EventsComponent:
    def __init__(self, patterns_file: str, model: str) -> None:
        self.patterns = load_patterns(Path(patterns_file))
        self.typer = load_typer(Path(model)) if model else None

    def __call__(self, doc: Doc) -> Doc:
        from redline.extract.events import EventFinder

        index = doc._.actor_index or ActorIndex(doc)
        finder = EventFinder(doc, times=doc._.times or {}, index=index, patterns=self.patterns,
                             factuality=lambda token: token._.factuality)
        events = finder.events()
        doc._.events = with_proposals(doc, finder, events, self.typer) if (
            self.typer is not None) else events
        return doc


class QuotesComponent:
    def __call__(self, doc: Doc) -> Doc:
        from redline.extract.quotes import extract_quotes

        quotes = list(extract_quotes(doc))
        doc._.quotes = quotes
        first_person = load_lexicon().pronouns.get("speakers", frozenset())
        doc._.events = credit_aims(credit_speakers(doc._.events or [], quotes, doc),
                                   [q for q in quotes if _names_speaker(q)], first_person)
        return doc


@Language.factory("redline_actors", default_config={"actors_file": str(ACTORS_FILE)})
def make_actors(nlp: Language, name: str, actors_file: str) -> ActorsComponent:
    return ActorsComponent(actors_file)


@Language.factory("redline_times")
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent()


@Language.factory("redline_factuality", default_config={"function": FACTUALITY_FUNCTION})
def make_factuality(nlp: Language, name: str, function: str) -> FactualityComponent:
    return FactualityComponent(function)


@Language.factory("redline_events", default_config={"patterns_file": str(PATTERNS_FILE),
                                                     "model": str(WEIGHTS_FILE)})
def make_events(nlp: Language, name: str, patterns_file: str, model: str) -> EventsComponent:
    return EventsComponent(patterns_file, model)


@Language.factory("redline_quotes")
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    return QuotesComponent()


def _stands_in(source: str | None) -> bool:
    """True for a source the quote resolver can name better: none, a pronoun, "the professor"."""
    if source is None:
        return True
    words = source.split()
    if len(words) == 1:
        return words[0].lower() in load_cues().pronouns
    return words[0].lower() == "the" and len(words) <= 3 and all(w.islower() for w in words[1:])


def _speaks(quote: Quote) -> bool:
    """Whether a quote has a speaker other than a pronoun ("he" unresolved, "we")."""
    return bool(quote.speaker) and str(quote.speaker).lower() not in load_cues().pronouns


def _names_speaker(quote: Quote) -> bool:
    """Whether a quote's speaker names someone: an actor or a name ("Putin", "the North
    Korean minister"), not a pronoun, a bare description ("the official"), a common noun
    ("a statement said": "statement") or a letter (a transcript's "Q"), whose "we" says
    whose aim it is."""
    speaker = str(quote.speaker or "")
    return _speaks(quote) and not _stands_in(speaker) and (
        quote.speaker_actor is not None
        or any(len(w) > 1 and w[0].isupper() for w in speaker.split()))


def credit_speakers(events: list[Event], quotes: list[Quote], doc: Doc | None = None
                    ) -> list[Event]:
    """Attribute events said inside a quote to the quote's resolved speaker.

    "He added, '... impose sanctions ...'" asserts the sanctions event on behalf of
    whoever "He" resolves to. A source the text names inside the quote ("the NIS
    confirmed that ...") is kept: only missing sources, pronouns and bare definite
    descriptions ("the professor") are replaced. With the parsed ``doc``, a quote whose
    speaker wills or decides what it holds ("the DPRK's decision to deploy") credits
    nobody: its speaker is the actor, not the source (``speaker_vouches``).
    """
    vouching = [q for q in quotes if _speaks(q) and (doc is None or _vouches(doc, q))]
    credited = []
    for event in events:
        where = event.trigger_span or event.span
        quote = next((q for q in vouching
                      if q.content_span[0] <= where[0] and where[1] <= q.content_span[1]), None)
        if quote is not None and _stands_in(event.attributed_text):
            event = replace(event, attributed_text=quote.speaker,
                            attributed_to=quote.speaker_actor or event.attributed_to)
        credited.append(event)
    return credited


def _vouches(doc: Doc, quote: Quote) -> bool:
    cue = doc.char_span(*quote.cue_span, alignment_mode="expand") if quote.cue_span else None
    content = doc.char_span(*quote.content_span, alignment_mode="expand")
    if cue is None or content is None or not len(cue) or not len(content):
        return True
    return speaker_vouches(cue[0], content)
