"""Attributions read off the dependency parse: a cue verb, its subject, its complement.

"X said (that) ...", "..., X said", "the program, they say, has ...", "X vowed to
...", "X announced new sanctions", "X unleashed a flurry of tweets" (any verb
whose object is something said), "X said, adding that ...", "according to X,
...", "Asked about X, ..." (no source). The source of a verb without a subject
of its own (``adding``, ``stressing``, a second conjoined verb) is the source
of the verb it hangs on; "led X to fear ..." is X's.
"""

from __future__ import annotations

from redline.extract.quotes_lexicon import SpeechCues, load_cues
from redline.extract.quotes_spans import (
    Attribution,
    Doc,
    Span,
    Token,
    doc_text,
    same_sentence,
    subtree_span,
    token_span,
    trim,
    without_aside,
)

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERITING = ("advcl", "xcomp", "conj")
_CUE_DEPS = ("aux", "auxpass", "neg", "prt")
_REPORTED = ("parataxis",)
_TIME_ENTITIES = ("DATE", "TIME")
_NAMED = ("PERSON", "ORG", "NORP", "GPE")


def verb_attributions(doc: Doc, cues: SpeechCues) -> list[Attribution]:
    """Every cue verb of ``doc`` with a complement, as an attribution (spans unsnapped)."""
    found: list[Attribution] = []
    text: str = doc_text(doc)
    openers = {words[0] for words in cues.source_prepositions}
    for token in doc:
        attribution = None
        if token.lower_ in openers:
            attribution = _preposition_attribution(text, token, cues)
        if attribution is None and token.pos_ in ("VERB", "AUX") and token.dep_ not in (
                "aux", "auxpass"):
            attribution = _verb_attribution(text, token, cues)
        if attribution is not None:
            found.append(attribution)
    return found


def _verb_attribution(text: str, verb: Token, cues: SpeechCues) -> Attribution | None:
    found = content_of(verb, cues)
    if found is None:
        return None
    content, particle, own_subject = found
    if own_subject and not (_has_subject(verb) or _participle(verb) or _reduced_passive(verb)
                            or _controller(verb) is not None):
        return None
    source = None if _reduced_passive(verb) else source_of(verb)
    if source is None and not (_is_passive(verb) or _reduced_passive(verb)):
        return None
    if source is not None and source.lower_ in cues.generic_sources:
        return None
    if source is not None and _overlap(token_span(list(source.subtree)), content):
        return None
    content = without_aside(verb.doc, trim(text, content))
    if not any(c.isalnum() for c in text[content[0]:content[1]]):
        return None
    return Attribution(
        content=content,
        kind="indirect",
        cue=cue_span(verb, particle),
        source=_source_phrase(text, source) if source is not None else None,
        source_head=source,
        extra=_lead(text, verb, content),
    )


def _lead(text: str, verb: Token, content: Span) -> tuple[Span, ...]:
    """The words of a parenthetical cue's clause before it: "Climate change" in
    "Climate change, Mr. Obama says, is the greatest threat" (content: "is ...")."""
    head = verb.head
    if verb.dep_ not in _REPORTED or head.i < verb.i or content[0] < verb.idx:
        return ()
    before = [t for t in head.subtree if t.i < verb.left_edge.i]
    if not before:
        return ()
    lead = trim(text, token_span(before))
    return (lead,) if any(c.isalnum() for c in text[lead[0]:lead[1]]) else ()


def cue_lemma(token: Token, cues: SpeechCues) -> str:
    """The lemma of ``token`` as the cue lists spell it ("hopes" is "hope", not "hop")."""
    lemma = str(token.lemma_).lower()
    if lemma in cues.cue_verbs:
        return lemma
    word = str(token.lower_)
    for cut, tail in ((1, ""), (2, ""), (3, ""), (3, "e"), (1, "e")):
        guess = word[:-cut] + tail
        if len(guess) > 2 and word.endswith(("s", "d", "ing")) and guess in cues.cue_verbs:
            return guess
    return lemma


def content_of(verb: Token, cues: SpeechCues) -> tuple[Span, Token | None, bool] | None:
    """The content span of cue ``verb``, the particle joining the cue, if any, and
    whether the verb needs a subject of its own (objects and infinitives do)."""
    lemma = cue_lemma(verb, cues)
    if lemma in cues.clause_verbs:
        clauses = _clauses(verb, lemma in cues.speech_verbs)
        if clauses:
            return _union([_clause_span(c, cues) for c in clauses]), None, False
        if verb.dep_ in _REPORTED and lemma in cues.speech_verbs and _has_subject(verb):
            return subtree_span(verb.head, without=verb), None, False
    passive = _passive_subject(verb)
    if passive is not None and (lemma in cues.object_verbs or lemma in cues.speech_verbs):
        return subtree_span(passive), None, False
    if lemma in cues.intention_verbs:
        infinitive = _infinitive(verb)
        if infinitive is not None:
            return infinitive, None, True
    if lemma in cues.cue_verbs:
        hearer = lemma in cues.no_object_verbs and lemma not in cues.object_verbs
        found = _object(verb, cues, topic_only=hearer)
        return (found[0], found[1], True) if found is not None else None
    said = _said_object(verb, cues)
    return (subtree_span(said), None, True) if said is not None else None


