"""Who is speaking: names, roles from appositions, "he"/"she", "the professor".

The discourse is read in order. Each person named outside quotation marks is
remembered with a role (from an apposition, "Kim Min-su, a professor at
...", or from the words before the name, "longtime pollster Pat Caddell") and
a gender when a title, given name or pronoun tells it. A later surname alone
("Kim") is the same person. A pronoun is the most recent person of its
gender; a definite description ("the professor", "the trade expert")
is the most recent person whose role fits the noun, else the most recent
person with no role at odds with it; "it"/"they" is the nearest subject
before it that is not a person. Nothing else is resolved to an institution.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from redline.extract.quotes_lexicon import SpeechCues, load_cues
from redline.extract.quotes_spans import Doc, Span, SpanIndex, Token, inside, sentence_start, trim

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_ROLE_TRIM = " \t\r\n,;:.()[]—–-"
_CORE_DROP = frozenset({"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "prep", "case"})


@dataclass
class Person:
    name: str
    parts: frozenset[str]
    role: str | None = None
    gender: str | None = None  # "male" / "female"
    last_seen: int = -1  # char offset of the latest mention
    last_sentence: int = -1  # token index where that mention's sentence starts
    subject: bool = False  # whether that mention was a subject

    def salience(self) -> tuple[int, bool, int]:
        """Later sentences first; within a sentence, subjects before other mentions."""
        return self.last_sentence, self.subject, self.last_seen


@dataclass(frozen=True)
class Speaker:
    name: str | None
    role: str | None = None
    is_person: bool = False


class Discourse:
    """Persons mentioned so far, in the order a reader meets them."""

    def __init__(self, doc: Doc, cues: SpeechCues, quotations: list[Span], text: str) -> None:
        self.doc = doc
        self.text = text
        self.cues = cues
        self.quotations = SpanIndex(quotations)
        self.persons: list[Person] = []
        self.person_ents = [e for e in doc.ents if e.label_ == "PERSON"]
        self._ent_starts = [e.start_char for e in self.person_ents]  # in text order

    # -- mentions --------------------------------------------------------------
    def person_mentions(self) -> list[tuple[int, object]]:
        """PERSON entities outside quotation marks, as ``(char offset, span)``."""
        named = [(e.start_char, e) for e in self.person_ents if not self._quoted(e.start_char)]
        return sorted(named + self._untagged_persons())

    def _untagged_persons(self) -> list[tuple[int, object]]:
        """Proper names the tagger missed that a role marks as persons ("Hong, a researcher")."""
        found: list[tuple[int, object]] = []
        for token in self.doc:
            if token.pos_ != "PROPN" or token.ent_type_ == "PERSON" or token.dep_ in (
                    "compound", "flat") or self._quoted(token.idx):
                continue
            span = self.doc[_name_start(token):token.i + 1]
            role = role_of(self.text, span)
            if role and any(w.strip(",.").lower() in self.cues.role_nouns for w in role.split()):
                found.append((span.start_char, span))
        return found

    def _quoted(self, position: int) -> bool:
        return self.quotations.contains((position, position + 1))

    def mention(self, ent: object) -> Person | None:
        """Remember the person named by entity span ``ent``; return them."""
        words = [t for t in ent if t.lower_ not in self.cues.titles and t.is_alpha]  # type: ignore[attr-defined]
        if not words:
            return None
        parts = frozenset(t.lower_ for t in words)
        name = self.text[words[0].idx:words[-1].idx + len(words[-1].text)]
        person = self._same_person(parts)
        if person is None:
            person = Person(name=name, parts=parts)
            self.persons.append(person)
        elif len(parts) > len(person.parts):
            person.name, person.parts = name, parts
        person.gender = person.gender or self._gender_of(ent)
        role = role_of(self.text, ent)
        if role and not person.role:
            person.role = role
        root = ent.root  # type: ignore[attr-defined]
        _touch(person, root, root.dep_ in _SUBJECT_DEPS)
        return person

    def _same_person(self, parts: frozenset[str]) -> Person | None:
        for person in reversed(self.persons):
            if parts <= person.parts or person.parts <= parts:
                return person
        return None

    def _gender_of(self, ent: object) -> str | None:
        first = ent[0]  # type: ignore[index]
        before = self.doc[first.i - 1] if first.i > 0 else None
        for token in (before, first):
            if token is None:
                continue
            if token.lower_ in self.cues.male_titles or token.lower_ in self.cues.male_names:
                return "male"
            if token.lower_ in self.cues.female_titles or token.lower_ in self.cues.female_names:
                return "female"
        return None

    # -- resolution ------------------------------------------------------------
    def resolve(self, head: Token, source: Span) -> Speaker:
        """The speaker named by the source phrase ``source`` whose head is ``head``."""
        if head.lower_ in self.cues.relatives and head.head.dep_ == "relcl":
            head = head.head.head
        word = head.lower_
        if word in self.cues.male_pronouns or word in self.cues.female_pronouns:
            gender = "male" if word in self.cues.male_pronouns else "female"
            return self._as_speaker(self._recent(head, gender))
        if word in ("it", "they"):
            return self._antecedent(head)
        named = self._named_in(source)
        if named is not None:
            return self._as_speaker(named, role_of_phrase(self.text, head))
        known = self._same_person(frozenset({head.lower_})) if head.pos_ == "PROPN" else None
        if known is not None:
            _touch(known, head)
            return self._as_speaker(known, apposition_of(self.text, head))
        if self._is_description(head):
            described = self._described(head)
            if described is not None:
                return self._as_speaker(described)
        if head.pos_ == "PROPN" and self._looks_like_person(head):
            person = self.mention(self.doc[_name_start(head):head.i + 1])
            if person is not None:
                _touch(person, head)
                return self._as_speaker(person, role_of_phrase(self.text, head))
        return Speaker(core_phrase(self.text, head), apposition_of(self.text, head))

    def _looks_like_person(self, head: Token) -> bool:
        """A proper-noun source that is a person: tagged so, known, or given a role."""
        if head.ent_type_ in ("", "PERSON") or self._same_person(frozenset({head.lower_})):
            return True
        role = role_of_phrase(self.text, head)
        return role is not None and any(
            w.strip(",.").lower() in self.cues.role_nouns for w in role.split()[:6])

    def resolve_label(self, label: str, position: int) -> Speaker:
        """A transcript label ("MR. KIRBY") as a known person where one matches."""
        words = [w.strip(".").lower() for w in label.split()]
        parts = frozenset(w for w in words if w and w + "." not in self.cues.titles
                          and w not in self.cues.titles)
        person = self._same_person(parts) if parts else None
        if person is not None and label != "Q":
            person.last_seen = position
            person.subject = True
            return Speaker(person.name, person.role, is_person=True)
        return Speaker(label)

    def _as_speaker(self, person: Person | None, role: str | None = None) -> Speaker:
        if person is None:
            return Speaker(None)
        return Speaker(person.name, role or person.role, is_person=True)

    def _named_in(self, source: Span) -> Person | None:
        first = bisect.bisect_left(self._ent_starts, source[0])
        for ent in self.person_ents[first:]:
            if ent.start_char >= source[1]:
                break
            if inside((ent.start_char, ent.end_char), source):
                return self.mention(ent)
        return None

    def _recent(self, pronoun: Token, gender: str) -> Person | None:
        earlier = [p for p in self.persons if 0 <= p.last_seen < pronoun.idx]
        for person in sorted(earlier, key=Person.salience, reverse=True):
            if person.gender in (None, gender):
                person.gender = gender
                _touch(person, pronoun)
                return person
        return None

    def _is_description(self, head: Token) -> bool:
        determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
        return (head.lemma_.lower() in self.cues.role_nouns and head.tag_ in ("NN", "NNP")
                and bool(determiners & self.cues.speaker_determiners))

    def _described(self, head: Token) -> Person | None:
        noun = head.lemma_.lower()
        earlier = [p for p in self.persons if 0 <= p.last_seen < head.idx]
        ordered = sorted(earlier, key=Person.salience, reverse=True)
        fitting = [p for p in ordered if p.role and self.cues.role_matches(noun, p.role)]
        loose = [p for p in ordered if not p.role]
        candidates = fitting or loose
        chosen = candidates[0] if candidates else None
        if chosen is not None:
            _touch(chosen, head)
        return chosen

    def _antecedent(self, pronoun: Token) -> Speaker:
        """'it'/'they': the nearest non-person subject in this or the previous sentence."""
        plural = pronoun.lower_ == "they"
        start = sentence_start(pronoun)
        start = sentence_start(self.doc[start - 1]) if start > 0 else 0
        for token in reversed(self.doc[start:pronoun.i]):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if token.ent_type_ == "PERSON" or self._quoted(token.idx):
                continue
            if plural == (token.tag_ in ("NNS", "NNPS")):
                return Speaker(core_phrase(self.text, token))
        return Speaker(pronoun.text)


def _touch(person: Person, token: Token, subject: bool = True) -> None:
    """Record that ``person`` was just referred to at ``token``."""
    person.last_seen = token.idx
    person.last_sentence = sentence_start(token)
    person.subject = subject


def core_phrase(text: str, head: Token) -> str:
    """The noun phrase of ``head`` without appositions, clauses or a leading article."""
    tokens = [head]
    for child in head.children:
        if child.dep_ not in _CORE_DROP or (child.dep_ == "prep" and child.i > head.i
                                             and child.lower_ in load_cues().phrase_prepositions):
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    while tokens and tokens[0].dep_ in ("det", "punct") and tokens[0].i < head.i:
        tokens.pop(0)
    while tokens and tokens[-1].dep_ == "punct":
        tokens.pop()
    if not tokens:
        return str(head.text)
    return text[tokens[0].idx:tokens[-1].idx + len(tokens[-1].text)]


def role_of(text: str, ent: object) -> str | None:
    """A person's role from the words around their name (``ent`` is an entity span):
    an apposition, the words before the name, or "X is a professor at ..."."""
    root = ent.root  # type: ignore[attr-defined]
    role = role_of_phrase(text, root, ent.start)  # type: ignore[attr-defined]
    if role is None and root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for child in root.head.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN":
                span = trim(text, (child.left_edge.idx,
                                   child.right_edge.idx + len(child.right_edge.text)), _ROLE_TRIM)
                return text[span[0]:span[1]] or None
    return role


def apposition_of(text: str, head: Token) -> str | None:
    """The apposition after ``head`` ("Kim, a professor at ..."), if any."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            span = trim(text, (child.left_edge.idx,
                                   child.right_edge.idx + len(child.right_edge.text)), _ROLE_TRIM)
            return text[span[0]:span[1]] or None
    return None


def role_of_phrase(text: str, head: Token, name_start: int | None = None) -> str | None:
    """Apposition after the name, else the modifiers in front of it."""
    doc = head.doc
    appos = apposition_of(text, head)
    if appos is not None:
        return appos
    start = head.left_edge.i
    stop = name_start if name_start is not None else _name_start(head)
    before = [t for t in doc[start:stop] if t.dep_ not in ("det", "poss", "punct", "case")]
    if any(t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.ent_type_ != "PERSON") for t in before):
        span = trim(text, (before[0].idx, before[-1].idx + len(before[-1].text)))
        return text[span[0]:span[1]] or None
    return None


def _name_start(head: Token) -> int:
    """Index of the first word of the proper name ending at ``head``."""
    index = head.i
    doc = head.doc
    while index > 0 and doc[index - 1].pos_ == "PROPN" and doc[index - 1].dep_ in (
            "compound", "flat") and doc[index - 1].head.i >= index:
        index -= 1
    return int(index)
