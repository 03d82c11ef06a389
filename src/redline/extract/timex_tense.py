"""Which way a time expression points, read from the tense and aspect of the verb that
governs it: "will meet on Tuesday" (future), "met on Tuesday" (past), "plans to meet
Tuesday" (future), "is meeting Tuesday" (present: for a weekday, this day or a coming
one, see ``finite_present``)."""

from __future__ import annotations

from typing import Any, Literal

from redline.extract.quotes_spans import doc_text
from redline.extract.timex_lexicon import TimexLexicon

Tense = Literal["past", "present", "future"]
_CLIMB = 8


def governing_verb(doc: Any, start: int, end: int) -> Any | None:
    """The verb the expression at ``start:end`` of ``doc`` modifies, directly ("met
    Friday") or through a preposition ("met on Friday"); None where it modifies a noun or
    an adjective ("payable Dec. 7", "the Friday meeting")."""
    return _verb_above(doc, start, end, through_nouns=False)


def _root(doc: Any, start: int, end: int) -> Any | None:
    """The syntactic head of the tokens of ``start:end``, or None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _verb_above(doc: Any, start: int, end: int, *, through_nouns: bool) -> Any | None:
    """The first verb above the expression at ``start:end``; without ``through_nouns`` the
    climb stops at a noun or adjective the expression modifies."""
    token = _root(doc, start, end)
    if token is None:
        return None
    for _ in range(_CLIMB):
        head = token.head
        if head is token:
            return token if token.pos_ in ("VERB", "AUX") else None
        if head.pos_ in ("VERB", "AUX") and head.dep_ not in ("aux", "auxpass"):
            return head
        if not through_nouns and head.pos_ != "ADP" and head.dep_ != "prep" and token.dep_ not in (
                "conj", "appos", "nummod", "compound", "amod"):
            return None
        token = head
    return None


def governing_preposition(doc: Any, start: int, end: int) -> str | None:
    root = _root(doc, start, end)
    if root is None:
        return None
    head = root.head
    return head.lower_ if head.pos_ == "ADP" or head.dep_ == "prep" else None


def tense_at(doc: Any, start: int, end: int, lexicon: TimexLexicon) -> Tense | None:
    """The tense of the verb governing ``start:end``; None where no verb governs it or a
    bound under a past verb leaves the direction open ("extended to Nov. 16")."""
    if _after_earliest_cue(doc_text(doc), start, lexicon):  # doc.text joins every token
        return "future"
    preposition = governing_preposition(doc, start, end)
    if preposition in lexicon.past_prepositions:
        return "past"  # "has been closed since Saturday": the start of a stretch to now
    verb = governing_verb(doc, start, end)
    if preposition in lexicon.open_prepositions:
        if verb is not None and verb.lemma_.lower() in lexicon.deferral_verbs:
            return "future"  # "was postponed until Tuesday"
        # A bound under a present or future verb lies ahead ("will stay closed until
        # Tuesday", "must conclude by May"); under a past one it may lie either way
        # ("was extended to Nov. 16", "had fallen through Oct. 19").
        # "will remain closed until ..."; "by the end of the year Baghdad had fallen"
        bounded = verb or clause_verb(doc, start, end) or _fragment_clause(doc, start, end)
        tense = verb_tense(bounded, lexicon) if bounded is not None else None
        if _ends_a_period(doc, start, end, lexicon):
            # "rose 3% in the year to February": a period measured up to a month that
            # has passed, unless the verb points ahead ("will average 2% in the year to March")
            return "future" if tense == "future" else "past"
        if tense == "past" and bounded is not None and any(
                child.lower_ == "had" and child.dep_ == "aux" for child in bounded.children):
            return "past"  # "by the end of the year, Baghdad had fallen": before a past time
        return "future" if tense in ("present", "future") else None
    if verb is None:
        return _clause_future(doc, start, end, lexicon)
    if preposition == "for" and verb.lemma_.lower() in lexicon.future_verbs:
        return "future"  # "the vote is set for Monday", "a meeting planned for May"
    if _date_set(doc, start, end, verb, lexicon):
        return "future"  # "has set Nov. 10 as the deadline"
    if end <= verb.idx and verb.tag_ == "VBD" \
            and verb.lemma_.lower() in lexicon.scheduling_verbs:
        return "past"  # "On Friday, the government planned to pay": the day of the planning
    return verb_tense(verb, lexicon)


def _fragment_clause(doc: Any, start: int, end: int) -> Any | None:
    """"By the end of the year Baghdad had fallen", parsed as a sentence of the
    preposition with the clause a relative one of the time's noun: where the preposition
    heads the sentence, the clause after the expression, with no relative word, is the
    one it belongs to."""
    root = _root(doc, start, end)
    if root is None or not (root.head.dep_ == "ROOT" and root.head.pos_ == "ADP"):
        return None
    for token in doc.char_span(start, end, alignment_mode="expand"):
        for child in token.children:
            if child.dep_ == "relcl" and child.idx >= end and not any(
                    grand.tag_ in ("WDT", "WP", "WRB", "WP$") or grand.lower_ == "that"
                    for grand in child.children):
                return child
    return None


def _ends_a_period(doc: Any, start: int, end: int, lexicon: TimexLexicon) -> bool:
    """The expression closes a period of time after "to" ("the year to February", "the
    three months to March"), whether the parse hangs "to" on the period or on the verb."""
    root = _root(doc, start, end)
    if root is None or root.head.lower_ != "to" or root.head.i == 0:
        return False
    return any(period.pos_ == "NOUN" and lexicon.unit(period.lower_) is not None
               for period in (root.head.head, doc[root.head.i - 1]))


def finite_present(doc: Any, start: int, end: int, lexicon: TimexLexicon) -> bool:
    """Whether the expression at ``start:end`` is governed by a finite present verb other
    than one of saying ("the summit opens Thursday", "is meeting Tuesday"; not "officials
    say Friday", "closing unchanged Friday")."""
    verb = governing_verb(doc, start, end)
    if verb is None or (verb.lemma_.lower() in lexicon.reporting_verbs
                        and not _reports_a_thing(verb)):
        return False
    if verb_tense(verb, lexicon) != "present":
        return False
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(tags & {"VBZ", "VBP"})


def _reports_a_thing(verb: Any) -> bool:
    """A verb of saying with a noun for its object and no clause ("reports earnings
    Thursday", "announces its budget Friday"): an act that is coming, not a saying."""
    children = list(verb.children)
    return any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in children) and not any(
        c.dep_ in ("ccomp", "parataxis") for c in children)