def _said_object(verb: Token, cues: SpeechCues) -> Token | None:
    """A direct object that is something said ("unleashed a flurry of tweets",
    "laid out her proposals"): any verb delivering it is a cue."""
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        noun = child
        if noun.lemma_.lower() in cues.quantity_nouns:
            inner = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
            noun = inner[0] if inner else noun
        lemma = noun.lemma_.lower()
        if lemma in cues.utterance_nouns:
            return child
    return None


def _passive_subject(verb: Token) -> Token | None:
    """'the issue was first reported by X': the subject, when an agent is named."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return subjects[0] if subjects else None


def _controller(verb: Token) -> Token | None:
    """'led the journalist to fear ...': the object of the verb above fears."""
    if verb.dep_ != "xcomp":
        return None
    objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i
               and c.lower_ not in load_cues().not_controllers]
    return objects[0] if objects else None


def _reduced_passive(verb: Token) -> bool:
    """'Asked about X, she said ...': a past participle heading a clause of its own."""
    return bool(verb.tag_ == "VBN" and verb.dep_ == "advcl" and not _has_subject(verb))


def _participle(verb: Token) -> bool:
    """'..., citing X' / 'a statement condemning X' / 'X claimed ... and said Y'."""
    return bool(verb.tag_ == "VBG" and verb.dep_ in ("advcl", "acl", "pcomp")) or (
        verb.dep_ == "conj")


def _clauses(verb: Token, speech: bool = False) -> list[Token]:
    """Clausal complements of ``verb`` in its sentence, all on one side of it.

    "..., X said." (only the subject between) takes the clause before; "X said
    ..." takes the clauses after. After a verb of saying, a clause with a
    subject of its own and no conjunction but "that" is a complement too ("X
    said after the meeting he would ...", "X tweeted overnight that ...", which
    parsers often hang as an adverbial).
    """
    clauses = [c for c in verb.children
               if c.dep_ == "ccomp" and same_sentence(c, verb) and _clause_fits(verb, c)]
    if speech and not clauses:
        clauses = [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
                   and _has_subject(c) and not any(m.dep_ in ("mark", "advmod")
                                                   and m.lower_ != "that"
                                                   for m in c.children if m.i < c.i)]
    before = [c for c in clauses if c.i < verb.i]
    return before or clauses


def _clause_span(clause: Token, cues: SpeechCues) -> Span:
    """The clause up to a cue verb hung inside it (", saying that ...", "and warned ...")."""
    for token in clause.subtree:
        if (token.i > clause.i and token.dep_ in ("advcl", "conj")
                and token.lemma_.lower() in cues.speech_verbs and _has_content_child(token)):
            return subtree_span(clause, without=token)
    return subtree_span(clause)


def _has_content_child(verb: Token) -> bool:
    return any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in verb.children)


def _clause_fits(verb: Token, clause: Token) -> bool:
    """A complement after its verb, or before it with only the subject between."""
    if clause.i > verb.i:
        return True
    subject = {t.i for c in verb.children if c.dep_ in _SUBJECTS for t in c.subtree}
    between = verb.doc[clause.right_edge.i + 1:verb.i]
    return all(t.is_punct or t.i in subject or t.dep_ in _CUE_DEPS for t in between)


def _infinitive(verb: Token) -> Span | None:
    for child in verb.children:
        marked = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if child.dep_ == "xcomp" and marked:
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < child.i]
            spans = [subtree_span(child)] + [subtree_span(o) for o in objects]
            return _union(spans)
    return None


def _object(verb: Token, cues: SpeechCues, topic_only: bool = False) -> (
        tuple[Span, Token | None] | None):
    """The direct object (with its predicate: "called him a liar", "praised him for
    ...", "described her as ..."), else the object of
    a topic preposition ("spoke about X", "asked him about X")."""
    predicates = [c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i]
    for child in [] if topic_only else verb.children:
        extra = [c for c in verb.children if c.i > child.i and (
            c.dep_ in ("oprd", "xcomp")
            or (c.dep_ == "prep" and c.lower_ in cues.complement_prepositions))]
        if child.dep_ == "dobj" and (child.lower_ not in cues.hearer_pronouns or extra):
            return _union([subtree_span(child)] + [subtree_span(c) for c in extra]), None
    if predicates and not topic_only:
        return _union([subtree_span(c) for c in predicates]), None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in cues.topic_prepositions and child.i > verb.i:
            objects = [c for c in child.children
                       if c.dep_ in ("pobj", "pcomp") and c.ent_type_ not in _TIME_ENTITIES]
            if objects:
                return subtree_span(objects[0]), child
    return None


def source_of(verb: Token, depth: int = 0) -> Token | None:
    """Head of the phrase that says or thinks what ``verb`` reports."""
    subjects = [c for c in verb.children
                if c.dep_ in _SUBJECTS and c.dep_ != "nsubjpass" and not _expletive(c)]
    if subjects:
        beside = [c for c in subjects if not _line_between(c, verb)]
        return min(beside, key=lambda c: abs(c.i - verb.i)) if beside else None
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return verb.head
    controller = _controller(verb)
    if controller is not None:
        return controller
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        return source_of(verb.head.head, depth + 1)  # "responded by saying ..."
    if depth < 3 and verb.dep_ in _INHERITING and verb.head.i != verb.i:
        head = verb.head
        if verb.tag_ == "VBG" and head.dep_ == "ccomp":
            head = head.head  # "X said that Y ..., adding ...": the adding is X's
        return source_of(head, depth + 1)
    return _stranded_subject(verb)


def _stranded_subject(verb: Token) -> Token | None:
    """'In a meeting with the Post Trump said ...': a name the parser swallowed into the
    phrase before the verb, read as its subject when the verb has none."""
    if verb.i == 0 or verb.dep_ not in ("ROOT", "ccomp", "conj") or _is_passive(verb):
        return None
    before = verb.doc[verb.i - 1]
    if before.pos_ != "PROPN" or before.dep_ != "pobj" or before.ent_type_ not in _NAMED:
        return None
    phrase = before.head
    while phrase.head.i != phrase.i and phrase.head.i != verb.i:
        phrase = phrase.head
    return before if phrase.head.i == verb.i and phrase.dep_ == "prep" else None


def _source_phrase(text: str, head: Token) -> Span:
    """The source phrase; for a name stranded in a phrase before the verb, the name alone."""
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.ent_iob_ in ("B", "I"):
        doc, start, end = head.doc, head.i, head.i + 1
        while doc[start].ent_iob_ == "I" and start > 0:  # walk the IOB tags: doc.ents is slow
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return trim(text, (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)))
    return source_span(text, head)


def _line_between(subject: Token, verb: Token) -> bool:
    """Whether a line break or a colon parts ``subject`` from ``verb``: a parse that
    takes a time stamp or a headline ("5:45 p.m.", "The Latest:") for the subject."""
    low, high = sorted((subject.i, verb.i))
    return any("\n" in t.text or t.text == ":" for t in verb.doc[low:high])


def _expletive(subject: Token) -> bool:
    return subject.dep_ == "expl" or (
        subject.lower_ == "it" and any(c.dep_ == "auxpass" for c in subject.head.children))


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def source_span(text: str, head: Token) -> Span:
    """The source phrase: the subject's subtree, appositions included; for a
    relative "that"/"which" the phrase it stands for ("a letter that says ...")."""
    clause = head.head
    if head.lower_ in load_cues().thing_relatives and clause.dep_ == "relcl" \
            and clause.head.i < head.i:
        antecedent = clause.head
        return trim(text, (antecedent.left_edge.idx, head.idx))
    start, end = subtree_span(head)
    start = max(start, text.rfind("\n", start, head.idx) + 1)  # not the line before
    return trim(text, (start, end))


def cue_span(verb: Token, particle: Token | None = None) -> Span:
    """The cue verb with its auxiliaries, negation and particles next to it."""
    parts = [verb] + [c for c in verb.children if c.dep_ in _CUE_DEPS]
    if particle is not None:
        parts.append(particle)
    indices = {t.i for t in parts}
    low = high = verb.i
    while low - 1 in indices:
        low -= 1
    while high + 1 in indices:
        high += 1
    doc = verb.doc
    return doc[low].idx, doc[high].idx + len(doc[high].text)


def _preposition_attribution(text: str, token: Token, cues: SpeechCues) -> Attribution | None:
    """"according to X, ...": X is the source, the clause it modifies the content."""
    for words in cues.source_prepositions:
        doc = token.doc
        end = token.i + len(words)
        if end > len(doc) or [t.lower_ for t in doc[token.i:end]] != list(words):
            continue
        objects = [c for t in doc[token.i:end] for c in t.children if c.dep_ == "pobj"]
        if not objects:
            continue
        clause = token.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        content = trim(text, subtree_span(clause, without=token))
        source = source_span(text, objects[0])
        if content[1] <= content[0] and token.head.i == token.i:
            source, content = _split_at_comma(text, token, objects[0])
        if content[1] <= content[0]:
            continue
        return Attribution(
            content=content,
            kind="indirect",
            cue=(token.idx, doc[end - 1].idx + len(doc[end - 1].text)),
            source=source,
            source_head=objects[0],
        )
    return None


def _split_at_comma(text: str, opener: Token, head: Token) -> tuple[Span, Span]:
    """'According to X, the move ...' parsed with the opener heading the sentence:
    the source runs to the first comma after X, the content from there on."""
    tokens = list(opener.subtree)
    comma = next((t for t in tokens if t.i > head.i and t.text == ","), None)
    if comma is None:
        return source_span(text, head), (0, 0)
    source = trim(text, (opener.doc[opener.i + 1].idx, comma.idx))
    source = trim(text, (max(source[0], head.left_edge.idx), source[1]))
    content = trim(text, (comma.idx + 1, tokens[-1].idx + len(tokens[-1].text)))
    return source, content


def _union(spans: list[Span]) -> Span:
    return min(s[0] for s in spans), max(s[1] for s in spans)


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]
