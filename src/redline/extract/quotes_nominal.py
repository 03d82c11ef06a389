"""Nominal attributions: a noun (or adjective) of saying or thinking with what it holds.

"Trump's claim that the vote was rigged", "allegations of fraud", "her calls
for a ceasefire", "the ministry's decision to withdraw", "his bet is that
...". The content is the noun's clause ("that ...", "to ..."), the object of
its topic preposition ("of", "about", "for", ...) or, after "is", the
predicate clause. The source is the possessor ("Trump's"), a name in front
of the noun ("a New York Times report") or the "by"/"from" phrase; without
one the attribution has no source ("allegations of fraud"). Adjectives of
attitude work the same way after "be" ("X is critical of Y", "X is confident
that ..."), the subject being the source.
"""

from __future__ import annotations

from redline.extract.quotes_lexicon import SpeechCues, load_cues
from redline.extract.quotes_spans import (
    Attribution,
    Doc,
    Span,
    Token,
    doc_text,
    subtree_span,
    trim,
    without_aside,
)

_CLAUSE_DEPS = ("acl", "ccomp", "relcl")
_NAMES = ("PERSON", "ORG", "NORP", "GPE")


def nominal_attributions(doc: Doc, cues: SpeechCues) -> list[Attribution]:
    """Every cue noun of ``doc`` with a content of its own, as an attribution."""
    found = []
    text: str = doc_text(doc)
    for token in doc:
        lemma = token.lemma_.lower()
        if not ((token.pos_ == "NOUN" and lemma in cues.cue_nouns) or (
                token.pos_ == "ADJ" and lemma in cues.cue_adjectives
                and token.dep_ == "acomp")):
            continue
        attribution = _nominal(text, token, cues)
        if attribution is not None:
            found.append(attribution)
    return found


def _nominal(text: str, noun: Token, cues: SpeechCues) -> Attribution | None:
    found = _content(noun, cues)
    if found is None:
        return None
    content, preposition = without_aside(noun.doc, trim(text, found[0])), found[1]
    if not any(c.isalnum() for c in text[content[0]:content[1]]):
        return None
    source = _source(noun, cues)
    if source is not None and _overlaps(subtree_span(source), content):
        source = None
    cue_end = preposition if preposition is not None else noun
    return Attribution(
        content=content,
        kind="indirect",
        cue=(noun.idx, cue_end.idx + len(cue_end.text)),
        source=trim(text, subtree_span(source)) if source is not None else None,
        source_head=source,
    )


def _content(noun: Token, cues: SpeechCues) -> tuple[Span, Token | None] | None:
    """The noun's clause, its topic preposition's object, or the clause it is ("bet is that")."""
    for child in noun.children:
        if child.dep_ in _CLAUSE_DEPS and child.i > noun.i and _marked(child):
            return subtree_span(child), None
    for child in noun.children:
        if child.dep_ == "prep" and child.i == noun.i + 1 and (
                child.lower_ in cues.topic_prepositions):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return subtree_span(objects[0]), child
    head = noun.head
    if noun.dep_ == "nsubj" and head.lemma_ == "be":
        clauses = [c for c in head.children if c.dep_ == "ccomp" and c.i > head.i and _marked(c)]
        if clauses:
            return subtree_span(clauses[0]), None
    return None


def _marked(clause: Token) -> bool:
    """A "that"/"whether" clause or a "to" infinitive."""
    return any((c.dep_ == "mark" and c.lower_ in load_cues().content_marks)
               or (c.dep_ == "aux" and c.lower_ == "to" and c.i < clause.i)
               for c in clause.children)


def _source(noun: Token, cues: SpeechCues) -> Token | None:
    """The possessor, a name compounded in front, the "by"/"from" phrase, or the
    subject of "be" ("X is critical of ...", "X is a supporter of ...") or of a
    verb that delivers the noun ("X made the claim that ...")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    head = noun.head
    if noun.dep_ in ("acomp", "attr", "oprd") or (
            noun.dep_ == "dobj" and head.lemma_.lower() in cues.delivery_verbs):
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
    for child in noun.children:
        if child.dep_ == "compound" and child.i < noun.i and child.ent_type_ in _NAMES:
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in cues.noun_source_prepositions:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
