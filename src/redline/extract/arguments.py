"""Who and what around a trigger: actors, recipients, objects and places in the parse."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Any

from redline.extract.actors import ActorIndex, Mention, first_plural, signatories, with_sector
from redline.extract.argument_words import ARGUMENTS_FILE as ARGUMENTS_FILE
from redline.extract.argument_words import ArgumentWords as ArgumentWords
from redline.extract.argument_words import load_arguments as load_arguments
from redline.extract.phrases import NP_EXCLUDED as _NP_EXCLUDED
from redline.extract.phrases import np_text
from redline.extract.possessives import possessive_doer, possessor
from redline.records import TimeRef

Token = Any  # spacy.tokens.Token

SUBJECTS = frozenset({"nsubj", "csubj"})
_TIME_LINKS = frozenset({"compound", "pobj", "npadvmod", "nmod", "amod"})
Key = tuple[int, int, int]
#: What a subject's verb does to others: objects, attachments and the acts it controls (not
#: the clauses it reports, whose states may well be its own: "officials said Iran ...").
_ACTED_ON = frozenset({"dobj", "dative", "prep", "agent", "xcomp", "attr", "oprd"})


@dataclass(frozen=True)
class Party:
    """An actor or recipient: its code where known and the words that name it."""

    code: str | None
    text: str


def _phrase_of(noun: Token) -> Token:
    """The noun whose attachment ``noun`` is, up through prepositions and the agents of
    participles ("a statement issued by the ministry", "a statement from the ministry":
    statement), else ``noun`` itself."""
    while noun.dep_ == "pobj" and noun.head.dep_ in {"prep", "agent"}:
        above = noun.head.head
        if above.dep_ == "acl" and above.tag_ == "VBN" and noun.head.dep_ == "agent":
            above = above.head
        if above.pos_ not in {"NOUN", "PROPN"}:
            break
        noun = above
    return noun


def _conjuncts(token: Token) -> list[Token]:
    found: list[Token] = []
    stack = [token]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(c for c in current.children if c.dep_ in {"conj", "appos"} and c.pos_ in {
            "NOUN", "PROPN", "PRON", "ADJ"})
    return sorted(found, key=lambda t: t.i)


class PartyResolver:
    """Resolves noun phrases to parties with the document's actor mentions and pronouns.

    A pronoun stands for the last compatible antecedent before it: "he"/"she" for a
    person named earlier in the article, "it"/"they" for a subject of the same or the
    previous sentence (singular for "it"; plural, or a named state or organisation, for
    "they"), else for the last state or organisation named there. A pronoun inside a
    quotation never stands for a person named outside it in the same sentence: that is
    the speaker, who would say "I".
    """

    def __init__(self, doc: Any, index: ActorIndex) -> None:
        from redline.extract.quotes_lexicon import load_cues
        from redline.extract.quotes_marks import quotation_spans

        self.doc = doc
        self.index = index
        self.words = load_arguments()
        self.labels = _label_tokens(doc)  # transcript turn labels: speakers, never actors
        self.quotes = quotation_spans(doc.text, load_cues().quote_marks)
        people = {ent.root.i for ent in doc.ents if ent.label_ == "PERSON"}
        self.subjects: list[Token] = []  # earlier subjects, for "it"/"they"
        self.persons: list[Token] = []  # earlier people, for "he"/"she"
        for token in doc:
            if token.i in self.labels or token.i in index.dateline or token.pos_ not in {
                    "NOUN", "PROPN"}:
                continue
            if token.i in people:
                self.persons.append(token)
            elif token.dep_ in {"nsubj", "nsubjpass"}:
                self.subjects.append(token)

    def kind(self, token: Token) -> str | None:
        """The pronoun kind of ``token`` ("things", "persons", ...), None for a noun."""
        pronominal = token.pos_ == "PRON" or token.tag_ in {"PRP$", "WDT", "WP$"}
        return self.index.lexicon.pronoun_kind(token.lower_) if pronominal else None

    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """``subject_of(verb)``, passing over a dateline or a transcript label parsed as a
        subject ("QUITO, Ecuador -- Police arrested ...")."""
        subject, passive = subject_of(verb)
        skipped = self.labels | self.index.dateline
        if subject is not None and subject.i in skipped:
            other = [c for c in verb.children if c.dep_ == subject.dep_ and c.i not in skipped]
            return (other[0], passive) if other else (None, False)
        return subject, passive

    def parties(self, head: Token) -> list[Party]:
        """One party per conjunct ("Russia and North Korea" -> two); the head's own first."""
        parties: list[Party] = []
        for token in _conjuncts(head):
            for party in self._resolve_coordinated(token):
                if party.code is None or all(p.code != party.code for p in parties):
                    parties.append(party)
        if any(p.code for p in parties):
            parties = [p for p in parties if p.code is not None]
        return parties

    def resolve(self, head: Token) -> Party:
        return self._resolve_one(head)

    def _resolve_coordinated(self, head: Token) -> list[Party]:
        """"Hungarian and Romanian officials": coordinated modifiers name several actors; a
        pronoun stands for all the parties of its antecedent ("their partnership")."""
        if self.kind(head) in {"things", "persons"}:
            antecedent = self.antecedent(head)
            if antecedent is not None:  # its nouns only: "they and their allies" loops
                named = [t for t in _conjuncts(antecedent) if self.kind(t) is None]
                return [p for t in named for p in self._resolve_coordinated(t)]
        signed = self._signatories(head)
        if signed:
            return signed
        if self.index.by_token.get(head.i) is not None or self.kind(head) is not None:
            return [self._resolve_one(head)]
        before = self._modifier_mentions(head)
        doc = self.doc
        if len(before) > 1 and any(doc[m.start].dep_ == "conj" or doc[m.end - 1].dep_ == "conj"
                                   for m in before):
            sector = self.index.lexicon.sector_of(head.lower_)
            return [Party(with_sector(m.code, sector), m.text) for m in before]
        return [self._resolve_one(head)]

    def _modifier_mentions(self, head: Token) -> list[Mention]:
        kept = [c for c in head.children if c.dep_ not in _NP_EXCLUDED and c.i < head.i]
        if not kept:
            return []
        start = min(c.left_edge.i for c in kept)
        return self.index.within(start, head.i)

    def _signatories(self, pronoun: Token) -> list[Party]:
        """"We" of a joint statement, outside quotations: the actors it names first."""
        if not first_plural(pronoun) or self.spoken(pronoun):
            return []
        return self.signed

    @functools.cached_property
    def signed(self) -> list[Party]:
        return [Party(m.code, m.text) for m in signatories(self.doc, self.index)]

    def _resolve_one(self, head: Token) -> Party:
        if head.i in self.labels or head.i in self.index.dateline:
            return Party(None, "")
        signed = self._signatories(head)
        if signed:
            return signed[0]
        kind = self.kind(head)
        if kind in {"things", "persons"}:
            antecedent = self.antecedent(head)
            return self._resolve_one(antecedent) if antecedent is not None else Party(
                None, head.text)
        if kind == "relatives" and head.head.dep_ == "relcl":
            return self._resolve_one(head.head.head)
        if head.pos_ in {"VERB", "AUX"}:  # a clause: "into whether the envoy was spied on"
            subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            return self._resolve_one(subject) if subject is not None else Party(None, "")
        text = np_text(head, self.index.dateline)
        own = self.index.by_token.get(head.i)
        if own is not None:
            return Party(own.code, text)
        modifiers = self._modifier_mentions(head)
        sector = self.index.lexicon.sector_of(head.lower_)
        if modifiers:
            return Party(with_sector(modifiers[-1].code, sector), text)
        owned = self._pronoun_owner(head)  # "its troops": the troops of what "its" stands for
        if owned is not None:
            return Party(with_sector(owned, sector) if "-" not in owned else owned, text)
        if self._document(head):  # "a statement issued by Kenya": Kenya; "a report": no one
            return self._author(head, text, sector)
        owner = self._owner(head)
        if owner is not None:
            return Party(with_sector(owner.code, sector), text)
        if head.dep_ == "appos" and head.head.pos_ in {"NOUN", "PROPN"}:  # "its envoy, Ana Ruiz"
            described = self._resolve_one(head.head)
            if described.code is not None:
                return Party(described.code, text)
        if head.lower_ in self.index.lexicon.agents and not any(
                c.dep_ == "poss" for c in head.children):
            nearest = self.index.nearest_state(head, self._acted_on(head))
            if nearest is not None:
                return Party(with_sector(nearest.code, sector), text)
        return Party(None, text)

    def _author(self, document: Token, text: str, sector: str | None) -> Party:
        """Who a document speaks for: the agent of its participle ("a statement issued by
        Kenya"), the object of an author preposition ("a statement from the Kenyan
        ministry", "the report of the ministry"), its owner by another attachment ("a
        report in the Kenyan press"), else no one ("a report released Tuesday accused");
        an apposition names the document again, or is misparsed, and is not its author."""
        authors = [a for c in document.children if c.dep_ == "acl" and c.tag_ == "VBN"
                   for a in [agent_of(c)] if a is not None]
        authors += prep_objects(document, self.words.document_author_preps)
        if authors:
            return self._resolve_one(authors[0])
        owner = self._owner(document, appositions=False)  # "a report in the Kenyan press"
        if owner is not None:
            return Party(with_sector(owner.code, sector), text)
        return Party(None, "")

    def _document(self, head: Token) -> bool:
        """Whether ``head`` names a document (event_verbs.yaml documents), which speaks
        for its author and is no actor itself."""
        from redline.extract.patterns import load_patterns

        documents = load_patterns().documents
        return head.pos_ == "NOUN" and (head.lemma_.lower() in documents
                                        or head.lower_ in documents)

    def _pronoun_owner(self, head: Token) -> str | None:
        """The code of what a possessive pronoun of a doer stands for ("its troops
        attacked", "by their fighters"), else None. What a doer acts on is not named by its
        own pronoun: "withdrew its troops", "lifted its ban" are no acts on itself."""
        owner = possessor(head)
        doer = head.dep_ in {"nsubj", "nsubjpass"} or (
            head.dep_ == "pobj" and head.head.dep_ == "agent")
        if not doer or owner is None or self.kind(owner) not in {"things", "persons"}:
            return None
        return self._resolve_one(owner).code

    def _acted_on(self, head: Token) -> frozenset[int]:
        """Tokens a generic agent acts on, whose states it does not take: the objects of
        its verb ("the ministry sent a letter to Russia") and, for what a verb acts on, the
        doer named ("France condemned the junta") unless the verb is one of commanding the
        body (``commanding_verbs``: "Russia has troops in Belarus"); for a subject, all its
        verb says but the places where it acts ("the parliament condemned the attack on
        Israel by Iran", "the government agreed to provide Sri Lanka with", not "in
        Kenya")."""
        head = _phrase_of(head)
        verb = head.head
        if head.dep_ == "nsubj" and verb.i != head.i:
            return frozenset(t.i for c in verb.children if c.dep_ in _ACTED_ON and not (
                c.dep_ == "prep" and c.lower_ in self.words.place_preps) for t in c.subtree)
        # "France condemned the junta": not France's; "Russia has troops": Russia's
        commanded = verb.lemma_.lower() in self.words.commanding_verbs
        doers = [c for c in verb.children if c.dep_ == "nsubj" and not commanded
                 and self.index.within(c.left_edge.i, c.right_edge.i + 1)]
        return frozenset(t.i for c in [
            *(c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i != head.i),
            *prep_objects(verb, ("to", "against", "toward", "towards")), *doers]
            for t in c.subtree)

    def _owner(self, head: Token, appositions: bool = True) -> Mention | None:
        """The actor a noun belongs to by its attachments: an apposition (unless not
        ``appositions``), "police in Kabul", "the president of Kosovo", "fighters loyal to
        Ouattara"."""
        words = self.words
        for child in head.children:
            inner: list[Token] = []
            if child.dep_ == "appos" and appositions:
                inner = [child]
            elif child.dep_ == "prep" and child.lower_ in words.owner_preps:
                inner = [c for c in child.children if c.dep_ == "pobj"]
            elif child.dep_ == "amod" and child.lower_ in words.allegiance:
                inner = [c for p in child.children if p.dep_ == "prep"
                         for c in p.children if c.dep_ == "pobj"]
            for token in inner:
                mention = self.index.by_token.get(token.i) or next(
                    iter(self.index.within(token.left_edge.i, token.i + 1)), None)
                if mention is not None:
                    return mention
        return None

    def antecedent(self, pronoun: Token) -> Token | None:
        """The word a pronoun stands for, or None (see the class docstring)."""
        kind = self.kind(pronoun)
        if kind == "persons":
            return self._last(self.persons, pronoun, 0)
        if kind != "things":
            return None
        plural = "Plur" in pronoun.morph.get("Number")
        sentence_start = pronoun.sent.start
        window = self.doc[sentence_start - 1].sent.start if sentence_start else 0
        return self._last(self.subjects, pronoun, window, plural) or self._last(
            self.named, pronoun, window)

    @functools.cached_property
    def named(self) -> list[Token]:
        """The last word of each state or organisation mention, in order."""
        doc = self.doc
        return [doc[m.end - 1] for m in self.index.mentions
                if m.end - 1 not in self.labels and doc[m.end - 1].ent_type_ != "PERSON"]

    def _agrees(self, noun: Token, plural: bool | None) -> bool:
        if plural is None or noun.i in self.index.by_token:  # a named state: "it" or "they"
            return True
        return (noun.tag_ in {"NNS", "NNPS"}) == plural

    def _last(self, candidates: list[Token], pronoun: Token, window: int,
              plural: bool | None = None) -> Token | None:
        """The last of ``candidates`` (in text order) from token ``window`` up to the
        pronoun that agrees in number and is not the speaker of the pronoun's quotation."""
        speakers = self._speakers(pronoun)
        low = bisect.bisect_left(candidates, window, key=lambda t: t.i)
        high = bisect.bisect_left(candidates, pronoun.i, key=lambda t: t.i)
        for token in reversed(candidates[low:high]):
            if token.lower_ not in speakers and self._agrees(token, plural):
                return token
        return None

    def _speakers(self, pronoun: Token) -> frozenset[str]:
        """Names of the people outside the quotation ``pronoun`` is in, in its sentence."""
        quote = self._quote_of(pronoun)
        if quote is None:
            return frozenset()
        sentence = pronoun.sent
        return frozenset(t.lower_ for t in self.persons
                         if sentence.start <= t.i < sentence.end and self._quote_of(t) != quote)

    def spoken(self, token: Token) -> bool:
        """Whether ``token`` is in a quotation or in a transcript of speakers' turns."""
        return bool(self.labels) or self._quote_of(token) is not None

    def _quote_of(self, token: Token) -> tuple[int, int] | None:
        return next((q for q in self.quotes if q[0] <= token.idx < q[1]), None)