def _date_set(doc: Any, start: int, end: int, verb: Any, lexicon: TimexLexicon) -> bool:
    """The date is what a verb of planning sets ("has set Nov. 10 as the deadline",
    "chose Friday as the date"): a date fixed for something to come."""
    root = _root(doc, start, end)
    if root is None or verb.lemma_.lower() not in lexicon.future_verbs or root.head.i != verb.i:
        return False
    return root.dep_ == "dobj" or (root.dep_ == "npadvmod" and any(
        child.dep_ == "prep" and child.lower_ == "as" for child in verb.children))


def _singular_subject(verb: Any) -> bool:
    """A singular noun subject, which a plain present form ("hurt", "cut", "set") cannot
    agree with: the same form is then the past."""
    return any(child.dep_ == "nsubj" and child.tag_ in ("NN", "NNP")
               for child in verb.children)


def _after_earliest_cue(text: str, start: int, lexicon: TimexLexicon) -> bool:
    """"As soon as Monday", "as early as next year": the earliest time, which lies ahead."""
    before = " ".join(text[max(0, start - 40):start].lower().split())
    return any(before.endswith(cue) for cue in lexicon.earliest_cues)


def clause_verb(doc: Any, start: int, end: int) -> Any | None:
    """The verb of the clause the expression sits in, through the nouns it modifies ("will
    be named commander for a mission in December": named)."""
    return _verb_above(doc, start, end, through_nouns=True)


