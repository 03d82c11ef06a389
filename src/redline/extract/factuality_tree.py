"""Dependency-tree helpers for factuality: governors (with parse repairs), markers, sources."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from spacy.tokens import Doc, Span, Token

from redline.extract.factuality_cues import CueBook, PartOfSpeech

_HEADS_KEY = "redline.factuality.governors"
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "csubj", "csubjpass", "pcomp"})
MODIFIER_CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "obj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
COPULAS = frozenset({"be", "seem", "appear", "become", "remain", "look", "sound"})
# Dependents that are not part of a source's name ("the NIS, which said ...").
_SOURCE_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "cc", "conj"})
# Linear material allowed between a reporting verb and its "that" (", Friday,").
_BRIDGE_DEPS = frozenset(
    {"punct", "npadvmod", "advmod", "prep", "pobj", "det", "compound", "nummod"})

_NESTED_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "csubj", "xcomp", "relcl", "acl", "conj"})

Governor = tuple[Token, str]


def pos_class(token: Token) -> PartOfSpeech | None:
    """The cue-book part of speech of ``token`` (None for function words)."""
    if token.pos_ in ("VERB", "AUX"):
        return "verb"
    if token.pos_ in ("NOUN", "PROPN"):
        return "noun"
    if token.pos_ == "ADJ":
        return "adjective"
    return None


def governor(token: Token, cues: CueBook) -> Governor | None:
    """(head, relation) of ``token``, with misattached "that"-clauses repaired; None at a root."""
    doc = token.doc
    repaired = doc.user_data.get(_HEADS_KEY)
    if repaired is None:
        repaired = _repair_that_clauses(doc, cues)
        doc.user_data[_HEADS_KEY] = repaired
    if token.i in repaired:
        head_i, dep = repaired[token.i]
        return None if head_i is None else (doc[head_i], dep)
    if token.head.i == token.i:
        return None
    return token.head, token.dep_


def _repair_that_clauses(doc: Doc, cues: CueBook) -> dict[int, tuple[int | None, str]]:
    """Re-attach "V, Friday, that S" where the parser hung V under S instead of S under V."""
    repaired: dict[int, tuple[int | None, str]] = {}
    for clause in doc:
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
        if mark is None:
            continue
        verb = _reporting_verb_before(mark, cues)
        if verb is None or verb == clause.head or not _is_ancestor(clause, verb):
            continue
        old = (None, "ROOT") if clause.head.i == clause.i else (clause.head.i, clause.dep_)
        repaired[verb.i] = old
        repaired[clause.i] = (verb.i, "ccomp")
    return repaired


def _reporting_verb_before(mark: Token, cues: CueBook) -> Token | None:
    for token in reversed(mark.doc[mark.sent.start : mark.i]):
        cue = cues.predicate("verb", token.lemma_, "clause") if pos_class(token) == "verb" else None
        if cue is not None:
            return token
        if token.dep_ not in _BRIDGE_DEPS:
            return None
    return None


def _is_ancestor(ancestor: Token, token: Token) -> bool:
    return any(a.i == ancestor.i for a in token.ancestors)


def children(token: Token, *deps: str) -> Iterator[Token]:
    return (child for child in token.children if child.dep_ in deps)


def is_infinitival(token: Token) -> bool:
    """A "to" + verb clause ("to send", "to be crossed")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" and c.i < token.i for c in token.children)


def has_subject(token: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in token.children)


def clause_markers(token: Token, markers: frozenset[str]) -> str | None:
    """The subordinator of ``token``'s clause when it is one of ``markers`` ("if", "as long as")."""
    for child in token.children:
        if child.dep_ in ("mark", "advmod") and child.i < token.i and child.lower_ in markers:
            return child.lower_
    start = token.left_edge.i
    opening = [t for t in token.doc[start : min(start + 3, token.i)]]
    for size in (3, 2, 1):
        phrase = " ".join(t.lower_ for t in opening[:size])
        if len(opening) >= size and phrase in markers and _own(opening[size - 1], token):
            return phrase
    return None


def _own(word: Token, clause: Token) -> bool:
    """``word`` belongs to ``clause`` itself, not to a clause nested inside it."""
    node = word
    while node.i != clause.i:
        if node.dep_ in _NESTED_CLAUSE_DEPS or node.head.i == node.i:
            return False
        node = node.head
    return True


def noun_phrase(head: Token) -> Span:
    """``head`` with its compounds, possessors and appositions; no clauses, no trailing comma."""
    doc = head.doc
    keep = {head.i}
    stack = [head]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in _SOURCE_CUT_DEPS:
                continue
            keep.add(child.i)
            stack.append(child)
    start = end = head.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    span = doc[start : end + 1]
    while len(span) > 1 and span[-1].is_punct and span[-1].text != ")":
        span = span[:-1]
    return span


def source_of(cue_token: Token, cues: CueBook) -> Span | None:
    """Who asserts through ``cue_token``: subject, agent, possessor, or the governor's subject."""
    subjects = [c for c in cue_token.children if c.dep_ == "nsubj"]
    if subjects:
        return _joined(noun_phrase(subjects[0]), [noun_phrase(s) for s in subjects[1:]])
    for child in cue_token.children:
        if child.dep_ == "poss" and cue_token.pos_ == "NOUN":
            return noun_phrase(child)
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by", "from")):
            agent = next(children(child, "pobj"), None)
            if agent is not None:
                return noun_phrase(agent)
    gov = governor(cue_token, cues)
    if gov is None or has_subject(cue_token) or cue_token.pos_ != "VERB":
        return None
    if gov[1] == "conj" or (gov[1] in ("advcl", "xcomp") and cue_token.tag_ in ("VBG", "VB")):
        return source_of(gov[0], cues)  # "drew a red line, saying that ..."; "said and added"
    return None


def _joined(first: Span, rest: list[Span]) -> Span:
    """A name the parser split into two subjects at a hyphen ("Kim Min-su")."""
    span = first
    for part in rest:
        between = span.doc[span.end : part.start]
        if not all(t.text in "-–" for t in between):
            break
        span = span.doc[span.start : part.end]
    return span


def according_to(token: Token) -> Span | None:
    """The X of an "according to X" attached to ``token``."""
    for child in children(token, "prep"):
        if child.lower_ == "according":
            to = next((c for c in child.children if c.lower_ == "to"), None)
            target = next(children(to, "pobj"), None) if to is not None else None
            if target is not None:
                return noun_phrase(target)
    return None


def first(tokens: Iterator[Token], test: Callable[[Token], Any]) -> Token | None:
    return next((t for t in tokens if test(t)), None)
