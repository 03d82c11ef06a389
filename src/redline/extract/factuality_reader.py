"""Reads factuality down the dependency tree: what each governor passes to what it governs."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from redline.extract.factuality_cues import Cue, CueBook, Grade, grade_of
from redline.extract.factuality_features import clause_type
from redline.extract.factuality_local import (
    is_irrealis,
    is_past,
    local_grades,
    negation_words,
    postposed_condition,
    tense_of,
    tensed_after_infinitive,
)
from redline.extract.factuality_scale import (
    ASSERTED,
    QUESTIONED,
    Factuality,
    combine,
    negate,
)
from redline.extract.factuality_tree import (
    CLAUSE_DEPS,
    COPULAS,
    MODIFIER_CLAUSE_DEPS,
    OBJECT_DEPS,
    according_to,
    children,
    governor,
    has_subject,
    is_infinitival,
    pos_class,
    source_of,
)

_CACHE_KEY = "redline.factuality.readings"
# An imperative at the root: what it asks for, and what is joined to it without a subject
# of its own ("Read the links and draw your own conclusions"), has not happened.
_IMPERATIVE = Factuality(0.0, "unconfirmed", cues=("imperative",), time="future")
_MAX_DEPTH = 60
_PREDICATIVE_DEPS = frozenset({"acomp", "attr", "oprd"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_ENTITY_POS = frozenset({"NUM", "PRON", "DET"})
_DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
_OBJECT_ARGUMENT_DEPS = frozenset({"dobj", "pobj", "dative", "obj"})
# What makes a reporting verb a clause of its own rather than an aside ("we believe that ...").
_ASIDE_COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "mark", "csubj"})
# Relative adverbs that open a clause describing a situation ("a scenario where ...").
_SITUATION_ADVERBS = frozenset({"where", "when", "wherein", "whereby"})


class Reader:
    """Reads factuality over parsed documents, memoising each token's reading on its Doc
    (under ``book``, one name for each cue book read with)."""

    def __init__(self, cues: CueBook, book: str = "value") -> None:
        self.cues = cues
        self.memo_key = f"{_CACHE_KEY}.{book}"
        self.depth = 0

    def reading(self, token: Token, negation: bool = True) -> Factuality:
        memo: dict[tuple[int, bool], Factuality] = token.doc.user_data.setdefault(
            self.memo_key, {})
        key = (token.i, negation)
        if key not in memo:
            if self.depth > _MAX_DEPTH:
                return ASSERTED
            self.depth += 1
            try:
                memo[key] = self._read(token, negation)
            finally:
                self.depth -= 1
        return memo[key]

    def _read(self, token: Token, negation: bool) -> Factuality:
        if _is_entity(token):  # a name, number or pronoun exists whatever its clause says
            return self.source_context(token)
        occurrence = self.occurs_as(token)
        if occurrence is not None:
            return self.reading(occurrence, negation)
        reading = self.source_context(token) if self.presupposed(token) else self.context(token)
        if token.head.i == token.i and clause_type(token) == "imperative":
            reading = _IMPERATIVE  # "Expand the FDIC's authority to ...": asked for, not done
        tense = tense_of(token)
        if tense is not None:
            reading = replace(reading, time=tense)
        denied = reading.value < 0  # "the planned attack was called off": no plan left
        for grade in local_grades(token, self.cues, governor(token, self.cues)):
            if not (denied and _plan_modifier(token, grade, self.cues)):
                reading = combine(reading, grade)
        source = according_to(token)
        if source is not None:
            attributed = replace(reading, source=source, cue="according to")
            reading = combine(attributed, grade_of("reported", "according to"))
        aside = self.aside(token)
        if aside is not None:  # "the troops, we believe, crossed": as "we believe that"
            cue, verb = aside
            speaker = source_of(verb, self.cues)
            attributed = replace(reading, source=speaker or reading.source, cue=verb.text)
            grade = replace(cue.grade, word=verb.text) if not negation_words(
                verb, self.cues) else grade_of("unconfirmed", verb.text)
            reading = combine(attributed, grade)
        if negation:
            for word in negation_words(token, self.cues):
                reading = negate(reading, word)
        return reading

    def aside(self, token: Token) -> tuple[Cue, Token] | None:
        """A source verb set into ``token``'s clause with its own subject and no complement
        of its own ("the troops, we believe, crossed"; "it will, officials said, ...")."""
        for verb in children(token, "parataxis"):
            if pos_class(verb) != "verb" or not has_subject(verb) or any(
                    c.dep_ in _ASIDE_COMPLEMENT_DEPS for c in verb.children):
                continue
            cue = self.cues.predicate("verb", verb.lemma_, "clause")
            if cue is not None and cue.kind == "source":
                return cue, verb
        return None

    def presupposed(self, token: Token) -> bool:
        """An event noun the text takes as given ("the ongoing crisis", "the actual transfer"),
        whatever the modality of the clause it sits in."""
        if pos_class(token) != "noun":
            return False
        modifiers = (self.cues.noun_modifiers.get(c.lower_) for c in children(token, "amod"))
        # a future the commitment book is sure of ("the planned attack") is no given
        return any(m is not None and m.label == "confirmed" and m.time is None
                   for m in modifiers)

    # -- what the governor passes down -------------------------------------------------

    def context(self, token: Token) -> Factuality:
        gov = governor(token, self.cues)
        if gov is None:
            return QUESTIONED if token.sent.text.rstrip().endswith("?") else ASSERTED
        head, dep = gov
        if postposed_condition(token, self.cues) is not None:  # "would have ... had X sent"
            return self.source_context(head.head)
        if dep == "conj" and tensed_after_infinitive(token, head):
            outer = governor(head, self.cues)  # "failed to find a buyer and filed": filed
            return self.context(outer[0] if outer is not None else head)
        if dep == "conj" or _follows_coordinator(token, head):
            return self.context(head) if _own_clause(token) else self.reading(head)
        if head.dep_ in ("prep", "agent") and dep in ("pobj", "pcomp"):
            return self.through_preposition(head, token)
        if head.dep_ == "prt" and dep == "pobj":  # "staved off a strike": the verb's object
            cue, cue_token = self.cue_of(head.head, "object")
            return self.embed(cue_token, cue) if cue is not None else self.argument_of(
                token, head.head)
        if dep in _PREDICATIVE_DEPS and head.lemma_ in COPULAS:
            return self.reading(head)
        situation = self.situation(head, token) if dep in ("relcl", "acl") else None
        if situation is not None:
            return situation
        relation = self.relation(token, dep)
        if relation is not None and self.factive(head, token):
            return self.source_context(head)  # "did not acknowledge that ...": still given
        if relation == "clause" and is_infinitival(token) and self.result_of(head, token):
            return self.argument(head)  # "dropped 9.6% to reach": a result, not a purpose
        if relation == "clause" and _yet_to(token):  # "is yet to be crossed": not so far
            return self.argument(head)
        if relation is not None:
            cue, cue_token = self.cue_of(head, relation, token)
            if cue is not None and cue.kind == "source" and _is_directive(token, cue_token):
                directive = replace(grade_of("unconfirmed", cue_token.text), time="future")
                return combine(self.argument(head), directive)
            lemma = cue_token.lemma_.lower()
            if cue is not None and lemma in self.cues.decisions and not _controlled(token):
                cue = None  # "decided that he met the test": what was judged, as it reads
            if cue is not None and (cue.kind != "implicative" or _controlled(token)
                                    or lemma in self.cues.counterfactives):
                return self.embed(cue_token, cue)
            if relation == "clause" and is_infinitival(token):
                return self.infinitive(head, dep)
            return self.reading(head) if dep == "xcomp" else self.argument_of(token, head)
        if dep in ("compound", "acl") and pos_class(token) in ("verb", "noun"):
            none = _none_there(head, self.cues)
            if none is not None:  # "has no trip planned", "no takeover bids", "nothing preventing"
                return negate(self.argument(head), none)
        if dep == "acl" and token.tag_ == "VBG" and pos_class(head) == "noun":
            prep = _complement_between(head, token, self.cues.complement_prepositions)
            if prep is not None:  # "the prospect of China supplying": the gerund is of's
                return self.through_preposition(prep)
            return self.argument(head)  # "there could be soldiers fighting": as the noun
        if dep == "acl" and _stranded_passive(token, head):
            return self.reading(head.head)  # "Was anyone hurt?": the participle is be's
        if dep == "acl" and token.tag_ == "VBN" and self.under_noun_hedge(head):
            return self.argument(head)  # "the alleged sale of drones supplied to": alleged too
        if dep in MODIFIER_CLAUSE_DEPS or dep in ("appos", "parataxis"):
            return self.source_context(head)
        return self.argument_of(token, head)

    def situation(self, noun: Token, clause: Token) -> Factuality | None:
        """A clause describing a situation noun ("a circumstance in which troops occupied",
        "in the event that they cross"): as real as the noun; after "in" or "under" a
        condition, unless past in a clause of fact; unconfirmed under a noun of supposition
        ("a scenario where")."""
        lemma = noun.lemma_.lower()
        supposed = lemma in self.cues.supposition_nouns
        if pos_class(noun) != "noun" or not (supposed or lemma in self.cues.situation_nouns):
            return None
        if not _describes_situation(clause):
            return None
        reading = self.argument(noun)
        prep = noun.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
        if prep is not None and prep.lower_ in self.cues.conditional_prepositions and (
                not is_past(clause) or is_irrealis(prep.head)):
            return combine(reading, grade_of("conditional", f"{prep.lower_} {noun.lower_}"))
        return combine(reading, grade_of("unconfirmed", noun.text)) if supposed else reading

    def argument_of(self, token: Token, head: Token) -> Factuality:
        """What ``token`` inherits as an argument of ``head`` that is no cue of it: a definite
        event noun as an object ("may respond to the attack", "will investigate the
        shootings") refers to an event the text takes as given, whatever the clause's mood."""
        if token.dep_ in _OBJECT_ARGUMENT_DEPS and _definite(token):
            self.given(token.doc)[token.i] = head.i
            return self.source_context(head)
        return self.argument(head)

    def given(self, doc: Doc) -> dict[int, int]:
        """Definite event nouns read as given (``argument_of``), each with its governor."""
        found: dict[int, int] = doc.user_data.setdefault(f"{self.memo_key}.given", {})
        return found

    def result_of(self, verb: Token, infinitive: Token) -> bool:
        """``infinitive`` is the result of a verb of change ("fell 3% to end the day"), not
        what a cue verb of the same form governs ("declined to comment"): after such a cue
        only with the amount or manner of the change between them."""
        if verb.lemma_.lower() not in self.cues.result_verbs:
            return False
        if self.cues.predicate("verb", verb.lemma_, "clause") is None:
            return True
        start = infinitive.left_edge.i
        return any(verb.i < c.i < start for c in verb.children if c.dep_ not in ("aux", "neg"))

    def under_noun_hedge(self, noun: Token) -> bool:
        """``noun`` carries a hedging modifier ("the alleged drones") or is the complement of
        an event noun that does ("the alleged sale of drones"): a past participle after it
        is part of what is hedged, not a fact of its own."""
        for candidate in (noun, _complement_owner(noun, self.cues.complement_prepositions)):
            if candidate is None or pos_class(candidate) != "noun":
                continue
            for modifier in children(candidate, "amod"):
                grade = self.cues.noun_modifiers.get(modifier.lower_)
                if grade is not None and grade.label != "confirmed":
                    return True
        return False

    def occurs_as(self, token: Token) -> Token | None:
        """The occurrence verb an event noun is the subject of ("the attack never
        happened", "the talks did not take place"): the noun reads as that verb does."""
        if pos_class(token) != "noun" or token.dep_ != "nsubj":
            return None
        verb = token.head
        lemma = verb.lemma_.lower()
        if lemma in self.cues.occurrence_verbs or any(
                f"{lemma} {c.lower_}" in self.cues.occurrence_verbs
                for c in children(verb, "dobj", "prt")):
            return verb
        return None

    def under_factive(self, token: Token) -> bool:
        """``token`` is a factive verb's own complement, which the text takes as given."""
        gov = governor(token, self.cues)
        return gov is not None and self.relation(token, gov[1]) is not None and self.factive(
            gov[0], token)

    def factive(self, head: Token, token: Token) -> bool:
        """A factive verb's own complement ("regret that", "regret sending"), not its
        infinitive ("forgot to lock" is an implicative)."""
        return (pos_class(head) == "verb" and head.lemma_.lower() in self.cues.factives
                and not is_infinitival(token))

    def relation(self, token: Token, dep: str) -> str | None:
        """"object" or "clause" when ``token`` may be its governor's complement."""
        if dep in OBJECT_DEPS:
            return "object"
        if dep in CLAUSE_DEPS:
            return "clause"
        if dep in MODIFIER_CLAUSE_DEPS and (is_infinitival(token) or any(
                c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in token.children)):
            return "clause"
        return None

    def through_preposition(self, prep: Token, governed: Token | None = None) -> Factuality:
        gov = governor(prep, self.cues)
        if gov is None:
            return ASSERTED
        head, word = gov[0], prep.lower_
        if word in self.cues.negating_prepositions:
            return negate(self.argument(head), word)
        noun_only = word in self.cues.noun_complement_prepositions
        if word in self.cues.complement_prepositions or noun_only:
            cue, cue_token = self.cue_of(head, "prep")
            if cue is None and not noun_only:
                cue, cue_token = self.object_cue(head, prep)
            if cue is not None and (not noun_only or pos_class(cue_token) == "noun"):
                return self.embed(cue_token, cue)
        presupposing = self.cues.presupposing_prepositions
        if word in presupposing or (head.dep_ == "prep" and head.lower_ in presupposing):
            return self.source_context(head)
        return self.argument(head) if governed is None else self.argument_of(governed, head)

    def object_cue(self, verb: Token, prep: Token) -> tuple[Cue | None, Token]:
        """The noun cue of a verb's object that a preposition after it belongs to, where the
        parse hung it on the verb ("set a threshold for providing", "drew a red line on")."""
        if pos_class(verb) != "verb":
            return None, verb
        for noun in children(verb, "dobj"):
            if noun.i < prep.i and pos_class(noun) == "noun":
                cue, cue_token = self.cue_of(noun, "prep")
                if cue is not None and cue.kind != "implicative":
                    return cue, cue_token
        return None, verb

    def infinitive(self, head: Token, dep: str) -> Factuality:
        """An infinitive that is no cue's complement: a purpose or an order, not a fact,
        except a result ("fell 3% to end the day") or after "the first/only ... to"."""
        if dep in ("advcl", "xcomp") and head.lemma_.lower() in self.cues.result_verbs:
            return self.argument(head)
        if dep in ("relcl", "acl") and self.names_a_fact(head):
            return self.source_context(head)
        purpose = self.cues.purpose
        if _negated_predicate(head, self.cues):  # "not enough to raise", "weren't available to"
            purpose = replace(purpose, value=0.0, label="unconfirmed")
        return combine(self.argument(head), purpose)

    def names_a_fact(self, noun: Token) -> bool:
        words = self.cues.infinitive_fact_words
        if noun.lower_ in words or any(c.lower_ in words for c in noun.children):
            return True
        for prep in children(noun, "prep"):
            if any(o.lower_ in words or any(c.lower_ in words for c in o.children)
                   for o in children(prep, "pobj")):
                return True
        return False

    def argument(self, head: Token) -> Factuality:
        """What an argument of ``head`` inherits: its modality, not its negation or denial.
        A definite noun taken as given passes on its clause's modality, not its givenness
        ("would reconsider its stance on sending troops": the sending is not given)."""
        reading = self.reading(head, negation=False)
        clause = self.given(head.doc).get(head.i)
        if clause is not None:
            return self.argument(head.doc[clause])
        return self.source_context(head) if reading.value < 0 else reading

    def cue_of(
        self, head: Token, relation: str, governed: Token | None = None
    ) -> tuple[Cue | None, Token]:
        """The cue ``head`` (or the adjective or noun after a copula) is for ``relation``."""
        candidates = [head]
        if head.lemma_ in COPULAS:
            candidates += [c for c in children(head, *_PREDICATIVE_DEPS) if c != governed]
        for candidate in candidates:
            pos = pos_class(candidate)
            if pos is None:
                continue
            for name in _cue_names(candidate, pos):
                cue = self.cues.predicate(pos, name, relation)
                if cue is not None:
                    return cue, candidate
        return None, head

    def embed(self, cue_token: Token, cue: Cue) -> Factuality:
        """What ``cue_token`` passes to what it governs."""
        carrier = self.carried_out_by(cue_token) if cue.kind == "frame" else None
        if carrier is not None:  # "carried out the decision to close": it was closed
            return combine(self.reading(carrier), grade_of("confirmed", carrier.text))
        if pos_class(cue_token) == "verb" and (
                cue_token.lemma_.lower() in self.cues.negated_implicatives) and negation_words(
                cue_token, self.cues):  # "did not fail to arrest", "never hesitated to fire"
            return combine(self.reading(cue_token, negation=False),
                           grade_of("confirmed", cue_token.text))
        outer = self.reading(cue_token)
        grade = replace(cue.grade, word=cue_token.text)
        if cue.kind == "implicative" and grade.value > 0:
            return combine(outer, grade)
        if cue.kind == "frame" and outer.value < 0 and (
                pos_class(cue_token) == "noun"
                or cue_token.lemma_.lower() in self.cues.negated_futures):
            # "no plan to", "the cancelled deal to", "does not intend to": it will not happen
            return replace(outer, cues=(*outer.cues, cue_token.text))
        if outer.value <= 0:  # "has not been confirmed": unknown, not false
            return combine(outer, grade_of("unconfirmed", cue_token.text))
        if cue.kind == "source":  # what a source asserts has a time of its own
            outer = replace(outer, time="unknown")
        inner = combine(outer, grade)
        source = source_of(cue_token, self.cues) if cue.kind == "source" else None
        if source is not None:  # else the outer source stands ("X said ... is expected to")
            inner = replace(inner, source=source, cue=cue_token.text)
        return inner

    def carried_out_by(self, noun: Token) -> Token | None:
        """The verb that carries out a plan, decision or order ``noun`` ("implemented the
        plan to", "the decision to close was carried out"; ``carry_out_verbs``)."""
        verb = noun.head
        if pos_class(noun) != "noun" or noun.dep_ not in ("dobj", "nsubjpass") or (
                pos_class(verb) != "verb"):
            return None
        names = [f"{verb.lemma_.lower()} {c.lower_}" for c in children(verb, "prt")]
        return verb if any(n in self.cues.carry_out_verbs
                           for n in (*names, verb.lemma_.lower())) else None

    def source_context(self, head: Token) -> Factuality:
        """Where a relative or adverbial clause starts: its nearest source, without modals."""
        node = head
        for _ in range(_MAX_DEPTH):
            gov = governor(node, self.cues)
            if gov is None:
                break
            parent, dep = gov
            if dep in CLAUSE_DEPS:
                cue, cue_token = self.cue_of(parent, "clause", node)
                if cue is not None and cue.kind == "source":
                    return self.embed(cue_token, cue)
            node = parent
        return ASSERTED


def _none_there(noun: Token, cues: CueBook) -> str | None:
    """The word that says there is none of ``noun`` where it is an object or what "there is"
    is about ("has no takeover bids", "has no trip planned", "there is nothing preventing":
    nothing of what its modifiers say exists either); None otherwise, and on a subject
    ("no soldiers guarding the bridge were killed": the guarding stands)."""
    existential = noun.dep_ == "nsubj" and any(c.dep_ == "expl" for c in noun.head.children)
    if noun.dep_ not in ("dobj", "attr") and not existential:
        return None
    if noun.pos_ == "PRON" and noun.lower_ in cues.negations:
        return noun.text
    det = next((c for c in children(noun, "det") if c.lower_ in cues.negative_determiners), None)
    return None if det is None else det.text


def _stranded_passive(participle: Token, subject: Token) -> bool:
    """A past participle the parse hung on the subject of an inverted "be" with no
    complement of its own ("Was anyone hurt in the blast?", "Were any soldiers killed?"):
    the passive of that clause, not a modifier of the subject ("There were soldiers
    killed", "Was the man killed on Monday a soldier?" keep theirs)."""
    be = subject.head
    return (participle.tag_ == "VBN" and subject.dep_ in ("nsubj", "nsubjpass")
            and be.lemma_ == "be" and be.i < subject.i and not any(
                c.dep_ in ("attr", "acomp", "expl", "oprd") for c in be.children))


def _negated_predicate(head: Token, cues: CueBook) -> bool:
    """``head`` or the copula it completes is negated ("was not enough to raise", "weren't
    available to comment", "would never come here to get"): what the infinitive after it is
    for is not sure to happen, however sure a purpose otherwise is."""
    copula = head.head if head.dep_ in _PREDICATIVE_DEPS and head.head.lemma_ in COPULAS else None
    return any(negation_words(t, cues) for t in (head, copula) if t is not None)


def _plan_modifier(token: Token, grade: Grade, cues: CueBook) -> bool:
    """``grade`` is a noun modifier of a plan or a future ("planned", "scheduled") on
    ``token``, which a denial above it outweighs."""
    modifier = cues.noun_modifiers.get(grade.word.lower())
    return pos_class(token) == "noun" and modifier is not None and (
        modifier.label == "unconfirmed")


def _complement_owner(noun: Token, prepositions: frozenset[str]) -> Token | None:
    """The noun whose complement ``noun`` is, through a preposition ("sale" of "drones")."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in prepositions:
        return prep.head
    return None


def _complement_between(noun: Token, gerund: Token, prepositions: frozenset[str]
                        ) -> Token | None:
    """A complement preposition of ``noun`` between it and a gerund the parse hung on the
    noun: the gerund's subject is that preposition's object ("the idea of Seoul sending")."""
    return next((p for p in children(noun, "prep")
                 if noun.i < p.i < gerund.i and p.lower_ in prepositions), None)


def _describes_situation(clause: Token) -> bool:
    """A "that" clause ("the event that they cross") or a relative clause opened by "where",
    "when" or a preposition and "which" ("in which"), not one whose relative pronoun is its
    subject or object ("the situation that emerged")."""
    for child in clause.children:
        if child.i > clause.i:
            continue
        if child.lower_ == "that" and (child.dep_ == "mark" or _second_object(child)):
            return True
        if child.dep_ == "advmod" and child.lower_ in _SITUATION_ADVERBS:
            return True
        if child.dep_ == "prep" and any(o.lower_ in ("which", "whom") for o in child.children):
            return True
    return False


def _second_object(that: Token) -> bool:
    """A "that" parsed as the object of a clause with an object of its own: a complementiser
    ("in the event that troops cross the border"), not a relative pronoun."""
    return that.dep_ == "dobj" and any(
        c.dep_ == "dobj" and c.i != that.i for c in that.head.children)


def _definite(token: Token) -> bool:
    """An event noun with a definite determiner or a possessor ("the strikes", "its launch")."""
    return pos_class(token) == "noun" and token.pos_ == "NOUN" and any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE_DETERMINERS) or c.dep_ == "poss"
        for c in token.children)


def _controlled(token: Token) -> bool:
    """An implicative's own complement: "managed to send", "prompted Seoul to convene",
    not a finite clause with a subject of its own ("decided that ... would")."""
    return is_infinitival(token) or not has_subject(token)


def _yet_to(token: Token) -> bool:
    doc = token.doc
    return any(c.dep_ == "aux" and c.lower_ == "to" and c.i > 0 and doc[c.i - 1].lower_ == "yet"
               for c in token.children)


def _cue_names(token: Token, pos: str) -> list[str]:
    """The names ``token`` may be listed under: "red line" before "line", lemma before form."""
    names = [token.lemma_, token.lower_]
    if pos == "verb":  # "called off" before "called"
        names[:0] = [f"{token.lemma_.lower()} {c.lower_}" for c in children(token, "prt")]
    if pos == "noun":
        before = (c for c in children(token, "amod", "compound") if c.i == token.i - 1)
        names[:0] = [f"{c.lower_} {token.lemma_.lower()}" for c in before]
    return names


def _own_clause(token: Token) -> bool:
    """A conjunct with its own subject, tense or auxiliary ("and North Korea sent troops")."""
    if pos_class(token) != "verb":
        return False
    return has_subject(token) or token.tag_ in _FINITE_TAGS or any(
        True for _ in children(token, "aux", "auxpass"))


def _is_entity(token: Token) -> bool:
    """Not a predicate: a number, pronoun, determiner or part of a named entity."""
    return token.pos_ in _ENTITY_POS or (token.pos_ == "PROPN" and token.ent_type_ != "")


def _is_directive(token: Token, verb: Token) -> bool:
    """"told the troops to leave": an order reported, not the event."""
    return is_infinitival(token) and any(True for _ in children(verb, "dobj", "dative"))


def _follows_coordinator(token: Token, head: Token) -> bool:
    """A dependent placed after a coordinator of its head ("as well as imposing")."""
    if token.dep_ not in ("acl", "advcl", "dobj", "pobj"):
        return False
    return any(c.dep_ == "cc" and head.i < c.i < token.i for c in head.children)