def _label_tokens(doc: Any) -> frozenset[int]:
    from redline.extract.quotes_turns import label_spans

    found: set[int] = set()
    for start, end in label_spans(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        found.update(range(span.start, span.end) if span is not None else ())
    return frozenset(found)


def subject_of(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The token doing ``verb`` and whether ``verb`` is passive (then the patient is returned)."""
    passive_subject = None
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child, False
        if child.dep_ == "nsubjpass":
            passive_subject = child
    if passive_subject is not None:
        return passive_subject, True
    if depth > 4 or verb.head.i == verb.i:
        return None, False
    head = verb.head
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and head.pos_ in {"NOUN", "PROPN"}:
        return head, True  # a reduced passive: "the acts committed by Russian forces"
    owner = possessive_doer(head) if verb.dep_ in {"acl", "xcomp"} and head.pos_ in {
        "NOUN", "PROPN"} else None
    if owner is not None:  # "the DPRK's decision to deploy"
        return owner, False
    words = load_arguments()
    if verb.dep_ in {"xcomp", "advcl"} and head.lemma_ in words.object_control:
        for child in head.children:
            if child.dep_ == "dobj":
                return child, False
    if verb.dep_ in {"xcomp", "advcl"}:  # "called on Russia to withdraw": Russia withdraws
        called = prep_objects(head, words.control_preps.get(head.lemma_.lower(), ()))
        if called:
            return called[0], False
    if verb.dep_ in {"xcomp", "conj", "advcl", "pcomp", "acl", "prep", "pobj", "dobj", "ccomp"}:
        ancestor = head
        while ancestor.pos_ not in {"VERB", "AUX"} and ancestor.head.i != ancestor.i:
            ancestor = ancestor.head
        if ancestor.pos_ in {"VERB", "AUX"} and ancestor.i != verb.i:
            return subject_of(ancestor, depth + 1)[0], False
    return None, False


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def prep_objects(token: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``token`` ("to Russia" -> Russia)."""
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "dative", "agent"} and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ in {"pobj", "pcomp"})
    return found


