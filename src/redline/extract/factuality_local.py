"""Cues on an event's own clause: modals, hedges, negations, modifiers and subordinators."""

from __future__ import annotations

from spacy.tokens import Token

from redline.extract.factuality_cues import CueBook, Grade, grade_of
from redline.extract.factuality_tree import (
    Governor,
    children,
    clause_markers,
    governor,
    has_subject,
    pos_class,
)

_PAST_TAGS = frozenset({"VBD", "VBN"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_MODIFIER_DEPS = ("amod", "compound", "acl")
_PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
_TENSED_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN"})
# Where a participle or gerund hangs with no clause of its own: on a noun, after a preposition.
_BORROWING_DEPS = frozenset({"acl", "pcomp", "pobj"})
_COMPARATIVE_TAGS = frozenset({"JJR", "RBR"})
# Dependents that open a clause of their own, whose words are not the predicate's.
_OWN_CLAUSE_DEPS = frozenset({"ccomp", "relcl", "conj", "parataxis", "csubj", "advcl"})


def local_grades(token: Token, cues: CueBook, gov: Governor | None) -> list[Grade]:
    """Grades set on ``token``'s own clause (negations apart: see ``negation_words``)."""
    grades = modal_grades(token, cues)
    for child in children(token, "advmod", "npadvmod"):
        hedge = cues.hedges.get(child.lower_)
        if hedge is not None and hedge.value > 0:
            grades.append(hedge)
    if pos_class(token) == "noun":
        for child in children(token, *_MODIFIER_DEPS):
            if child.dep_ == "acl" and child.tag_ != "VBN":
                continue
            modifier = cues.noun_modifiers.get(child.lower_)
            if modifier is not None:
                grades.append(modifier)
    grades.extend(marker_grades(token, cues, gov))
    return grades


def borrows_scope(token: Token, cues: CueBook) -> bool:
    """A participle or gerund with no clause of its own: no tense, auxiliary, cue or
    negation on it, and no subject but a gerund's ("there could be soldiers fighting", "the
    idea of soldiers fighting", "accused of faking", "the prospect of China supplying").
    Whatever hedges it is its governor's."""
    if token.tag_ not in _PARTICIPLE_TAGS or token.dep_ not in _BORROWING_DEPS:
        return False
    if token.dep_ != "acl" and token.tag_ != "VBG":  # after a preposition, only a gerund
        return False
    if (has_subject(token) and token.tag_ != "VBG") or any(  # "of China supplying" is a gerund
            True for _ in children(token, "aux", "auxpass")):
        return False
    return not local_grades(token, cues, governor(token, cues)) and not negation_words(
        token, cues)


def plain(token: Token) -> str:
    """``token`` in lower case with its typographic apostrophes (U+2019, as press releases
    write "doesn't" and "we'll") made plain, as the cue book lists them."""
    return token.lower_.replace("\u2019", "'")


def modal_grades(token: Token, cues: CueBook) -> list[Grade]:
    grades: list[Grade] = []
    auxes = list(children(token, "aux", "auxpass"))
    table = cues.modals_perfect if any(a.lemma_ == "have" for a in auxes) else cues.modals
    for aux in auxes:
        if aux.tag_ == "MD" and plain(aux) in table:
            grades.append(table[plain(aux)])
        elif aux.lower_ == "to" and aux.i > 0 and token.doc[aux.i - 1].lower_ == "yet":
            grades.append(grade_of("denied", "yet to"))  # "the line is yet to be crossed"
    return grades


def marker_grades(token: Token, cues: CueBook, gov: Governor | None) -> list[Grade]:
    """Conditionals and open questions: on the antecedent and on the consequent."""
    grades: list[Grade] = []
    clause = _coordinated_clause(token)  # a later conjunct reads its first one's markers
    question = clause_markers(token, cues.question_markers) or (
        clause_markers(clause, cues.question_markers) if clause is not token else None)
    conditional = (clause_markers(clause, cues.conditional_markers) or inverted_condition(
        clause, cues) or postposed_condition(clause, cues)) if is_clause(clause) else None
    if question or (conditional == "if" and clause.dep_ == "ccomp"):
        grades.append(grade_of("unconfirmed", question or "if"))
    elif conditional:
        grades.append(grade_of("conditional", conditional))
    elif gov is not None and gov[1] == "advcl" and is_irrealis(gov[0]):
        marker = clause_markers(token, cues.temporal_markers)
        if marker and not is_past(token):
            grades.append(grade_of("conditional", marker))
    for opener in children(token, "ccomp", "xcomp", "advcl"):  # "would have ... had X sent"
        verb = next(children(opener, "ccomp", "xcomp"), None)
        if verb is not None and postposed_condition(verb, cues) is not None:
            grades.append(grade_of("conditional", opener.lower_))
    for clause in children(token, "advcl", "acomp", "amod", "dep"):
        if clause.lower_ in cues.conditional_ellipses and clause_markers(
                clause, cues.conditional_markers) == "if":  # "would mark, if true, ..."
            grades.append(grade_of("conditional", "if " + clause.lower_))
            continue
        if clause.dep_ != "advcl" or not is_clause(clause):
            continue
        marker = clause_markers(clause, cues.conditional_markers) or inverted_condition(
            clause, cues)
        if marker is None and is_irrealis(token) and not is_past(clause):
            marker = clause_markers(clause, cues.temporal_markers)
        if marker is not None:
            grades.append(grade_of("conditional", marker))
    return grades


def inverted_conditional(token: Token, cues: CueBook) -> bool:
    """``token``'s clause (or the first conjunct whose subordinator it shares) is a condition
    opened by an inverted auxiliary, before its main clause or after it ("Had Russia sent
    the missiles, ...", "would have protested had North Korea tested"): a condition with no
    subordinator."""
    clause = _coordinated_clause(token)
    return is_clause(clause) and (inverted_condition(clause, cues) is not None
                                  or postposed_condition(clause, cues) is not None)


def _coordinated_clause(token: Token) -> Token:
    """The clause whose subordinator ``token`` shares: its first conjunct's when it is a
    verb coordinated without a subject of its own ("if the shell hit the depot and
    destroyed it"), else its own."""
    if token.dep_ == "conj" and pos_class(token) == "verb" and not has_subject(token) and (
            pos_class(token.head) == "verb"):
        head = token.head
        return head.head if tensed_after_infinitive(token, head) else head
    return token


def tensed_after_infinitive(token: Token, head: Token) -> bool:
    """A verb in a past or present form coordinated with a bare "to" infinitive ("failed to
    find a buyer and filed for bankruptcy", "agreed to withdraw and handed over"): it cannot
    continue the infinitive, so it is a clause beside the infinitive's governor. A form
    the same as the bare verb ("vowed to seize the airport and cut the road", "hit",
    "put") may be a second infinitive whatever its tag."""
    return (token.tag_ in _TENSED_TAGS and token.lower_ != token.lemma_.lower()
            and head.tag_ == "VB" and head.head.i != head.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
            and not any(True for _ in children(token, "aux", "auxpass")))


def inverted_condition(token: Token, cues: CueBook) -> str | None:
    """The word that makes an adverbial clause a condition by standing first, before its
    subject, with no subordinator ("Had Russia sent ...", "Should troops cross ...",
    "Were it true ..."; ``inverted_conditionals``); None otherwise. The parse may hang such
    a clause, set before its main clause, as a complement ("Should the talks fail, ...")."""
    opening = token.dep_ == "ccomp" and token.i < token.head.i
    if not (token.dep_ == "advcl" or opening) or any(c.dep_ == "mark" for c in token.children):
        return None
    subjects = [c.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    first = token.left_edge
    if not subjects or first.i >= min(subjects) or first.lower_ not in cues.inverted_conditionals:
        return None
    if first.i != token.i and first.head.i != token.i:
        return None
    return first.lower_


def postposed_condition(token: Token, cues: CueBook) -> str | None:
    """The inverted auxiliary of a condition set after a modal main clause, which the
    parse takes for a verb of its own: "would have protested had North Korea tested" hangs
    "had" on "protested" and "tested" on "had". ``token`` is the condition's verb, its
    subject straight after the auxiliary; None otherwise."""
    opener = token.head
    if token.dep_ not in ("ccomp", "xcomp") or opener.lower_ not in cues.inverted_conditionals:
        return None
    if opener.dep_ not in ("ccomp", "xcomp", "advcl") or opener.head.i > opener.i or not (
            is_irrealis(opener.head)):
        return None
    if token.left_edge.i != opener.i + 1 or any(
            c.dep_ in ("nsubj", "nsubjpass", "mark") and c.i > opener.i for c in opener.children):
        return None
    return opener.lower_


def is_clause(token: Token) -> bool:
    """A clause with a subject or a tense, not a bare "if compared to", "if necessary"."""
    return has_subject(token) or token.tag_ in _FINITE_TAGS or any(
        a.tag_ in _FINITE_TAGS for a in children(token, "aux", "auxpass"))


def is_irrealis(token: Token) -> bool:
    """A clause with a modal ("would consider", "will respond")."""
    return any(a.tag_ == "MD" for a in children(token, "aux", "auxpass"))


def is_past(token: Token) -> bool:
    """A clause in a past tense ("when the iPod was released")."""
    if token.tag_ == "VBD":
        return True
    return any(a.tag_ in _PAST_TAGS and a.lemma_ in ("be", "have") for a in children(
        token, "aux", "auxpass"))


def tense_of(token: Token) -> str | None:
    """"past" or "present" for a tensed verb ("sent", "has sent", "is sending"); None for
    a modal, an infinitive, a gerund or a noun (their time is their governor's)."""
    if pos_class(token) != "verb":
        return None
    auxes = [a for a in children(token, "aux", "auxpass") if a.lower_ != "to"]
    if any(a.tag_ == "MD" for a in auxes):
        return "past" if any(a.lemma_ == "have" for a in auxes) else None
    tags = {token.tag_, *(a.tag_ for a in auxes)}
    if "VBD" in tags or (token.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes)):
        return "past"
    if tags & {"VBZ", "VBP"}:
        return "present"
    return None


def negation_words(token: Token, cues: CueBook) -> list[str]:
    """Words that deny ``token``'s clause: "not", "never", "no" (on a noun), "nearly"."""
    words: list[str] = []
    doc = token.doc
    for child in token.children:
        word = plain(child)
        hedge = cues.hedges.get(word)
        if child.dep_ == "advmod" and hedge is not None and hedge.value < 0:
            words.append(child.text)
            continue
        if word not in cues.negations:
            continue
        if child.i + 1 < len(doc) and doc[child.i + 1].lower_ == "only":  # "not only ... but"
            continue
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no") or child.dep_ in (
            "nsubj", "nsubjpass"):
            words.append(child.text)
    determiners = _subject_determiners(token, cues.negative_determiners)
    words += [d.text for d in determiners]
    subjects = [*(d.head for d in determiners), *(
        s for s in children(token, "nsubj", "nsubjpass") if s.lower_ in cues.negations)]
    if words and (compared(token, cues) or any(excepted(s, cues) for s in subjects)):
        return []  # "No country has sent more aid than the US": aid was sent
    return words


def compared(token: Token, cues: CueBook) -> bool:
    """``token``'s clause is a comparison: a comparative (tag JJR or RBR) on the predicate or
    on one of its arguments, and a ``comparison_markers`` word after it in the clause ("sent
    more aid than the US", "fought harder than", "done more to help than", "did not send
    more than 100 troops")."""
    comparatives = [c.i for c in _clause_words(token) if c.tag_ in _COMPARATIVE_TAGS]
    return bool(comparatives) and any(
        t.lower_ in cues.comparison_markers and t.i > min(comparatives)
        for t in token.subtree if _in_clause(t, token))


def excepted(subject: Token, cues: CueBook) -> bool:
    """A negated subject with an exception ("No one except the marines", "no country other
    than the US", "nobody else but"): the rest of it did what the clause says."""
    for child in subject.children:
        if child.lower_ not in cues.exceptives:
            continue
        if child.dep_ == "prep" or any(c.lower_ in cues.comparison_markers
                                       for c in child.children):
            return True
    return False


def _clause_words(token: Token) -> list[Token]:
    """``token`` and its dependents and theirs, within its clause."""
    found = [token]
    for child in token.children:
        if child.dep_ in _OWN_CLAUSE_DEPS:
            continue
        found.append(child)
        found += [c for c in child.children if c.dep_ not in _OWN_CLAUSE_DEPS]
    return found


def _in_clause(word: Token, token: Token) -> bool:
    """``word`` is in ``token``'s clause: no clause with a subject of its own between them."""
    node = word
    while node.i != token.i:
        if has_subject(node):
            return False
        node = node.head
    return True


def _subject_determiners(token: Token, determiners: frozenset[str]) -> list[Token]:
    """The negative determiners of ``token``'s subject ("No one was hurt", "neither side
    fired"): the clause is denied as if "not" stood on its verb."""
    if pos_class(token) != "verb":
        return []
    return [d for subject in children(token, "nsubj", "nsubjpass")
            for d in children(subject, "det", "preconj") if d.lower_ in determiners]
