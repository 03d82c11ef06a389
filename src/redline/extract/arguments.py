"""Who and what around a trigger: actors, recipients, objects and places in the parse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redline.extract.actors import ActorIndex, Mention, with_sector
from redline.records import TimeRef

Token = Any  # spacy.tokens.Token

#: Children left out of a noun phrase's text.
_NP_EXCLUDED = frozenset({"conj", "cc", "relcl", "acl", "appos", "punct", "advcl", "prep",
                          "preconj", "parataxis"})
_PRONOUNS = frozenset({"it", "they", "its", "their", "them"})
#: Pronouns that stand for a person named earlier in the article.
_PERSONAL = frozenset({"he", "she", "him", "his", "her"})
_RELATIVES = frozenset({"who", "which", "that", "whom"})
#: Verbs whose object does what their complement says ("prompted the government to convene").
OBJECT_CONTROL = frozenset({
    "prompt", "urge", "ask", "force", "order", "allow", "persuade", "advise", "pressure", "tell",
    "call", "encourage", "invite", "help", "enable", "lead", "push", "require", "permit",
    "compel", "authorize", "authorise", "instruct", "oblige", "press", "get"})
RECIPIENT_PREPS = ("to", "with", "against", "on", "upon", "into", "toward", "towards", "at",
                   "over", "between", "for")
SUBJECTS = frozenset({"nsubj", "csubj"})
_TIME_LINKS = frozenset({"compound", "pobj", "npadvmod", "nmod", "amod"})
CONDITIONS = frozenset({"if", "unless"})
Key = tuple[int, int, int]


@dataclass(frozen=True)
class Party:
    """An actor or recipient: its code where known and the words that name it."""

    code: str | None
    text: str


def np_text(token: Token) -> str:
    """The noun phrase headed by ``token``, without clauses, conjuncts or attachments."""
    kept = [c for c in token.children if c.dep_ not in _NP_EXCLUDED]
    start = min([token.i, *(c.left_edge.i for c in kept)])
    end = max([token.i, *(c.right_edge.i for c in kept)])
    doc = token.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in {"the", "a", "an"}):
        start += 1
    return str(doc[start : end + 1].text)


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
    """Resolves noun phrases to parties with the document's actor mentions and pronouns."""

    def __init__(self, doc: Any, index: ActorIndex) -> None:
        self.doc = doc
        self.index = index
        self.labels = _label_tokens(doc)  # transcript turn labels: speakers, never actors
        self.subjects: list[tuple[int, Party]] = []  # earlier subjects, for "it"/"they"
        self.persons: list[tuple[int, Party]] = []  # earlier people, for "he"/"she"
        for token in doc:
            if token.i in self.labels or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            if token.ent_type_ == "PERSON" and token.dep_ in {"nsubj", "nsubjpass", "poss"}:
                self.persons.append((token.i, self._resolve_one(token)))
            elif token.dep_ in {"nsubj", "nsubjpass"} and token.lower_ not in _PRONOUNS:
                self.subjects.append((token.i, self._resolve_one(token)))

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
        """"Hungarian and Romanian officials": coordinated modifiers name several actors."""
        if self.index.by_token.get(head.i) is not None or head.lower_ in _PRONOUNS:
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

    def _resolve_one(self, head: Token) -> Party:
        if head.i in self.labels:
            return Party(None, "")
        text = np_text(head)
        if head.lower_ in _PRONOUNS:
            return self._antecedent(head) or Party(None, head.text)
        if head.lower_ in _PERSONAL:
            return self._person(head) or Party(None, head.text)
        if head.lower_ in _RELATIVES and head.head.dep_ == "relcl":
            return self._resolve_one(head.head.head)
        own = self.index.by_token.get(head.i)
        if own is not None:
            return Party(own.code, text)
        modifiers = self._modifier_mentions(head)
        sector = self.index.lexicon.sector_of(head.lower_)
        if modifiers:
            return Party(with_sector(modifiers[-1].code, sector), text)
        for child in head.children:
            is_prep = child.dep_ == "prep" and child.lower_ in {"in", "of", "from"}
            if child.dep_ == "appos" or is_prep:
                inner = [c for c in child.children if c.dep_ == "pobj"] if is_prep else [child]
                for token in inner:
                    mention = self.index.by_token.get(token.i) or next(
                        iter(self.index.within(token.left_edge.i, token.i + 1)), None)
                    if mention is not None:
                        return Party(with_sector(mention.code, sector), text)
        if head.lower_ in self.index.lexicon.agents and not any(
                c.dep_ == "poss" for c in head.children):
            nearest = self.index.nearest_state(head)
            if nearest is not None:
                return Party(with_sector(nearest.code, sector), text)
        return Party(None, text)

    def _antecedent(self, pronoun: Token) -> Party | None:
        sentence_start = pronoun.sent.start
        window = self.doc[max(0, sentence_start - 1)].sent.start if sentence_start else 0
        for index, party in reversed(self.subjects):
            if index < pronoun.i and index >= window:
                return Party(party.code, party.text)
        return None


    def _person(self, pronoun: Token) -> Party | None:
        """The last person named as a subject or owner before ``pronoun`` in the article."""
        earlier = [party for index, party in self.persons if index < pronoun.i]
        return Party(earlier[-1].code, earlier[-1].text) if earlier else None


def _label_tokens(doc: Any) -> frozenset[int]:
    from redline.extract.quotes_turns import label_spans

    found: set[int] = set()
    for start, end in label_spans(doc.text):
        span = doc.char_span(start, end, alignment_mode="expand")
        found.update(range(span.start, span.end) if span is not None else ())
    return frozenset(found)


def possessor(noun: Token) -> Token | None:
    """The owner of a noun phrase ("the DPRK's decision" -> DPRK)."""
    return next((c for c in noun.children if c.dep_ == "poss"), None)


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
    if verb.dep_ in {"acl", "xcomp"} and head.pos_ in {"NOUN", "PROPN"} and (
            possessor(head) is not None):  # "the DPRK's decision to deploy"
        return possessor(head), False
    if verb.dep_ in {"xcomp", "advcl"} and head.lemma_ in OBJECT_CONTROL:
        for child in head.children:
            if child.dep_ == "dobj":
                return child, False
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
    heads = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
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


# -- clauses --------------------------------------------------------------------

def clause_order(token: Token) -> Key:
    """Main clause first: sentence, depth in the parse, position."""
    return token.sent.start, sum(1 for _ in token.ancestors), token.i


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def conditional(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children)


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