def object_heads(token: Token) -> list[Token]:
    """Nouns acted on: direct object, passive subject, "with"/"including" objects, conjuncts."""
    heads = [c.head.head if c.tag_ in {"WDT", "WP"} and token.dep_ == "relcl" else c
             for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
    # "the strategy, which was released": the strategy
    heads += prep_objects(token, ("including", "with", "of"))
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "such":
            heads += prep_objects(child, ("as",))
    expanded: list[Token] = []
    for head in heads:
        for item in _conjuncts(head):
            expanded.append(item)
            expanded += prep_objects(item, ("including",))
    return [t for t in expanded if t.pos_ in {"NOUN", "PROPN", "NUM"}]


def object_words(token: Token) -> set[str]:
    """Lemmas of what ``token`` acts on: its objects, the noun a participle modifies ("a report
    released"), what it engages "in", and for a noun its compounds and adjectives; with each
    object, what it is "of" ("a team of doctors")."""
    words: set[str] = set()
    heads = [*object_heads(token), *prep_objects(token, ("in",))]
    if token.dep_ == "acl":
        heads.append(token.head)
    for child in token.children:
        if child.dep_ == "xcomp":
            heads += object_heads(child)
        if child.dep_ == "compound" or (child.dep_ == "amod" and token.pos_ == "NOUN"):
            heads.append(child)
    for head in [*heads, *(m for h in heads for m in prep_objects(h, ("of",)))]:
        words.add(head.lemma_.lower())  # "a team of medical experts": team, expert, medical
        words.add(head.lower_)
        words.update(c.lemma_.lower() for c in head.children if c.dep_ in {"compound", "amod"})
    return words


def context_words(token: Token, noun: Token | None, objects: list[Token]) -> list[str]:
    """The words of an event's trigger, event noun and objects, up to each head."""
    words: list[str] = []
    doc = token.doc
    for head in [token, *([noun] if noun is not None else []), *objects]:
        words += [t.lower_ for t in doc[head.left_edge.i : head.i + 1]]
    return words


# -- clauses --------------------------------------------------------------------

def clause_order(token: Token) -> Key:
    """Main clause first: sentence, depth in the parse, position."""
    return token.sent.start, sum(1 for _ in token.ancestors), token.i


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in load_arguments().conditions
               for c in clause.children)


