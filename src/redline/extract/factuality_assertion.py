"""How the source of an event commits to it: asserted, assessed, reported, hearsay, questioned.

The words consulted are in ``factuality_assertion.yaml`` next to this module. An
assessment ("we assess", "we believe", also parenthetical: "this, we believe, would
mark ...") by a named source is told apart from a rumour the same outlet repeats
("reportedly", "sources said"), so a verdict can weigh them differently.

Whose word it is: the speaker of an attribution vouches for the events in what it says,
not for an action it wills or decides. "The DPRK's decision to deploy troops" and "North
Korea decided to send troops" name the DPRK as the actor of the deployment, and the author
(or the clause around them: "the NIS said ...") as its source (``speaker_vouches``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from redline.datafiles import load_yaml_mapping
from redline.errors import ValidationError
from redline.extract.factuality_scale import Factuality
from redline.extract.quotes_spans import doc_text
from redline.records import Assertion

ASSERTION_FILE = Path(__file__).with_name("factuality_assertion.yaml")
_PARENTHETICAL_DEPS = frozenset({"parataxis", "advcl", "ccomp"})
_MAX_CLIMB = 4


@dataclass(frozen=True)
class AssertionWords:
    question_turns: frozenset[str]
    hearsay_words: frozenset[str]
    unnamed_sources: frozenset[str]
    unnamed_modifiers: frozenset[str]
    assessments: frozenset[str]
    confirmations: frozenset[str]
    asserting_infinitives: frozenset[str]
    will_nouns: frozenset[str]


@functools.lru_cache(maxsize=2)
def load_assertion_words(path: Path = ASSERTION_FILE) -> AssertionWords:
    raw = load_yaml_mapping(path)
    sections = {}
    for name in AssertionWords.__dataclass_fields__:
        words = raw.get(name)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValidationError(str(path), name, "expected a list of words")
        sections[name] = frozenset(w if name == "question_turns" else w.lower() for w in words)
    return AssertionWords(**sections)


def assertion_of(token: Token, reading: Factuality,
                 words: AssertionWords | None = None) -> tuple[Assertion, Span | None]:
    """How the text commits to the event of ``token`` and on whose word (the source)."""
    words = words or load_assertion_words()
    source = _without_case(reading.source)
    if _in_question_turn(token, words):
        return "questioned", source
    cue = _cue_token(source)
    if _hearsay(token, cue, source, words):
        return "hearsay", source
    parenthetical = _parenthetical_assessor(token, words)
    if parenthetical is not None:
        return "assessed", parenthetical
    if cue is not None and cue.lemma_.lower() in words.assessments:
        return ("assessed" if source is not None else "hearsay"), source
    if source is None and _unsourced_assessment(token, words):
        return "hearsay", None  # "it is believed that ..."
    if cue is not None and cue.lemma_.lower() in words.confirmations:
        return "asserted", source
    if source is not None or reading.cue == "according to":
        return "reported", source
    return "asserted", None


def speaker_vouches(cue: Token, content: Span, words: AssertionWords | None = None) -> bool:
    """Whether the speaker of an attribution cued by ``cue`` (the possessor of "claim",
    the subject of "said") is the source of the events in its ``content``: not when the
    cue is a noun of will ("the DPRK's decision on ..."), nor when the content is an
    infinitive the speaker does or wills ("decision to deploy", "decided to send",
    "refused to withdraw"), unless the cue makes that infinitive a claim ("claimed to
    have withdrawn")."""
    words = words or load_assertion_words()
    lemma = cue.lemma_.lower()
    if cue.pos_ == "NOUN" and lemma in words.will_nouns:
        return False
    return not _infinitive(content.root) or lemma in words.asserting_infinitives


def _infinitive(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _without_case(source: Span | None) -> Span | None:
    """"Kim's" (of "Kim's claim that ...") is Kim."""
    if source is not None and len(source) > 1 and source[-1].tag_ == "POS":
        return source[:-1]
    return source


def _in_question_turn(token: Token, words: AssertionWords) -> bool:
    """The line holding ``token`` opens with a question turn's mark ("Q:  Will they ...")."""
    text = doc_text(token.doc)  # built once per Doc, not once per event
    start = text.rfind("\n", 0, token.idx) + 1
    first = text[start:token.idx + len(token.text)].split(maxsplit=1)
    return bool(first) and first[0] in words.question_turns


def _cue_token(source: Span | None) -> Token | None:
    """The word the source asserts through: the verb or noun its name depends on."""
    if source is None:
        return None
    node = source.root
    for _ in range(_MAX_CLIMB):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX", "NOUN"):
            return node
    return None


def _hearsay(token: Token, cue: Token | None, source: Span | None,
             words: AssertionWords) -> bool:
    for word in (token, cue):
        if word is None:
            continue
        if word.lower_ in words.hearsay_words or any(
                c.lower_ in words.hearsay_words for c in word.children
                if c.dep_ in ("advmod", "amod")):
            return True
    return source is not None and _unnamed(source, words)


def _unnamed(source: Span, words: AssertionWords) -> bool:
    root = source.root
    if any(c.lower_ in words.unnamed_modifiers for c in root.children):
        return True
    named = any(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in source)
    return root.lemma_.lower() in words.unnamed_sources and not named


def _unsourced_assessment(token: Token, words: AssertionWords) -> bool:
    """An assessment verb above the event with no one doing it ("it is believed that")."""
    node = token
    for _ in range(_MAX_CLIMB):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in words.assessments:
            return not any(c.dep_ == "nsubj" or c.dep_ == "agent" for c in node.children)
    return False


def _parenthetical_assessor(token: Token, words: AssertionWords) -> Span | None:
    """The subject of an assessment verb set into the event's clause ("this, we believe,
    would mark"), found on the event or the clauses above it."""
    node = token
    for _ in range(_MAX_CLIMB):
        for child in node.children:
            if child.dep_ not in _PARENTHETICAL_DEPS or child.lemma_.lower() not in (
                    words.assessments):
                continue
            if any(c.dep_ == "mark" or c.dep_ == "ccomp" for c in child.children):
                continue  # "believe that ...": a clause of its own, not an aside
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return token.doc[subject.left_edge.i: subject.right_edge.i + 1]
        if node.head.i == node.i:
            return None
        node = node.head
    return None
