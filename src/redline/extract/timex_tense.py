"""Which way a time expression points, read from the tense and aspect of the verb that
governs it: "will meet on Tuesday" (future), "met on Tuesday" (past), "plans to meet
Tuesday" (future), "is meeting Tuesday" (present: the nearest Tuesday)."""

from __future__ import annotations

from typing import Any, Literal

from redline.extract.timex_lexicon import TimexLexicon

Tense = Literal["past", "present", "future"]
_CLIMB = 8


def governing_verb(doc: Any, start: int, end: int) -> Any | None:
    """The verb (or predicate) the expression at ``start:end`` of ``doc`` depends on."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token = span.root
    for _ in range(_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        token = token.head
    return None


def tense_at(doc: Any, start: int, end: int, lexicon: TimexLexicon) -> Tense | None:
    """The tense of the verb governing ``start:end``; None where no verb governs it."""
    verb = governing_verb(doc, start, end)
    if verb is None:
        return None
    return verb_tense(verb, lexicon)


def verb_tense(verb: Any, lexicon: TimexLexicon) -> Tense | None:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & lexicon.future_auxiliaries or words & lexicon.modals:
        return "future"
    if verb.lemma_.lower() in lexicon.future_verbs and verb.tag_ in ("VBN", "JJ"):
        return "future"  # "is scheduled for Friday", "is due Friday"
    if verb.dep_ in ("xcomp", "ccomp") and verb.tag_ == "VB":
        head = verb.head
        if head.lemma_.lower() in lexicon.future_verbs or head.lemma_ == "go":
            return "future"  # "plans to meet Friday", "is going to vote Friday"
        if verb.dep_ == "xcomp":
            return verb_tense(head, lexicon)
    tags = {verb.tag_} | {child.tag_ for child in auxiliaries}
    if "VBD" in tags or (verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve"}):
        return "past"
    if tags & {"VBZ", "VBP"} or verb.tag_ == "VBG":
        return "present"
    return None