def complements(token: Token, noun: Token | None) -> list[Token]:
    """Clauses completing a trigger or its event noun ("threatened to break", "demanded that
    the US cancel", "its demand that Israel ease")."""
    found = [c for c in token.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ in {
        "VERB", "AUX"}]
    if noun is not None:
        found += [c for c in noun.children if c.dep_ in {"acl", "ccomp"} and c.pos_ == "VERB"]
    return found


def purposes(token: Token) -> list[Token]:
    """Clauses of purpose ("staged a hunger strike to demand ...")."""
    return [c for c in token.children if c.dep_ in {"advcl", "xcomp"} and c.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def datives(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in {"dative", "iobj"} and c.pos_ != "ADP"]


def receivers(verb: Token) -> list[Token]:
    """Who gets what a verb gives: the object of "provided Iran with drones" (a verb of
    ``receiving_objects`` with a "with" phrase), the one helped in "helped Pakistan build"
    or "allowed Turkey to buy" (``beneficiary_verbs``: the object, else the subject of the
    complement)."""
    words = load_arguments()
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN",
                                                                           "PRON"}]
    if lemma in words.receiving_objects and prep_objects(verb, ("with",)):
        return objects
    if lemma not in words.beneficiary_verbs:
        return []
    return objects or [s for c in verb.children if c.dep_ in {"ccomp", "xcomp"}
                       for s in c.children if s.dep_ == "nsubj"]


def trigger_text(doc: Any, first: Token, last: Token) -> str:
    """The trigger as written, elided when its words lie far apart."""
    if last.i - first.i < 4:
        return str(doc[first.i : last.i + 1].text)
    return f"{first.text} … {last.text}"


def attach_times(doc: Any, times: dict[int, TimeRef]) -> dict[int, TimeRef]:
    """Token index of the word a time expression modifies -> that time."""
    attached: dict[int, TimeRef] = {}
    for root_index, ref in times.items():
        head = doc[root_index]
        while head.dep_ in _TIME_LINKS and head.head.i != head.i:
            head = head.head
            if head.pos_ in {"VERB", "AUX"}:
                break
        if head.pos_ == "ADP" and head.head.i != head.i:
            head = head.head
        attached.setdefault(head.i, ref)
    return attached