def _clause_future(doc: Any, start: int, end: int, lexicon: TimexLexicon) -> Tense | None:
    """An expression inside a noun phrase ("a mission in December", "the March
    accession") points ahead when its clause's verb does; a past clause says less: "the
    dividend, payable Dec. 7, was declared" is a coming day in a past clause."""
    verb = clause_verb(doc, start, end)
    if verb is None:
        return None
    return "future" if verb_tense(verb, lexicon) == "future" else None


def _governs_time(verb: Any) -> bool:
    """A participle used as a preposition whose own object is the time ("Starting
    Monday"), not one whose object a time only describes ("Following talks on Monday",
    "Including Monday's attack")."""
    return any(child.ent_type_ in ("DATE", "TIME") for child in verb.children
               if child.dep_ in ("pobj", "dobj", "npadvmod"))


def verb_tense(verb: Any, lexicon: TimexLexicon) -> Tense | None:
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & lexicon.modals and words & {"have", "'ve"}:
        return "past"  # "may have been responsible on Wednesday"
    if words & lexicon.future_auxiliaries or words & lexicon.modals:
        return "future"
    if "had" in words:
        return "past"  # "had been scheduled to expire Friday": a plan overtaken
    if verb.lemma_.lower() in lexicon.scheduling_verbs:
        return "future"  # "is scheduled for Friday", "planned a rally Saturday"
    if verb.dep_ in ("xcomp", "ccomp") and verb.tag_ == "VB":
        head = verb.head
        if head.lemma_.lower() in lexicon.future_verbs or head.lemma_ == "go":
            # "plans to meet Friday"; "had been due to expire Friday" says nothing
            # "was due to expire": the tense is the copula's
            tensed = head.head if head.pos_ == "ADJ" and head.head.pos_ in ("AUX", "VERB") \
                else head
            return None if verb_tense(tensed, lexicon) == "past" else "future"
        if verb.dep_ == "xcomp":
            return verb_tense(head, lexicon)
    if verb.dep_ == "conj" and verb.tag_ == "VB" and not auxiliaries and (
            verb.head.pos_ in ("VERB", "AUX")):
        return verb_tense(verb.head, lexicon)  # "will resume Friday and go on overnight"
    if verb.dep_ == "xcomp" and verb.tag_ == "VBG" and verb.head.pos_ in ("VERB", "AUX"):
        return verb_tense(verb.head, lexicon)  # "began trading this summer": the past
    if verb.tag_ == "VBG" and not auxiliaries and (verb.dep_ == "advcl" or (
            verb.dep_ == "prep" and _governs_time(verb))) \
            and verb.head is not verb and verb.head.pos_ in ("VERB", "AUX"):
        # a participle opening the clause takes the tense of the clause's verb
        # ("Starting Monday, banks will limit": ahead; "Speaking Friday, he said": behind)
        return verb_tense(verb.head, lexicon)
    tags = {verb.tag_} | {child.tag_ for child in auxiliaries}
    if verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxiliaries:
        if verb.lemma_.lower() in lexicon.future_verbs and any(
                child.dep_ == "prep" and child.lower_ == "for" for child in verb.children):
            return "future"  # "a summit set for Washington in April"
        return "past"  # "the record set on Aug. 6", "the year ended March 31"
    if "VBD" in tags or (verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve"}):
        return "past"
    if verb.tag_ == "VBP" and not auxiliaries and _singular_subject(verb):
        return "past"  # "weakness hurt the index Friday": a present would agree ("hurts")
    if tags & {"VBZ", "VBP"} or verb.tag_ == "VBG":
        return "present"
    return None
